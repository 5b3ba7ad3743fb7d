"""Atomic writers and typed readers of ``io.py``."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from corpus_mining.errors import SchemaError
from corpus_mining.io import ParquetStream, read_csv, write_csv, write_parquet
from corpus_mining.schemas import TableSchema

ROWS = TableSchema(
    name="rows",
    description="A table of our own for the tests.",
    key=("id",),
    schema=pa.schema([("id", pa.string()), ("n", pa.int32()), ("note", pa.string())]),
)
WIDE = TableSchema(
    name="wide",
    description="One float column per series.",
    key=("period",),
    schema=pa.schema([("period", pa.string())]),
    open_type=pa.float64(),
)


def _rows(n: int, start: int = 0) -> list[dict[str, object]]:
    return [{"id": f"r{i:03d}", "n": i, "note": None} for i in range(start, start + n)]


def test_stream_writes_every_row_in_batches(tmp_path):
    target = tmp_path / "rows.parquet"
    stream = ParquetStream(ROWS, target, batch_rows=4)
    for row in _rows(10):
        stream.write(row)
    assert not target.exists()  # appears only when complete
    stream.close()
    stream.close()  # a second close is harmless
    table = pq.read_table(target)
    assert table.schema == ROWS.schema and table.column("n").to_pylist() == list(range(10))
    assert pq.ParquetFile(target).metadata.num_row_groups == 3


def test_abort_keeps_the_previous_output_and_leaves_no_temp_file(tmp_path):
    target = tmp_path / "rows.parquet"
    write_parquet(pa.Table.from_pylist(_rows(2), schema=ROWS.schema), ROWS, target)
    before = target.read_bytes()
    stream = ParquetStream(ROWS, target, batch_rows=2)
    for row in _rows(5, start=10):  # two row groups already flushed to the temp file
        stream.write(row)
    stream.abort()
    stream.abort()
    stream.close()  # after an abort, close does nothing
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rows.parquet"]


def test_abort_before_any_output_leaves_nothing(tmp_path):
    stream = ParquetStream(ROWS, tmp_path / "rows.parquet")
    stream.write(_rows(1)[0])
    stream.abort()
    assert list(tmp_path.iterdir()) == []


def test_a_bad_row_fails_the_flush_and_abort_cleans_up(tmp_path):
    stream = ParquetStream(ROWS, tmp_path / "rows.parquet", batch_rows=2)
    stream.write({"id": "a", "n": 1, "note": None})
    with pytest.raises(SchemaError, match="duplicate"):
        stream.write({"id": "a", "n": 2, "note": None})
    stream.abort()
    assert list(tmp_path.iterdir()) == []


def test_csv_round_trip_keeps_types_empty_strings_and_na_words(tmp_path):
    table = pa.Table.from_pylist(
        [
            {"id": "NA", "n": 1, "note": ""},
            {"id": "null", "n": None, "note": None},
            {"id": "x,y", "n": 3, "note": 'with "quotes"\nand a line'},
        ],
        schema=ROWS.schema,
    )
    write_csv(table, ROWS, tmp_path / "rows.csv")
    back = read_csv(ROWS, tmp_path / "rows.csv")
    assert back.schema == ROWS.schema and back.equals(table)


def test_csv_of_a_wide_table_reads_its_open_columns_as_floats(tmp_path):
    table = pa.table({"period": ["2010", "2011-2012"], "HUB": [1.5, None], "CLUSTER": [2, 0]})
    write_csv(table, WIDE, tmp_path / "wide.csv")
    back = read_csv(WIDE, tmp_path / "wide.csv")
    assert back.column_names == ["period", "HUB", "CLUSTER"]
    assert back.column("HUB").to_pylist() == [1.5, None]
    assert back.column("CLUSTER").type == pa.float64()


def test_read_csv_refuses_a_file_that_does_not_fit(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("id,n,note\na,one,\n", encoding="utf-8")
    with pytest.raises(SchemaError):
        read_csv(ROWS, path)
    path.write_text("id,n\na,1\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="missing"):
        read_csv(ROWS, path)
