"""Plotly figures shared by the report's sections: bars, lines with interval bands, heatmaps.

Builders take a tidy frame and column names and return a figure with a title, axis titles
and units. Text from the corpus goes through :func:`plot_text`, because plotly renders
labels as a small subset of HTML.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from corpus_mining.report.colours import NEUTRAL, rgba

FONT = "DejaVu Sans, Segoe UI, Helvetica Neue, Arial, sans-serif"

TEMPLATE = go.layout.Template(
    layout={
        "font": {"family": FONT, "size": 13, "color": "#222"},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "colorway": ["#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2"],
        "xaxis": {"gridcolor": "#e6e6e6", "linecolor": "#999", "zerolinecolor": "#bbb"},
        "yaxis": {"gridcolor": "#e6e6e6", "linecolor": "#999", "zerolinecolor": "#bbb"},
        "hoverlabel": {"font": {"family": FONT}},
    }
)

LEGEND_ROW = 24
"""Pixels per row of a horizontal legend."""

CONFIG: dict[str, Any] = {"displaylogo": False, "responsive": True}


def plot_text(value: object) -> str:
    """Text made safe for plotly labels: ``&``, ``<`` and ``>`` escaped, None as empty."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return html.escape(str(value), quote=False)


def finish(
    fig: go.Figure, *, title: str, x_title: str, y_title: str, height: int, legend: bool = True
) -> go.Figure:
    """Apply the report's template, title, axis titles and height; mark an empty chart."""
    rows = legend_rows(fig) if legend else 0
    fig.update_layout(
        template=TEMPLATE,
        title={"text": title, "x": 0.0, "xanchor": "left", "font": {"size": 16}},
        height=height + LEGEND_ROW * rows,
        margin={"l": 70, "r": 30, "t": 60, "b": 70 + LEGEND_ROW * rows},
        showlegend=legend,
        # Anchored to the figure's bottom edge, below the axis title, in a margin sized
        # for its rows (a legend placed relative to the plot area overlaps the axis title).
        legend={
            "orientation": "h",
            "yref": "container",
            "yanchor": "bottom",
            "y": 0.0,
            "x": 0.0,
            "xanchor": "left",
        },
    )
    fig.update_xaxes(title_text=x_title, automargin=True)
    fig.update_yaxes(title_text=y_title, automargin=True)
    if not fig.data:
        fig.add_annotation(
            text="No data for this chart", showarrow=False, xref="paper", yref="paper"
        )
    return fig


def legend_rows(fig: go.Figure, *, width: int = 1000) -> int:
    """Rows a horizontal legend needs at ``width`` pixels (an estimate from name lengths)."""
    names = [t.name or "" for t in fig.data if t.showlegend is not False and t.name]
    if not names:
        return 0
    total = sum(40 + 7.5 * len(html.unescape(name)) for name in names)
    return max(1, math.ceil(total / width))


def figure_div(fig: go.Figure, div_id: str) -> str:
    """The figure as an HTML fragment with a fixed div id and no plotly.js (it is in the head)."""
    fragment: str = fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        div_id=div_id,
        config={**CONFIG, "toImageButtonOptions": {"filename": div_id}},
    )
    return fragment


def bar_chart(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    title: str,
    x_title: str,
    y_title: str,
    colour: str | None = None,
    colours: Mapping[str, str] | None = None,
    order: Sequence[str] | None = None,
    horizontal: bool = False,
    height: int = 400,
) -> go.Figure:
    """Stacked bars of ``y`` per category ``x``, one trace per value of ``colour``.

    Args:
        frame: Tidy data, one row per bar segment.
        x: Category column (drawn on the vertical axis when ``horizontal``).
        y: Value column.
        title: Chart title.
        x_title: Title of the category axis.
        y_title: Title of the value axis, with its unit.
        colour: Column splitting the bars into stacked, coloured segments.
        colours: Colour of each value of ``colour`` (or of each category without ``colour``).
        order: Category order; defaults to the order of first appearance.
        horizontal: Draw horizontal bars, first category at the top.
        height: Height in pixels.
    """
    colours = colours or {}
    categories = [plot_text(v) for v in (order if order is not None else pd.unique(frame[x]))]
    fig = go.Figure()
    groups = [("", frame)] if colour is None else list(frame.groupby(colour, sort=True))
    for key, part in groups:
        cats = [plot_text(v) for v in part[x]]
        marker = (
            colours.get(str(key), NEUTRAL)
            if colour
            else [colours.get(str(v), NEUTRAL) for v in part[x]]
        )
        axes = (
            {"x": part[y].tolist(), "y": cats} if horizontal else {"x": cats, "y": part[y].tolist()}
        )
        fig.add_trace(
            go.Bar(
                **axes,
                name=plot_text(key) if colour else plot_text(y_title),
                orientation="h" if horizontal else "v",
                marker_color=marker,
                hovertemplate="%{fullData.name}<br>%{" + ("y" if horizontal else "x") + "}: "
                "%{" + ("x" if horizontal else "y") + "}<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack")
    cat_axis = {"categoryorder": "array", "categoryarray": categories, "type": "category"}
    if horizontal:
        fig.update_yaxes(**cat_axis, autorange="reversed")
    else:
        fig.update_xaxes(**cat_axis)
    if horizontal:
        x_title, y_title = y_title, x_title
    return finish(
        fig, title=title, x_title=x_title, y_title=y_title, height=height, legend=bool(colour)
    )


def band_lines(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    low: str,
    high: str,
    series: str,
    x_order: Sequence[str],
    names: Mapping[str, str],
    colours: Mapping[str, str],
    title: str,
    x_title: str,
    y_title: str,
    percent: bool = False,
    height: int = 480,
) -> go.Figure:
    """One line per series with a shaded interval band, drawn in the order of ``names``.

    Args:
        frame: Tidy data: one row per (series, x) with value, lower and upper bounds.
        x: Ordered category column (periods).
        y: Value column.
        low: Lower bound column.
        high: Upper bound column.
        series: Column whose values are the keys of ``names`` and ``colours``.
        x_order: Category order of ``x``.
        names: Legend name of each series key, in drawing order.
        colours: Colour of each series key.
        title: Chart title.
        x_title: Horizontal axis title.
        y_title: Vertical axis title, with its unit.
        percent: Show values (shares in 0..1) as percentages.
        height: Height in pixels.
    """
    fig = go.Figure()
    fmt = ".1%" if percent else ".3g"
    xs = [plot_text(v) for v in x_order]
    for key, name in names.items():
        part = frame[frame[series] == key].drop_duplicates(x).set_index(x).reindex(list(x_order))
        colour = colours.get(key, NEUTRAL)
        _add_band(fig, xs, part[low].to_numpy(float), part[high].to_numpy(float), colour, key)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=part[y].to_numpy(float),
                customdata=np.column_stack([part[low].to_numpy(float), part[high].to_numpy(float)]),
                mode="lines+markers",
                name=plot_text(name),
                legendgroup=key,
                line={"color": colour, "width": 2.5},
                hovertemplate=f"%{{fullData.name}}<br>%{{x}}: %{{y:{fmt}}}"
                f"<br>95% interval: %{{customdata[0]:{fmt}}} to %{{customdata[1]:{fmt}}}"
                "<extra></extra>",
            )
        )
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=xs)
    if percent:
        fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    else:
        fig.update_yaxes(rangemode="tozero")
    return finish(fig, title=title, x_title=x_title, y_title=y_title, height=height)


def _add_band(
    fig: go.Figure, xs: list[str], low: np.ndarray, high: np.ndarray, colour: str, group: str
) -> None:
    keep = ~(np.isnan(low) | np.isnan(high))
    if not keep.any():
        return
    band_x = [v for v, k in zip(xs, keep, strict=True) if k]
    fig.add_trace(
        go.Scatter(
            x=band_x + band_x[::-1],
            y=np.concatenate([high[keep], low[keep][::-1]]),
            mode="lines",
            fill="toself",
            fillcolor=rgba(colour, 0.14),
            line={"width": 0},
            hoverinfo="skip",
            showlegend=False,
            legendgroup=group,
            name=f"{group} interval",
        )
    )


def heatmap(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    z: str,
    x_order: Sequence[str],
    y_order: Sequence[str],
    title: str,
    x_title: str,
    y_title: str,
    z_title: str,
    text_format: str = ".0f",
    diverging: bool = False,
) -> go.Figure:
    """A ``y`` by ``x`` grid coloured by ``z``, with the value written in each cell.

    Args:
        frame: Tidy data, one row per cell; ``y`` values must be unique labels.
        x: Column categories.
        y: Row categories, drawn top to bottom in ``y_order``.
        z: Value column.
        x_order: Column order.
        y_order: Row order.
        title: Chart title.
        x_title: Horizontal axis title.
        y_title: Vertical axis title.
        z_title: Colour bar title, with its unit.
        text_format: d3 format of the value written in each cell.
        diverging: Centre a red-blue scale on zero (for signed scores).
    """
    fig = go.Figure()
    if len(frame) and len(y_order):
        matrix = frame.pivot_table(index=y, columns=x, values=z, aggfunc="first")
        matrix = matrix.reindex(index=list(y_order), columns=list(x_order))
        fig.add_trace(
            go.Heatmap(
                z=matrix.to_numpy(float),
                x=[plot_text(v) for v in x_order],
                y=[plot_text(v) for v in y_order],
                colorscale="RdBu_r" if diverging else "Blues",
                zmid=0 if diverging else None,
                texttemplate=f"%{{z:{text_format}}}",
                colorbar={
                    "title": {"text": z_title, "side": "right"},
                    "tickformat": ".0%" if text_format.endswith("%") else "",
                },
                hovertemplate=f"%{{y}}<br>%{{x}}: %{{z:{text_format}}}<extra></extra>",
                xgap=2,
                ygap=2,
            )
        )
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_xaxes(type="category", side="bottom")
    height = max(320, 26 * len(y_order) + 170)
    return finish(fig, title=title, x_title=x_title, y_title=y_title, height=height, legend=False)
