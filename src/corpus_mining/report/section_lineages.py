"""Section 5, topic lineages: an alluvial (Sankey) chart of topics across periods.

Each column is a period, each node a topic in that period (sized by its passages), each
band a link to a topic of the next period. Clicking a band or a node opens, below the
chart, the representative passages of both ends of the link.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from markupsafe import Markup

from corpus_mining.report.charts import finish, plot_text
from corpus_mining.report.colours import NEUTRAL, rgba
from corpus_mining.report.html import Chart, Section, SectionBuilder, fragment, passage_html
from corpus_mining.report.inputs import ReportInputs, period_order, records, topic_colours
from corpus_mining.report.section_topics import topic_names

CHART = "topic_lineages"
CHART_ID = "fig-topic-lineages"
NO_TOPIC = -1
LINKS = ("continue", "split", "merge")
RELATION_COLOURS = {"continue": NEUTRAL, "split": "#f28e2b", "merge": "#b07aa1"}
CAPTION = (
    "Each column is a period and each box a topic in that period, described by that "
    "period's passages only; bands link topics of adjacent periods whose similarity "
    "(centroid cosine and shared top terms) reaches the threshold: grey continue, orange "
    "split, purple merge. A topic with no band on its left emerges, one with none on its "
    "right fades. Click a band or a box to read the passages of both ends below."
)


def _anchor(row: Mapping[str, Any]) -> str:
    parts = (row["period_from"], row["topic_from"], row["period_to"], row["topic_to"])
    return "lineage-" + "-".join(str(p).replace(" ", "_") for p in parts)


def _nodes(lineages: pd.DataFrame, periods: list[str]) -> list[tuple[str, int, int]]:
    """(period, topic, passages) of every topic-period drawn, in period then topic order."""
    ends = pd.concat(
        [
            lineages[["period_from", "topic_from", "n_passages_from"]].set_axis(
                ["period", "topic", "n"], axis=1
            ),
            lineages[["period_to", "topic_to", "n_passages_to"]].set_axis(
                ["period", "topic", "n"], axis=1
            ),
        ]
    )
    ends = ends[ends["topic"] != NO_TOPIC].drop_duplicates(["period", "topic"])
    rank = {p: i for i, p in enumerate(periods)}
    ends = ends.assign(r=ends["period"].map(rank)).sort_values(["r", "topic"])
    return [
        (str(p), int(t), int(n)) for p, t, n in ends[["period", "topic", "n"]].itertuples(False)
    ]


def lineage_figure(
    lineages: pd.DataFrame, names: Mapping[int, str], periods: list[str]
) -> go.Figure:
    """The Sankey chart; link and node ``customdata`` name the anchor of their passages."""
    links = lineages[lineages["relation"].isin(LINKS)]
    # plotly.js leaves out nodes without links and then misplaces the others: draw only
    # linked topic-periods (the isolated ones are listed under the chart).
    nodes = _nodes(links, periods)
    index = {(p, t): i for i, (p, t, _) in enumerate(nodes)}
    colours = topic_colours(t for _, t, _ in nodes)
    topics = sorted({t for _, t, _ in nodes})
    first: dict[tuple[str, int], str] = {}
    for row in records(lineages):
        for end in ("from", "to"):
            key = (str(row[f"period_{end}"]), int(row[f"topic_{end}"]))
            first.setdefault(key, _anchor(row))
    span = max(1, len(periods) - 1)
    fig = go.Figure()
    if nodes:
        fig.add_trace(
            go.Sankey(
                arrangement="fixed",
                node={
                    "label": [plot_text(f"T{t} · {p}") for p, t, _ in nodes],
                    "x": [0.01 + 0.98 * periods.index(p) / span for p, _, _ in nodes],
                    "y": [
                        0.02 + 0.96 * topics.index(t) / max(1, len(topics) - 1) for _, t, _ in nodes
                    ],
                    "color": [colours[str(t)] for _, t, _ in nodes],
                    "customdata": [first[(p, t)] for p, t, _ in nodes],
                    "hovertemplate": [
                        plot_text(f"{names.get(t, f'T{t}')}<br>{p}: {n} passages")
                        + "<extra></extra>"
                        for p, t, n in nodes
                    ],
                    "pad": 12,
                },
                link={
                    "source": [
                        index[(str(r["period_from"]), int(r["topic_from"]))] for r in records(links)
                    ],
                    "target": [
                        index[(str(r["period_to"]), int(r["topic_to"]))] for r in records(links)
                    ],
                    "value": [float(r["similarity"]) for r in records(links)],
                    "color": [rgba(RELATION_COLOURS[r["relation"]], 0.45) for r in records(links)],
                    "customdata": [_anchor(r) for r in records(links)],
                    "hovertemplate": [
                        plot_text(
                            f"T{r['topic_from']} → T{r['topic_to']}: {r['relation']}, "
                            f"similarity {r['similarity']:.2f}"
                        )
                        + "<extra></extra>"
                        for r in records(links)
                    ],
                },
            )
        )
    return finish(
        fig,
        title="Topic lineages: how topics continue, split, merge, emerge and fade",
        x_title="",
        y_title="",
        height=120 + 48 * max(1, len(topics)),
        legend=False,
    )


def _quotes(passages: pd.DataFrame, period: str, topic: int) -> Markup:
    rows = passages[(passages["period"] == period) & (passages["topic_id"] == topic)]
    return Markup("".join(passage_html(r) for r in records(rows.sort_values("rank"))))


def _end(row: Mapping[str, Any], end: str, names: Mapping[int, str]) -> str:
    topic = int(row[f"topic_{end}"])
    if topic == NO_TOPIC:
        return f"{row[f'period_{end}']}: no topic"
    return f"{row[f'period_{end}']}: {names.get(topic, f'T{topic}')}"


def _link_block(row: Mapping[str, Any], passages: pd.DataFrame, names: Mapping[int, str]) -> str:
    shared = f" · shared terms: {row['shared_terms']}" if row["shared_terms"] else ""
    summary = (
        f"{_end(row, 'from', names)} → {_end(row, 'to', names)} · {row['relation']} · "
        f"similarity {row['similarity']:.2f}{shared}"
    )
    columns = [
        (
            _end(row, end, names),
            _quotes(passages, str(row[f"period_{end}"]), int(row[f"topic_{end}"])),
        )
        for end in ("from", "to")
    ]
    return str(fragment("lineage_link", anchor=_anchor(row), summary=summary, columns=columns))


def lineage_passages(inputs: ReportInputs) -> pd.DataFrame:
    """Representative passages of each topic-period, with their document and offsets."""
    where = inputs.passages[
        ["passage_id", "doc_id", "position", "char_start", "char_end", "lang", "text"]
    ]
    docs = inputs.documents[["doc_id", "title", "date"]]
    rows = inputs.lineage_passages.merge(where, on="passage_id", how="inner").merge(
        docs, on="doc_id"
    )
    return rows.sort_values(["period", "topic_id", "rank"]).reset_index(drop=True)


def _intro(metrics: Mapping[str, Any]) -> str:
    if not metrics:
        return "Lineages link the topics of adjacent periods."
    placebo = metrics.get("placebo", {})
    text = (
        f"Threshold {metrics.get('threshold')} (chosen by "
        f"{metrics.get('threshold_chosen_by', 'params')}). "
    )
    if placebo:
        text += (
            f"Share of changes (rows other than continue): {placebo['observed']:.2f}; with the "
            f"documents' periods shuffled {placebo['permutations']} times: mean "
            f"{placebo['null_mean']:.2f}, permutation p-value {placebo['p_value']:.2f} (a small "
            "p means more change than random dating would give)."
        )
    return text


def lineages_section(inputs: ReportInputs) -> Section:
    """Section 5: the lineage chart and, per link, the passages of both ends."""
    lineages = inputs.topic_lineages
    periods = period_order(list(lineages["period_from"]) + list(lineages["period_to"]))
    names = topic_names(inputs.topics)
    section = SectionBuilder("lineages", "Topic lineages")
    section.add(fragment("intro", text=_intro(inputs.lineage_metrics)))
    section.chart(Chart(CHART, lineage_figure(lineages, names, periods), lineages, CAPTION))
    section.add(str(fragment("lineage_script", chart_id=CHART_ID)))
    section.subsection("lineages-passages", "Passages at both ends of each link")
    passages = lineage_passages(inputs)
    for row in records(lineages):
        section.add(_link_block(row, passages, names))
    section.download("lineage_passages", passages, "Representative passages of each topic-period:")
    return section.build()
