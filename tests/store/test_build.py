"""The store loads the trend tables typed through their schemas."""

from __future__ import annotations

import pyarrow as pa

from corpus_mining.io import write_csv
from corpus_mining.schemas import (
    TREND_CONCEPT_TESTS,
    TREND_FAMILIES,
    TREND_PLOT_FAMILY_SHARES,
    TREND_TABLES,
)
from corpus_mining.store.build import build_store
from corpus_mining.store.query import connect


def _types(store, table):
    con = connect(store)
    try:
        rows = con.execute(f"DESCRIBE {table}").fetchall()
    finally:
        con.close()
    return {row[0]: row[1] for row in rows}


def test_trend_tables_are_typed_even_when_empty_and_keyed(tmp_path):
    trends = tmp_path / "trends"
    for spec in TREND_TABLES:
        write_csv(spec.schema.empty_table(), spec, trends / spec.file)
    families = pa.Table.from_pylist(
        [
            {"family": "forms", "concept": "HUB", "period": "2020", "occurrences": 3,
             "family_occurrences": 4, "share": 0.75, "ci_low": 0.5, "ci_high": 1.0},
            {"family": "forms", "concept": "NA", "period": "2010", "occurrences": 1,
             "family_occurrences": 4, "share": 0.25, "ci_low": None, "ci_high": None},
        ],
        schema=TREND_FAMILIES.schema,
    )  # fmt: skip
    write_csv(families, TREND_FAMILIES, trends / TREND_FAMILIES.file)
    wide = pa.table({"period": ["2010", "2020"], "HUB": [0.0, 0.75], "CLUSTER": [1.0, None]})
    write_csv(wide, TREND_PLOT_FAMILY_SHARES, trends / TREND_PLOT_FAMILY_SHARES.file)
    store = tmp_path / "corpus.duckdb"
    counts = build_store({}, trends, store)
    assert set(counts) == {spec.name for spec in TREND_TABLES}
    assert counts["trend_families"] == 2 and counts["trend_concept_tests"] == 0
    tests = _types(store, TREND_CONCEPT_TESTS.name)
    assert (tests["ci_low"], tests["n_docs"], tests["direction"]) == (
        "DOUBLE",
        "INTEGER",
        "VARCHAR",
    )
    assert _types(store, "trend_plot_family_shares") == {
        "period": "VARCHAR", "HUB": "DOUBLE", "CLUSTER": "DOUBLE"
    }  # fmt: skip
    con = connect(store)
    try:
        rows = con.execute("SELECT concept, ci_low FROM trend_families ORDER BY concept").fetchall()
    finally:
        con.close()
    assert rows == [("HUB", 0.5), ("NA", None)]  # "NA" is a name, not a missing value


def test_missing_trend_folder_gives_no_trend_table(tmp_path):
    assert build_store({}, tmp_path / "none", tmp_path / "corpus.duckdb") == {}
