"""One document resample per replicate for many ratios: reproducible, cell-wise coherent."""

from __future__ import annotations

import numpy as np
import pytest

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
