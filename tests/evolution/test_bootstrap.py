"""One document resample per replicate for many ratios: reproducible, cell-wise coherent."""

from __future__ import annotations

import math

import numpy as np
import pytest

from corpus_mining.evolution import bootstrap
from corpus_mining.evolution.bootstrap import ratio_intervals


def test_each_cell_gets_the_interval_it_would_get_alone_and_a_seed_repeats():
    rng = np.random.default_rng(5)
    num = rng.poisson(2.0, size=(40, 6)).astype(float)
    den = rng.integers(100, 1000, size=40).astype(float)
    together = ratio_intervals(num, den, n_boot=500, seed=11, scale=10_000)
    for j in range(num.shape[1]):
        alone = ratio_intervals(num[:, j], den, n_boot=500, seed=11, scale=10_000)
        assert (alone.low[0], alone.high[0]) == (together.low[j], together.high[j])
    assert together.value == pytest.approx(num.sum(axis=0) / den.sum() * 10_000)
    assert np.all(together.low <= together.value) and np.all(together.value <= together.high)
    again = ratio_intervals(num, den, n_boot=500, seed=11, scale=10_000)
    assert np.array_equal(again.low, together.low) and np.array_equal(again.high, together.high)
    other = ratio_intervals(num, den, n_boot=500, seed=12, scale=10_000)
    assert not np.array_equal(other.low, together.low)


def test_percentile_interval_covers_the_true_rate_about_as_often_as_it_claims():
    rng = np.random.default_rng(2)
    covered = 0
    for _ in range(150):
        words = rng.integers(500, 3000, size=30).astype(float)
        counts = rng.poisson(words * 0.002)
        interval = ratio_intervals(counts, words, n_boot=400, seed=0)
        covered += interval.low[0] <= 0.002 <= interval.high[0]
    assert 0.88 <= covered / 150 <= 0.99


def test_undefined_and_degenerate_cells():
    num = np.array([[0.0, 1.0, 2.0], [0.0, 0.0, 3.0], [0.0, 0.0, 1.0]])
    den = np.array([[0.0, 1.0, 2.0], [0.0, 1.0, 3.0], [0.0, 0.0, 1.0]])
    out = ratio_intervals(num, den, n_boot=200, seed=0)
    assert np.isnan(out.value[0]) and np.isnan(out.low[0]) and np.isnan(out.high[0])
    assert out.value[1] == 0.5 and 0 <= out.low[1] <= out.high[1] <= 1  # some draws: no words
    assert out.value[2] == out.low[2] == out.high[2] == 1.0
    one = ratio_intervals([[3.0]], [[4.0]], n_boot=50)
    assert (one.value[0], one.low[0], one.high[0]) == (0.75, 0.75, 0.75)
    with pytest.raises(ValueError, match="shapes"):
        ratio_intervals(np.ones((3, 2)), np.ones((2, 2)))
    with pytest.raises(ValueError, match="non-negative"):
        ratio_intervals([1.0, -1.0], [1.0, 1.0])


# --- one cell: a rate, a share of documents, a share of a total -----------------------------

BASE_RATE = 5e-4  # 5 occurrences per 10 000 words


def _period(rng, n_docs, rate=BASE_RATE):
    words = rng.integers(500, 5000, n_docs)
    return rng.poisson(rate * words), words


def _cell(num, den, **options):
    """(value, low, high) of a single cell."""
    out = ratio_intervals(num, den, **options)
    return float(out.value[0]), float(out.low[0]), float(out.high[0])


def _rate(counts, words, **options):
    """Occurrences per 10,000 words, as the trend tables give them."""
    return _cell(counts, words, scale=10_000, **options)


def test_rate_interval_contains_point_estimate_in_rate_units():
    counts, words = _period(np.random.default_rng(1), 60)
    value, low, high = _rate(counts, words)
    assert value == pytest.approx(counts.sum() / words.sum() * 10_000)
    assert low <= value <= high
    per_word = _cell(counts, words)
    assert per_word[0] == pytest.approx(value / 10_000)


def test_rate_interval_narrows_with_more_documents():
    rng = np.random.default_rng(2)
    _, few_low, few_high = _rate(*_period(rng, 20))
    _, many_low, many_high = _rate(*_period(rng, 500))
    assert many_high - many_low < (few_high - few_low) / 2


def test_same_seed_same_interval_other_seed_differs():
    counts, words = _period(np.random.default_rng(3), 50)
    assert _rate(counts, words, seed=7) == _rate(counts, words, seed=7)
    intervals = {_rate(counts, words, seed=seed) for seed in range(5)}
    assert len(intervals) > 1


def test_wider_confidence_gives_wider_interval():
    counts, words = _period(np.random.default_rng(4), 50)
    _, narrow_low, narrow_high = _rate(counts, words, alpha=0.2)
    _, wide_low, wide_high = _rate(counts, words, alpha=0.01)
    assert wide_low <= narrow_low and narrow_high <= wide_high


def test_empty_or_wordless_input_is_undefined_not_an_error():
    for result in (
        _rate([], []),
        _rate([0, 0], [0, 0]),
        _cell([], []),
        _cell([0, 0], [0, 0]),
    ):
        assert all(math.isnan(x) for x in result)


def test_bad_arguments_raise():
    with pytest.raises(ValueError, match="shapes"):
        _rate([1, 2], [10])
    with pytest.raises(ValueError, match="non-negative"):
        _rate([-1], [10])
    with pytest.raises(ValueError, match="alpha"):
        _cell([1.0], [1.0], alpha=1.5)
    with pytest.raises(ValueError, match="n_boot"):
        _cell([1.0], [1.0], n_boot=0)


def test_share_of_documents_is_a_proportion_with_an_interval_inside_0_1():
    present = np.random.default_rng(5).random(80) < 0.3
    value, low, high = _cell(present.astype(float), np.ones(present.size))
    assert value == pytest.approx(present.mean())
    assert 0 <= low <= value <= high <= 1
    assert _cell(np.ones(10), np.ones(10)) == (1.0, 1.0, 1.0)


def test_share_of_total_is_a_ratio_of_sums():
    rng = np.random.default_rng(6)
    member = rng.poisson(2, 60)
    total = member + rng.poisson(3, 60)
    value, low, high = _cell(member, total)
    assert value == pytest.approx(member.sum() / total.sum())
    assert 0 <= low <= value <= high <= 1


def test_large_inputs_are_bootstrapped_in_chunks(monkeypatch):
    counts, words = _period(np.random.default_rng(8), 300)
    whole = _rate(counts, words, n_boot=200)
    monkeypatch.setattr(bootstrap, "_MAX_WEIGHTS", 1000)  # 3 replicates at a time
    chunked = _rate(counts, words, n_boot=200)
    assert chunked == whole  # the same draws, whatever the chunk size


def test_bootstrap_is_a_paired_percentile_bootstrap_of_the_ratio_of_sums():
    from scipy.stats import bootstrap as scipy_bootstrap

    counts, words = _period(np.random.default_rng(15), 40)
    _, low, high = _cell(counts, words, n_boot=500, seed=3)
    theirs = scipy_bootstrap(
        (counts, words),
        lambda n, w, axis=-1: n.sum(axis=axis) / w.sum(axis=axis),
        paired=True,
        n_resamples=500,
        method="percentile",
        rng=np.random.default_rng(3),
    ).confidence_interval
    assert (low, high) == pytest.approx((theirs.low, theirs.high))


def test_one_document_or_resamples_without_words_still_give_an_interval():
    assert _rate([3], [1000]) == (30.0, 30.0, 30.0)
    value, low, high = _cell([1, 0, 0, 0], [2, 0, 0, 0], n_boot=200)
    assert value == 0.5 and low == high == 0.5  # nan resamples left out
