"""Analysts' queries on a tiny DuckDB store we build from our own rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from tiny_store import build_tiny_store

from corpus_mining.errors import CorpusMiningError
from corpus_mining.store import query
from corpus_mining.store.query import QueryRefused, UnknownChoice


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_store(tmp_path_factory.mktemp("tiny")).paths.store


def _records(result: query.Result) -> list[dict[str, object]]:
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


def test_entities_counts_mentions_and_documents_and_filters(store):
    rows = _records(query.entities(store))
    alpha = next(r for r in rows if r["entity_id"] == "e_alpha")
    assert (alpha["mentions"], alpha["docs"], alpha["first_year"], alpha["last_year"]) == (
        3, 3, 2012, 2021
    )  # fmt: skip
    assert rows[0]["entity_id"] == "e_alpha"  # most mentioned first
    french = _records(query.entities(store, lang="fr", label="ORG"))
    assert {r["entity_id"] for r in french} == {"e_alpha", "e_region", "e_beta"}
    assert _records(query.entities(store, lang="fr"))[0]["mentions"] == 2
    recent = _records(query.entities(store, year_from=2019, kind="report"))
    assert {r["entity_id"] for r in recent} == {"e_alpha", "e_beta"}
    assert [r["entity_id"] for r in _records(query.entities(store, min_docs=2))] == ["e_alpha"]
    assert len(query.entities(store, limit=2).rows) == 2


@pytest.mark.parametrize(
    ("option", "kwargs", "listed"),
    [
        ("--label", {"label": "ORGX"}, "LOC, MISC, ORG, PER"),
        ("--type", {"actor_type": "sse_netwrk"}, "cluster, place, public_body, sse_network"),
        ("--lang", {"lang": "de"}, "en, fr"),
        ("--kind", {"kind": "reports"}, "interview, report"),
    ],
)
def test_unknown_filter_values_name_the_valid_ones(store, option, kwargs, listed):
    with pytest.raises(UnknownChoice) as caught:
        query.entities(store, **kwargs)
    message = str(caught.value)
    assert message.startswith(option) and message.endswith(listed) and "\n" not in message


def test_a_known_label_without_rows_is_an_empty_answer_not_an_error(store):
    assert query.entities(store, label="MISC").rows == []


def test_kwic_finds_words_ignoring_case_and_accents_with_one_line_contexts(store):
    result = _records(query.kwic(store, "REGION", width=20))
    assert [(r["passage_id"], r["match"]) for r in result] == [("d1:0", "Région")]
    hub = _records(query.kwic(store, "hub in leeds", width=30))
    assert len(hub) == 1 and hub[0]["match"] == "hub\nin Leeds".replace("\n", " ")
    for row in _records(query.kwic(store, "with the city", width=30)) + hub:
        for column in ("left", "match", "right"):
            assert not any(c in str(row[column]) for c in "\n\r\t"), row
        assert len(str(row["left"])) == 30
        assert int(row["end"]) - int(row["start"]) == len(str(row["match"]))


def test_kwic_by_concept_and_language(store):
    rows = _records(query.kwic(store, concept="network"))
    assert [r["passage_id"] for r in rows] == ["d1:0", "d3:0"]
    assert _records(query.kwic(store, "alpha", lang="en"))[0]["passage_id"] == "d2:0"
    with pytest.raises(UnknownChoice, match="en, fr"):
        query.kwic(store, "alpha", lang="english")
    with pytest.raises(CorpusMiningError, match="TERM"):
        query.kwic(store)


def test_cooccur_by_name_alias_or_concept(store):
    by_alias = _records(query.cooccur(store, "alpha network"))
    assert [r["associated"] for r in by_alias] == ["NETWORK", "Beta"]  # G2 order
    assert _records(query.cooccur(store, "network"))[0]["associated"] == "Alpha"
    with pytest.raises(CorpusMiningError, match="no actor or concept"):
        query.cooccur(store, "Gamma")


@pytest.mark.parametrize(
    "statement", ["DROP TABLE documents", "SELECT 1; DELETE FROM passages", "", "SELEC 1"]
)
def test_sql_refuses_anything_but_reading(store, statement):
    with pytest.raises(QueryRefused):
        query.run_sql(store, statement)


def test_sql_reads_tables_and_views(store):
    result = query.run_sql(store, "SELECT doc_id, doc_year FROM v_mentions ORDER BY ALL LIMIT 1")
    assert result.columns == ["doc_id", "doc_year"] and result.rows == [("d1", 2012)]
    with pytest.raises(CorpusMiningError, match="query failed"):
        query.run_sql(store, "SELECT nope FROM documents")


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(CorpusMiningError, match="not found"):
        query.entities(tmp_path / "none.duckdb")
