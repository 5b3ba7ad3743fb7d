"""Statistics of a 2x2 contingency table (a term in a part vs the rest of the corpus).

Shared by nlp (co-occurrence scores) and evolution (period specificities), so neither
package imports the other for them.

References:
    Lafon, P. (1980). Sur la variabilité de la fréquence des formes dans un corpus.
    Mots, 1, 127-165.
    Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
    Computational Linguistics, 19(1), 61-74.
    Rayson, P., & Garside, R. (2000). Comparing corpora using frequency profiling.
    Proceedings of the Workshop on Comparing Corpora, ACL, 1-6.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt

# -log10 of the smallest probabilities worth distinguishing; beyond this scores are "huge".
_CAP = 300.0
_LN10 = math.log(10)
# A tail's terms are summed until the next one adds less than this, relative to the sum.
_NEGLIGIBLE = 1e-18


def lafon_tests(
    k: npt.ArrayLike, K: npt.ArrayLike, n: npt.ArrayLike, N: npt.ArrayLike
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Signed Lafon specificity (capped at ±300) and a two-sided p-value of each 2x2 table.

    With ``X ~ Hypergeometric(N, K, n)`` the number of occurrences a random part of ``n``
    tokens would hold, the score is ``-log10 P(X >= k)`` when ``k`` is at or above its
    expectation ``n K / N`` (over-use, positive) and ``log10 P(X <= k)`` below it (under-use,
    negative). Scores within about ±2 are banal. The p-value is twice the tail probability
    on the observed side (``10 ** -|score|`` before the cap), capped at 1; degenerate tables
    (``N == 0``) score 0 with p 1.

    Args:
        k: Occurrences of each term in its part.
        K: Occurrences of each term in the corpus.
        n: Size of each part in tokens.
        N: Size of each corpus in tokens.

    Returns:
        ``(specificity, p_value)`` arrays, one entry per table.

    Raises:
        ValueError: If some counts are not a possible 2x2 table.

    References:
        Lafon (1980).
    """
    arrays = [np.asarray(a, dtype=np.int64) for a in (k, K, n, N)]
    k_, K_, n_, N_ = np.broadcast_arrays(*arrays)
    bad = (np.minimum.reduce([k_, K_, n_, N_]) < 0) | (K_ > N_) | (n_ > N_)
    bad |= (k_ > np.minimum(K_, n_)) | (K_ - k_ > N_ - n_)
    if bad.any():
        i = int(np.argmax(bad))
        raise ValueError(f"impossible counts: k={k_[i]}, K={K_[i]}, n={n_[i]}, N={N_[i]}")
    over = k_ * N_ >= n_ * K_
    log_tail = np.where(N_ == 0, 0.0, _log_tails(k_, K_, n_, N_, over))
    score = np.where(over, -log_tail, log_tail) / _LN10
    score = np.clip(score, -_CAP, _CAP) + 0.0
    p_value = np.minimum(1.0, 2 * np.exp(log_tail))
    return score.astype(np.float64), p_value.astype(np.float64)


def _log_tails(
    k: npt.NDArray[np.int64],
    K: npt.NDArray[np.int64],
    n: npt.NDArray[np.int64],
    N: npt.NDArray[np.int64],
    over: npt.NDArray[np.bool_],
) -> npt.NDArray[np.float64]:
    """Log P(X >= k) where ``over``, else log P(X <= k), for X ~ Hypergeometric(N, K, n).

    ``log pmf(k)`` (log binomials through ``betaln``) plus the log of the tail's sum
    relative to it, summed outwards from ``k`` by the ratio of successive probabilities
    until the terms no longer count. Written out because ``scipy.stats.hypergeom`` costs a
    second of import in every stage that scores tables; it agrees with it to about 1e-10
    in the log on a corpus of 20,000 tokens and 1e-8 on ten million (tested).
    """
    from scipy.special import betaln

    size = np.maximum(N, 1).astype(np.float64)  # N == 0: degenerate, set to 0 by the caller
    k_, K_, n_ = k.astype(np.float64), K.astype(np.float64), n.astype(np.float64)

    def log_choose(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> Any:
        return -np.log1p(a) - betaln(a - b + 1, b + 1)

    log_pmf = log_choose(K_, k_) + log_choose(size - K_, n_ - k_) - log_choose(size, n_)
    step = np.where(over, 1.0, -1.0)
    end = np.where(over, np.minimum(n_, K_), np.maximum(0.0, n_ + K_ - size))
    total, term, i = np.ones(len(k_)), np.ones(len(k_)), k_.copy()
    active = np.flatnonzero(i != end)
    while active.size:
        j, up = i[active], over[active]
        a_, b_, s_ = K_[active], n_[active], size[active]
        ratio = np.where(
            up,
            (a_ - j) * (b_ - j) / ((j + 1) * (s_ - a_ - b_ + j + 1)),
            j * (s_ - a_ - b_ + j) / ((a_ - j + 1) * (b_ - j + 1)),
        )
        term[active] *= ratio
        total[active] += term[active]
        i[active] += step[active]
        negligible = (ratio < 1) & (term[active] < _NEGLIGIBLE * total[active])
        active = active[(i[active] != end[active]) & ~negligible]
    return np.asarray(np.minimum(log_pmf + np.log(total), 0.0), dtype=np.float64)


def log_likelihood(k: int, K: int, n: int, N: int) -> float:
    """Signed log-likelihood ratio G² of the 2x2 table part vs rest of the corpus.

    ``G² = 2 Σ O ln(O / E)`` over the four cells (term / other tokens x part / rest), positive
    when the part over-uses the term and negative when it under-uses it; 0 for degenerate
    tables. ``|G²| > 3.84`` is significant at 5 % (chi² with 1 df).

    Args:
        k: Occurrences of the term in the part.
        K: Occurrences of the term in the corpus.
        n: Size of the part in tokens.
        N: Size of the corpus in tokens.

    Returns:
        The signed G².

    Raises:
        ValueError: If the counts are not a possible 2x2 table.

    References:
        Dunning (1993); Rayson & Garside (2000).
    """
    _check_table(k, K, n, N)
    if N == 0:
        return 0.0
    observed = (k, K - k, n - k, N - n - K + k)
    rows, cols = (n, N - n), (K, N - K)
    expected = (rows[0] * cols[0], rows[1] * cols[0], rows[0] * cols[1], rows[1] * cols[1])
    g2 = 2 * sum(
        _xlogy(o, o * N / e) if e else 0.0 for o, e in zip(observed, expected, strict=True)
    )
    g2 = max(0.0, g2)  # rounding can push an exact fit a hair below 0
    return math.copysign(g2, k - n * K / N) if g2 else 0.0


def _xlogy(x: float, y: float) -> float:
    """``x * log(y)``, 0 when ``x`` is 0, as ``scipy.special.xlogy`` computes it.

    Written out because importing ``scipy.special`` costs about a second in the extract
    process, which needs nothing else from it.
    """
    return 0.0 if x == 0 else x * math.log(y)


def _check_table(k: int, K: int, n: int, N: int) -> None:
    if min(k, K, n, N) < 0 or K > N or n > N or k > min(K, n) or K - k > N - n:
        raise ValueError(f"impossible counts: k={k}, K={K}, n={n}, N={N}")
