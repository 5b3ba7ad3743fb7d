"""HTML blocks: escaping, tables, passages with their position, sections and the page shell."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from corpus_mining.report.html import (
    Chart,
    SectionBuilder,
    csv_link,
    esc,
    page,
    passage_html,
    table_html,
)


def test_esc_escapes_and_formats_values():
    assert esc('<a href="x">R&D</a>') == "&lt;a href=&#34;x&#34;&gt;R&amp;D&lt;/a&gt;"
    assert esc(None) == "" and esc(float("nan")) == "" and esc(np.float64("nan")) == ""
    assert esc(["pôle", "<hub>"]) == "pôle, &lt;hub&gt;"
    assert esc(np.array(["a", "b"])) == "a, b"
    assert esc(0.123456789) == "0.1235" and esc(3) == "3"


def test_table_html_right_aligns_numbers_and_says_when_rows_are_cut():
    frame = pd.DataFrame({"term": ["<b>", "pôle", "hub"], "n_docs": [1, 2, 3]})
    html = table_html(frame, max_rows=2)
    assert "<th>n docs</th>" in html and '<td class="num">2</td>' in html
    assert "&lt;b&gt;" in html and "<b>" not in html and "hub" not in html
    assert "First 2 of 3 rows" in html
    assert "No rows" in table_html(frame.iloc[0:0])


def test_passage_shows_document_date_and_position_and_escapes_text():
    row = {
        "text": "Le <pôle> & la PME",
        "lang": "fr",
        "title": "Rapport « ESS »",
        "date": None,
        "example_passage_id": "abc-0003",
        "position": 3,
        "char_start": 120,
        "char_end": 180,
    }
    html = passage_html(row, passage_id="example_passage_id")
    assert 'lang="fr"' in html and "Le &lt;pôle&gt; &amp; la PME" in html
    assert "<cite>Rapport « ESS »</cite>" in html and "undated" in html
    assert "abc-0003" in html and "no. 3" in html and "characters 120–180" in html


def test_section_builder_registers_data_links_it_and_rejects_bad_names():
    section = SectionBuilder("s", "Section")
    fig = go.Figure(go.Bar(x=["a"], y=[1]))
    section.chart(Chart("my_chart", fig, pd.DataFrame({"k": ["a"], "n": [1]}), "Caption."))
    section.table("my_table", pd.DataFrame({"k": ["b"]}), "A table.")
    section.download("more", pd.DataFrame({"k": ["c"]}), "Everything:")
    built = section.build()
    assert set(built.data) == {"my_chart", "my_table", "more"}
    assert built.chart_ids == ("fig-my-chart",)
    for name in built.data:
        assert csv_link(name) in built.body
    with pytest.raises(ValueError, match="twice"):
        section.table("my_table", pd.DataFrame(), "again")
    with pytest.raises(ValueError, match="lower-case"):
        section.table("Bad Name", pd.DataFrame(), "bad")


def test_page_embeds_the_bundle_once_in_the_head_and_lists_sections():
    section = SectionBuilder("corpus", "The <corpus>")
    section.subsection("corpus-a", "Part A")
    html = page(
        title="Report",
        summary="<p>s</p>",
        notes="<p>n</p>",
        sections=[section.build()],
        plotly_js="/*BUNDLE*/",
    )
    assert html.count("/*BUNDLE*/") == 1
    assert html.index("/*BUNDLE*/") < html.index("</head>")
    assert '<meta charset="utf-8">' in html and '<a href="#corpus-a">Part A</a>' in html
    assert "The &lt;corpus&gt;" in html and '<section id="corpus">' in html
