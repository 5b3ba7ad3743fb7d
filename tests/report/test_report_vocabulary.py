"""'Who says hub, who says cluster' on tiny tables: order, significance by q, shares."""

from __future__ import annotations

import dataclasses

import pandas as pd
from tiny_tables import HOSTILE, PERIODS

from corpus_mining.report import build_report
from corpus_mining.report.section_vocabulary import (
    actor_form_shares,
    actor_positions,
    position_cells,
)

MEMBERS = ["CLUSTER", "COMPETITIVENESS_POLE", "HUB"]


def test_actors_ordered_from_falling_forms_to_rising_ones(inputs):
    positions = actor_positions(inputs.actor_vocabulary, inputs.concept_tests, MEMBERS)
    # E2 only says cluster (slope -0.2), E3 both (mean 0.05), E1 only hub (0.3)
    assert list(positions["entity_id"]) == ["E2", "E3", "E1"]
    assert list(positions["form_trend"]) == [-0.2, 0.05, 0.3]
    assert list(positions["family_count"]) == [6, 4, 5]
    top = actor_positions(inputs.actor_vocabulary, inputs.concept_tests, MEMBERS, top=1)
    assert list(top["entity_id"]) == ["E2"]  # the most family mentions
    assert actor_positions(inputs.actor_vocabulary, inputs.concept_tests, MEMBERS, min_count=5)[
        "entity_id"
    ].tolist() == ["E2", "E1"]


def test_cells_mark_significance_by_q_not_p(inputs):
    positions = actor_positions(inputs.actor_vocabulary, inputs.concept_tests, MEMBERS)
    vocabulary = inputs.actor_vocabulary.assign(p_value=0.001)  # every p small, q decides
    cells = position_cells(vocabulary, positions, MEMBERS, inputs.concept_labels, alpha=0.05)
    assert list(cells["entity_id"]) == ["E2", "E2", "E3", "E3", "E1", "E1"]
    assert list(cells["form"][:2]) == ["cluster", "hub"]
    assert list(cells["significant"]) == [True, True, False, False, True, True]
    assert set(cells["concept"]) <= set(MEMBERS)  # other families left out


def test_family_shares_of_the_chosen_actors_per_period(inputs):
    positions = actor_positions(inputs.actor_vocabulary, inputs.concept_tests, MEMBERS)
    shares = actor_form_shares(inputs.actor_families, positions, "organisational_form")
    assert "all" not in set(shares["period"])
    assert list(shares["entity_id"].drop_duplicates()) == ["E2", "E1"]
    # E2 says only cluster: one row per period, the period order restored
    assert list(shares["period"][:2]) == PERIODS and set(shares["concept"][:2]) == {"CLUSTER"}
    assert (shares["occurrences"] > 0).all() and (shares["ci_low"] <= shares["share"]).all()


def test_section_is_in_the_page_escaped_and_survives_empty_tables(inputs):
    report = build_report(inputs, plotly_js="")
    assert "Who says hub, who says cluster" in report.html
    assert "fig-actor-vocabulary" in report.chart_ids
    assert {"actor_vocabulary", "actor_form_shares"} <= set(report.data)
    assert HOSTILE not in report.html
    bare = dataclasses.replace(
        inputs,
        actor_vocabulary=inputs.actor_vocabulary.iloc[:0],
        actor_families=inputs.actor_families.iloc[:0],
    )
    empty = build_report(bare, plotly_js="")
    assert empty.data["actor_vocabulary"].empty and "fig-actor-vocabulary" in empty.chart_ids
    assert isinstance(empty.data["actor_form_shares"], pd.DataFrame)
