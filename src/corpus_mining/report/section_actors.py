"""Section 4, actors: the most mentioned actors by type, their trajectories, the network."""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from corpus_mining.report.charts import bar_chart, heatmap
from corpus_mining.report.colours import colour_map
from corpus_mining.report.html import Chart, Section, SectionBuilder, fragment, passage_html
from corpus_mining.report.inputs import (
    ReportInputs,
    concept_colours,
    concept_name,
    concept_short_name,
    period_order,
    records,
    unique_labels,
)
from corpus_mining.report.network import actor_concept_edges, network_figure
from corpus_mining.report.section_vocabulary import vocabulary_subsection

TREND_MARKS = {"rising": " ↑", "fading": " ↓"}
TOP_CAPTION = (
    "Actors merged across name variants and languages; types come from the gazetteer or a "
    "named rule."
)
TRAJECTORY_CAPTION = (
    "↑ and ↓ mark a significant trend over the years (quasi-Poisson test on mentions per "
    "document, words as exposure; Benjamini–Hochberg q below the level over all actors)."
)
NETWORK_CAPTION = (
    "Hover a line's midpoint for its figures; every pair has an example passage in the data."
)
FIRST = [
    "canonical",
    "label",
    "actor_type",
    "first_period",
    "last_period",
    "trend",
    "slope",
    "p_value",
    "q_value",
]


def type_name(actor_type: object) -> str:
    """An actor type as words: ``"eu_institution"`` -> ``"eu institution"``."""
    return actor_type.replace("_", " ") if isinstance(actor_type, str) else "unknown"


def actor_totals(actor_trends: pd.DataFrame) -> pd.DataFrame:
    """One row per actor: total mentions (outside references) and its trend; most first."""
    if actor_trends.empty:
        return pd.DataFrame(columns=["entity_id", "actor", *FIRST, "mentions"])
    grouped = actor_trends.groupby("entity_id", sort=True)
    totals = grouped[FIRST].first().join(grouped["mentions"].sum()).reset_index()
    totals = totals.assign(actor=unique_labels(totals["canonical"], totals["entity_id"]))
    totals = totals.sort_values(["mentions", "actor", "entity_id"], ascending=[False, True, True])
    return totals[["entity_id", "actor", *FIRST, "mentions"]].reset_index(drop=True)


def top_actors_by_type(totals: pd.DataFrame, *, per_type: int = 5) -> pd.DataFrame:
    """The ``per_type`` most mentioned actors of each type; types with most mentions first."""
    if per_type < 1:
        raise ValueError(f"per_type must be >= 1, got {per_type}")
    weight = totals.groupby("actor_type")["mentions"].sum()
    ranked = totals.assign(w=totals["actor_type"].map(weight))
    ranked = ranked.sort_values(
        ["w", "actor_type", "mentions", "actor"], ascending=[False, True, False, True]
    )
    top = ranked.groupby("actor_type", sort=False).head(per_type).drop(columns="w")
    return top[["entity_id", "actor", "actor_type", "mentions", "trend"]].reset_index(drop=True)


def actor_trajectories(
    actor_trends: pd.DataFrame, totals: pd.DataFrame, *, top: int = 12
) -> pd.DataFrame:
    """Mentions per period of the ``top`` most mentioned actors (``row``: name and trend)."""
    chosen = totals.head(top)
    rows = actor_trends.merge(chosen[["entity_id", "actor"]], on="entity_id")
    rows = rows.assign(row=rows["actor"] + rows["trend"].map(TREND_MARKS).fillna(""))
    order = {e: i for i, e in enumerate(chosen["entity_id"])}
    periods = {p: i for i, p in enumerate(period_order(rows["period"]))}
    rows = rows.assign(a=rows["entity_id"].map(order), p=rows["period"].map(periods))
    rows = rows.sort_values(["a", "p"])
    columns = ["entity_id", "actor", "actor_type", "row", "period", "mentions", "trend"]
    return rows[columns].reset_index(drop=True)


def edge_evidence(edges: pd.DataFrame, inputs: ReportInputs, types: pd.Series) -> pd.DataFrame:
    """Network edges with actor type, concept name and the example passage's location."""
    passages = inputs.passages[
        ["passage_id", "doc_id", "position", "char_start", "char_end", "lang", "text"]
    ]
    docs = inputs.documents[["doc_id", "title", "date"]]
    rows = edges.assign(
        actor_type=edges["actor_id"].map(types).fillna("unknown"),
        concept=edges["concept_id"].map(lambda c: concept_name(str(c), inputs.concept_labels)),
    )
    rows = rows.merge(
        passages.rename(columns={"passage_id": "example_passage_id"}),
        on="example_passage_id",
        how="left",
    ).merge(docs, on="doc_id", how="left")
    columns = [
        "actor_id",
        "actor",
        "actor_type",
        "concept_id",
        "concept",
        "n_passages",
        "n_docs",
        "pmi",
        "g2",
        "example_passage_id",
        "doc_id",
        "title",
        "date",
        "position",
        "char_start",
        "char_end",
        "lang",
        "text",
    ]
    return rows.reindex(columns=columns)


def _evidence_cards(rows: pd.DataFrame, limit: int) -> str:
    cards = []
    for r in records(rows.head(limit)):
        quote = ""
        if isinstance(r["text"], str):
            quote = passage_html(r, passage_id="example_passage_id")
        cards.append(
            fragment(
                "evidence_card",
                actor=r["actor"],
                concept=r["concept"],
                n_passages=r["n_passages"],
                n_docs=r["n_docs"],
                g2=r["g2"],
                pmi=r["pmi"],
                quote=Markup(quote),
            )
        )
    return "".join(cards)


def _top_chart(totals: pd.DataFrame, types: dict[str, str]) -> Chart:
    top = top_actors_by_type(totals)
    figure = bar_chart(
        top,
        x="actor",
        y="mentions",
        colour="actor_type",
        colours=types,
        order=list(top["actor"]),
        horizontal=True,
        height=max(360, 22 * len(top) + 160),
        title="Most mentioned actors of each type",
        x_title="actor",
        y_title="mentions outside references (count)",
    )
    return Chart("top_actors_by_type", figure, top, TOP_CAPTION)


def _trajectory_chart(inputs: ReportInputs, totals: pd.DataFrame) -> Chart:
    paths = actor_trajectories(inputs.actor_trends, totals)
    figure = heatmap(
        paths,
        x="period",
        y="row",
        z="mentions",
        x_order=period_order(inputs.actor_trends["period"]),
        y_order=list(dict.fromkeys(paths["row"])),
        title="Mentions per period of the most mentioned actors",
        x_title="period",
        y_title="actor (↑ rising, ↓ fading)",
        z_title="mentions (count)",
    )
    return Chart("actor_trajectories", figure, paths, TRAJECTORY_CAPTION)


def _network_chart(
    inputs: ReportInputs, entity_types: pd.Series, types: dict[str, str], max_edges: int
) -> Chart:
    edges = actor_concept_edges(inputs.cooccurrence, max_edges=max_edges)
    labels = inputs.concept_labels
    figure = network_figure(
        edges,
        actor_types={str(k): str(v) for k, v in entity_types.items()},
        type_colours=types,
        concept_names={c: concept_short_name(c, labels) for c in labels},
        concept_colours=concept_colours(inputs),
        title="Actor–concept network (strongest pairs)",
    )
    evidence = edge_evidence(edges, inputs, entity_types)
    return Chart("actor_concept_network", figure, evidence, NETWORK_CAPTION)


def actors_section(inputs: ReportInputs, *, max_edges: int = 40) -> Section:
    """Section 4: who is talked about, when, and with which concepts."""
    totals = actor_totals(inputs.actor_trends)
    totals = totals.assign(actor_type=totals["actor_type"].map(type_name))
    entity_types = inputs.entities.set_index("entity_id")["actor_type"].map(type_name)
    types = colour_map(sorted(set(entity_types) | set(totals["actor_type"])))
    section = SectionBuilder("actors", "Actors")
    section.add(
        '<p class="intro">Actors are named organisations, places and people; mentions inside '
        "bibliography entries and citations are left out.</p>"
    )
    section.subsection("actors-top", "Main actors and their trajectories")
    section.chart(_top_chart(totals, types))
    section.chart(_trajectory_chart(inputs, totals))
    section.subsection(
        "actors-network",
        "Actor–concept network",
        "The strongest actor–concept pairs (Dunning's G² of co-occurrence within passages). "
        "Actors on the left, concepts on the right; thicker lines: more passages.",
    )
    network = _network_chart(inputs, entity_types, types, max_edges)
    section.chart(network)
    section.add("<h4>Strongest pairs, with an example passage</h4>")
    section.add(_evidence_cards(network.data, limit=8))
    vocabulary_subsection(section, inputs)
    return section.build()
