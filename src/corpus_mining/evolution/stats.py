"""Trend tests for concept use over time: quasi-Poisson slopes, Mann-Kendall with Sen's slope.

The trend tests work on one entry per *document*: documents, not tokens, are the independent
units, so the tests account for the clumping of mentions within documents. The document
bootstrap of rates and shares is :mod:`corpus_mining.evolution.bootstrap`'s.

References:
    McCullagh, P., & Nelder, J. A. (1989). Generalized Linear Models (2nd ed.). Chapman & Hall.
    Mann, H. B. (1945). Nonparametric tests against trend. Econometrica, 13(3), 245-259.
    Kendall, M. G. (1975). Rank Correlation Methods (4th ed.). Griffin.
    Sen, P. K. (1968). Estimates of the regression coefficient based on Kendall's tau.
    JASA, 63(324), 1379-1389.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy.special import ndtr, ndtri

from corpus_mining.evolution.poisson import poisson_slopes

Array = npt.NDArray[np.float64]
Direction = Literal["rising", "falling", "flat"]

_MAX_ITER = 50  # IRLS iterations and deviance tolerance of the Poisson fits
_TOL = 1e-8


@dataclass(frozen=True)
class Trend:
    """A fitted trend: slope per time unit, its interval, test p-value and verdict."""

    slope: float
    ci_low: float
    ci_high: float
    p_value: float
    direction: Direction
    method: str
    n_docs: int


def trend_test(
    times: npt.ArrayLike, counts: npt.ArrayLike, words: npt.ArrayLike, *, alpha: float = 0.05
) -> Trend:
    """Document-level quasi-Poisson trend: ``log E[count] = a + b * time + log(words)``.

    ``slope`` is ``b`` per unit of ``times`` (e.g. years), on the log scale: ``exp(b)`` is the
    multiplicative change in the rate per unit. The Wald interval uses the Pearson dispersion
    (chi² / (n - 2), floored at 1), so overdispersed counts widen it; ``direction`` is
    "rising"/"falling" when the interval excludes 0. Documents with zero words are dropped.

    Degenerate cases never raise: all counts zero gives slope 0, p 1, "flat" (interval nan);
    fewer than 3 documents or a single distinct time gives "flat", nan slope and interval,
    p 1, ``method`` "insufficient data". When the fit does not exist (all mentions at the
    first or last time: separation) or IRLS fails to converge, falls back to
    :func:`mann_kendall` on per-time rates (occurrences per word) and says so in ``method``;
    the slope is then Sen's slope of that rate, not a log-rate slope.

    Args:
        times: Date of each document (e.g. year, possibly fractional).
        counts: Occurrences in each document.
        words: Word count of each document (the exposure).
        alpha: 1 - confidence level.

    Returns:
        The fitted :class:`Trend`.

    References:
        McCullagh & Nelder (1989): IRLS fitting; ch. 9, quasi-likelihood.
    """
    y = _vector(counts, "counts")
    return trend_tests(times, y[:, None], words, alpha=alpha)[0]


def trend_tests(
    times: npt.ArrayLike, counts: npt.ArrayLike, words: npt.ArrayLike, *, alpha: float = 0.05
) -> list[Trend]:
    """:func:`trend_test` of every column of ``counts`` (documents x columns) at once.

    The columns share the documents' times and words, so their GLMs are fitted together
    (:func:`~corpus_mining.evolution.poisson.poisson_slopes`); each result is the one
    :func:`trend_test` gives the column alone.

    Args:
        times: Date of each document.
        counts: Occurrences, documents x columns.
        words: Word count of each document (the exposure).
        alpha: 1 - confidence level.

    Returns:
        One :class:`Trend` per column.
    """
    _check_alpha(alpha)
    t, w = _vector(times, "times", nonnegative=False), _vector(words, "words")
    y = np.asarray(counts, dtype=np.float64)
    if y.ndim != 2 or not np.all(np.isfinite(y)) or np.any(y < 0):
        raise ValueError("counts must be a finite, non-negative documents x columns array")
    _same_length(times=t, counts=y[:, 0] if y.shape[1] else np.zeros(len(y)), words=w)
    keep = w > 0
    t, y, w = t[keep], y[keep], w[keep]
    n = int(t.size)
    if n < 3 or np.unique(t).size < 2:
        return [_insufficient(n) for _ in range(y.shape[1])]
    results: list[Trend | None] = [None] * y.shape[1]
    to_fit = []
    for j in range(y.shape[1]):
        if not y[:, j].any():
            results[j] = Trend(0.0, math.nan, math.nan, 1.0, "flat", "no occurrences", n)
        elif _separated(t, y[:, j]):  # the Poisson MLE does not exist
            results[j] = _fallback(t, y[:, j], w, alpha=alpha, n_docs=n)
        else:
            to_fit.append(j)
    fits = poisson_slopes(t, y[:, to_fit], np.log(w), max_iter=_MAX_ITER, tol=_TOL)
    for k, j in enumerate(to_fit):
        results[j] = (
            _wald_trend(float(fits.slope[k]), float(fits.se[k]), alpha=alpha,
                        method="quasi-poisson", n_docs=n)
            if fits.fitted[k]
            else _fallback(t, y[:, j], w, alpha=alpha, n_docs=n)
        )  # fmt: skip
    return [r for r in results if r is not None]


def mann_kendall(times: npt.ArrayLike, values: npt.ArrayLike, *, alpha: float = 0.05) -> Trend:
    """Mann-Kendall test with Sen's slope, tie-corrected, normal approximation.

    ``S`` counts concordant minus discordant pairs (pairs tied in time count 0); its variance
    uses Kendall's correction for ties in both ``times`` and ``values``; ``z`` has a continuity
    correction. ``slope`` is Sen's median of pairwise slopes with its rank-based interval;
    ``direction`` follows the test (p < ``alpha``, sign of ``S``). Pairs are enumerated, so
    memory grows with n²: pass per-period values, not thousands of documents.

    Args:
        times: Time of each observation.
        values: Observed value (e.g. a rate) at each time.
        alpha: Test level and 1 - confidence level of the slope interval.

    Returns:
        The :class:`Trend`; fewer than 3 observations or a single distinct time gives
        "insufficient data".

    References:
        Mann (1945); Kendall (1975) (variance with ties); Sen (1968).
    """
    # Hand-written on purpose: scipy's kendalltau tests tau-b without the continuity
    # correction of Mann's S, and theilslopes rounds the ranks of Sen's interval.
    _check_alpha(alpha)
    t = _vector(times, "times", nonnegative=False)
    v = _vector(values, "values", nonnegative=False)
    _same_length(times=t, values=v)
    n = int(t.size)
    if n < 3 or np.unique(t).size < 2:
        return _insufficient(n)
    i, j = np.triu_indices(n, k=1)
    dt, dv = t[j] - t[i], v[j] - v[i]
    s = float(np.sum(np.sign(dt) * np.sign(dv)))
    var_s = _kendall_variance(t, v)
    z = 0.0 if var_s <= 0 or s == 0 else (s - math.copysign(1.0, s)) / math.sqrt(var_s)
    p = float(2 * ndtr(-abs(z)))
    timed = dt != 0
    slopes = np.sort(dv[timed] / dt[timed])
    low, high = _sen_interval(slopes, var_s, alpha=alpha)
    direction: Direction = "flat" if p >= alpha else ("rising" if s > 0 else "falling")
    return Trend(float(np.median(slopes)), low, high, p, direction, "mann-kendall", n)


def _wald_trend(slope: float, se: float, *, alpha: float, method: str, n_docs: int) -> Trend:
    """Wald interval and two-sided normal p-value; direction from the interval."""
    if not math.isfinite(se) or se <= 0:
        return Trend(slope, math.nan, math.nan, 1.0, "flat", method, n_docs)
    half = float(ndtri(1 - alpha / 2)) * se
    low, high = slope - half, slope + half
    p = float(2 * ndtr(-(abs(slope) / se)))
    direction: Direction = "rising" if low > 0 else "falling" if high < 0 else "flat"
    return Trend(slope, low, high, p, direction, method, n_docs)


def _separated(t: Array, y: Array) -> bool:
    """True when the Poisson MLE does not exist: all mentions at the first or last time."""
    mentioned = np.unique(t[y > 0])
    return mentioned.size == 1 and mentioned[0] in (t.min(), t.max())


def _fallback(t: Array, y: Array, w: Array, *, alpha: float, n_docs: int) -> Trend:
    """Mann-Kendall on per-time rates (occurrences per word) when the GLM cannot be fitted."""
    times, where = np.unique(t, return_inverse=True)
    rates = np.bincount(where, weights=y) / np.bincount(where, weights=w)
    result = mann_kendall(times, rates, alpha=alpha)
    why = "separation" if _separated(t, y) else "no convergence"
    method = f"{result.method} on per-time rates (quasi-poisson failed: {why})"
    return replace(result, method=method, n_docs=n_docs)


def _kendall_variance(t: Array, v: Array) -> float:
    """Var(S) under H0 with ties in both variables (Kendall 1975)."""
    n = t.size
    u = np.unique(t, return_counts=True)[1].astype(np.float64)
    w = np.unique(v, return_counts=True)[1].astype(np.float64)
    var = (
        n * (n - 1) * (2 * n + 5)
        - np.sum(u * (u - 1) * (2 * u + 5))
        - np.sum(w * (w - 1) * (2 * w + 5))
    ) / 18
    var += (
        np.sum(u * (u - 1) * (u - 2)) * np.sum(w * (w - 1) * (w - 2)) / (9 * n * (n - 1) * (n - 2))
    )
    var += np.sum(u * (u - 1)) * np.sum(w * (w - 1)) / (2 * n * (n - 1))
    return max(0.0, float(var))


def _sen_interval(slopes: Array, var_s: float, *, alpha: float) -> tuple[float, float]:
    """Rank-based interval of Sen's slope: the ((N - C)/2)th and ((N + C)/2 + 1)th slopes."""
    c = float(ndtri(1 - alpha / 2)) * math.sqrt(var_s)
    m = slopes.size
    ranks = np.arange(m, dtype=np.float64)
    low = float(np.interp((m - c) / 2 - 1, ranks, slopes))
    high = float(np.interp((m + c) / 2, ranks, slopes))
    return low, high


def _insufficient(n_docs: int) -> Trend:
    method = "insufficient data (need >= 3 documents and >= 2 distinct times)"
    return Trend(math.nan, math.nan, math.nan, 1.0, "flat", method, n_docs)


def _vector(values: npt.ArrayLike, name: str, *, nonnegative: bool = True) -> Array:
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {array.shape}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite")
    if nonnegative and np.any(array < 0):
        raise ValueError(f"{name} must be non-negative")
    return array


def _same_length(**arrays: Array) -> None:
    sizes = {name: array.size for name, array in arrays.items()}
    if len(set(sizes.values())) > 1:
        raise ValueError(f"arrays differ in length: {sizes}")


def _check_alpha(alpha: float) -> None:
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be in (0, 1), got {alpha}")
