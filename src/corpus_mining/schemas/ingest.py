"""The ingest stage's tables: documents, their passages, the manifest, metadata issues."""

from __future__ import annotations

import pyarrow as pa

from corpus_mining.tableschema import TableSchema, columns

DOCUMENTS = TableSchema(
    name="documents",
    description="One row per distinct document read; duplicates are flagged, not dropped.",
    key=("doc_id",),
    schema=columns(
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
    schema=columns(
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
    schema=columns(
        ("path", pa.string()),
        ("status", pa.string()),
        ("reason", pa.string()),
        ("doc_id", pa.string()),
    ),
)

METADATA_ISSUES = TableSchema(
    name="metadata_issues",
    description="metadata.csv values not used (unreadable, repeated row, missing file).",
    key=("line", "column"),
    schema=columns(
        ("line", pa.int32()),  # line of metadata.csv (the header is line 1)
        ("file", pa.string()),  # the document path the row names
        ("column", pa.string()),  # file, date, lang or kind
        ("value", pa.string()),
        ("problem", pa.string()),
        ("used_instead", pa.string()),  # the value and its source, or "nothing: ..."
    ),
)
