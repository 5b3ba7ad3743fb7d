"""Stage ``store``: every output table in one DuckDB file for analysts' queries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from corpus_mining.config import Params
from corpus_mining.store.build import build_store

# Output table name (as in corpus_mining.schemas) -> the params.paths field that holds it.
TABLE_PATHS = {
    "documents": "documents",
    "passages": "passages",
    "manifest": "manifest",
    "mentions": "mentions",
    "entities": "entities",
    "concepts": "concepts",
    "acronyms": "acronyms",
    "terms": "terms",
    "cooccurrence": "cooccurrence",
    "passage_lemmas": "lemmas",
    "topics": "topics",
    "passage_topics": "passage_topics",
    "topic_passages": "topic_passages",
    "topics_per_class": "topics_per_class",
    "topic_label_report": "topic_label_report",
}


def run_store(params: Params) -> dict[str, Any]:
    """Build ``paths.store`` from the outputs that exist; return row counts."""
    tables: dict[str, Path] = {}
    for table, field in TABLE_PATHS.items():
        path = getattr(params.paths, field)
        if path.exists():
            tables[table] = path
    counts = build_store(tables, params.paths.trends, params.paths.store)
    return {"tables": dict(sorted(counts.items()))}
