"""The actor–concept network: pair selection and orientation, deterministic layout, figure."""

from __future__ import annotations

import pandas as pd
import pytest

from corpus_mining.report.network import (
    EDGE_COLUMNS,
    actor_concept_edges,
    bipartite_layout,
    network_figure,
)


def test_edges_keep_actor_concept_pairs_oriented_strongest_first(inputs):
    edges = actor_concept_edges(inputs.cooccurrence)
    assert list(edges.columns) == EDGE_COLUMNS
    assert list(zip(edges["actor_id"], edges["concept_id"], strict=True)) == [
        ("E1", "CLUSTER"),
        ("E2", "HUB"),  # stored concept -> entity, turned round
    ]
    assert len(actor_concept_edges(inputs.cooccurrence, max_edges=1)) == 1


def test_edges_of_an_empty_table_have_the_right_columns(inputs):
    edges = actor_concept_edges(inputs.cooccurrence.iloc[0:0])
    assert edges.empty and list(edges.columns) == EDGE_COLUMNS
    with pytest.raises(ValueError):
        actor_concept_edges(inputs.cooccurrence, max_edges=-1)


def _edges():
    return pd.DataFrame(
        {
            "actor_id": ["A", "B", "B", "C"],
            "concept_id": ["X", "X", "Y", "Y"],
            "n_passages": [5, 1, 4, 2],
        }
    )


def test_bipartite_layout_is_deterministic_and_puts_heavy_concepts_on_top():
    positions = bipartite_layout(_edges())
    shuffled = bipartite_layout(_edges().sample(frac=1, random_state=3))
    assert positions == shuffled
    assert {x for (kind, _), (x, _) in positions.items() if kind == "actor"} == {0.0}
    assert {x for (kind, _), (x, _) in positions.items() if kind == "concept"} == {1.0}
    assert positions["concept", "X"][1] > positions["concept", "Y"][1]  # 6 passages vs 6: tie -> id
    assert positions["actor", "A"][1] > positions["actor", "C"][1]
    assert all(0.0 <= y <= 1.0 for _, y in positions.values())
    assert bipartite_layout(_edges().iloc[0:0]) == {}


def test_network_figure_draws_edges_nodes_and_escaped_labels(inputs):
    edges = actor_concept_edges(inputs.cooccurrence)
    fig = network_figure(
        edges,
        actor_types={"E1": "eu institution"},
        type_colours={"eu institution": "#123456"},
        concept_names={"CLUSTER": "cluster", "HUB": "hub"},
        concept_colours={"CLUSTER": "#4e79a7"},
        title="Network",
    )
    lines = [t for t in fig.data if t.mode == "lines"]
    assert len(lines) == len(edges)
    names = {t.name for t in fig.data if t.showlegend is not False}
    assert names == {"actor: eu institution", "actor: unknown", "concept"}
    labels = [text for t in fig.data if t.mode == "markers+text" for text in t.text]
    assert '&lt;script&gt;alert("x")&lt;/script&gt; &amp; Cie' in labels
    assert not any("<script>" in str(text) for text in labels)
    assert fig.layout.title.text == "Network"
