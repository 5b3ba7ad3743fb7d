"""Assemble the report: five sections, their data files, one self-contained page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.offline

from corpus_mining.report.html import Section, fragment, page
from corpus_mining.report.inputs import ReportInputs
from corpus_mining.report.section_actors import actors_section
from corpus_mining.report.section_corpus import corpus_documents, corpus_section
from corpus_mining.report.section_lineages import lineages_section
from corpus_mining.report.section_time import time_section
from corpus_mining.report.section_topics import topics_section

TITLE = "Corpus mining report"

NOTES = (
    "<ul>"
    "<li>Every chart can be downloaded with its data: follow the <em>Data</em> link under it "
    "(<code>data/*.csv</code>, UTF-8 with a byte-order mark so spreadsheets keep the accents) "
    "or unfold its table.</li>"
    "<li>Every quoted passage names its document, date and position: the passage id "
    "(<code>&lt;doc_id&gt;-&lt;position&gt;</code>) and its character offsets in the "
    "document text, so each figure can be traced back to the source.</li>"
    "<li>Intervals are 95% bootstrap intervals over documents: wide bands mean few "
    "documents in the period, not a strong change.</li>"
    "<li>Duplicates (identical or near-identical files) and undated documents are left out "
    "of the counts over time; the corpus section lists them.</li>"
    "</ul>"
)


@dataclass(frozen=True)
class Report:
    """The page's HTML, its data files by name, and the ids of its chart containers."""

    html: str
    data: Mapping[str, pd.DataFrame]
    chart_ids: tuple[str, ...]
    sections: tuple[str, ...]


def _summary(inputs: ReportInputs) -> str:
    docs = corpus_documents(inputs.documents)
    langs = docs["lang"].value_counts().sort_index()
    by_lang = ", ".join(f"{n} in {lang}" for lang, n in langs.items())
    years = docs["year"].dropna()
    span = f"{int(years.min())}–{int(years.max())}" if len(years) else "no dated document"
    kinds = docs["kind"].value_counts().sort_index()
    by_kind = ", ".join(f"{n} {kind}" for kind, n in kinds.items())
    return str(
        fragment(
            "intro",
            text=f"{len(docs)} distinct documents ({by_lang}) published {span}: {by_kind}.",
        )
    )


def _collect_data(sections: tuple[Section, ...]) -> dict[str, pd.DataFrame]:
    data: dict[str, pd.DataFrame] = {}
    for section in sections:
        for name, frame in section.data.items():
            if name in data:
                raise ValueError(f"data name {name!r} used by two sections")
            data[name] = frame
    return dict(sorted(data.items()))


def build_report(inputs: ReportInputs, *, plotly_js: str | None = None) -> Report:
    """Build the whole report from the pipeline's tables.

    Args:
        inputs: The tables and lookups the sections draw on.
        plotly_js: The plotly.js bundle to embed; defaults to the installed plotly's.

    Returns:
        The page and its data files; the same inputs always give the same bytes.
    """
    sections = (
        corpus_section(inputs),
        topics_section(inputs),
        time_section(inputs),
        actors_section(inputs),
        lineages_section(inputs),
    )
    bundle = plotly.offline.get_plotlyjs() if plotly_js is None else plotly_js
    text = page(
        title=TITLE, summary=_summary(inputs), notes=NOTES, sections=sections, plotly_js=bundle
    )
    return Report(
        html=text,
        data=_collect_data(sections),
        chart_ids=tuple(i for s in sections for i in s.chart_ids),
        sections=tuple(s.anchor for s in sections),
    )
