"""One schema per output table: column names, types and primary key.

Every write is validated against its schema; the analytical store's tables and views are
generated from the same declarations. ``doc_id`` and ``passage_id`` are the keys shared by
every table; offsets point into the stored passage or document text. The declarations live
in one module per stage (ingest, extract, topics, and trends for the evolution stage's CSV
tables, ``TREND_TABLES``, which carry their file name too); import them from here.
"""

from __future__ import annotations

from corpus_mining.schemas.extract import (
    ACRONYMS,
    CONCEPTS,
    COOCCURRENCE,
    ENTITIES,
    ENTITY_LABELS,
    LEMMAS,
    MENTIONS,
    TERMS,
)
from corpus_mining.schemas.ingest import DOCUMENTS, MANIFEST, METADATA_ISSUES, PASSAGES
from corpus_mining.schemas.topics import (
    PASSAGE_TOPICS,
    TOPIC_LABEL_REPORT,
    TOPIC_PASSAGES,
    TOPICS,
    TOPICS_PER_CLASS,
)
from corpus_mining.schemas.trends import (
    TREND_ACTOR_FAMILIES,
    TREND_ACTOR_VOCABULARY,
    TREND_ACTORS,
    TREND_CONCEPT_TESTS,
    TREND_CONCEPTS,
    TREND_EMERGING_FADING,
    TREND_FAMILIES,
    TREND_LINEAGE_PASSAGES,
    TREND_PERIODS,
    TREND_PLOT_CONCEPT_RATES,
    TREND_PLOT_FAMILY_SHARES,
    TREND_SPECIFICITIES,
    TREND_TABLES,
    TREND_TERM_TESTS,
    TREND_TOPIC_LINEAGES,
    TREND_TOPICS,
)
from corpus_mining.tableschema import TableSchema

ALL_TABLES: tuple[TableSchema, ...] = (
    DOCUMENTS,
    PASSAGES,
    MANIFEST,
    METADATA_ISSUES,
    MENTIONS,
    ENTITIES,
    CONCEPTS,
    ACRONYMS,
    TERMS,
    COOCCURRENCE,
    LEMMAS,
    TOPICS,
    PASSAGE_TOPICS,
    TOPIC_PASSAGES,
    TOPICS_PER_CLASS,
    TOPIC_LABEL_REPORT,
)
"""The parquet tables of ingest, extract and topics, in pipeline order."""

__all__ = [
    "ACRONYMS",
    "ALL_TABLES",
    "CONCEPTS",
    "COOCCURRENCE",
    "DOCUMENTS",
    "ENTITIES",
    "ENTITY_LABELS",
    "LEMMAS",
    "MANIFEST",
    "MENTIONS",
    "METADATA_ISSUES",
    "PASSAGES",
    "PASSAGE_TOPICS",
    "TERMS",
    "TOPICS",
    "TOPICS_PER_CLASS",
    "TOPIC_LABEL_REPORT",
    "TOPIC_PASSAGES",
    "TREND_ACTORS",
    "TREND_ACTOR_FAMILIES",
    "TREND_ACTOR_VOCABULARY",
    "TREND_CONCEPTS",
    "TREND_CONCEPT_TESTS",
    "TREND_EMERGING_FADING",
    "TREND_FAMILIES",
    "TREND_LINEAGE_PASSAGES",
    "TREND_PERIODS",
    "TREND_PLOT_CONCEPT_RATES",
    "TREND_PLOT_FAMILY_SHARES",
    "TREND_SPECIFICITIES",
    "TREND_TABLES",
    "TREND_TERM_TESTS",
    "TREND_TOPICS",
    "TREND_TOPIC_LINEAGES",
    "TableSchema",
]
