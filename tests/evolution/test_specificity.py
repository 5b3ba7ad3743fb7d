import math
from collections import Counter

import numpy as np
import pytest
from scipy.stats import chi2_contingency

from corpus_mining.evolution.specificity import emerging_and_fading, specificities
from corpus_mining.statistics import lafon_tests, log_likelihood

from helpers import scipy_lafon_specificity

N, K, n = 10_000, 50, 1_000  # expected occurrences in the part: 5


def lafon_specificity(k, K, n, N):
    """The pipeline's score of one table (``lafon_tests`` on a batch of one)."""
    return float(lafon_tests([k], [K], [n], [N])[0][0])


def _brute_force(k, K, n, N):
    """Signed specificity from exact binomial coefficients."""
    pmf = [math.comb(K, x) * math.comb(N - K, n - x) / math.comb(N, n) for x in range(K + 1)]
    if k >= n * K / N:
        return -math.log10(sum(pmf[k:]))
    return math.log10(sum(pmf[: k + 1]))


def test_term_at_its_expected_rate_scores_about_zero():
    assert abs(lafon_specificity(5, K, n, N)) < 0.5
    assert log_likelihood(5, K, n, N) == pytest.approx(0.0, abs=1e-9)


def test_over_use_positive_under_use_negative_and_monotone():
    over = [lafon_specificity(k, K, n, N) for k in range(6, 40)]
    under = [lafon_specificity(k, K, n, N) for k in range(4, -1, -1)]
    assert all(s > 0 for s in over) and all(s < 0 for s in under)
    assert over == sorted(over) and len(set(over)) == len(over)
    assert under == sorted(under, reverse=True)
    g2_over = [log_likelihood(k, K, n, N) for k in range(6, 40)]
    assert g2_over == sorted(g2_over)


@pytest.mark.parametrize("k", range(0, 31))
def test_g2_sign_agrees_with_specificity(k):
    spec, g2 = lafon_specificity(k, K, n, N), log_likelihood(k, K, n, N)
    if k != 5:
        assert math.copysign(1, spec) == math.copysign(1, g2)


@pytest.mark.parametrize(
    ("k", "K", "n", "N"),
    [(0, 4, 5, 20), (3, 4, 5, 20), (1, 4, 5, 20), (6, 10, 12, 40), (2, 10, 12, 40)],
)
def test_lafon_matches_brute_force_hypergeometric_sum(k, K, n, N):
    assert lafon_specificity(k, K, n, N) == pytest.approx(
        _brute_force(k, K, n, N), rel=1e-9, abs=1e-12
    )


def test_g2_matches_scipy_log_likelihood_test():
    for k in (0, 2, 9, 20):
        table = [[k, K - k], [n - k, N - n - (K - k)]]
        g = chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
        assert abs(log_likelihood(k, K, n, N)) == pytest.approx(g, rel=1e-9)


def test_extreme_scores_are_capped_and_degenerate_tables_are_zero():
    assert lafon_specificity(5000, 5000, 10_000, 1_000_000) == 300.0
    assert lafon_specificity(0, 5000, 500_000, 1_000_000) == -300.0
    assert lafon_specificity(0, 0, 100, 1000) == 0.0
    assert lafon_specificity(0, 0, 0, 0) == 0.0
    # a term everywhere: its tail is summed in floating point, so 0 to within rounding
    assert lafon_specificity(7, 7, 1000, 1000) == pytest.approx(0.0, abs=1e-12)
    assert log_likelihood(0, 0, 0, 0) == 0.0


def test_impossible_tables_raise():
    for args in [(6, 5, 10, 100), (3, 5, 2, 100), (-1, 5, 10, 100), (0, 5, 96, 100)]:
        with pytest.raises(ValueError, match="impossible"):
            lafon_specificity(*args)


def _planted_corpus(seed=0):
    """Three periods of background vocabulary plus planted rising/falling/stable terms."""
    rng = np.random.default_rng(seed)
    vocab = [f"w{i:02d}" for i in range(60)]
    probs = rng.dirichlet(np.ones(len(vocab)))
    planted = {
        "2005-2011": {"district": 60, "tiers-lieu": 2, "pôle": 60, "hub": 2},
        "2012-2018": {"district": 30, "tiers-lieu": 30, "pôle": 30, "hub": 30},
        "2019-2025": {"district": 2, "tiers-lieu": 60, "pôle": 2, "hub": 60},
    }
    corpus = {}
    for part, extra in planted.items():
        background = rng.multinomial(5000, probs)
        corpus[part] = {w: int(c) for w, c in zip(vocab, background, strict=True)} | extra
    return corpus


def test_specificities_rows_cover_every_part_and_are_sorted():
    corpus = _planted_corpus()
    rows = specificities(corpus, min_frequency=5)
    totals = Counter()
    for counts in corpus.values():
        totals.update(counts)
    kept = {t for t, c in totals.items() if c >= 5}
    assert {(r["part"], r["term"]) for r in rows} == {(p, t) for p in corpus for t in kept}
    keys = [(r["part"], -r["specificity"], r["term"]) for r in rows]
    assert keys == sorted(keys)
    for row in rows:
        assert row["corpus_size"] == sum(sum(c.values()) for c in corpus.values())
        assert row["expected"] == pytest.approx(
            row["part_size"] * row["corpus_frequency"] / row["corpus_size"]
        )
        assert row["g2"] == 0 or math.copysign(1, row["g2"]) == math.copysign(1, row["specificity"])


def test_specificities_min_frequency_part_sizes_and_empty_input():
    assert specificities({}) == []
    assert specificities({"a": {}, "b": {}}) == []
    rows = specificities({"a": {"hub": 3}, "b": {"hub": 1, "rare": 1}}, min_frequency=2)
    assert {r["term"] for r in rows} == {"hub"}
    assert [r["frequency"] for r in sorted(rows, key=lambda r: r["part"])] == [3, 1]
    sized = specificities(
        {"a": {"hub": 3}, "b": {"hub": 1}}, min_frequency=1, part_sizes={"a": 100, "b": 100}
    )
    assert {r["corpus_size"] for r in sized} == {200}
    with pytest.raises(ValueError, match="holds"):
        specificities({"a": {"hub": 3}}, part_sizes={"a": 2})


def test_emerging_and_fading_pick_planted_terms():
    corpus = _planted_corpus()
    rows = specificities(corpus)
    result = emerging_and_fading(rows, list(corpus), top_n=5)
    assert result["emerging"][:2] == ["hub", "tiers-lieu"]  # tied scores break by term
    assert result["fading"][:2] == ["district", "pôle"]
    assert not set(result["emerging"]) & set(result["fading"])
    assert emerging_and_fading(rows, list(corpus), top_n=1) == {
        "emerging": ["hub"],
        "fading": ["district"],
    }


def test_emerging_and_fading_needs_two_parts():
    rows = specificities(_planted_corpus())
    assert emerging_and_fading(rows, ["2005-2011"]) == {"emerging": [], "fading": []}
    assert emerging_and_fading([], ["a", "b"]) == {"emerging": [], "fading": []}


def test_vectorised_rows_hold_the_scalar_scores():
    corpus = {
        "early": {"cluster": 30, "pole": 12, "hub": 1, "and": 300},
        "late": {"cluster": 4, "pole": 2, "hub": 25, "and": 280, "rare": 1},
    }
    for row in specificities(corpus, min_frequency=1):
        table = (row["frequency"], row["corpus_frequency"], row["part_size"], row["corpus_size"])
        assert row["specificity"] == pytest.approx(scipy_lafon_specificity(*table), abs=1e-6)
        assert row["g2"] == pytest.approx(log_likelihood(*table), rel=1e-12, abs=1e-12)
        assert row["expected"] == pytest.approx(table[2] * table[1] / table[3])


@pytest.mark.parametrize("corpus_size", [12, 900, 20_000])
def test_hypergeometric_tails_agree_with_scipy(corpus_size):
    from scipy.stats import hypergeom

    from corpus_mining.statistics import _log_tails

    rng = np.random.default_rng(corpus_size)
    K = rng.integers(1, max(2, corpus_size // 3), 200)
    n = rng.integers(1, corpus_size, 200)
    low, high = np.maximum(0, n + K - corpus_size), np.minimum(n, K)
    k = np.minimum(low + (rng.random(200) * (high - low + 1)).astype(np.int64), high)
    N = np.full(200, corpus_size)
    over = k * N >= n * K
    found = _log_tails(k, K, n, N, over)
    expected = np.where(over, hypergeom.logsf(k - 1, N, K, n), hypergeom.logcdf(k, N, K, n))
    np.testing.assert_allclose(found, np.minimum(expected, 0.0), rtol=1e-10, atol=1e-10)
