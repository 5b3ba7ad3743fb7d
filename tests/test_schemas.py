"""Table declarations: validation, keys, wide tables, and the trend tables' names."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa
import pytest
import yaml

from corpus_mining.errors import SchemaError
from corpus_mining.schemas import ALL_TABLES, TREND_TABLES, TableSchema

ROOT = Path(__file__).resolve().parents[1]

PAIRS = TableSchema(
    name="pairs",
    description="A table of our own for the tests.",
    key=("a", "b"),
    schema=pa.schema([("a", pa.string()), ("b", pa.int32()), ("score", pa.float64())]),
)
WIDE = TableSchema(
    name="wide",
    description="One row per period, one float column per series.",
    key=("period",),
    schema=pa.schema([("period", pa.string())]),
    open_type=pa.float64(),
)


def test_validate_orders_and_casts_columns():
    table = pa.table({"score": [0.5, 1.0], "b": [2, 1], "a": ["x", "x"]})  # b is int64 here
    valid = PAIRS.validate(table)
    assert valid.schema == PAIRS.schema
    assert valid.to_pylist() == [
        {"a": "x", "b": 2, "score": 0.5},
        {"a": "x", "b": 1, "score": 1.0},
    ]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (pa.table({"a": ["x"], "b": [1]}), r"missing columns \['score'\]"),
        (pa.table({"a": ["x"], "b": [1], "score": [1.0], "c": [1]}), r"unexpected \['c'\]"),
        (pa.table({"a": ["x"], "b": ["one"], "score": [1.0]}), "pairs"),
        (pa.table({"a": [None], "b": [1], "score": [1.0]}), "key column a has nulls"),
        (pa.table({"a": ["x", "x"], "b": [1, 1], "score": [1.0, 2.0]}), "duplicate values"),
        (pa.table({"a": ["x"], "b": [2**40], "score": [1.0]}), "pairs"),  # overflows int32
    ],
)
def test_validate_refuses_what_does_not_fit(table, message):
    with pytest.raises(SchemaError, match=message):
        PAIRS.validate(table)


def test_validate_accepts_an_empty_table_and_nulls_outside_the_key():
    assert PAIRS.validate(PAIRS.schema.empty_table()).num_rows == 0
    table = pa.table({"a": ["x"], "b": [1], "score": pa.array([None], pa.float64())})
    assert PAIRS.validate(table).column("score").null_count == 1


def test_wide_table_keeps_its_open_columns_typed_after_the_declared_ones():
    table = pa.table({"HUB": [1, 2], "period": ["2010", "2011"], "CLUSTER": [0.5, None]})
    valid = WIDE.validate(table)
    assert valid.column_names == ["period", "HUB", "CLUSTER"]
    assert all(field.type == pa.float64() for field in list(valid.schema)[1:])
    assert WIDE.validate(pa.table({"period": ["2010"]})).num_columns == 1
    with pytest.raises(SchemaError, match="unexpected"):
        PAIRS.validate(pa.table({"a": ["x"], "b": [1], "score": [1.0], "HUB": [1.0]}))


def test_every_table_declares_its_key_among_its_columns_and_names_are_unique():
    tables = ALL_TABLES + TREND_TABLES
    assert len({t.name for t in tables}) == len(tables)
    for table in tables:
        assert table.key and set(table.key) <= set(table.schema.names), table.name


def test_trend_tables_have_files_and_name_intervals_ci_low_ci_high():
    files = [t.file for t in TREND_TABLES]
    assert len(set(files)) == len(files) and all(f.endswith(".csv") for f in files)
    for table in TREND_TABLES:
        bounds = [n for n in table.schema.names if re.search(r"_(low|high)$", n)]
        assert all(re.fullmatch(r"(\w+_)?ci_(low|high)", n) for n in bounds), table.name


def test_trend_file_names_are_written_only_in_schemas_and_the_dvc_plots():
    """Code reaches a trend table through its schema, never by its file name."""
    names = {t.file for t in TREND_TABLES}
    for path in sorted((ROOT / "src").rglob("*.py")):
        if "schemas" in path.relative_to(ROOT / "src").parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert not [n for n in names if f'"{n}"' in text or f"/{n}" in text], path
    dvc = yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))
    trends = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))["paths"]["trends"]
    plotted = {
        Path(target).name
        for plot in dvc.get("plots", [])
        for spec in plot.values()
        for target in spec["y"]
    }
    assert plotted and plotted <= names
    assert all(
        str(Path(target).parent) == trends
        for p in dvc["plots"]
        for s in p.values()
        for target in s["y"]
    )
