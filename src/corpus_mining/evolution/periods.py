"""Periods for time analyses: single years, fixed-width bins, or equal-count bins.

Documents without a year are left out of time analyses (and counted in the metrics).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Periods:
    """Each dated document's period label, and the labels in time order."""

    of_doc: dict[str, str]
    order: list[str]
    undated: list[str]

    def index(self, period: str) -> int:
        """Position of ``period`` in time order."""
        return self.order.index(period)


def _label(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}-{end}"


def assign_periods(
    years: Mapping[str, int | None], *, mode: str = "year", bin_years: int = 5, n_bins: int = 4
) -> Periods:
    """Group dated documents into periods.

    Args:
        years: each document's year (None when undated).
        mode: "year" (one period per year), "fixed" (``bin_years``-wide bins aligned on
            the first year) or "quantile" (``n_bins`` bins holding about as many
            documents each, never splitting a year).
        bin_years: width of fixed bins.
        n_bins: number of equal-count bins.
    """
    dated = {doc: year for doc, year in years.items() if year is not None}
    undated = sorted(doc for doc, year in years.items() if year is None)
    if not dated:
        return Periods({}, [], undated)
    distinct = sorted(set(dated.values()))
    if mode == "year":
        bounds = [(y, y) for y in distinct]
    elif mode == "fixed":
        first = distinct[0]
        starts = sorted({first + (y - first) // bin_years * bin_years for y in distinct})
        # A bin's label ends at its last observed year, not beyond the data.
        bounds = [(s, max(y for y in distinct if s <= y < s + bin_years)) for s in starts]
    elif mode == "quantile":
        bounds = _equal_count_bounds(sorted(dated.values()), n_bins)
    else:
        raise ValueError(f"unknown period mode {mode!r}")
    labels = [_label(start, end) for start, end in bounds]
    of_doc = {
        doc: next(
            label
            for (start, end), label in zip(bounds, labels, strict=True)
            if start <= year <= end
        )
        for doc, year in sorted(dated.items())
    }
    return Periods(of_doc, [label for label in labels if label in set(of_doc.values())], undated)


def _equal_count_bounds(years: list[int], n_bins: int) -> list[tuple[int, int]]:
    """Contiguous year ranges with about ``len(years) / n_bins`` documents each.

    ``pandas.qcut`` on the years: a year is one value, so its documents share a bin; a
    year holding more than a bin's share makes duplicate edges, which are merged.
    """
    series = pd.Series(years)
    bins = pd.qcut(series, q=max(1, min(n_bins, series.nunique())), labels=False, duplicates="drop")
    ranges = series.groupby(bins).agg(["min", "max"])
    return [(int(low), int(high)) for low, high in ranges.itertuples(index=False)]
