"""What the topic model sees: one unit per passage (or per document), in a stable order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass
class Units:
    """One row per passage (or document), sorted by id."""

    ids: list[str]
    doc_ids: list[str]
    langs: list[str]
    kinds: list[str]
    texts: list[str]
    lemmas: list[str]
    shared: list[str]


def make_units(
    passages: Sequence[Mapping[str, Any]],
    docs: Mapping[str, Mapping[str, Any]],
    *,
    min_passage_words: int,
    unit: str,
) -> Units:
    """Units from passage rows (passage_id, doc_id, lang, text, lemmas, shared).

    Passages of documents not in ``docs`` (duplicates) and passages with fewer than
    ``min_passage_words`` lemmas (titles, bylines) are left out; with ``unit`` "document"
    each document's passages are joined into one unit.
    """
    rows = [
        dict(r)
        for r in sorted(passages, key=lambda r: r["passage_id"])
        if r["doc_id"] in docs and len((r["lemmas"] or "").split()) >= min_passage_words
    ]
    if unit == "document":
        rows = _by_document(rows, docs)
    return Units(
        ids=[r["passage_id"] for r in rows],
        doc_ids=[r["doc_id"] for r in rows],
        langs=[r["lang"] or "und" for r in rows],
        kinds=[docs[r["doc_id"]]["kind"] or "unknown" for r in rows],
        texts=[r["text"] for r in rows],
        lemmas=[r["lemmas"] for r in rows],
        shared=[r["shared"] for r in rows],
    )


def _by_document(
    rows: list[dict[str, Any]], docs: Mapping[str, Mapping[str, Any]]
) -> list[dict[str, Any]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["doc_id"]].append(row)
    return [
        {
            "passage_id": doc_id,
            "doc_id": doc_id,
            "lang": docs[doc_id]["lang"],
            **{key: "\n\n".join(r[key] for r in members) for key in ("text", "lemmas", "shared")},
        }
        for doc_id, members in sorted(grouped.items())
    ]
