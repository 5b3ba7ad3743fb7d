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

from corpus_mining.evolution.bootstrap import ratio_intervals
from corpus_mining.evolution.periods import Periods
from corpus_mining.evolution.stats import trend_tests

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
            used = np.flatnonzero((matrix.to_numpy() > 0).any(axis=0))
            n = matrix.to_numpy(dtype=float)[:, used]
            keys = [(str(c), str(t)) for c, t in np.asarray(matrix.columns)[used]]
            # one resample of the period's documents for all its cells (see bootstrap.py)
            rates = ratio_intervals(n, words, n_boot=n_boot, seed=seed, scale=10_000)
            shares = ratio_intervals(
                (n > 0).astype(float), np.ones_like(words), n_boot=n_boot, seed=seed
            )
            for j, key in enumerate(keys):
                rows.append(
                    {
                        "concept": key[0],
                        "term": key[1],
                        "period": period,
                        "group": group,
                        "group_value": value,
                        "n_docs": len(in_period),
                        "n_words": int(words.sum()),
                        "occurrences": int(n[:, j].sum()),
                        "rate_per_10k": _round(rates.value[j]),
                        "rate_ci_low": _round(rates.low[j]),
                        "rate_ci_high": _round(rates.high[j]),
                        "doc_share": _round(shares.value[j]),
                        "doc_share_ci_low": _round(shares.low[j]),
                        "doc_share_ci_high": _round(shares.high[j]),
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
    names = sorted(concepts)
    matrix = totals.reindex(columns=names, fill_value=0).to_numpy(dtype=float)
    matrix = matrix.reshape(len(docs), len(names))
    trends = trend_tests(times, matrix, words, alpha=alpha)
    rows = []
    for concept, n, trend in zip(names, matrix.T, trends, strict=True):
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
        for period in periods.order:
            ids = docs.loc[docs["period"] == period, "doc_id"]
            matrix = totals.reindex(ids, fill_value=0)
            n = matrix.reindex(columns=list(members), fill_value=0).to_numpy(dtype=float)
            n = n.reshape(len(ids), len(members))
            family_total = n.sum(axis=1)
            shares = ratio_intervals(n, family_total, n_boot=n_boot, seed=seed)
            for j, member in enumerate(members):
                rows.append(
                    {
                        "family": family,
                        "concept": member,
                        "period": period,
                        "occurrences": int(n[:, j].sum()),
                        "family_occurrences": int(family_total.sum()),
                        "share": _round(shares.value[j]),
                        "ci_low": _round(shares.low[j]),
                        "ci_high": _round(shares.high[j]),
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
        n = matrix.to_numpy(dtype=float)
        total = n.sum(axis=1)
        shares = ratio_intervals(n, total, n_boot=n_boot, seed=seed)
        for j, topic in enumerate(matrix.columns):
            rows.append(
                {
                    "topic_id": int(topic),
                    "period": period,
                    "passages": int(n[:, j].sum()),
                    "prevalence": _round(shares.value[j]),
                    "ci_low": _round(shares.low[j]),
                    "ci_high": _round(shares.high[j]),
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
    kept = [
        entity
        for entity in entities.sort_values("entity_id").itertuples()
        if entity.entity_id in per_doc and per_doc[entity.entity_id].sum() >= min_mentions
    ]
    matrix = per_doc.reindex(columns=[e.entity_id for e in kept]).to_numpy(dtype=float)
    trends = trend_tests(times, matrix.reshape(len(docs), len(kept)), words, alpha=alpha)
    rows = []
    for entity, trend in zip(kept, trends, strict=True):
        seen = [p for p in periods.order if (entity.entity_id, p) in counts.index]
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
