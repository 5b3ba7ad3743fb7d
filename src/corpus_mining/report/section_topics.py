"""Section 2, topics: labels, top terms per language, sizes, passages, kinds and languages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from markupsafe import Markup

from corpus_mining.report.charts import bar_chart, heatmap
from corpus_mining.report.html import Chart, Section, SectionBuilder, fragment, passage_html
from corpus_mining.report.inputs import ReportInputs, records, topic_colours

OUTLIERS = "Outliers (no topic)"
EXAMPLE_COLUMNS = [
    "topic_id",
    "lang",
    "rank",
    "passage_id",
    "doc_id",
    "title",
    "date",
    "position",
    "char_start",
    "char_end",
    "similarity",
    "text",
]


def _terms(value: Any) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return ", ".join(str(v) for v in value)


def _present(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def topic_names(topics: pd.DataFrame) -> dict[int, str]:
    """``"T3 · label"`` per topic id: the reviewer's label if any, else the automatic one."""
    names = {}
    for row in records(topics.sort_values("topic_id")):
        topic = int(row["topic_id"])
        label = row["human_label"] if _present(row["human_label"]) else row["label"]
        names[topic] = OUTLIERS if topic == -1 else f"T{topic} · {label}"
    return names


def topic_table(topics: pd.DataFrame) -> pd.DataFrame:
    """One row per topic: shown label and its source, labels and top terms per language."""
    names = topic_names(topics)
    rows = [
        {
            "topic_id": int(row["topic_id"]),
            "name": names[int(row["topic_id"])],
            "label_source": "reviewer" if _present(row["human_label"]) else "automatic",
            "automatic_label": row["label"],
            "label_fr": row["label_fr"],
            "label_en": row["label_en"],
            "size": int(row["size"]),
            "n_docs": int(row["n_docs"]),
            "langs": _shares(row["lang_shares"]),
            "top_terms_fr": _terms(row["top_terms_fr"]),
            "top_terms_en": _terms(row["top_terms_en"]),
            "note": row["note"],
        }
        for row in records(topics.sort_values("topic_id"))
    ]
    return pd.DataFrame(rows, columns=list(rows[0]) if rows else ["topic_id", "name", "size"])


def _shares(shares: Any) -> str:
    """``fr 69% · en 31%``: each language's share of the topic's passages, largest first."""
    if shares is None or not len(shares):
        return ""
    rows = sorted(shares, key=lambda r: (-r["share"], r["lang"]))
    return " · ".join(f"{r['lang']} {round(100 * r['share'])}%" for r in rows)


def example_passages(topic_passages: pd.DataFrame, passages: pd.DataFrame) -> pd.DataFrame:
    """Representative passages with their position and character offsets in the document."""
    where = passages[["passage_id", "position", "char_start", "char_end"]]
    merged = topic_passages.merge(where, on="passage_id", how="left")
    merged = merged.reindex(columns=EXAMPLE_COLUMNS)
    return merged.sort_values(["topic_id", "lang", "rank"]).reset_index(drop=True)


def class_shares(topics_per_class: pd.DataFrame, names: Mapping[int, str]) -> pd.DataFrame:
    """Share of each kind's and each language's passages that each topic holds."""
    frame = topics_per_class.assign(
        topic=topics_per_class["topic_id"].map(lambda t: names.get(int(t), f"T{t}")),
        column=topics_per_class["class_type"]
        .map({"kind": "kind", "lang": "language"})
        .fillna(topics_per_class["class_type"])
        + ": "
        + topics_per_class["class"].astype(str),
    )
    frame = frame.reindex(
        columns=[
            "topic_id",
            "topic",
            "class_type",
            "class",
            "column",
            "frequency",
            "share_of_class",
            "words",
        ]
    )
    return frame.sort_values(["class_type", "class", "topic_id"]).reset_index(drop=True)


def topic_card(topic: Mapping[str, Any], examples: pd.DataFrame) -> str:
    """A topic's label, size, top terms per language and passages in each language."""
    reviewed = topic["label_source"] == "reviewer"
    columns = [_passages_column(lang, examples) for lang in ("fr", "en")]
    return str(
        fragment(
            "topic_card",
            topic_id=int(topic["topic_id"]),
            name=topic["name"],
            source=Markup("reviewer's label" if reviewed else "automatic label"),
            automatic=topic["automatic_label"] if reviewed else None,
            size=topic["size"],
            n_docs=topic["n_docs"],
            langs=topic["langs"],
            terms=[("fr", topic["top_terms_fr"]), ("en", topic["top_terms_en"])],
            note=topic["note"] if _present(topic["note"]) else None,
            columns=columns,
        )
    )


def _passages_column(lang: str, examples: pd.DataFrame) -> tuple[str, Markup]:
    """The heading and the quoted passages (none: empty) of one language's column."""
    heading = {"fr": "French passages", "en": "English passages"}.get(lang, lang)
    rows = examples[examples["lang"] == lang].sort_values("rank")
    return heading, Markup("".join(passage_html(r) for r in records(rows)))


def _charts(table: pd.DataFrame, shares: pd.DataFrame) -> list[Chart]:
    colours = topic_colours(table["topic_id"])
    sizes = table[["topic_id", "name", "size", "n_docs"]].assign(key=table["topic_id"].astype(str))
    size_fig = bar_chart(
        sizes,
        x="name",
        y="size",
        horizontal=True,
        colours={n: colours[k] for n, k in zip(sizes["name"], sizes["key"], strict=True)},
        title="Topic sizes",
        x_title="topic",
        y_title="passages (count)",
        height=max(300, 34 * len(sizes) + 140),
    )
    columns = list(dict.fromkeys(shares["column"]))
    class_fig = heatmap(
        shares,
        x="column",
        y="topic",
        z="share_of_class",
        x_order=columns,
        y_order=list(table["name"]),
        text_format=".0%",
        title="Topics by kind of document and by language",
        x_title="kind of document / passage language",
        y_title="topic",
        z_title="share of the column's passages",
    )
    return [
        Chart(
            "topic_sizes", size_fig, sizes.drop(columns="key"), "Passages assigned to each topic."
        ),
        Chart(
            "topics_by_class",
            class_fig,
            shares,
            "Each cell: the share of a kind's (or a language's) modelled passages that the topic "
            "holds; a column sums to 100%.",
        ),
    ]


def _metrics_line(metrics: Mapping[str, Any]) -> str:
    shown = [
        ("topics", metrics.get("n_topics")),
        ("coherence (NPMI)", metrics.get("coherence_npmi")),
        ("topic diversity", metrics.get("topic_diversity")),
        (
            "share of topics whose minority language holds at least 15%",
            metrics.get("mixed_topic_share"),
        ),
        ("NMI(topic, language) (0 = topics ignore language)", metrics.get("nmi_topic_language")),
        ("outlier share", metrics.get("outlier_share")),
    ]
    return str(fragment("quality", parts=[(k, v) for k, v in shown if v is not None]))


def topics_section(inputs: ReportInputs) -> Section:
    """Section 2: every topic with its labels, terms and representative passages."""
    table = topic_table(inputs.topics)
    names = topic_names(inputs.topics)
    examples = example_passages(inputs.topic_passages, inputs.passages)
    section = SectionBuilder("topics", "Topics")
    section.add(
        '<p class="intro">Topics group passages (French and English together) by content. '
        "A topic shows the reviewers' label when one was given in "
        "<code>corpus/topic_labels.yaml</code>, else its automatic label.</p>"
    )
    section.add(_metrics_line(inputs.topic_metrics))
    section.subsection("topics-overview", "Topic sizes, kinds and languages")
    for chart in _charts(table, class_shares(inputs.topics_per_class, names)):
        section.chart(chart)
    section.table("topics", table, "Every topic with its labels and top terms per language.")
    section.subsection(
        "topics-passages",
        "Topics and their representative passages",
        "Each passage gives its document, date and position: the passage id and its "
        "character offsets in the document text (<code>passages.parquet</code>).",
    )
    for topic in records(table):
        section.add(topic_card(topic, examples[examples["topic_id"] == topic["topic_id"]]))
    section.download("topic_passages", examples, "All representative passages, with offsets:")
    return section.build()
