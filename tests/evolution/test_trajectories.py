"""Per-period tables of the evolution stage, on documents and counts we write."""

from __future__ import annotations

import pandas as pd
import pytest

from corpus_mining.evolution.periods import assign_periods
from corpus_mining.evolution.trajectories import (
    actor_rows,
    concept_rows,
    concept_tests,
    family_rows,
    topic_rows,
)

# Six documents over three years; HUB rises, CLUSTER fades.
DOCS = pd.DataFrame(
    {
        "doc_id": ["a", "b", "c", "d", "e", "f"],
        "year": [2010, 2010, 2015, 2015, 2020, 2020],
        "n_words": [1000, 3000, 2000, 2000, 1000, 1000],
        "lang": ["fr", "en", "fr", "en", "fr", "en"],
    }
)
PERIODS = assign_periods(dict(zip(DOCS["doc_id"], DOCS["year"], strict=True)), mode="year")
DOCS["period"] = DOCS["doc_id"].map(PERIODS.of_doc)
COUNTS = pd.DataFrame(
    [
        ("a", "CLUSTER", "*", 4), ("a", "CLUSTER", "clusters", 3), ("a", "CLUSTER", "cluster", 1),
        ("b", "CLUSTER", "*", 2), ("b", "CLUSTER", "cluster", 2),
        ("c", "CLUSTER", "*", 1), ("c", "CLUSTER", "cluster", 1),
        ("c", "HUB", "*", 1), ("c", "HUB", "hub", 1),
        ("d", "HUB", "*", 2), ("d", "HUB", "hubs", 2),
        ("e", "HUB", "*", 5), ("e", "HUB", "hub", 5),
        ("f", "HUB", "*", 3), ("f", "HUB", "hub", 3),
    ],
    columns=["doc_id", "concept_id", "term", "n"],
)  # fmt: skip


def _rows(**kwargs):
    return concept_rows(DOCS, COUNTS, PERIODS, n_boot=200, seed=1, **kwargs)


def test_concept_rates_and_shares_are_sums_over_the_period():
    rows = {(r["concept"], r["term"], r["period"], r["group_value"]): r for r in _rows(by=["lang"])}
    cluster = rows[("CLUSTER", "*", "2010", "all")]
    assert (cluster["occurrences"], cluster["n_docs"], cluster["n_words"]) == (6, 2, 4000)
    assert cluster["rate_per_10k"] == pytest.approx(6 / 4000 * 10_000)
    assert cluster["doc_share"] == 1.0
    assert cluster["rate_ci_low"] <= cluster["rate_per_10k"] <= cluster["rate_ci_high"]
    french = rows[("CLUSTER", "*", "2010", "fr")]
    assert french["group"] == "lang" and french["rate_per_10k"] == pytest.approx(40.0)
    hub = rows[("HUB", "*", "2015", "all")]
    assert hub["doc_share"] == 1.0 and rows[("CLUSTER", "*", "2015", "all")]["doc_share"] == 0.5
    # a concept absent from a period has no row there, not a zero
    assert ("HUB", "*", "2010", "all") not in rows
    assert {r["term"] for r in rows.values() if r["concept"] == "CLUSTER"} == {
        "*",
        "clusters",
        "cluster",
    }


def test_concept_rows_are_sorted_and_reproducible():
    rows = _rows(by=[])
    assert rows == _rows(by=[])
    keys = [
        (r["group"], r["group_value"], r["concept"], r["term"], PERIODS.index(r["period"]))
        for r in rows
    ]
    assert keys == sorted(keys)


def test_trend_tests_find_the_rise_and_the_fall():
    tests = {
        r["concept"]: r for r in concept_tests(DOCS, COUNTS, ["CLUSTER", "HUB", "SSE"], alpha=0.05)
    }
    assert tests["HUB"]["slope"] > 0 and tests["CLUSTER"]["slope"] < 0
    assert tests["HUB"]["occurrences"] == 11 and tests["HUB"]["n_docs"] == 6
    assert tests["SSE"]["method"] == "no occurrences" and tests["SSE"]["direction"] == "flat"
    assert tests["SSE"]["ci_low"] is None and tests["SSE"]["ci_high"] is None  # nan -> missing


def test_family_shares_sum_to_one_in_each_period_with_mentions():
    rows = family_rows(
        DOCS, COUNTS, {"forms": ["CLUSTER", "HUB", "PTCE"]}, PERIODS, n_boot=200, seed=1
    )
    table = pd.DataFrame(rows)
    assert set(table.columns) >= {"share", "ci_low", "ci_high"}
    totals = table.groupby("period")["share"].sum()
    assert totals.to_dict() == pytest.approx({"2010": 1.0, "2015": 1.0, "2020": 1.0})
    hub = table[table["concept"] == "HUB"].set_index("period")
    assert (
        hub.loc["2015", "share"] == pytest.approx(3 / 4)
        and hub.loc["2015", "family_occurrences"] == 4
    )
    assert (table[table["concept"] == "PTCE"]["occurrences"] == 0).all()  # listed, never seen


def test_topic_prevalence_is_the_share_of_the_periods_passages():
    units = pd.DataFrame(
        {
            "passage_id": ["a0", "a1", "b0", "c0", "e0", "e1"],
            "doc_id": ["a", "a", "b", "c", "e", "e"],
            "topic_id": [0, 1, 0, 1, 1, 1],
        }
    )
    terms = {(1, "2020"): ["hub", "réseau"]}
    rows = topic_rows(DOCS, units, PERIODS, terms, n_boot=200, seed=1)
    cell = {(r["topic_id"], r["period"]): r for r in rows}
    assert cell[(0, "2010")]["prevalence"] == pytest.approx(2 / 3)
    assert (
        cell[(1, "2020")]["prevalence"] == 1.0 and cell[(1, "2020")]["top_terms"] == "hub, réseau"
    )
    assert cell[(0, "2010")]["ci_low"] <= 2 / 3 <= cell[(0, "2010")]["ci_high"]
    assert [(r["topic_id"], r["period"]) for r in rows] == sorted(
        cell, key=lambda k: (k[0], PERIODS.index(k[1]))
    )


def test_actor_rows_give_first_and_last_period_and_drop_rare_actors():
    mentions = pd.DataFrame(
        {
            "mention_id": [f"m{i}" for i in range(7)],
            "doc_id": ["a", "b", "c", "e", "f", "f", "d"],
            "entity_id": ["E1", "E1", "E1", "E2", "E2", "E2", "E3"],
        }
    )
    entities = pd.DataFrame(
        {
            "entity_id": ["E1", "E2", "E3"],
            "canonical": ["Alpha", "Beta", "Gamma"],
            "label": ["ORG", "ORG", "PER"],
            "actor_type": ["cluster_or_company", "sse_network", "person"],
        }
    )
    rows = actor_rows(DOCS, mentions, entities, PERIODS, min_mentions=2, alpha=0.05)
    by_actor = {(r["entity_id"], r["period"]): r for r in rows}
    assert {e for e, _ in by_actor} == {"E1", "E2"}  # Gamma has one mention
    assert [by_actor[("E1", p)]["mentions"] for p in PERIODS.order] == [2, 1, 0]
    assert (by_actor[("E2", "2010")]["first_period"], by_actor[("E2", "2010")]["last_period"]) == (
        "2020",
        "2020",
    )
    assert by_actor[("E1", "2020")]["trend"] in {"fading", "flat"}
