"""A tiny store written by us: three documents, their passages, actors and concepts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import yaml

from corpus_mining.config import Params
from corpus_mining.io import write_parquet
from corpus_mining.schemas import (
    CONCEPTS,
    COOCCURRENCE,
    DOCUMENTS,
    ENTITIES,
    MENTIONS,
    PASSAGES,
    TableSchema,
)
from corpus_mining.stages.store import run_store

from helpers import make_params

# Passages of our own; the second one spans a line break and a tab on purpose.
TEXTS = {
    "d1": "Le réseau Alpha anime un tiers-lieu à Lyon avec la Région.",
    "d2": "Alpha Network runs a hub\nin Leeds with the\tCity Council.",
    "d3": "Le pôle Beta rejoint le réseau Alpha en 2020.",
}
DOCS = [
    {"doc_id": "d1", "year": 2012, "lang": "fr", "kind": "report", "title": "Un rapport"},
    {"doc_id": "d2", "year": 2019, "lang": "en", "kind": "interview", "title": "A talk"},
    {"doc_id": "d3", "year": 2021, "lang": "fr", "kind": "report", "title": "Un bilan"},
]
# (doc, surface text, entity id, label)
MENTIONS_ROWS = [
    ("d1", "Alpha", "e_alpha", "ORG"),
    ("d1", "Lyon", "e_lyon", "LOC"),
    ("d1", "Région", "e_region", "ORG"),
    ("d2", "Alpha Network", "e_alpha", "ORG"),
    ("d2", "Leeds", "e_leeds", "LOC"),
    ("d2", "City Council", "e_council", "ORG"),
    ("d3", "Beta", "e_beta", "ORG"),
    ("d3", "Alpha", "e_alpha", "ORG"),
]
ENTITY_ROWS = {
    "e_alpha": ("Alpha", "ORG", "sse_network"),
    "e_lyon": ("Lyon", "LOC", "place"),
    "e_region": ("Région", "ORG", "public_body"),
    "e_leeds": ("Leeds", "LOC", "place"),
    "e_council": ("City Council", "ORG", "public_body"),
    "e_beta": ("Beta", "ORG", "cluster"),
}
# (doc, surface text, concept id)
CONCEPT_ROWS = [("d1", "réseau", "NETWORK"), ("d2", "hub", "HUB"), ("d3", "réseau", "NETWORK")]


def _table(spec: TableSchema, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows with every column of ``spec``; columns a row leaves out are null."""
    return pa.Table.from_pylist(rows, schema=spec.schema)


def _spans(rows: list[tuple[str, str, str]]) -> list[dict[str, Any]]:
    spans = []
    for i, (doc, text, ident) in enumerate(rows):
        start = TEXTS[doc].index(text)
        spans.append(
            {
                "doc": doc,
                "ident": ident,
                "text": text,
                "start": start,
                "end": start + len(text),
                "i": i,
            }
        )
    return spans


def _mentions() -> list[dict[str, Any]]:
    labels = {entity: label for _, _, entity, label in MENTIONS_ROWS}
    return [
        {
            "mention_id": f"m{s['i']}",
            "doc_id": s["doc"],
            "passage_id": f"{s['doc']}:0",
            "start": s["start"],
            "end": s["end"],
            "text": s["text"],
            "label": labels[s["ident"]],
            "entity_id": s["ident"],
            "lang": next(d["lang"] for d in DOCS if d["doc_id"] == s["doc"]),
            "source": "model",
            "in_reference": False,
        }
        for s in _spans([(d, t, e) for d, t, e, _ in MENTIONS_ROWS])
    ]


def _entities(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    years = {d["doc_id"]: d["year"] for d in DOCS}
    rows = []
    for entity, (canonical, label, actor_type) in sorted(ENTITY_ROWS.items()):
        own = [m for m in mentions if m["entity_id"] == entity]
        seen = sorted(years[m["doc_id"]] for m in own)
        rows.append(
            {
                "entity_id": entity,
                "canonical": canonical,
                "label": label,
                "actor_type": actor_type,
                "aliases": sorted({m["text"] for m in own}),
                "n_mentions": len(own),
                "n_docs": len({m["doc_id"] for m in own}),
                "first_year": seen[0],
                "last_year": seen[-1],
            }
        )
    return rows


def build_tiny_store(folder: Path) -> Params:
    """Write the tiny tables and the store under ``folder``; return params pointing there.

    A ``params.yaml`` is written in ``folder`` too, so the CLI can run there.
    """
    params = make_params(folder)
    paths = params.paths
    docs = [{**d, "path": f"{d['doc_id']}.txt", "text": TEXTS[d["doc_id"]]} for d in DOCS]
    write_parquet(_table(DOCUMENTS, docs), DOCUMENTS, paths.documents)
    passages = [
        {"passage_id": f"{d}:0", "doc_id": d, "position": 0, "char_start": 0,
         "char_end": len(t), "lang": next(x["lang"] for x in DOCS if x["doc_id"] == d), "text": t}
        for d, t in TEXTS.items()
    ]  # fmt: skip
    write_parquet(_table(PASSAGES, passages), PASSAGES, paths.passages)
    mentions = _mentions()
    write_parquet(_table(MENTIONS, mentions), MENTIONS, paths.mentions)
    write_parquet(_table(ENTITIES, _entities(mentions)), ENTITIES, paths.entities)
    concepts = [
        {"concept_mention_id": f"c{s['i']}", "concept_id": s["ident"], "doc_id": s["doc"],
         "passage_id": f"{s['doc']}:0", "start": s["start"], "end": s["end"], "text": s["text"],
         "lang": "fr" if s["doc"] != "d2" else "en", "source": "lexicon", "in_reference": False}
        for s in _spans(CONCEPT_ROWS)
    ]  # fmt: skip
    write_parquet(_table(CONCEPTS, concepts), CONCEPTS, paths.concepts)
    pairs = [
        {"source_id": "e_alpha", "source_kind": "entity", "source_name": "Alpha",
         "target_id": "NETWORK", "target_kind": "concept", "target_name": "NETWORK",
         "n_passages": 2, "n_docs": 2, "pmi": 0.5, "g2": 3.0, "example_passage_id": "d1:0"},
        {"source_id": "e_alpha", "source_kind": "entity", "source_name": "Alpha",
         "target_id": "e_beta", "target_kind": "entity", "target_name": "Beta",
         "n_passages": 1, "n_docs": 1, "pmi": 1.0, "g2": 1.5, "example_passage_id": "d3:0"},
    ]  # fmt: skip
    write_parquet(_table(COOCCURRENCE, pairs), COOCCURRENCE, paths.cooccurrence)
    run_store(params)
    (folder / "params.yaml").write_text(
        yaml.safe_dump(params.model_dump(mode="json"), allow_unicode=True), encoding="utf-8"
    )
    return params
