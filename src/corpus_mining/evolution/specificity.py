"""Which terms a part (period, group) over- or under-uses relative to the whole corpus.

The scores (Lafon specificity, signed G²) and their references are in
:mod:`corpus_mining.statistics`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypedDict

import numpy as np
import numpy.typing as npt
from scipy.special import xlogy

from corpus_mining.statistics import lafon_tests

Counts = npt.NDArray[np.int64]


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
        part, then decreasing specificity, then term; the specificity is rounded to 6
        decimals (as in the actors' vocabulary), G² and the expected count are not. Empty
        input gives ``[]``.

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
    parts = list(sizes)
    k = np.asarray(
        [counts_by_part.get(part, {}).get(term, 0) for part in parts for term in kept],
        dtype=np.int64,
    )
    K = np.tile(np.asarray([totals[t] for t in kept], dtype=np.int64), len(parts))
    n = np.repeat(np.asarray([sizes[p] for p in parts], dtype=np.int64), len(kept))
    N = np.full(len(k), corpus_size, dtype=np.int64)
    score, _ = lafon_tests(k, K, n, N)
    g2 = _signed_g2(k, K, n, N)
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = np.where(N > 0, n * K / np.maximum(N, 1), 0.0)
    part_of = np.repeat(np.arange(len(parts)), len(kept))
    term_of = np.tile(np.arange(len(kept)), len(parts))
    # parts in key order, then decreasing specificity, then term (kept is sorted)
    rank = np.argsort(np.argsort(np.asarray(parts, dtype=object), kind="stable"), kind="stable")
    order = np.lexsort((term_of, -score, rank[part_of])) if len(k) else np.zeros(0, dtype=int)
    return [
        SpecificityRow(
            part=parts[part_of[i]], term=kept[term_of[i]], frequency=int(k[i]),
            corpus_frequency=int(K[i]), part_size=int(n[i]), corpus_size=int(N[i]),
            expected=float(expected[i]), specificity=round(float(score[i]), 6), g2=float(g2[i]),
        )
        for i in order
    ]  # fmt: skip


def _signed_g2(k: Counts, K: Counts, n: Counts, N: Counts) -> npt.NDArray[np.float64]:
    """:func:`~corpus_mining.statistics.log_likelihood` of many tables at once."""
    size = np.maximum(N, 1).astype(np.float64)
    observed = [k, K - k, n - k, N - n - K + k]
    expected = [n * K, (N - n) * K, n * (N - K), (N - n) * (N - K)]
    g2 = np.zeros(len(k))
    with np.errstate(divide="ignore", invalid="ignore"):
        for o, e in zip(observed, expected, strict=True):
            g2 += np.where(e > 0, xlogy(o, o * size / np.where(e > 0, e, 1)), 0.0)
    g2 = np.maximum(0.0, 2 * g2)
    sign = np.sign(k * size - n * K)
    signed: npt.NDArray[np.float64] = np.where((N > 0) & (g2 > 0), np.copysign(g2, sign), 0.0)
    return signed + 0.0


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
