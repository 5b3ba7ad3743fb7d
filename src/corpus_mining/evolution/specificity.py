"""Which terms a part (period, group) over- or under-uses relative to the whole corpus.

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
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypedDict

import numpy as np
import numpy.typing as npt
from scipy.special import xlogy

# -log10 of the smallest probabilities worth distinguishing; beyond this scores are "huge".
_CAP = 300.0
_LN10 = math.log(10)
# Tail probabilities below this are recomputed on the log scale (see _log_tails).
_TINY = 1e-200


class SpecificityRow(TypedDict):
    """One (part, term) row of :func:`specificities`."""

    part: str
    term: str
    frequency: int
    corpus_frequency: int
    part_size: int
    corpus_size: int
    expected: float
    specificity: float
    g2: float


def lafon_specificity(k: int, K: int, n: int, N: int) -> float:
    """Signed Lafon specificity of a term in a part, capped at ±300.

    With ``X ~ Hypergeometric(N, K, n)`` the number of occurrences a random part of ``n``
    tokens would hold, the score is ``-log10 P(X >= k)`` when ``k`` is at or above its
    expectation ``n K / N`` (over-use, positive) and ``log10 P(X <= k)`` below it (under-use,
    negative). Scores within about ±2 are banal. Degenerate tables (empty part or corpus, a
    term absent or everywhere) score 0.

    Args:
        k: Occurrences of the term in the part.
        K: Occurrences of the term in the corpus.
        n: Size of the part in tokens.
        N: Size of the corpus in tokens.

    Returns:
        The signed score.

    Raises:
        ValueError: If the counts are not a possible 2x2 table.

    References:
        Lafon (1980).
    """
    _check_table(k, K, n, N)
    if N == 0:
        return 0.0
    # scipy.stats takes a second to import; extract, which only needs G², never loads it.
    from scipy.stats import hypergeom

    if k >= n * K / N:
        score = -float(hypergeom.logsf(k - 1, N, K, n)) / _LN10
    else:
        score = float(hypergeom.logcdf(k, N, K, n)) / _LN10
    return max(-_CAP, min(_CAP, score)) + 0.0  # + 0.0 turns -0.0 into 0.0


def lafon_tests(
    k: npt.ArrayLike, K: npt.ArrayLike, n: npt.ArrayLike, N: npt.ArrayLike
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Vectorised :func:`lafon_specificity` (same scores) with a two-sided p-value per table.

    The p-value is twice the tail probability on the observed side (``10 ** -|score|``
    before the cap), capped at 1; degenerate tables (``N == 0``) score 0 with p 1.

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
    log_tail = np.where(N_ == 0, 0.0, np.minimum(_log_tails(k_, K_, n_, N_, over), 0.0))
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

    ``sf``/``cdf`` are vectorised in scipy, ``logsf``/``logcdf`` loop in Python: the log
    forms are used only for tails too small for a double's relative precision.
    """
    from scipy.stats import hypergeom  # lazily, as in lafon_specificity

    size = np.maximum(N, 1)  # tables with N == 0 are degenerate; the caller sets them to 0
    tail = np.empty(k.shape)
    tail[over] = hypergeom.sf(k[over] - 1, size[over], K[over], n[over])
    tail[~over] = hypergeom.cdf(k[~over], size[~over], K[~over], n[~over])
    with np.errstate(divide="ignore"):
        log_tail = np.log(tail)
    tiny = tail < _TINY
    if tiny.any():
        up, down = tiny & over, tiny & ~over
        log_tail[up] = hypergeom.logsf(k[up] - 1, size[up], K[up], n[up])
        log_tail[down] = hypergeom.logcdf(k[down], size[down], K[down], n[down])
    return log_tail


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
        float(xlogy(o, o * N / e)) if e else 0.0 for o, e in zip(observed, expected, strict=True)
    )
    g2 = max(0.0, g2)  # rounding can push an exact fit a hair below 0
    return math.copysign(g2, k - n * K / N) if g2 else 0.0


def specificities(
    counts_by_part: Mapping[str, Mapping[str, int]],
    *,
    min_frequency: int = 5,
    part_sizes: Mapping[str, int] | None = None,
) -> list[SpecificityRow]:
    """Lafon specificity and G² of every frequent term in every part.

    Args:
        counts_by_part: Term counts per part (e.g. per period).
        min_frequency: Keep terms with at least this many occurrences in the corpus.
        part_sizes: Tokens per part; by default the sum of the part's counts, which is right
            only when ``counts_by_part`` holds every token type. Pass it when counting a
            selection of terms. Parts are the keys of ``counts_by_part``.

    Returns:
        One row per (part, kept term), zero counts included so under-use shows, sorted by
        part, then decreasing specificity, then term. Empty input gives ``[]``.

    Raises:
        ValueError: On negative counts or sizes smaller than the counts they hold.

    References:
        Lafon (1980); Dunning (1993).
    """
    if min_frequency < 0:
        raise ValueError(f"min_frequency must be >= 0, got {min_frequency}")
    sizes = _part_sizes(counts_by_part, part_sizes)
    corpus_size = sum(sizes.values())
    totals: dict[str, int] = {}
    for counts in counts_by_part.values():
        for term, count in counts.items():
            totals[term] = totals.get(term, 0) + count
    kept = sorted(term for term, total in totals.items() if total >= min_frequency and total)
    rows = [
        _row(part, term, counts_by_part.get(part, {}).get(term, 0), totals[term], size, corpus_size)
        for part, size in sizes.items()
        for term in kept
    ]
    return sorted(rows, key=lambda r: (r["part"], -r["specificity"], r["term"]))


def emerging_and_fading(
    rows: Iterable[Mapping[str, Any]], parts_in_order: Sequence[str], *, top_n: int = 20
) -> dict[str, list[str]]:
    """Terms gaining or losing ground between the first and the last part.

    "emerging": over-used in the last part (specificity > 0) and under-used in the first
    (< 0), ranked by ``spec(last) - spec(first)``; "fading" is the reverse. Ties are broken by
    term, so the result is deterministic.

    Args:
        rows: Rows with ``part``, ``term`` and ``specificity`` keys (see :func:`specificities`).
        parts_in_order: Parts in chronological order; only the first and last are compared.
        top_n: Maximum number of terms in each list.

    Returns:
        ``{"emerging": [...], "fading": [...]}``; both empty with fewer than two parts.

    References:
        Lafon (1980).
    """
    if top_n < 0:
        raise ValueError(f"top_n must be >= 0, got {top_n}")
    result: dict[str, list[str]] = {"emerging": [], "fading": []}
    if len(parts_in_order) < 2:
        return result
    first, last = parts_in_order[0], parts_in_order[-1]
    spec: dict[tuple[str, str], float] = {
        (str(row["part"]), str(row["term"])): float(row["specificity"]) for row in rows
    }
    terms = sorted({term for part, term in spec if part in (first, last)})
    gains = [
        (spec[last, term] - spec[first, term], term)
        for term in terms
        if (first, term) in spec and (last, term) in spec
    ]
    emerging = [g for g in gains if spec[last, g[1]] > 0 > spec[first, g[1]]]
    fading = [g for g in gains if spec[first, g[1]] > 0 > spec[last, g[1]]]
    result["emerging"] = [t for _, t in sorted(emerging, key=lambda g: (-g[0], g[1]))[:top_n]]
    result["fading"] = [t for _, t in sorted(fading, key=lambda g: (g[0], g[1]))[:top_n]]
    return result


def _row(part: str, term: str, k: int, K: int, n: int, N: int) -> SpecificityRow:
    return SpecificityRow(
        part=part,
        term=term,
        frequency=k,
        corpus_frequency=K,
        part_size=n,
        corpus_size=N,
        expected=n * K / N if N else 0.0,
        specificity=lafon_specificity(k, K, n, N),
        g2=log_likelihood(k, K, n, N),
    )


def _part_sizes(
    counts_by_part: Mapping[str, Mapping[str, int]], part_sizes: Mapping[str, int] | None
) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for part, counts in counts_by_part.items():
        if any(count < 0 for count in counts.values()):
            raise ValueError(f"negative count in part {part!r}")
        held = sum(counts.values())
        size = held if part_sizes is None else part_sizes.get(part, held)
        if size < held:
            raise ValueError(f"part {part!r} has size {size} but holds {held} counted tokens")
        sizes[part] = size
    return sizes


def _check_table(k: int, K: int, n: int, N: int) -> None:
    if min(k, K, n, N) < 0 or K > N or n > N or k > min(K, n) or K - k > N - n:
        raise ValueError(f"impossible counts: k={k}, K={K}, n={n}, N={N}")
