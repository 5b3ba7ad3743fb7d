"""HTML building blocks: escaping, tables, passages, chart blocks with their data, the page.

Every value from the corpus passes through :func:`esc`. A chart or table registers its
data under a name; the page links it as ``data/<name>.csv`` (relative, so the folder can
be moved or zipped and still works offline).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from corpus_mining.report.charts import figure_div
from corpus_mining.report.style import CSS

PATHS = frozenset({"path", "reason"})
"""Columns whose long unbroken values may wrap anywhere."""
NAME = re.compile(r"^[a-z0-9][a-z0-9_]*$")


@dataclass(frozen=True)
class Chart:
    """A figure, the data it draws and a caption (HTML, already escaped)."""

    name: str
    figure: go.Figure
    data: pd.DataFrame
    caption: str


@dataclass(frozen=True)
class Section:
    """One numbered section of the page: its HTML, its data files and its chart ids."""

    anchor: str
    title: str
    body: str
    data: Mapping[str, pd.DataFrame]
    chart_ids: tuple[str, ...]
    contents: tuple[tuple[str, str], ...]


def esc(value: Any) -> str:
    """``value`` as escaped HTML text; None and NaN as empty, lists joined by commas."""
    if value is None:
        return ""
    if isinstance(value, list | tuple | np.ndarray):
        return html.escape(", ".join(str(v) for v in value))
    if isinstance(value, float | np.floating):
        return "" if np.isnan(value) else html.escape(f"{value:.4g}")
    return html.escape(str(value))


def csv_link(name: str) -> str:
    """A relative link to ``data/<name>.csv``."""
    return f'<a class="csv" href="data/{name}.csv" download>data/{name}.csv</a>'


def table_html(frame: pd.DataFrame, *, max_rows: int | None = None) -> str:
    """An HTML table of ``frame`` (numbers right-aligned), cut to ``max_rows`` rows."""
    if frame.empty:
        return '<p class="empty">No rows.</p>'
    shown = frame if max_rows is None else frame.head(max_rows)
    numeric = {c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])}
    css = {
        c: ' class="num"' if c in numeric else ' class="path"' if c in PATHS else ""
        for c in frame.columns
    }
    head = "".join(f"<th>{esc(str(c).replace('_', ' '))}</th>" for c in frame.columns)
    rows = []
    for values in shown.itertuples(index=False):
        cells = "".join(
            f"<td{css[c]}>{esc(v)}</td>" for c, v in zip(frame.columns, values, strict=True)
        )
        rows.append(f"<tr>{cells}</tr>")
    note = ""
    if len(shown) < len(frame):
        note = f'<p class="note">First {len(shown)} of {len(frame)} rows; all are in the CSV.</p>'
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    return f'<div class="scroll">{table}</div>{note}'


def passage_html(row: Mapping[str, Any], *, passage_id: str = "passage_id") -> str:
    """A quoted passage with its document title, date and position (id and offsets).

    Args:
        row: ``text``, ``lang``, ``title``, ``date``, ``position``, ``char_start`` and
            ``char_end`` of the passage, and its id under the key ``passage_id``.
        passage_id: Key of the passage id in ``row``.
    """
    when = esc(row["date"]) or "undated"
    where = (
        f"passage <code>{esc(row[passage_id])}</code> (no. {esc(row['position'])}, "
        f"characters {esc(row['char_start'])}–{esc(row['char_end'])} of the document text)"
    )
    return (
        f'<blockquote class="passage" lang="{esc(row["lang"])}"><p>{esc(row["text"])}</p>'
        f'<footer lang="en"><cite>{esc(row["title"])}</cite> · {when} · {where}</footer>'
        "</blockquote>"
    )


@dataclass
class SectionBuilder:
    """Collects a section's fragments and data files in the order they are added."""

    anchor: str
    title: str
    parts: list[str] = field(default_factory=list)
    data: dict[str, pd.DataFrame] = field(default_factory=dict)
    chart_ids: list[str] = field(default_factory=list)
    contents: list[tuple[str, str]] = field(default_factory=list)

    def add(self, fragment: str) -> None:
        """Append an HTML fragment (already escaped)."""
        self.parts.append(fragment)

    def subsection(self, anchor: str, title: str, intro: str = "") -> None:
        """Start a subsection with a heading, listed in the page's contents."""
        self.contents.append((anchor, title))
        self.parts.append(f'<h3 id="{anchor}">{html.escape(title)}</h3>')
        if intro:
            self.parts.append(f'<p class="intro">{intro}</p>')

    def chart(self, chart: Chart, *, max_rows: int | None = 60) -> None:
        """Append a figure, its caption, its CSV link and a folded table of its data."""
        self._register(chart.name, chart.data)
        div_id = f"fig-{chart.name.replace('_', '-')}"
        self.chart_ids.append(div_id)
        self.parts.append(
            f'<figure class="chart">{figure_div(chart.figure, div_id)}'
            f"<figcaption>{chart.caption} Data: {csv_link(chart.name)}."
            f"<details><summary>Show the data as a table</summary>"
            f"{table_html(chart.data, max_rows=max_rows)}</details></figcaption></figure>"
        )

    def table(
        self, name: str, frame: pd.DataFrame, caption: str, *, max_rows: int | None = None
    ) -> None:
        """Append a visible table with a caption (HTML) and its CSV link."""
        self._register(name, frame)
        self.parts.append(
            f'<div class="table-block"><p class="caption">{caption} '
            f"Data: {csv_link(name)}.</p>{table_html(frame, max_rows=max_rows)}</div>"
        )

    def download(self, name: str, frame: pd.DataFrame, caption: str) -> None:
        """Register ``frame`` as a data file and link it after a caption (HTML)."""
        self._register(name, frame)
        self.parts.append(f'<p class="caption">{caption} {csv_link(name)}.</p>')

    def _register(self, name: str, frame: pd.DataFrame) -> None:
        if not NAME.match(name):
            raise ValueError(f"data name {name!r} must be lower-case letters, digits and _")
        if name in self.data:
            raise ValueError(f"data name {name!r} used twice in section {self.anchor!r}")
        self.data[name] = frame

    def build(self) -> Section:
        """The finished section."""
        return Section(
            anchor=self.anchor,
            title=self.title,
            body="".join(self.parts),
            data=dict(self.data),
            chart_ids=tuple(self.chart_ids),
            contents=tuple(self.contents),
        )


def _nav(sections: Sequence[Section]) -> str:
    items = []
    for section in sections:
        subs = "".join(f'<li><a href="#{a}">{html.escape(t)}</a></li>' for a, t in section.contents)
        items.append(
            f'<li><a href="#{section.anchor}">{html.escape(section.title)}</a><ul>{subs}</ul></li>'
        )
    return f'<nav aria-label="Contents"><h2>Contents</h2><ol>{"".join(items)}</ol></nav>'


def page(
    *, title: str, summary: str, notes: str, sections: Sequence[Section], plotly_js: str
) -> str:
    """The whole self-contained page: styles and plotly.js inline, no external resource.

    Args:
        title: Page title (plain text).
        summary: HTML under the title (already escaped).
        notes: HTML of the "How to read this report" box (already escaped).
        sections: The numbered sections.
        plotly_js: The plotly.js bundle, embedded once in the head.
    """
    body = "".join(
        f'<section id="{s.anchor}"><h2>{n}. {html.escape(s.title)}</h2>{s.body}</section>'
        for n, s in enumerate(sections, start=1)
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n"
        f'<script type="text/javascript">{plotly_js}</script>\n</head>\n<body>\n'
        f"<header><h1>{html.escape(title)}</h1>{summary}</header>\n"
        f'{_nav(sections)}\n<aside class="notes"><h2>How to read this report</h2>{notes}</aside>\n'
        f"<main>{body}</main>\n"
        '<footer class="page">Generated by <code>corpus-mining report</code> from the '
        "pipeline's outputs; the same outputs always give the same page.</footer>\n"
        "</body>\n</html>\n"
    )
