"""The topics stage's tables: topics, each passage's topic, representatives, labels."""

from __future__ import annotations

import pyarrow as pa

from corpus_mining.tableschema import TableSchema, columns

TOPICS = TableSchema(
    name="topics",
    description=(
        "One row per topic (-1 holds the outliers), with labels per language; model_version"
        " names the fit, run_path whether this run refitted it (refit) or assigned changed"
        " passages with it (assigned), drift_share the changed share that decided (null"
        " when not measured)."
    ),
    key=("topic_id",),
    schema=columns(
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
        ("lang_shares", pa.list_(pa.struct([("lang", pa.string()), ("share", pa.float64())]))),
        ("note", pa.string()),
        ("model_version", pa.string()),
        ("run_path", pa.string()),
        ("drift_share", pa.float64()),
    ),
)

PASSAGE_TOPICS = TableSchema(
    name="passage_topics",
    description="Each modelled passage's topic; probability: cosine similarity to its centroid.",
    key=("passage_id",),
    schema=columns(
        ("passage_id", pa.string()),
        ("topic_id", pa.int32()),
        ("probability", pa.float64()),
    ),
)

TOPIC_PASSAGES = TableSchema(
    name="topic_passages",
    description="Representative passages of each topic, per language, with their document.",
    key=("topic_id", "lang", "rank"),
    schema=columns(
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
    schema=columns(
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
    schema=columns(
        ("label", pa.string()),
        ("status", pa.string()),
        ("topic_ids", pa.string()),
        ("score", pa.float64()),
        ("reason", pa.string()),
    ),
)
