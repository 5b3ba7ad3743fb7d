"""Build ``corpus.duckdb``: every output table, typed and keyed from ``schemas``.

Tables, primary keys and views are generated from the schema declarations, never
written twice by hand. Full-text search uses an inverted index we build
(``passage_terms``), since DuckDB's fts extension cannot be installed offline.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from corpus_mining.io import atomic_path, read_csv
from corpus_mining.schemas import ALL_TABLES, DOCUMENTS, TREND_TABLES, TableSchema
from corpus_mining.textfold import strip_accents as fold

_WORD = re.compile(r"\w+(?:['-]\w+)*")
# Document columns joined into every table that has a doc_id (views v_<table>).
_DOC_CONTEXT = ("title", "date", "year", "lang", "kind")


def sql_type(dtype: pa.DataType) -> str:
    """DuckDB type of an arrow type."""
    if pa.types.is_list(dtype):
        return f"{sql_type(dtype.value_type)}[]"
    if pa.types.is_boolean(dtype):
        return "BOOLEAN"
    if pa.types.is_int32(dtype):
        return "INTEGER"
    if pa.types.is_int64(dtype):
        return "BIGINT"
    if pa.types.is_floating(dtype):
        return "DOUBLE"
    return "VARCHAR"


def create_table_sql(spec: TableSchema, schema: pa.Schema | None = None) -> str:
    """``CREATE TABLE`` with types and the primary key of ``spec``.

    ``schema`` gives the columns of a wide table (``spec.open_type``) as written.
    """
    columns = [f'"{field.name}" {sql_type(field.type)}' for field in schema or spec.schema]
    key = ", ".join(f'"{name}"' for name in spec.key)
    return f"CREATE TABLE {spec.name} ({', '.join(columns)}, PRIMARY KEY ({key}))"


def view_sql(spec: TableSchema) -> str | None:
    """A view ``v_<table>`` adding each row's document title, date, year, language and kind."""
    if spec.name == DOCUMENTS.name or "doc_id" not in spec.schema.names:
        return None
    doc_cols = ", ".join(f'd."{c}" AS "doc_{c}"' for c in _DOC_CONTEXT)
    return (
        f"CREATE VIEW v_{spec.name} AS SELECT t.*, {doc_cols} "
        f"FROM {spec.name} t JOIN documents d USING (doc_id)"
    )


def index_rows(passages: pa.Table) -> Iterator[dict[str, Any]]:
    """Inverted-index rows (term, passage_id, tf) of a batch of passages."""
    for passage_id, text in zip(
        passages.column("passage_id").to_pylist(), passages.column("text").to_pylist(), strict=True
    ):
        for term, tf in sorted(Counter(_WORD.findall(fold(text))).items()):
            yield {"term": term, "passage_id": passage_id, "tf": tf}


def build_store(tables: Mapping[str, Path], trends: Path, target: Path) -> dict[str, int]:
    """Write the database at ``target`` from the parquet ``tables`` and the trend CSVs.

    Args:
        tables: output table name -> parquet path (every table of ``schemas.ALL_TABLES``
            that has a parquet output).
        trends: folder of the evolution stage's CSV tables (``schemas.TREND_TABLES``, each
            loaded typed under its schema's name when its file exists).
        target: the ``.duckdb`` file, replaced atomically.

    Returns:
        Row counts per table.
    """
    import duckdb

    counts: dict[str, int] = {}
    with atomic_path(target) as tmp:
        tmp.unlink()
        con = duckdb.connect(str(tmp), config={"threads": 1})
        try:
            for spec in ALL_TABLES:
                if spec.name in tables:
                    counts[spec.name] = _load_table(con, spec, tables[spec.name])
            for spec in ALL_TABLES:
                sql = view_sql(spec) if spec.name in tables else None
                if sql and DOCUMENTS.name in tables:
                    con.execute(sql)
            if "passages" in tables:
                counts["passage_terms"] = _load_index(con, tables["passages"])
            if {"mentions", "documents"} <= set(tables):
                counts["entity_docs"] = _load_entity_docs(con)
            for spec in TREND_TABLES:
                if (trends / spec.file).is_file():
                    counts[spec.name] = _load_arrow(con, spec, read_csv(spec, trends / spec.file))
            con.execute("CHECKPOINT")
        finally:
            con.close()
    return counts


def _load_table(con: Any, spec: TableSchema, path: Path) -> int:
    con.execute(create_table_sql(spec))
    key = ", ".join(f'"{name}"' for name in spec.key)
    if path.suffix == ".csv":
        types = ", ".join(f"'{f.name}': '{sql_type(f.type)}'" for f in spec.schema)
        source = f"read_csv(?, header=true, columns={{{types}}})"
    else:
        source = "read_parquet(?)"
    con.execute(f"INSERT INTO {spec.name} SELECT * FROM {source} ORDER BY {key}", [str(path)])
    count: int = con.execute(f"SELECT count(*) FROM {spec.name}").fetchone()[0]
    return count


def _load_arrow(con: Any, spec: TableSchema, table: pa.Table) -> int:
    """Create ``spec``'s table with the types of ``table`` (already validated) and fill it."""
    con.execute(create_table_sql(spec, table.schema))
    key = ", ".join(f'"{name}"' for name in spec.key)
    con.register("arrow_rows", table)
    try:
        con.execute(f"INSERT INTO {spec.name} SELECT * FROM arrow_rows ORDER BY {key}")
    finally:
        con.unregister("arrow_rows")
    rows: int = table.num_rows
    return rows


def _load_entity_docs(con: Any) -> int:
    """Mentions per (actor, document) with the document's year, language and kind.

    Analysts filter actors by document attributes; this summary answers those filters
    without scanning every mention.
    """
    con.execute(
        """CREATE TABLE entity_docs AS
           SELECT m.entity_id, m.doc_id, d.year AS doc_year, d.lang AS doc_lang, d.kind AS doc_kind,
                  count(*) FILTER (WHERE NOT m.in_reference) AS mentions,
                  count(*) AS mentions_with_references
           FROM mentions m JOIN documents d USING (doc_id)
           GROUP BY ALL ORDER BY m.entity_id, m.doc_id"""
    )
    count: int = con.execute("SELECT count(*) FROM entity_docs").fetchone()[0]
    return count


def _load_index(con: Any, passages: Path) -> int:
    con.execute(
        'CREATE TABLE passage_terms ("term" VARCHAR, "passage_id" VARCHAR, "tf" INTEGER, '
        'PRIMARY KEY ("term", "passage_id"))'
    )
    schema = pa.schema([("term", pa.string()), ("passage_id", pa.string()), ("tf", pa.int32())])
    total = 0
    for batch in pq.ParquetFile(passages).iter_batches(
        batch_size=5_000, columns=["passage_id", "text"]
    ):
        rows = pa.Table.from_pylist(list(index_rows(pa.Table.from_batches([batch]))), schema=schema)
        con.register("batch_terms", rows)
        con.execute("INSERT INTO passage_terms SELECT * FROM batch_terms ORDER BY term, passage_id")
        con.unregister("batch_terms")
        total += rows.num_rows
    con.execute('CREATE INDEX passage_terms_term ON passage_terms ("term")')
    return total
