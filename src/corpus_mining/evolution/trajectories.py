"""Per-period rates, shares and tests, with bootstrap intervals over documents.

Everything is computed from document-level counts, so intervals reflect how much the
documents of a period disagree, and every cell can be traced back to its passages
(``evidence.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from corpus_mining.evolution.periods import Periods
from corpus_mining.evolution.stats import (
    bootstrap_rate,
    bootstrap_share,
    bootstrap_share_of_total,
    trend_test,
)

ALL = "all"


def _round(value: float) -> float | None:
    return None if value is None or not np.isfinite(value) else round(float(value), 6)


def _significant(value: float) -> float | None:
    """Six significant digits: small p-values stay readable (1.2e-08, not 0)."""
    return None if value is None or not np.isfinite(value) else float(f"{float(value):.6g}")


def _groups(docs: pd.DataFrame, by: Sequence[str]) -> Iterable[tuple[str, str, pd.DataFrame]]:
    """The whole corpus, then each value of each breakdown column."""
    yield ALL, ALL, docs
    for column in by:
        for value, frame in docs.groupby(column, sort=True):
            yield column, str(value), frame


def concept_rows(
    docs: pd.DataFrame,
    counts: pd.DataFrame,
    periods: Periods,
    *,
    by: Sequence[str],
    n_boot: int,
    seed: int,
) -> list[dict[str, Any]]:
    """Occurrences per 10,000 words and share of documents, per concept/term and period.

    Args:
        docs: dated documents with ``doc_id``, ``period``, ``n_words`` and the ``by`` columns.
        counts: ``doc_id``, ``concept_id``, ``term`` (``*`` for the concept total), ``n``.
        periods: period order.
        by: breakdown columns of ``docs`` (e.g. lang, kind).
        n_boot: bootstrap resamples.
        seed: bootstrap seed.
    """
    rows: list[dict[str, Any]] = []
    wide = counts.pivot_table(
        index="doc_id", columns=["concept_id", "term"], values="n", aggfunc="sum", fill_value=0
    )
    for group, value, frame in _groups(docs, by):
        for period in periods.order:
            in_period = frame[frame["period"] == period]
            if in_period.empty:
                continue
            words = in_period["n_words"].to_numpy(dtype=float)
            matrix = wide.reindex(in_period["doc_id"], fill_value=0)
            for key, column in matrix.items():
                concept, term = str(key[0]), str(key[1])  # type: ignore[index]
                n = column.to_numpy(dtype=float)
                if not n.any():
                    continue
                rate = bootstrap_rate(n, words, n_boot=n_boot, seed=seed)
                share = bootstrap_share(n > 0, n_boot=n_boot, seed=seed)
                rows.append(
                    {
                        "concept": concept,
                        "term": term,
                        "period": period,
                        "group": group,
                        "group_value": value,
                        "n_docs": len(in_period),
                        "n_words": int(words.sum()),
                        "occurrences": int(n.sum()),
                        "rate_per_10k": _round(rate.value),
                        "rate_ci_low": _round(rate.low),
                        "rate_ci_high": _round(rate.high),
                        "doc_share": _round(share.value),
                        "doc_share_ci_low": _round(share.low),
                        "doc_share_ci_high": _round(share.high),
                    }
                )
    return sorted(
        rows,
        key=lambda r: (
            r["group"],
            r["group_value"],
            r["concept"],
            r["term"],
            periods.index(r["period"]),
        ),
    )


def concept_tests(
    docs: pd.DataFrame, counts: pd.DataFrame, concepts: Sequence[str], *, alpha: float
) -> list[dict[str, Any]]:
    """A trend test per concept over dated documents (quasi-Poisson slope per year)."""
    totals = counts[counts["term"] == "*"].pivot_table(
        index="doc_id", columns="concept_id", values="n", aggfunc="sum", fill_value=0
    )
    totals = totals.reindex(docs["doc_id"], fill_value=0)
    times = docs["year"].to_numpy(dtype=float)
    words = docs["n_words"].to_numpy(dtype=float)
    rows = []
    for concept in sorted(concepts):
        n = totals[concept].to_numpy(dtype=float) if concept in totals else np.zeros(len(docs))
        trend = trend_test(times, n, words, alpha=alpha)
        rows.append(
            {
                "concept": concept,
                "slope": _round(trend.slope),
                "ci_low": _round(trend.ci_low),
                "ci_high": _round(trend.ci_high),
                "p_value": _significant(trend.p_value),
                "direction": trend.direction,
                "method": trend.method,
                "n_docs": trend.n_docs,
                "occurrences": int(n.sum()),
            }
        )
    return rows


def family_rows(
    docs: pd.DataFrame,
    counts: pd.DataFrame,
    families: Mapping[str, Sequence[str]],
    periods: Periods,
    *,
    n_boot: int,
    seed: int,
) -> list[dict[str, Any]]:
    """Each member's share of its family's mentions per period ("hubs vs clusters")."""
    totals = counts[counts["term"] == "*"].pivot_table(
        index="doc_id", columns="concept_id", values="n", aggfunc="sum", fill_value=0
    )
    rows = []
    for family, members in sorted(families.items()):
        present = [m for m in members if m in totals]
        for period in periods.order:
            ids = docs.loc[docs["period"] == period, "doc_id"]
            matrix = totals.reindex(ids, fill_value=0)
            family_total = (
                matrix[present].sum(axis=1).to_numpy(dtype=float) if present else np.zeros(len(ids))
            )
            for member in members:
                n = matrix[member].to_numpy(dtype=float) if member in matrix else np.zeros(len(ids))
                share = bootstrap_share_of_total(n, family_total, n_boot=n_boot, seed=seed)
                rows.append(
                    {
                        "family": family,
                        "concept": member,
                        "period": period,
                        "occurrences": int(n.sum()),
                        "family_occurrences": int(family_total.sum()),
                        "share": _round(share.value),
                        "ci_low": _round(share.low),
                        "ci_high": _round(share.high),
                    }
                )
    return rows


def topic_rows(
    docs: pd.DataFrame,
    units: pd.DataFrame,
    periods: Periods,
    terms: Mapping[tuple[int, str], list[str]],
    *,
    n_boot: int,
    seed: int,
) -> list[dict[str, Any]]:
    """Topic prevalence per period (share of the period's passages), with intervals."""
    per_doc = units.pivot_table(
        index="doc_id", columns="topic_id", values="passage_id", aggfunc="count", fill_value=0
    )
    rows = []
    for period in periods.order:
        ids = docs.loc[docs["period"] == period, "doc_id"]
        matrix = per_doc.reindex(ids, fill_value=0)
        total = matrix.sum(axis=1).to_numpy(dtype=float)
        for topic in matrix.columns:
            n = matrix[topic].to_numpy(dtype=float)
            share = bootstrap_share_of_total(n, total, n_boot=n_boot, seed=seed)
            rows.append(
                {
                    "topic_id": int(topic),
                    "period": period,
                    "passages": int(n.sum()),
                    "prevalence": _round(share.value),
                    "ci_low": _round(share.low),
                    "ci_high": _round(share.high),
                    "top_terms": ", ".join(terms.get((int(topic), period), [])[:5]),
                }
            )
    return sorted(rows, key=lambda r: (r["topic_id"], periods.index(r["period"])))


def actor_rows(
    docs: pd.DataFrame,
    mentions: pd.DataFrame,
    entities: pd.DataFrame,
    periods: Periods,
    *,
    min_mentions: int,
    alpha: float,
) -> list[dict[str, Any]]:
    """Mentions per period of each actor, its first and last period, and its trend."""
    dated = mentions.merge(docs[["doc_id", "period"]], on="doc_id")
    counts = dated.groupby(["entity_id", "period"]).size()
    per_doc = dated.pivot_table(
        index="doc_id", columns="entity_id", values="mention_id", aggfunc="count", fill_value=0
    )
    per_doc = per_doc.reindex(docs["doc_id"], fill_value=0)
    times = docs["year"].to_numpy(dtype=float)
    words = docs["n_words"].to_numpy(dtype=float)
    rows = []
    for entity in entities.sort_values("entity_id").itertuples():
        if entity.entity_id not in per_doc or per_doc[entity.entity_id].sum() < min_mentions:
            continue
        n = per_doc[entity.entity_id].to_numpy(dtype=float)
        seen = [p for p in periods.order if (entity.entity_id, p) in counts.index]
        trend = trend_test(times, n, words, alpha=alpha)
        for period in periods.order:
            rows.append(
                {
                    "entity_id": entity.entity_id,
                    "canonical": entity.canonical,
                    "label": entity.label,
                    "actor_type": entity.actor_type,
                    "period": period,
                    "mentions": int(counts.get((entity.entity_id, period), 0)),
                    "first_period": seen[0],
                    "last_period": seen[-1],
                    "trend": {"rising": "rising", "falling": "fading"}.get(trend.direction, "flat"),
                    "slope": _round(trend.slope),
                    "p_value": _significant(trend.p_value),
                }
            )
    return rows
