"""Actors' vocabulary on the shipped sample corpus: the sides its README describes."""

from __future__ import annotations

import pandas as pd
import pytest

from corpus_mining.io import read_csv
from corpus_mining.report.section_vocabulary import actor_positions
from corpus_mining.schemas import (
    TREND_ACTOR_FAMILIES,
    TREND_ACTOR_VOCABULARY,
    TREND_ACTORS,
    TREND_CONCEPT_TESTS,
    TREND_SPECIFICITIES,
    TREND_TERM_TESTS,
)

from helpers import project_params

TESTED = (TREND_CONCEPT_TESTS, TREND_TERM_TESTS, TREND_ACTORS, TREND_SPECIFICITIES)

pytestmark = [pytest.mark.slow(cost=2), pytest.mark.xdist_group("sample-project")]

# corpus/README.md, "Who says hub, who says cluster"
CLUSTER_SIDE = ("DATAR", "European Cluster Observatory")
HUB_SIDE = (
    "Agence nationale de la cohésion des territoires",
    "Banque des Territoires",
    "France Tiers-Lieux",
)
# corpus/README.md, "The planted terminology drift"
CLUSTER_FORMS = ("CLUSTER", "COMPETITIVENESS_POLE")
HUB_FORMS = ("HUB", "NETWORK", "ECOSYSTEM", "THIRD_PLACE")


@pytest.fixture(scope="module")
def tables(sample_project):
    params = project_params(sample_project)
    folder = params.paths.trends
    return {
        spec.name: read_csv(spec, folder / spec.file).to_pandas()
        for spec in (TREND_ACTOR_VOCABULARY, TREND_ACTOR_FAMILIES, *TESTED)
    }


def _main_entity(vocabulary: pd.DataFrame, actor: str) -> str:
    """The entity named ``actor`` with the most passages (a name may label two entities)."""
    rows = vocabulary[(vocabulary["canonical"] == actor) & (vocabulary["period"] == "all")]
    assert len(rows), actor
    ranked = rows.sort_values(["n_passages", "entity_id"], ascending=[False, True])
    return str(ranked["entity_id"].iloc[0])


def _specificity(vocabulary: pd.DataFrame, actor: str) -> pd.Series:
    """Specificity per concept, all periods together, of the actor's main entity."""
    rows = vocabulary[
        (vocabulary["entity_id"] == _main_entity(vocabulary, actor))
        & (vocabulary["period"] == "all")
    ]
    spec = rows.set_index("concept")["specificity"]
    assert set(CLUSTER_FORMS + HUB_FORMS) <= set(spec.index), actor
    return spec


def _lean(vocabulary: pd.DataFrame, actor: str) -> float:
    """Specificity of the cluster forms minus that of the hub forms, all periods together."""
    spec = _specificity(vocabulary, actor)
    return float(spec[list(CLUSTER_FORMS)].sum() - spec[list(HUB_FORMS)].sum())


def test_actors_sit_on_the_sides_the_corpus_readme_describes(tables):
    vocabulary = tables[TREND_ACTOR_VOCABULARY.name]
    leans = {actor: _lean(vocabulary, actor) for actor in CLUSTER_SIDE + HUB_SIDE}
    assert all(leans[a] > 2 for a in CLUSTER_SIDE), leans
    assert all(leans[a] < -2 for a in HUB_SIDE), leans
    for actor in CLUSTER_SIDE:
        spec = _specificity(vocabulary, actor)
        assert spec["CLUSTER"] > 0 and spec["HUB"] < 0, (actor, spec.to_dict())
    for actor in HUB_SIDE:
        assert _specificity(vocabulary, actor)["CLUSTER"] < 0, actor


def test_report_orders_the_cluster_side_above_the_hub_side(tables):
    vocabulary = tables[TREND_ACTOR_VOCABULARY.name]
    members = list(CLUSTER_FORMS + HUB_FORMS)
    positions = actor_positions(
        vocabulary, tables[TREND_CONCEPT_TESTS.name], members, top=1000, min_count=1
    )
    order = list(positions["entity_id"])
    rank = {a: order.index(_main_entity(vocabulary, a)) for a in CLUSTER_SIDE + HUB_SIDE}
    assert max(rank[a] for a in CLUSTER_SIDE) < min(rank[a] for a in HUB_SIDE), rank


def test_tables_of_tests_carry_q_values_and_shares_carry_intervals(tables):
    vocabulary = tables[TREND_ACTOR_VOCABULARY.name]
    for spec in (TREND_ACTOR_VOCABULARY, *TESTED):
        tested = tables[spec.name].dropna(subset=["p_value"])
        assert len(tested) and (tested["q_value"] >= tested["p_value"]).all(), spec.name
    terms = tables[TREND_TERM_TESTS.name]
    assert set(terms["source"]) == {"lexicon", "cvalue"}
    moved = terms[terms["direction"] != "flat"]
    assert (moved["q_value"] < 0.05).all()
    assert {"hub", "hubs"} & set(moved.loc[moved["direction"] == "rising", "term"])
    tests = tables[TREND_CONCEPT_TESTS.name]
    assert (tests.loc[tests["direction"] != "flat", "q_value"] < 0.05).all()
    assert {"CLUSTER", "HUB"} <= set(tests.loc[tests["direction"] != "flat", "concept"])
    shares = tables[TREND_ACTOR_FAMILIES.name]
    datar = shares[
        (shares["entity_id"] == _main_entity(vocabulary, "DATAR"))
        & (shares["family"] == "organisational_form")
        & (shares["period"] == "all")
    ].set_index("concept")
    assert datar.loc["CLUSTER", "share"] > datar.loc["HUB", "share"]
    defined = shares.dropna(subset=["share"])
    assert (defined["ci_low"] <= defined["share"] + 1e-9).all()
    assert (defined["share"] <= defined["ci_high"] + 1e-9).all()
