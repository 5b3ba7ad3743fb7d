"""The whole page from tiny inputs: sections, links, escaping, determinism."""

from __future__ import annotations

import re

from tiny_tables import HOSTILE

from corpus_mining.report import build_report

BUNDLE = "/*FAKE-PLOTLY-BUNDLE*/"


def test_report_has_every_section_chart_and_data_link(inputs):
    report = build_report(inputs, plotly_js=BUNDLE)
    assert report.sections == ("corpus", "topics", "time", "actors", "lineages")
    for anchor in report.sections:
        assert f'<section id="{anchor}">' in report.html
    assert report.html.count(BUNDLE) == 1
    for div_id in report.chart_ids:
        assert report.html.count(f'<div id="{div_id}" class="plotly-graph-div"') == 1
    linked = set(re.findall(r'href="data/([a-z0-9_]+)\.csv"', report.html))
    assert linked == set(report.data)
    assert {
        "documents_by_year",
        "family_shares",
        "concept_rates",
        "topic_prevalence",
        "emerging_fading_terms",
        "top_actors_by_type",
        "actor_trajectories",
        "actor_concept_network",
        "files_set_aside",
        "topic_passages",
        "topic_lineages",
        "lineage_passages",
    } <= linked


def test_corpus_text_is_escaped_everywhere(inputs):
    html = build_report(inputs, plotly_js=BUNDLE).html
    assert HOSTILE not in html and "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Cie" in html
    # the bundle, one call per chart, and the lineage chart's click handler
    assert html.count("<script") == 2 + len(re.findall(r'class="plotly-graph-div"', html))


def test_french_text_is_written_as_utf8_not_escaped(inputs):
    html = build_report(inputs, plotly_js=BUNDLE).html
    assert "<cite>Les pôles de compétitivité</cite>" in html
    assert "competitiveness pole / pôle de compétitivité" in html  # in a chart's legend


def test_same_inputs_give_identical_bytes(inputs_factory):
    first = build_report(inputs_factory(), plotly_js=BUNDLE)
    second = build_report(inputs_factory(), plotly_js=BUNDLE)
    assert first.html == second.html
    assert list(first.data) == list(second.data) == sorted(first.data)
    for name, frame in first.data.items():
        assert frame.equals(second.data[name]), name
