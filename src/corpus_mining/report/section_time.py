"""Section 3, discourse over time: family shares, concept rates, topics, emerging terms."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from corpus_mining.report.charts import band_lines, heatmap
from corpus_mining.report.html import Chart, Section, SectionBuilder, esc, fragment
from corpus_mining.report.inputs import (
    ReportInputs,
    concept_colours,
    concept_name,
    period_order,
    topic_colours,
)
from corpus_mining.report.section_topics import topic_names

TERM_MARKS = {"emerging": "↑", "fading": "↓"}
RATE_COLUMNS = ("rate_per_10k", "rate_ci_low", "rate_ci_high")
SHARES_CAPTION = (
    "The “hubs vs clusters” view: each line is one form's share of all mentions of the "
    "family in the period; bands are 95% bootstrap intervals over documents."
)
RATES_CAPTION = (
    "Rate of each concept per 10,000 words of the period's documents (mentions inside "
    "references left out), with 95% bootstrap intervals."
)


def _rank(frame: pd.DataFrame, column: str, order: Sequence[str]) -> pd.Series:
    position = {key: i for i, key in enumerate(order)}
    return frame[column].map(position).fillna(len(position))


def family_shares(
    families: pd.DataFrame, family: str, members: Sequence[str], periods: Sequence[str]
) -> pd.DataFrame:
    """Shares of ``family`` members that occur at all, in lexicon then period order."""
    rows = families[families["family"] == family]
    seen = rows.groupby("concept")["occurrences"].sum()
    rows = rows[rows["concept"].isin(seen[seen > 0].index)]
    rows = rows.assign(m=_rank(rows, "concept", members), p=_rank(rows, "period", periods))
    return rows.sort_values(["m", "p"]).drop(columns=["m", "p"]).reset_index(drop=True)


def concept_rates(
    concept_trends: pd.DataFrame, members: Sequence[str], periods: Sequence[str]
) -> pd.DataFrame:
    """Occurrences per 10,000 words of each member concept, all documents, per period."""
    rows = concept_trends[
        (concept_trends["group"] == "all")
        & (concept_trends["term"] == "*")
        & concept_trends["concept"].isin(members)
    ]
    seen = rows.groupby("concept")["occurrences"].sum()
    rows = rows[rows["concept"].isin(seen[seen > 0].index)]
    rows = rows.assign(m=_rank(rows, "concept", members), p=_rank(rows, "period", periods))
    rows = rows.sort_values(["m", "p"]).drop(columns=["m", "p", "term", "group", "group_value"])
    return rows.reset_index(drop=True)


def family_tests(
    concept_tests: pd.DataFrame, members: Sequence[str], labels: Mapping[str, Mapping[str, str]]
) -> pd.DataFrame:
    """Trend tests (slope per year, interval, p-value, direction) of the family's concepts."""
    rows = concept_tests[concept_tests["concept"].isin(members)]
    rows = rows.assign(
        name=rows["concept"].map(lambda c: concept_name(str(c), labels)),
        m=_rank(rows, "concept", members),
    )
    rows = rows.sort_values("m").drop(columns="m")
    return rows[["concept", "name", *[c for c in rows.columns if c not in ("concept", "name")]]]


def topic_prevalence(topic_trends: pd.DataFrame, periods: Sequence[str]) -> pd.DataFrame:
    """Each topic's share of the period's passages, in topic then period order."""
    rows = topic_trends.assign(p=_rank(topic_trends, "period", periods))
    rows = rows.sort_values(["topic_id", "p"]).drop(columns="p")
    return rows.reset_index(drop=True)


def term_specificity(
    specificities: pd.DataFrame, lists: pd.DataFrame, periods: Sequence[str]
) -> pd.DataFrame:
    """Specificity per period of every emerging and fading term (``row`` labels them)."""
    listed = lists.assign(row=lists["list"].map(TERM_MARKS).fillna("") + " " + lists["term"])
    rows = listed.merge(specificities, on="term", how="inner").rename(columns={"part": "period"})
    rows = rows[rows["period"].isin(periods)]
    rows = rows.assign(
        p=_rank(rows, "period", periods), l=rows["list"].map({"emerging": 0, "fading": 1})
    )
    rows = rows.sort_values(["l", "rank", "p"]).drop(columns=["p", "l"])
    columns = ["list", "rank", "term", "row", "period", "frequency", "specificity", "g2"]
    return rows.reindex(columns=columns).reset_index(drop=True)


def _family_frames(
    inputs: ReportInputs, periods: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    names = {m: concept_name(m, inputs.concept_labels) for m in inputs.family_members}
    shares = family_shares(inputs.families, inputs.family, inputs.family_members, periods)
    rates = concept_rates(inputs.concept_trends, inputs.family_members, periods)
    return (
        shares.assign(name=shares["concept"].map(names)),
        rates.assign(name=rates["concept"].map(names)),
        names,
    )


def _family_chart(
    name: str, frame: pd.DataFrame, names: dict[str, str], inputs: ReportInputs, periods: list[str]
) -> Chart:
    """Family shares (``name`` "family_shares") or concept rates, with their bands."""
    family = esc(inputs.family.replace("_", " "))
    shares = name == "family_shares"
    y, low, high = ("share", "ci_low", "ci_high") if shares else RATE_COLUMNS
    figure = band_lines(
        frame,
        x="period",
        y=y,
        low=low,
        high=high,
        series="concept",
        x_order=periods,
        names={k: v for k, v in names.items() if k in set(frame["concept"])},
        colours=concept_colours(inputs),
        percent=shares,
        title=f"Share of each {family} term in the family's mentions, per period"
        if shares
        else f"Occurrences of each {family} concept per 10,000 words, per period",
        x_title="period",
        y_title="share of the family's mentions (%)" if shares else "occurrences per 10,000 words",
    )
    return Chart(name, figure, frame, SHARES_CAPTION if shares else RATES_CAPTION)


def _topic_chart(inputs: ReportInputs, periods: list[str]) -> Chart:
    prevalence = topic_prevalence(inputs.topic_trends, periods)
    names = topic_names(inputs.topics)
    keys = sorted({int(t) for t in prevalence["topic_id"]})
    prevalence = prevalence.assign(
        series=prevalence["topic_id"].astype(str),
        topic=prevalence["topic_id"].map(lambda t: names.get(int(t), f"T{t}")),
    )
    figure = band_lines(
        prevalence,
        x="period",
        y="prevalence",
        low="ci_low",
        high="ci_high",
        series="series",
        x_order=periods,
        names={str(t): names.get(t, f"T{t}") for t in keys},
        colours=topic_colours(keys),
        percent=True,
        height=520,
        title="Topic prevalence: share of the period's passages in each topic",
        x_title="period",
        y_title="share of the period's passages (%)",
    )
    return Chart(
        "topic_prevalence",
        figure,
        prevalence.drop(columns="series"),
        (
            "Click a legend entry to hide a topic, double-click to show it alone. The data table "
            "lists each topic's distinctive terms in each period."
        ),
    )


def _terms_chart(inputs: ReportInputs, periods: list[str]) -> Chart:
    rows = term_specificity(inputs.specificities, inputs.emerging_fading, periods)
    figure = heatmap(
        rows,
        x="period",
        y="row",
        z="specificity",
        x_order=periods,
        y_order=list(dict.fromkeys(rows["row"])),
        text_format=".1f",
        diverging=True,
        title="Emerging (↑) and fading (↓) terms: specificity per period",
        x_title="period",
        y_title="term (lemma)",
        z_title="Lafon specificity (+ over-used, − under-used)",
    )
    return Chart(
        "emerging_fading_terms",
        figure,
        rows,
        (
            "Terms over-used in the last period and under-used in the first (emerging), or the "
            "reverse (fading), ranked by the change; red cells: over-used in the period, blue: "
            "under-used."
        ),
    )


def time_section(inputs: ReportInputs) -> Section:
    """Section 3: how the vocabulary, the concepts and the topics move across periods."""
    periods = period_order(
        list(inputs.families["period"])
        + list(inputs.concept_trends["period"])
        + list(inputs.topic_trends["period"])
    )
    section = SectionBuilder("time", "Discourse over time")
    section.add(
        fragment(
            "intro",
            text=f"Periods: {', '.join(periods) or 'none'}. Undated documents and duplicates "
            "are left out; intervals are 95% bootstrap intervals over documents.",
        )
    )
    section.subsection("time-family", "Hubs vs clusters: organisational forms")
    shares, rates, names = _family_frames(inputs, periods)
    section.chart(_family_chart("family_shares", shares, names, inputs, periods))
    section.chart(_family_chart("concept_rates", rates, names, inputs, periods))
    section.table(
        "family_trend_tests",
        family_tests(inputs.concept_tests, inputs.family_members, inputs.concept_labels),
        "Trend of each form over the years: slope per year of a document-level "
        "quasi-Poisson regression (log scale) with its interval, p-value, Benjamini–Hochberg "
        "q-value over all concepts, and direction (flat unless q is below the level).",
    )
    section.subsection("time-topics", "Topics over time")
    section.chart(_topic_chart(inputs, periods))
    section.subsection("time-terms", "Emerging and fading terms")
    section.chart(_terms_chart(inputs, periods))
    return section.build()
