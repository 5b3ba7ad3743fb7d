"""Which terms a part (period, group) over- or under-uses relative to the whole corpus.

The scores (Lafon specificity, signed G²) and their references are in
:mod:`corpus_mining.statistics`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypedDict

from corpus_mining.statistics import lafon_specificity, log_likelihood


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
