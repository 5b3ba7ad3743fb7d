"""Read kept documents with their passages, in ``documents.parquet`` order, and plan them.

Both files are in the same (path) order, so documents and passages stream side by side;
each document gets a cache key from its text and passage layout.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from corpus_mining.cache import DocumentCache, digest
from corpus_mining.errors import StageError
from corpus_mining.nlp.extractor import DocumentInput

_READ_ROWS = 1_000
# Documents per task sent to the engine, and passages per task at most.
BATCH_DOCS = 32
BATCH_PASSAGES = 512


@dataclass(frozen=True)
class CorpusFiles:
    """The two tables ``ingest`` writes: one row per document, one per passage."""

    documents: Path
    passages: Path


@dataclass(frozen=True)
class Planned:
    """A kept document, its cache key and whether the cache holds its result."""

    doc_id: str
    key: str
    cached: bool


def documents(files: CorpusFiles) -> Iterator[tuple[dict[str, Any], tuple[dict[str, Any], ...]]]:
    """Each document row with its passages.

    Raises:
        StageError: the passages are not in the documents' order (a stale ingest).
    """
    columns = ["passage_id", "doc_id", "position", "lang", "char_start", "char_end", "text"]
    passage_rows = (
        row
        for batch in pq.ParquetFile(files.passages).iter_batches(_READ_ROWS, columns=columns)
        for row in batch.to_pylist()
    )
    groups = groupby(passage_rows, key=itemgetter("doc_id"))
    pending = next(groups, None)
    columns = ["doc_id", "year", "duplicate_of", "text"]
    for batch in pq.ParquetFile(files.documents).iter_batches(_READ_ROWS, columns=columns):
        for row in batch.to_pylist():
            passages: tuple[dict[str, Any], ...] = ()
            if pending is not None and pending[0] == row["doc_id"]:
                passages = tuple(pending[1])
                pending = next(groups, None)
            yield row, passages
    if pending is not None:
        raise StageError(
            f"{files.passages} and {files.documents} do not match (passages of {pending[0]} "
            "are out of place): run `corpus-mining ingest` again"
        )


def inputs(files: CorpusFiles) -> Iterator[tuple[DocumentInput, int | None]]:
    """Kept (non-duplicate) documents as extractor inputs, with their year."""
    for row, passages in documents(files):
        if row["duplicate_of"] is None:
            yield DocumentInput(row["doc_id"], row["text"], passages), row["year"]


def cache_key(document: DocumentInput) -> str:
    """What a document's result depends on of the document itself: id, text, passages."""
    layout = [
        (p["passage_id"], p["lang"], p["char_start"], p["char_end"]) for p in document.passages
    ]
    text = hashlib.sha256(document.text.encode("utf-8")).hexdigest()
    return digest(document.doc_id, text, layout)


def plan(files: CorpusFiles, cache: DocumentCache) -> tuple[list[Planned], dict[str, int | None]]:
    """First pass: every kept document's cache key and whether it is cached, and its year."""
    planned, years = [], {}
    for document, year in inputs(files):
        key = cache_key(document)
        planned.append(Planned(document.doc_id, key, cache.has(key)))
        years[document.doc_id] = year
    return planned, years


def batches(files: CorpusFiles, planned: list[Planned]) -> Iterator[list[DocumentInput]]:
    """Second pass: the documents to compute, in order, in batches."""
    todo = {item.doc_id for item in planned if not item.cached}
    if not todo:
        return  # everything is cached: do not read the corpus again
    batch: list[DocumentInput] = []
    size = 0
    for document, _ in inputs(files):
        if document.doc_id not in todo:
            continue
        batch.append(document)
        size += len(document.passages)
        if len(batch) >= BATCH_DOCS or size >= BATCH_PASSAGES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def one(files: CorpusFiles, doc_id: str) -> DocumentInput:
    """A single document's input (to recompute a cache entry that proved unreadable)."""
    return next(document for document, _ in inputs(files) if document.doc_id == doc_id)
