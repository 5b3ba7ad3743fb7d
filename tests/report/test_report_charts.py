"""Figure builders: traces, order, escaping, intervals, empty data, fixed ids."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from corpus_mining.report.charts import (
    band_lines,
    bar_chart,
    figure_div,
    heatmap,
    legend_rows,
    plot_text,
)
from corpus_mining.report.colours import (
    LANGUAGE_COLOURS,
    PALETTE,
    colour_map,
    language_colours,
    rgba,
)


def test_plot_text_escapes_markup_and_blanks_missing_values():
    assert plot_text('<b>R&D</b> "x"') == '&lt;b&gt;R&amp;D&lt;/b&gt; "x"'
    assert plot_text(None) == "" and plot_text(float("nan")) == ""
    assert plot_text("pôle") == "pôle"


def test_colour_maps_are_stable_and_cycle():
    keys = [f"K{i}" for i in range(len(PALETTE) + 2)]
    colours = colour_map(keys)
    assert colours["K0"] == PALETTE[0] and colours[f"K{len(PALETTE)}"] == PALETTE[0]
    assert colour_map(["a", "b", "a"]) == {"a": PALETTE[0], "b": PALETTE[1]}
    langs = language_colours(["fr", "de", "en"])
    assert langs["fr"] == LANGUAGE_COLOURS["fr"] and langs["en"] == LANGUAGE_COLOURS["en"]
    assert "de" in langs
    assert rgba("#ff0080", 0.5) == "rgba(255,0,128,0.5)"
    with pytest.raises(ValueError):
        rgba("red", 0.5)


def test_bar_chart_stacks_one_trace_per_colour_in_the_given_order():
    frame = pd.DataFrame(
        {"year": ["2010", "2010", "2012"], "lang": ["fr", "en", "fr"], "documents": [2, 1, 3]}
    )
    fig = bar_chart(
        frame,
        x="year",
        y="documents",
        colour="lang",
        colours={"fr": "#000001"},
        order=["2010", "2011", "2012"],
        title="T",
        x_title="year",
        y_title="documents (count)",
    )
    assert [t.name for t in fig.data] == ["en", "fr"]
    assert list(fig.layout.xaxis.categoryarray) == ["2010", "2011", "2012"]
    assert fig.data[1].marker.color == "#000001"
    assert fig.layout.barmode == "stack" and fig.layout.title.text == "T"
    assert fig.layout.yaxis.title.text == "documents (count)"


def test_horizontal_bars_escape_labels_and_keep_the_first_at_the_top():
    frame = pd.DataFrame({"actor": ["<i>A</i> & B", "C"], "mentions": [3, 1]})
    fig = bar_chart(
        frame,
        x="actor",
        y="mentions",
        horizontal=True,
        title="T",
        x_title="actor",
        y_title="mentions (count)",
    )
    assert list(fig.data[0].y) == ["&lt;i&gt;A&lt;/i&gt; &amp; B", "C"]
    assert fig.layout.yaxis.autorange == "reversed"
    assert fig.layout.xaxis.title.text == "mentions (count)"
    assert not fig.layout.showlegend


def _bands() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "concept": ["HUB", "HUB", "CLUSTER", "CLUSTER"],
            "period": ["2013-2016", "2009-2012", "2009-2012", "2013-2016"],
            "share": [0.7, 0.1, 0.6, 0.2],
            "low": [0.5, 0.0, 0.4, np.nan],
            "high": [0.9, 0.3, 0.8, np.nan],
        }
    )


def test_band_lines_draw_a_band_and_a_line_per_series_in_period_order():
    fig = band_lines(
        _bands(),
        x="period",
        y="share",
        low="low",
        high="high",
        series="concept",
        x_order=["2009-2012", "2013-2016"],
        names={"CLUSTER": "cluster", "HUB": "hub"},
        colours={"CLUSTER": "#4e79a7", "HUB": "#e15759"},
        percent=True,
        title="T",
        x_title="period",
        y_title="share (%)",
    )
    bands = [t for t in fig.data if t.fill == "toself"]
    lines = [t for t in fig.data if t.fill != "toself"]
    assert [t.name for t in lines] == ["cluster", "hub"]
    assert all(t.mode == "lines" and t.hoverinfo == "skip" for t in bands)
    assert list(lines[1].x) == ["2009-2012", "2013-2016"]
    assert list(lines[1].y) == [0.1, 0.7]
    assert "95% interval" in lines[0].hovertemplate
    cluster_band = bands[0]
    assert len(cluster_band.x) == 2  # the period without an interval is left out of the band
    assert fig.layout.yaxis.tickformat == ".0%"


def test_heatmap_orders_rows_and_columns_and_leaves_missing_cells_empty():
    frame = pd.DataFrame({"row": ["a", "b", "b"], "col": ["x", "x", "y"], "z": [1.0, 2.0, 3.0]})
    fig = heatmap(
        frame,
        x="col",
        y="row",
        z="z",
        x_order=["y", "x"],
        y_order=["b", "a"],
        title="T",
        x_title="c",
        y_title="r",
        z_title="n",
    )
    z = np.asarray(fig.data[0].z, dtype=float)
    assert z[0].tolist() == [3.0, 2.0] and z[1, 1] == 1.0 and np.isnan(z[1, 0])
    assert fig.layout.yaxis.autorange == "reversed"


def test_empty_data_gives_a_titled_figure_saying_so():
    empty = pd.DataFrame(columns=["row", "col", "z"])
    fig = heatmap(
        empty,
        x="col",
        y="row",
        z="z",
        x_order=[],
        y_order=[],
        title="T",
        x_title="c",
        y_title="r",
        z_title="n",
    )
    assert not fig.data and "No data" in fig.layout.annotations[0].text


def test_figure_div_has_the_fixed_id_no_random_id_and_no_plotly_bundle():
    fig = bar_chart(
        pd.DataFrame({"k": ["a"], "n": [1]}), x="k", y="n", title="T", x_title="k", y_title="n"
    )
    first, second = figure_div(fig, "fig-test"), figure_div(fig, "fig-test")
    assert first == second
    assert '<div id="fig-test" class="plotly-graph-div"' in first
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}", first)
    assert "plotly.js v" not in first and "<script src" not in first


def test_legend_rows_grow_with_names():
    fig = band_lines(
        _bands(),
        x="period",
        y="share",
        low="low",
        high="high",
        series="concept",
        x_order=["2009-2012", "2013-2016"],
        names={"CLUSTER": "c" * 200, "HUB": "hub"},
        colours={},
        title="T",
        x_title="p",
        y_title="s",
    )
    assert legend_rows(fig) >= 2
    assert fig.layout.height > 480 and fig.layout.legend.yref == "container"
