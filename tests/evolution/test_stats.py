import math

import numpy as np
import pytest

from corpus_mining.evolution import stats
from corpus_mining.evolution.stats import mann_kendall, trend_test, trend_tests

TRUE_SLOPE = 0.08
BASE_RATE = 5e-4  # 5 occurrences per 10 000 words


def _documents(seed, slope, *, n_docs=40, overdispersion=None):
    """Dated documents 2005-2025 with a log-linear rate; negative binomial if overdispersion."""
    rng = np.random.default_rng(seed)
    times = rng.uniform(2005, 2025, n_docs)
    words = rng.integers(2000, 6000, n_docs)
    mean = BASE_RATE * words * np.exp(slope * (times - 2005))
    if overdispersion is None:
        counts = rng.poisson(mean)
    else:  # variance = mean + mean² / size
        counts = rng.negative_binomial(overdispersion, overdispersion / (overdispersion + mean))
    return times, counts, words


# --- trend_test ------------------------------------------------------------------------------


def test_rising_rate_is_detected_and_ci_covers_true_slope():
    trends = [trend_test(*_documents(seed, TRUE_SLOPE)) for seed in range(50)]
    rising = sum(t.direction == "rising" and t.p_value < 0.05 for t in trends)
    covered = sum(t.ci_low <= TRUE_SLOPE <= t.ci_high for t in trends)
    assert rising >= 40
    assert covered >= 40
    assert all(t.method == "quasi-poisson" and t.n_docs == 40 for t in trends)


def test_constant_rate_is_mostly_flat():
    trends = [trend_test(*_documents(seed, 0.0)) for seed in range(50)]
    false_positives = sum(t.direction != "flat" for t in trends)
    assert false_positives <= 10
    assert all(t.ci_low <= t.slope <= t.ci_high for t in trends)


def test_falling_rate_is_detected():
    trend = trend_test(*_documents(0, -TRUE_SLOPE, n_docs=80))
    assert trend.direction == "falling"
    assert trend.ci_high < 0


def test_overdispersion_widens_the_interval():
    def width(trend):
        return trend.ci_high - trend.ci_low

    poisson = [width(trend_test(*_documents(s, TRUE_SLOPE))) for s in range(20)]
    negbin = [width(trend_test(*_documents(s, TRUE_SLOPE, overdispersion=1.0))) for s in range(20)]
    assert np.median(negbin) > 1.5 * np.median(poisson)


def test_slope_is_per_time_unit():
    times, counts, words = _documents(9, TRUE_SLOPE, n_docs=200)
    years = trend_test(times, counts, words)
    months = trend_test(times * 12, counts, words)
    assert months.slope == pytest.approx(years.slope / 12, rel=1e-6)
    assert months.p_value == pytest.approx(years.p_value, rel=1e-6)


def test_all_zero_counts_are_flat():
    times, _, words = _documents(10, 0.0)
    trend = trend_test(times, np.zeros_like(words), words)
    assert (trend.slope, trend.p_value, trend.direction) == (0.0, 1.0, "flat")


@pytest.mark.parametrize(
    ("times", "counts", "words"),
    [
        ([2010, 2010, 2010, 2010], [1, 3, 0, 2], [900, 1000, 800, 1200]),  # a single year
        ([2010, 2020], [1, 5], [1000, 1000]),  # two documents
        ([], [], []),
        ([2010, 2015, 2020], [1, 2, 3], [1000, 0, 0]),  # wordless documents are dropped
    ],
)
def test_insufficient_data_is_flat_with_undefined_interval(times, counts, words):
    trend = trend_test(times, counts, words)
    assert trend.direction == "flat"
    assert trend.p_value == 1.0
    assert math.isnan(trend.ci_low) and math.isnan(trend.ci_high)
    assert "insufficient data" in trend.method


def test_separation_falls_back_to_mann_kendall():
    times = np.repeat(np.arange(2005, 2025), 2)
    words = np.full(times.size, 1000)
    counts = np.where(times == 2024, 5, 0)  # every mention in the last year: no finite MLE
    trend = trend_test(times, counts, words)
    assert trend.method.startswith("mann-kendall")
    assert "separation" in trend.method
    assert trend.n_docs == times.size


def test_non_convergence_falls_back_to_mann_kendall(monkeypatch):
    monkeypatch.setattr(stats, "_MAX_ITER", 1)
    trend = trend_test(*_documents(11, TRUE_SLOPE))
    assert "no convergence" in trend.method
    assert trend.direction == "rising"


# --- mann_kendall ----------------------------------------------------------------------------


def test_sen_slope_is_exact_for_a_line():
    years = np.arange(2005, 2025)
    trend = mann_kendall(years, 3.0 - 0.25 * years)
    assert trend.slope == pytest.approx(-0.25)
    assert trend.ci_low == pytest.approx(-0.25) and trend.ci_high == pytest.approx(-0.25)
    assert trend.direction == "falling"


def test_mann_kendall_detects_noisy_monotone_series():
    rng = np.random.default_rng(12)
    years = np.arange(2005, 2025)
    trend = mann_kendall(years, np.log1p(years - 2004) + rng.normal(0, 0.1, years.size))
    assert trend.direction == "rising"
    assert trend.p_value < 0.01
    assert trend.ci_low <= trend.slope <= trend.ci_high


def test_mann_kendall_handles_ties_and_noise():
    years = np.arange(2005, 2025)
    assert mann_kendall(years, np.ones(years.size)).direction == "flat"
    assert mann_kendall(years, np.ones(years.size)).p_value == 1.0
    noise = np.random.default_rng(13).integers(0, 3, years.size).astype(float)  # many ties
    trend = mann_kendall(np.repeat(years, 2), np.tile(noise, 2))
    assert 0 <= trend.p_value <= 1
    assert trend.method == "mann-kendall"


def test_mann_kendall_insufficient_data():
    assert "insufficient data" in mann_kendall([2010, 2011], [1.0, 2.0]).method
    assert "insufficient data" in mann_kendall([2010] * 5, [1.0, 2, 3, 4, 5]).method


def test_quasi_poisson_interval_is_statsmodels_x2_scale_when_overdispersed():
    import statsmodels.api as sm

    times, counts, words = _documents(14, TRUE_SLOPE, n_docs=120, overdispersion=1.0)
    trend = trend_test(times, counts, words)
    x = sm.add_constant(times - times.mean())
    fit = sm.GLM(counts, x, family=sm.families.Poisson(), offset=np.log(words)).fit(scale="X2")
    assert fit.scale > 1
    assert trend.slope == pytest.approx(fit.params[1], rel=1e-6)
    half = 1.959964 * fit.bse[1]
    assert (trend.ci_low, trend.ci_high) == pytest.approx(
        (fit.params[1] - half, fit.params[1] + half), rel=1e-5
    )


# --- trend_tests: the batched fits are statsmodels' fits ----------------------------------------


def test_batched_fits_match_statsmodels_glm_column_by_column():
    import statsmodels.api as sm

    from corpus_mining.evolution.poisson import poisson_slopes

    rng = np.random.default_rng(11)
    times = rng.integers(2005, 2025, 60).astype(float)
    words = rng.integers(200, 5000, 60).astype(float)
    rates = np.exp(-7 + np.outer(times - times.mean(), [0.0, 0.05, -0.08, 0.2]))
    counts = rng.poisson(rates * words[:, None] * rng.gamma(2.0, 0.5, (60, 4)))
    fits = poisson_slopes(times, counts.astype(float), np.log(words))
    x = np.column_stack([np.ones_like(times), times - times.mean()])
    for j in range(counts.shape[1]):
        glm = sm.GLM(counts[:, j], x, family=sm.families.Poisson(), offset=np.log(words))
        fit = glm.fit(maxiter=50, tol=1e-8)
        dispersion = max(1.0, float(fit.pearson_chi2) / float(fit.df_resid))
        assert fits.fitted[j]
        np.testing.assert_allclose(fits.slope[j], fit.params[1], rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(fits.se[j], fit.bse[1] * np.sqrt(dispersion), rtol=1e-9)


def test_trend_tests_give_each_column_its_own_trend_test():
    times, counts, words = _documents(3, TRUE_SLOPE)
    columns = np.column_stack([counts, np.zeros_like(counts), counts[::-1], counts * 0 + 1])
    batched = trend_tests(times, columns, words)
    assert batched == [trend_test(times, column, words) for column in columns.T]
    assert batched[1].method == "no occurrences"
