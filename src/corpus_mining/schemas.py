"""One schema per output table: column names, types and primary key.

Every write is validated against its schema; later the analytical store's tables and
views are generated from the same declarations. ``doc_id`` and ``passage_id`` are the
keys shared by every table; offsets point into the stored passage or document text.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from corpus_mining.errors import SchemaError


@dataclass(frozen=True)
class TableSchema:
    """A table's name, arrow schema and primary key."""

    name: str
    schema: pa.Schema
    key: tuple[str, ...]
    description: str

    def validate(self, table: pa.Table) -> pa.Table:
        """Return ``table`` cast to the schema's column order and types, or raise."""
        missing = [name for name in self.schema.names if name not in table.column_names]
        extra = [name for name in table.column_names if name not in self.schema.names]
        if missing or extra:
            raise SchemaError(f"table {self.name}: missing columns {missing}, unexpected {extra}")
        table = table.select(self.schema.names)
        try:
            table = table.cast(self.schema)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
            raise SchemaError(f"table {self.name}: {error}") from None
        self._check_key(table)
        return table

    def _check_key(self, table: pa.Table) -> None:
        for column in self.key:
            if table.column(column).null_count:
                raise SchemaError(f"table {self.name}: key column {column} has nulls")
        if (
            table.num_rows
            and table.group_by(list(self.key)).aggregate([]).num_rows != table.num_rows
        ):
            raise SchemaError(f"table {self.name}: duplicate values of key {self.key}")


def _schema(*fields: tuple[str, pa.DataType]) -> pa.Schema:
    return pa.schema([pa.field(name, dtype) for name, dtype in fields])


DOCUMENTS = TableSchema(
    name="documents",
    description="One row per distinct document read; duplicates are flagged, not dropped.",
    key=("doc_id",),
    schema=_schema(
        ("doc_id", pa.string()),
        ("path", pa.string()),
        ("format", pa.string()),
        ("encoding", pa.string()),
        ("title", pa.string()),
        ("title_source", pa.string()),
        ("date", pa.string()),
        ("year", pa.int32()),
        ("date_source", pa.string()),
        ("lang", pa.string()),
        ("lang_source", pa.string()),
        ("kind", pa.string()),
        ("kind_source", pa.string()),
        ("authors", pa.string()),
        ("source", pa.string()),
        ("n_chars", pa.int64()),
        ("n_words", pa.int64()),
        ("n_passages", pa.int32()),
        ("content_hash", pa.string()),
        ("duplicate_of", pa.string()),
        ("duplicate_similarity", pa.float64()),
        ("text", pa.large_string()),
    ),
)

PASSAGES = TableSchema(
    name="passages",
    description="Paragraph-level segments; text == document text[char_start:char_end].",
    key=("passage_id",),
    schema=_schema(
        ("passage_id", pa.string()),
        ("doc_id", pa.string()),
        ("position", pa.int32()),
        ("char_start", pa.int64()),
        ("char_end", pa.int64()),
        ("lang", pa.string()),
        ("lang_confidence", pa.float64()),
        ("n_words", pa.int32()),
        ("text", pa.large_string()),
    ),
)

MANIFEST = TableSchema(
    name="manifest",
    description="One row per file found under the corpus folder, with what happened to it.",
    key=("path",),
    schema=_schema(
        ("path", pa.string()),
        ("status", pa.string()),
        ("reason", pa.string()),
        ("doc_id", pa.string()),
    ),
)

MENTIONS = TableSchema(
    name="mentions",
    description="Named-entity mentions; text == passages.text[start:end].",
    key=("mention_id",),
    schema=_schema(
        ("mention_id", pa.string()),
        ("doc_id", pa.string()),
        ("passage_id", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("text", pa.string()),
        ("label", pa.string()),  # ORG, PER, LOC, MISC
        ("entity_id", pa.string()),
        ("lang", pa.string()),
        ("source", pa.string()),  # model, gazetteer, acronym, rule
        ("rule", pa.string()),  # the rules that produced and changed it, "+"-joined
        ("in_reference", pa.bool_()),  # inside a bibliography entry or an author-year citation
    ),
)

ENTITIES = TableSchema(
    name="entities",
    description="One row per real-world actor after merging name variants.",
    key=("entity_id",),
    schema=_schema(
        ("entity_id", pa.string()),
        ("canonical", pa.string()),
        ("label", pa.string()),
        ("actor_type", pa.string()),
        ("actor_type_rule", pa.string()),  # which gazetteer entry or rule decided
        ("aliases", pa.list_(pa.string())),
        ("n_mentions", pa.int32()),
        ("n_docs", pa.int32()),
        ("first_year", pa.int32()),
        ("last_year", pa.int32()),
    ),
)

CONCEPTS = TableSchema(
    name="concepts",
    description="Lexicon concept mentions; text == passages.text[start:end].",
    key=("concept_mention_id",),
    schema=_schema(
        ("concept_mention_id", pa.string()),
        ("concept_id", pa.string()),
        ("doc_id", pa.string()),
        ("passage_id", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("text", pa.string()),
        ("lang", pa.string()),
        ("source", pa.string()),  # lexicon, acronym
        ("in_reference", pa.bool_()),
    ),
)

ACRONYMS = TableSchema(
    name="acronyms",
    description="Acronym definitions found in each document, with their first offset.",
    key=("doc_id", "acronym"),
    schema=_schema(
        ("doc_id", pa.string()),
        ("acronym", pa.string()),
        ("expansion", pa.string()),
        ("passage_id", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("pattern", pa.string()),  # which definition pattern matched
        ("n_mentions", pa.int32()),
        ("linked_id", pa.string()),  # entity_id or concept_id the acronym stands for
    ),
)

TERMS = TableSchema(
    name="terms",
    description="Multiword candidate terms per language, ranked by C-value.",
    key=("lang", "term"),
    schema=_schema(
        ("term", pa.string()),
        ("lang", pa.string()),
        ("n_words", pa.int32()),
        ("frequency", pa.int32()),
        ("doc_frequency", pa.int32()),
        ("cvalue", pa.float64()),
        ("concept_id", pa.string()),  # the lexicon concept it contains, if any
        ("example_passage_id", pa.string()),
    ),
)

COOCCURRENCE = TableSchema(
    name="cooccurrence",
    description="Actor-actor and actor-concept pairs within passages, with association scores.",
    key=("source_id", "target_id"),
    schema=_schema(
        ("source_id", pa.string()),
        ("source_kind", pa.string()),  # entity or concept
        ("source_name", pa.string()),
        ("target_id", pa.string()),
        ("target_kind", pa.string()),
        ("target_name", pa.string()),
        ("n_passages", pa.int32()),
        ("n_docs", pa.int32()),
        ("pmi", pa.float64()),
        ("g2", pa.float64()),
        ("example_passage_id", pa.string()),
    ),
)

LEMMAS = TableSchema(
    name="passage_lemmas",
    description="Content lemmas of each passage; `shared` has concept tokens for concept terms.",
    key=("passage_id",),
    schema=_schema(
        ("passage_id", pa.string()),
        ("doc_id", pa.string()),
        ("lang", pa.string()),
        ("lemmas", pa.large_string()),
        ("shared", pa.large_string()),
    ),
)

TOPICS = TableSchema(
    name="topics",
    description="One row per topic (-1 holds the outliers), with labels per language.",
    key=("topic_id",),
    schema=_schema(
        ("topic_id", pa.int32()),
        ("label", pa.string()),
        ("human_label", pa.string()),
        ("label_fr", pa.string()),
        ("label_en", pa.string()),
        ("size", pa.int32()),
        ("top_terms", pa.list_(pa.string())),
        ("top_terms_fr", pa.list_(pa.string())),
        ("top_terms_en", pa.list_(pa.string())),
        ("n_docs", pa.int32()),
        ("langs", pa.list_(pa.string())),
        ("note", pa.string()),
    ),
)

PASSAGE_TOPICS = TableSchema(
    name="passage_topics",
    description="Each modelled passage's topic; probability: cosine similarity to its centroid.",
    key=("passage_id",),
    schema=_schema(
        ("passage_id", pa.string()),
        ("topic_id", pa.int32()),
        ("probability", pa.float64()),
    ),
)

TOPIC_PASSAGES = TableSchema(
    name="topic_passages",
    description="Representative passages of each topic, per language, with their document.",
    key=("topic_id", "lang", "rank"),
    schema=_schema(
        ("topic_id", pa.int32()),
        ("lang", pa.string()),
        ("rank", pa.int32()),
        ("passage_id", pa.string()),
        ("similarity", pa.float64()),
        ("doc_id", pa.string()),
        ("title", pa.string()),
        ("date", pa.string()),
        ("text", pa.large_string()),
    ),
)

TOPICS_PER_CLASS = TableSchema(
    name="topics_per_class",
    description="Topic frequency and words per document kind and per language.",
    key=("class_type", "class", "topic_id"),
    schema=_schema(
        ("topic_id", pa.int32()),
        ("class_type", pa.string()),
        ("class", pa.string()),
        ("frequency", pa.int32()),
        ("share_of_class", pa.float64()),
        ("words", pa.string()),
    ),
)

TOPIC_LABEL_REPORT = TableSchema(
    name="topic_label_report",
    description="What happened to each reviewer label of corpus/topic_labels.yaml on this run.",
    key=("label", "status", "reason"),
    schema=_schema(
        ("label", pa.string()),
        ("status", pa.string()),
        ("topic_ids", pa.string()),
        ("score", pa.float64()),
        ("reason", pa.string()),
    ),
)

ALL_TABLES: tuple[TableSchema, ...] = (
    DOCUMENTS,
    PASSAGES,
    MANIFEST,
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
