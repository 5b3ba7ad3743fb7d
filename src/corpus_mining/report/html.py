"""HTML building blocks: tables, passages, chart blocks with their data, the page.

The HTML is rendered by Jinja2 templates (``templates/``) with autoescape on, so every
value from the corpus is escaped; the code's own HTML (captions, fragments already
rendered) is passed as :class:`markupsafe.Markup`. A chart or table registers its data
under a name; the page links it as ``data/<name>.csv`` (relative, so the folder can be
moved or zipped and still works offline).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import jinja2
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from markupsafe import Markup, escape

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


def cell(value: Any) -> str:
    """``value`` as display text (not escaped): None and NaN empty, lists comma-joined."""
    if value is None:
        return ""
    if isinstance(value, list | tuple | np.ndarray):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float | np.floating):
        return "" if np.isnan(value) else f"{value:.4g}"
    return str(value)


def esc(value: Any) -> str:
    """``value`` as escaped HTML text, formatted as :func:`cell` does."""
    return str(escape(cell(value)))


_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("corpus_mining.report", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)
_ENV.filters["cell"] = cell


def fragment(macro: str, **values: Any) -> Markup:
    """Render the macro ``macro`` of ``templates/blocks.html`` with ``values``."""
    rendered: Markup = getattr(_ENV.get_template("blocks.html").module, macro)(**values)
    return Markup(rendered)


def html_text(text: str) -> Markup:
    """Mark the code's own HTML (a caption with ``<code>``...) as safe for the templates."""
    return Markup(text)


def csv_link(name: str) -> str:
    """A relative link to ``data/<name>.csv``."""
    return str(fragment("csv_link", name=name))


def table_html(frame: pd.DataFrame, *, max_rows: int | None = None) -> str:
    """An HTML table of ``frame`` (numbers right-aligned), cut to ``max_rows`` rows."""
    if frame.empty:
        return str(fragment("table", header=[], rows=[], total=0))
    shown = frame if max_rows is None else frame.head(max_rows)
    numeric = {c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])}
    css = ["num" if c in numeric else "path" if c in PATHS else "" for c in frame.columns]
    rows = [list(zip(css, values, strict=True)) for values in shown.itertuples(index=False)]
    header = [str(c).replace("_", " ") for c in frame.columns]
    return str(fragment("table", header=header, rows=rows, total=len(frame)))


def passage_html(row: Mapping[str, Any], *, passage_id: str = "passage_id") -> str:
    """A quoted passage with its document title, date and position (id and offsets).

    Args:
        row: ``text``, ``lang``, ``title``, ``date``, ``position``, ``char_start`` and
            ``char_end`` of the passage, and its id under the key ``passage_id``.
        passage_id: Key of the passage id in ``row``.
    """
    keys = ("text", "lang", "title", "date", "position", "char_start", "char_end")
    return str(fragment("passage", passage_id=row[passage_id], **{k: row[k] for k in keys}))


@dataclass
class SectionBuilder:
    """Collects a section's fragments and data files in the order they are added."""

    anchor: str
    title: str
    parts: list[str] = field(default_factory=list)
    data: dict[str, pd.DataFrame] = field(default_factory=dict)
    chart_ids: list[str] = field(default_factory=list)
    contents: list[tuple[str, str]] = field(default_factory=list)

    def add(self, html: str) -> None:
        """Append an HTML fragment (rendered by a template, or the code's own HTML)."""
        self.parts.append(html)

    def subsection(self, anchor: str, title: str, intro: str = "") -> None:
        """Start a subsection with a heading (plain text) and intro (HTML), in the contents."""
        self.contents.append((anchor, title))
        self.parts.append(fragment("heading", anchor=anchor, title=title, intro=html_text(intro)))

    def chart(self, chart: Chart, *, max_rows: int | None = 60) -> None:
        """Append a figure, its caption, its CSV link and a folded table of its data."""
        self._register(chart.name, chart.data)
        div_id = f"fig-{chart.name.replace('_', '-')}"
        self.chart_ids.append(div_id)
        self.parts.append(
            fragment(
                "chart",
                figure=Markup(figure_div(chart.figure, div_id)),
                name=chart.name,
                caption=html_text(chart.caption),
                data_table=Markup(table_html(chart.data, max_rows=max_rows)),
            )
        )

    def table(
        self, name: str, frame: pd.DataFrame, caption: str, *, max_rows: int | None = None
    ) -> None:
        """Append a visible table with a caption (HTML) and its CSV link."""
        self._register(name, frame)
        self.parts.append(
            fragment(
                "table_block",
                name=name,
                caption=html_text(caption),
                data_table=Markup(table_html(frame, max_rows=max_rows)),
            )
        )

    def download(self, name: str, frame: pd.DataFrame, caption: str) -> None:
        """Register ``frame`` as a data file and link it after a caption (HTML)."""
        self._register(name, frame)
        self.parts.append(fragment("download", name=name, caption=html_text(caption)))

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


def page(
    *, title: str, summary: str, notes: str, sections: Sequence[Section], plotly_js: str
) -> str:
    """The whole self-contained page: styles and plotly.js inline, no external resource.

    Args:
        title: Page title (plain text).
        summary: HTML under the title (rendered, or the code's own).
        notes: HTML of the "How to read this report" box (the code's own).
        sections: The numbered sections.
        plotly_js: The plotly.js bundle, embedded once in the head.
    """
    bodies = [
        {"anchor": s.anchor, "title": s.title, "contents": s.contents, "body": Markup(s.body)}
        for s in sections
    ]
    return _ENV.get_template("page.html").render(
        title=title,
        summary=html_text(summary),
        notes=html_text(notes),
        sections=bodies,
        css=Markup(CSS),
        plotly_js=Markup(plotly_js),
    )
