"""Who says hub, who says cluster: the organisational-form vocabulary of each actor.

Actors are placed by the forms their passages over- or under-use (Lafon specificity of
``actor_vocabulary.csv``), and ordered by the mean trend of the forms they use: the forms'
own slopes (``concept_tests.csv``) weighted by how often the actor's passages use them. Top:
actors whose passages use the forms that fall over time; bottom: those that rise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from corpus_mining.report.charts import heatmap
from corpus_mining.report.html import Chart, SectionBuilder
from corpus_mining.report.inputs import (
    ReportInputs,
    concept_short_name,
    period_order,
    unique_labels,
)

ALL = "all"
INTRO = (
    "Which organisational forms do the passages that mention an actor use, compared with the "
    "whole corpus? Mentions inside references are left out, on both sides."
)
CAPTION = (
    "Lafon specificity of each form in the passages that mention the actor, all periods "
    "together: red, over-used (the actor's passages say it more than the corpus does); blue, "
    "under-used. Scores within ±2 are banal. Actors are ordered by the mean yearly trend of "
    "the forms their passages use (falling forms first). In the data, <code>significant</code> "
    "means a Benjamini–Hochberg q-value below {alpha} over the whole table (not p)."
)
SHARES_CAPTION = (
    "Each form's share of the organisational-form mentions in the actor's passages, per "
    "period, with 95% bootstrap intervals over the actor's documents (forms the actor's "
    "passages do not use are left out here; the trend table <code>actor_families</code> has all)."
)


def actor_positions(
    vocabulary: pd.DataFrame,
    concept_tests: pd.DataFrame,
    members: Sequence[str],
    *,
    top: int = 20,
    min_count: int = 3,
) -> pd.DataFrame:
    """The actors whose passages use the family most, each with its side score.

    Args:
        vocabulary: ``actor_vocabulary.csv``.
        concept_tests: ``concept_tests.csv`` (``slope`` per concept).
        members: The family's concept ids.
        top: Number of actors kept (most family mentions first).
        min_count: Actors with fewer family mentions in their passages are left out.

    Returns:
        ``entity_id``, ``actor`` (unique name), ``family_count`` and ``form_trend`` (count-
        weighted mean slope of the forms used; nan when none has a slope), sorted by
        ``form_trend`` then name.
    """
    rows = vocabulary[(vocabulary["period"] == ALL) & vocabulary["concept"].isin(members)]
    slope = concept_tests.set_index("concept")["slope"]
    rows = rows.assign(slope=rows["concept"].map(slope))
    with_slope = rows[rows["slope"].notna()]
    weighted = (with_slope["count"] * with_slope["slope"]).groupby(with_slope["entity_id"]).sum()
    weight = with_slope.groupby("entity_id")["count"].sum()
    actors = rows.groupby("entity_id", sort=True).agg(
        canonical=("canonical", "first"), family_count=("count", "sum")
    )
    actors = actors[actors["family_count"] >= min_count].reset_index()
    actors = actors.sort_values(["family_count", "entity_id"], ascending=[False, True]).head(top)
    trend = (weighted / weight.where(weight > 0)).round(6)
    actors = actors.assign(
        actor=unique_labels(actors["canonical"], actors["entity_id"]).to_numpy(),
        form_trend=actors["entity_id"].map(trend).astype(float),
    )
    actors = actors.sort_values(["form_trend", "actor"], na_position="last")
    return actors[["entity_id", "actor", "family_count", "form_trend"]].reset_index(drop=True)


def position_cells(
    vocabulary: pd.DataFrame,
    positions: pd.DataFrame,
    members: Sequence[str],
    labels: Mapping[str, Mapping[str, str]],
    *,
    alpha: float,
) -> pd.DataFrame:
    """Specificity of each member in each chosen actor's passages (all periods), with q."""
    rows = vocabulary[(vocabulary["period"] == ALL) & vocabulary["concept"].isin(members)]
    rows = rows.merge(positions[["entity_id", "actor", "form_trend"]], on="entity_id")
    rows = rows.assign(
        form=rows["concept"].map(lambda c: concept_short_name(str(c), labels)),
        significant=rows["q_value"] < alpha,
        a=rows["entity_id"].map({e: i for i, e in enumerate(positions["entity_id"])}),
        m=rows["concept"].map({c: i for i, c in enumerate(members)}),
    )
    rows = rows.sort_values(["a", "m"]).drop(columns=["a", "m"])
    columns = ["entity_id", "actor", "form_trend", "concept", "form", "count", "expected"]
    return rows[[*columns, "specificity", "p_value", "q_value", "significant"]].reset_index(
        drop=True
    )


def actor_form_shares(
    actor_families: pd.DataFrame, positions: pd.DataFrame, family: str
) -> pd.DataFrame:
    """The chosen actors' shares of the forms they use, per period, in chart order.

    Periods only, and only forms with occurrences: ``actor_families.csv`` has the rest.
    """
    rows = actor_families[
        (actor_families["family"] == family) & (actor_families["period"] != ALL)
    ].merge(positions[["entity_id", "actor"]], on="entity_id")
    periods = {p: i for i, p in enumerate(period_order(rows["period"]))}
    rows = rows.assign(
        a=rows["entity_id"].map({e: i for i, e in enumerate(positions["entity_id"])}),
        p=rows["period"].map(periods),
    )
    rows = rows[rows["occurrences"] > 0]
    rows = rows.sort_values(["a", "p"], kind="stable").drop(columns=["a", "p", "canonical"])
    columns = ["entity_id", "actor", "period", "concept", "n_docs", "occurrences"]
    columns += ["family_occurrences", "share", "ci_low", "ci_high"]
    return rows[columns].reset_index(drop=True)


def vocabulary_subsection(section: SectionBuilder, inputs: ReportInputs) -> None:
    """Append "Who says hub, who says cluster" to ``section`` (the actors section)."""
    vocabulary = inputs.actor_vocabulary
    said = vocabulary[vocabulary["count"] > 0]["concept"]
    members = [m for m in inputs.family_members if m in set(said)]
    section.subsection("actors-vocabulary", "Who says hub, who says cluster", INTRO)
    positions = actor_positions(vocabulary, inputs.concept_tests, members)
    cells = position_cells(
        vocabulary, positions, members, inputs.concept_labels, alpha=inputs.alpha
    )
    forms = list(dict.fromkeys(cells["form"]))
    figure = heatmap(
        cells,
        x="form",
        y="actor",
        z="specificity",
        x_order=forms,
        y_order=list(positions["actor"]),
        text_format=".1f",
        diverging=True,
        title="Who says hub, who says cluster: forms over- and under-used around each actor",
        x_title="organisational form",
        y_title="actor (falling forms at the top, rising at the bottom)",
        z_title="Lafon specificity (+ over-used, − under-used)",
    )
    caption = CAPTION.format(alpha=f"{inputs.alpha:g}")
    section.chart(Chart("actor_vocabulary", figure, cells, caption), max_rows=80)
    shares = actor_form_shares(inputs.actor_families, positions, inputs.family)
    section.table("actor_form_shares", shares, SHARES_CAPTION, max_rows=60)
