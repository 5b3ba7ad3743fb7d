"""The actor–concept network: strongest co-occurrence pairs on a deterministic bipartite layout.

Actors sit in a left column and concepts in a right one, so the drawing depends only on
the data: concepts are ordered by total association weight, actors by the mean position
of the concepts they co-occur with (the barycentre heuristic, which reduces crossings).

References:
    Sugiyama, Tagawa and Toda (1981), "Methods for visual understanding of hierarchical
    system structures", IEEE Trans. SMC 11(2).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from corpus_mining.report.charts import finish, plot_text
from corpus_mining.report.colours import NEUTRAL, rgba
from corpus_mining.report.inputs import records

EDGE_COLUMNS = [
    "actor_id",
    "actor",
    "concept_id",
    "n_passages",
    "n_docs",
    "pmi",
    "g2",
    "example_passage_id",
]


def actor_concept_edges(cooccurrence: pd.DataFrame, *, max_edges: int = 40) -> pd.DataFrame:
    """Actor–concept pairs oriented actor → concept, strongest first (G², then passages).

    Args:
        cooccurrence: Rows of ``cooccurrence.parquet``.
        max_edges: Keep at most this many pairs.

    Returns:
        Columns :data:`EDGE_COLUMNS`; empty (same columns) when there is no such pair.
    """
    if max_edges < 0:
        raise ValueError(f"max_edges must be >= 0, got {max_edges}")
    kinds = cooccurrence[["source_kind", "target_kind"]]
    forward = cooccurrence[(kinds["source_kind"] == "entity") & (kinds["target_kind"] == "concept")]
    backward = cooccurrence[
        (kinds["source_kind"] == "concept") & (kinds["target_kind"] == "entity")
    ]
    rename = {"source_id": "actor_id", "source_name": "actor", "target_id": "concept_id"}
    swap = {"target_id": "actor_id", "target_name": "actor", "source_id": "concept_id"}
    edges = pd.concat(
        [forward.rename(columns=rename), backward.rename(columns=swap)], ignore_index=True
    )
    edges = edges.reindex(columns=EDGE_COLUMNS)
    edges = edges.sort_values(
        ["g2", "n_passages", "actor_id", "concept_id"], ascending=[False, False, True, True]
    )
    return edges.head(max_edges).reset_index(drop=True)


def bipartite_layout(edges: pd.DataFrame) -> dict[tuple[str, str], tuple[float, float]]:
    """Positions of ``("actor", id)`` at x=0 and ``("concept", id)`` at x=1, top to bottom.

    Args:
        edges: Rows with ``actor_id``, ``concept_id`` and ``n_passages``.

    Returns:
        ``{(kind, id): (x, y)}`` with y in [0, 1], 1 at the top; the same edges always give
        the same positions.
    """
    if edges.empty:
        return {}
    weight = edges.groupby("concept_id")["n_passages"].sum()
    concepts = sorted(weight.index, key=lambda c: (-float(weight[c]), str(c)))
    concept_y = dict(zip(concepts, _spread(len(concepts)), strict=True))
    rank = edges.assign(y=edges["concept_id"].map(concept_y))
    rank = rank.assign(wy=rank["y"] * rank["n_passages"])
    sums = rank.groupby("actor_id")[["wy", "n_passages"]].sum()
    centre = (sums["wy"] / sums["n_passages"]).to_dict()
    actors = sorted(centre, key=lambda a: (-float(centre[a]), str(a)))
    actor_y = dict(zip(actors, _spread(len(actors)), strict=True))
    positions = {("concept", str(c)): (1.0, y) for c, y in concept_y.items()}
    positions.update({("actor", str(a)): (0.0, y) for a, y in actor_y.items()})
    return positions


def _spread(n: int) -> list[float]:
    """``n`` evenly spaced positions from 1 down to 0 (0.5 for a single node)."""
    return [0.5] if n == 1 else [float(v) for v in np.linspace(1.0, 0.0, n)]


def network_figure(
    edges: pd.DataFrame,
    *,
    actor_types: Mapping[str, str],
    type_colours: Mapping[str, str],
    concept_names: Mapping[str, str],
    concept_colours: Mapping[str, str],
    title: str,
) -> go.Figure:
    """Actors (left, coloured by type) linked to concepts (right); width grows with passages.

    Args:
        edges: Output of :func:`actor_concept_edges`.
        actor_types: Actor type of each actor id.
        type_colours: Colour of each actor type.
        concept_names: Display name of each concept id.
        concept_colours: Colour of each concept id.
        title: Chart title.
    """
    positions = bipartite_layout(edges)
    fig = go.Figure()
    top = float(edges["n_passages"].max()) if len(edges) else 1.0
    for edge in records(edges):
        actor, concept = str(edge["actor_id"]), str(edge["concept_id"])
        (x0, y0), (x1, y1) = positions["actor", actor], positions["concept", concept]
        fig.add_trace(
            go.Scatter(
                x=[x0, x1],
                y=[y0, y1],
                mode="lines",
                line={
                    "width": 1 + 5 * float(edge["n_passages"]) / top,
                    "color": rgba(concept_colours.get(concept, NEUTRAL), 0.45),
                },
                hoverinfo="skip",
                showlegend=False,
            )
        )
    _add_edge_hover(fig, edges, positions, concept_names)
    _add_actor_nodes(fig, edges, positions, actor_types, type_colours)
    _add_concept_nodes(fig, edges, positions, concept_names, concept_colours)
    fig.update_xaxes(visible=False, range=[-1.15, 2.05], fixedrange=True)
    fig.update_yaxes(visible=False, range=[-0.06, 1.06], fixedrange=True)
    rows = max(edges["actor_id"].nunique(), edges["concept_id"].nunique()) if len(edges) else 0
    return finish(fig, title=title, x_title="", y_title="", height=max(420, 24 * rows + 160))


def _add_edge_hover(
    fig: go.Figure,
    edges: pd.DataFrame,
    positions: Mapping[tuple[str, str], tuple[float, float]],
    concept_names: Mapping[str, str],
) -> None:
    """Invisible markers at edge midpoints carrying the pair's figures as hover text."""
    if edges.empty:
        return
    mids = [
        np.add(positions["actor", a], positions["concept", c]) / 2
        for a, c in zip(edges["actor_id"], edges["concept_id"], strict=True)
    ]
    text = [
        f"{plot_text(e['actor'])} — "
        f"{plot_text(concept_names.get(str(e['concept_id']), e['concept_id']))}<br>"
        f"{e['n_passages']} passages in {e['n_docs']} documents; "
        f"G² {e['g2']:.1f}, PMI {e['pmi']:.2f}<br>"
        f"example passage {plot_text(e['example_passage_id'])}"
        for e in records(edges)
    ]
    fig.add_trace(
        go.Scatter(
            x=[float(m[0]) for m in mids],
            y=[float(m[1]) for m in mids],
            mode="markers",
            marker={"size": 10, "opacity": 0},
            hovertext=text,
            hoverinfo="text",
            showlegend=False,
            name="pairs",
        )
    )


def _add_actor_nodes(
    fig: go.Figure,
    edges: pd.DataFrame,
    positions: Mapping[tuple[str, str], tuple[float, float]],
    actor_types: Mapping[str, str],
    type_colours: Mapping[str, str],
) -> None:
    actors = edges.drop_duplicates("actor_id")[["actor_id", "actor"]]
    actors = actors.assign(actor_type=actors["actor_id"].map(actor_types).fillna("unknown"))
    degree = edges.groupby("actor_id")["n_passages"].sum()
    for actor_type, part in actors.groupby("actor_type", sort=True):
        part = part.sort_values("actor_id")
        fig.add_trace(
            go.Scatter(
                x=[positions["actor", a][0] for a in part["actor_id"]],
                y=[positions["actor", a][1] for a in part["actor_id"]],
                mode="markers+text",
                text=[plot_text(name) for name in part["actor"]],
                textposition="middle left",
                marker={
                    "size": [8 + 2 * min(float(degree[a]), 10.0) for a in part["actor_id"]],
                    "color": type_colours.get(str(actor_type), NEUTRAL),
                    "line": {"width": 1, "color": "white"},
                },
                name=f"actor: {plot_text(actor_type)}",
                hovertemplate="%{text}<br>%{fullData.name}<extra></extra>",
            )
        )


def _add_concept_nodes(
    fig: go.Figure,
    edges: pd.DataFrame,
    positions: Mapping[tuple[str, str], tuple[float, float]],
    concept_names: Mapping[str, str],
    concept_colours: Mapping[str, str],
) -> None:
    if edges.empty:
        return
    concepts = sorted(edges["concept_id"].unique())
    fig.add_trace(
        go.Scatter(
            x=[positions["concept", c][0] for c in concepts],
            y=[positions["concept", c][1] for c in concepts],
            mode="markers+text",
            text=[plot_text(concept_names.get(c, c)) for c in concepts],
            textposition="middle right",
            marker={
                "size": 16,
                "symbol": "diamond",
                "color": [concept_colours.get(c, NEUTRAL) for c in concepts],
                "line": {"width": 1, "color": "white"},
            },
            name="concept",
            hovertemplate="%{text}<extra>concept</extra>",
        )
    )
