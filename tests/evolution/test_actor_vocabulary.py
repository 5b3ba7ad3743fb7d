"""Actors' vocabulary: specificity of concepts in the passages that mention each actor."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from corpus_mining.evolution.actor_vocabulary import (
    actor_parts,
    family_share_rows,
    vocabulary_rows,
)
from corpus_mining.statistics import lafon_tests

from helpers import scipy_lafon_specificity

FAMILIES = {"form": ("CLUSTER", "HUB"), "model": ("SSE",)}
FAMILY_OF = {c: f for f, members in FAMILIES.items() for c in members}


def _corpus() -> tuple[pd.DataFrame, ...]:
    """Ten documents of two passages: early ones say cluster with actor P, late ones hub with
    actor Q; actor R is in every document and says both; S is mentioned once."""
    passages, concepts, mentions = [], [], []
    for d in range(10):
        early = d < 5
        period = "early" if early else "late"
        for k in range(2):
            pid = f"d{d}-{k}"
            passages.append((pid, f"d{d}", period, 40))
            concepts += [(pid, "CLUSTER" if early else "HUB")] * 2
            if k == 1:
                concepts.append((pid, "SSE"))
            mentions.append((pid, "P" if early else "Q"))
            mentions += [(pid, "R")] * 2  # twice in one passage: the passage counts once
    mentions.append(("d0-0", "S"))
    return (
        pd.DataFrame(passages, columns=["passage_id", "doc_id", "period", "n_words"]),
        pd.DataFrame(concepts, columns=["passage_id", "concept_id"]),
        pd.DataFrame(mentions, columns=["passage_id", "entity_id"]),
        pd.DataFrame({"entity_id": list("PQRS"), "canonical": ["Pa", "Qa", "Ra", "Sa"]}),
    )


@pytest.fixture(scope="module")
def parts():
    passages, concepts, mentions, entities = _corpus()
    return actor_parts(passages, concepts, mentions, entities, min_mentions=2)


def test_parts_count_passages_once_and_drop_rare_actors(parts):
    assert list(parts.actors["entity_id"]) == ["P", "Q", "R"]  # S: one mention
    assert parts.incidence.sum(axis=1).A1.tolist() == [10, 10, 20]
    assert parts.concepts == ["CLUSTER", "HUB", "SSE"]
    assert parts.counts.sum() == 50


def test_actors_sit_on_the_side_of_the_vocabulary_they_use(parts):
    rows = pd.DataFrame(vocabulary_rows(parts, FAMILY_OF, ["early", "late"], alpha=0.05))
    spec = rows[rows["period"] == "all"].set_index(["entity_id", "concept"])["specificity"]
    assert spec["P", "CLUSTER"] > 2 and spec["P", "HUB"] < -2
    assert spec["Q", "HUB"] > 2 and spec["Q", "CLUSTER"] < -2
    assert abs(spec["R", "CLUSTER"]) < 1e-9 and abs(spec["R", "HUB"]) < 1e-9  # the whole corpus
    p = rows.set_index(["entity_id", "concept", "period"])
    assert p.loc[("P", "CLUSTER", "all"), "count"] == 20
    assert p.loc[("P", "CLUSTER", "all"), "expected"] == pytest.approx(10.0)
    assert p.loc[("P", "CLUSTER", "all"), "q_value"] < 0.05 <= p.loc[("R", "SSE", "all"), "q_value"]
    assert (rows["q_value"] >= rows["p_value"]).all()
    assert set(rows["family"]) == {"form", "model"}
    # in its own period P says nothing special: the period's corpus is all cluster
    assert ("P", "HUB", "early") not in p.index and ("P", "CLUSTER", "late") not in p.index
    assert abs(p.loc[("P", "CLUSTER", "early"), "specificity"]) < 1e-9
    # sorted by actor, concept, then "all" before the periods in time order
    keys = list(zip(rows["entity_id"], rows["concept"], strict=True))
    assert keys == sorted(keys)
    assert list(rows[(rows["entity_id"] == "R") & (rows["concept"] == "SSE")]["period"]) == [
        "all",
        "early",
        "late",
    ]


def test_family_shares_per_actor_with_intervals(parts):
    rows = pd.DataFrame(family_share_rows(parts, FAMILIES, ["early", "late"], n_boot=300, seed=1))
    r_all = rows[(rows["entity_id"] == "R") & (rows["period"] == "all")].set_index("concept")
    assert r_all.loc["CLUSTER", "share"] == pytest.approx(0.5)
    assert r_all.loc["CLUSTER", "ci_low"] < 0.5 < r_all.loc["CLUSTER", "ci_high"]
    assert r_all.loc["CLUSTER", "n_docs"] == 10 and r_all.loc["SSE", "share"] == 1.0
    p_early = rows[(rows["entity_id"] == "P") & (rows["period"] == "early")].set_index("concept")
    assert p_early.loc["CLUSTER", "share"] == 1.0 and p_early.loc["HUB", "share"] == 0.0
    assert p_early.loc["CLUSTER", "family_occurrences"] == 20
    assert rows[(rows["entity_id"] == "P") & (rows["period"] == "late")].empty
    again = family_share_rows(parts, FAMILIES, ["early", "late"], n_boot=300, seed=1)
    assert rows.equals(pd.DataFrame(again))


def test_empty_inputs_give_empty_tables():
    passages, concepts, mentions, entities = _corpus()
    none = actor_parts(passages, concepts, mentions.iloc[:0], entities, min_mentions=1)
    assert vocabulary_rows(none, FAMILY_OF, ["early"], alpha=0.05) == []
    assert family_share_rows(none, FAMILIES, ["early"], n_boot=100, seed=0) == []


def test_vectorised_lafon_scores_equal_the_scalar_ones():
    grid = [
        (k, K, n, N)
        for N in (0, 12, 300, 5000)
        for K in range(0, N + 1, max(1, N // 6))
        for n in range(0, N + 1, max(1, N // 4))
        for k in range(0, min(K, n) + 1, max(1, min(K, n) // 9))
        if K - k <= N - n
    ]
    score, p_value = lafon_tests(*np.array(grid).T)
    expected = [scipy_lafon_specificity(*table) for table in grid]
    assert score == pytest.approx(expected, rel=1e-9, abs=1e-9)
    assert np.all((p_value > 0) | (np.abs(score) >= 300)) and np.all(p_value <= 1)
    # the p-value is twice the tail on the observed side
    assert p_value[np.abs(score) < 2] == pytest.approx(
        np.minimum(1, 2 * 10 ** -np.abs(score[np.abs(score) < 2]))
    )
    with pytest.raises(ValueError, match="impossible"):
        lafon_tests([3], [2], [5], [10])
