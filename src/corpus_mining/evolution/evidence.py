"""The passages behind any trend cell: a (concept or term, period) pair opens as text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from corpus_mining.errors import CorpusMiningError
from corpus_mining.io import read_csv
from corpus_mining.schemas import TREND_PERIODS
from corpus_mining.textfold import fold


def evidence_passages(
    concepts: Path,
    passages: Path,
    documents: Path,
    periods_csv: Path,
    *,
    concept: str | None = None,
    term: str | None = None,
    period: str | None = None,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """Passages whose concept mentions make up a trend cell, with document and offsets.

    Args:
        concepts: ``concepts.parquet``.
        passages: ``passages.parquet``.
        documents: ``documents.parquet``.
        periods_csv: the stage's ``schemas.TREND_PERIODS`` table (doc_id -> period).
        concept: a concept id (e.g. ``HUB``), or None for any.
        term: a surface term as in ``schemas.TREND_CONCEPTS`` (case and accents ignored).
        period: a period label as in the trend tables, or None for all periods.
        limit: at most this many passages, in document order.
    """
    for path in (concepts, passages, documents, periods_csv):
        if not path.exists():
            raise CorpusMiningError(f"{path} not found: run `dvc repro` first")
    mentions = pq.read_table(
        concepts, columns=["concept_id", "doc_id", "passage_id", "start", "end", "text"]
    ).to_pandas()
    if concept:
        mentions = mentions[mentions["concept_id"] == concept.upper()]
    if term:
        mentions = mentions[mentions["text"].map(fold) == fold(term)]
    periods = read_csv(TREND_PERIODS, periods_csv).select(["doc_id", "period"]).to_pandas()
    mentions = mentions.merge(periods, on="doc_id")
    if period:
        mentions = mentions[mentions["period"] == period]
    docs = pq.read_table(documents, columns=["doc_id", "title", "date", "path"]).to_pandas()
    texts = (
        pq.read_table(passages, columns=["passage_id", "text"])
        .to_pandas()
        .rename(columns={"text": "passage"})
    )
    grouped = (
        mentions.groupby(["passage_id", "doc_id", "period"], sort=True)
        .agg(
            matches=("text", lambda s: "; ".join(sorted(set(s)))),
            offsets=("start", lambda s: ",".join(map(str, sorted(s)))),
        )
        .reset_index()
        .merge(docs, on="doc_id")
        .merge(texts, on="passage_id")
    )
    records: list[dict[str, Any]] = grouped.head(limit).to_dict("records")
    return records
