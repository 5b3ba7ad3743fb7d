"""The four sections' tables, on tiny frames: what is kept, in which order, with which labels."""

from __future__ import annotations

import pandas as pd
from tiny_tables import PERIODS

from corpus_mining.report.inputs import (
    concept_name,
    concept_short_name,
    period_order,
    unique_labels,
)
from corpus_mining.report.section_actors import (
    actor_totals,
    actor_trajectories,
    edge_evidence,
    top_actors_by_type,
    type_name,
)
from corpus_mining.report.section_corpus import (
    corpus_documents,
    documents_by_kind,
    documents_by_year,
    manifest_issues,
    year_order,
)
from corpus_mining.report.section_time import (
    concept_rates,
    family_shares,
    family_tests,
    term_specificity,
    topic_prevalence,
)
from corpus_mining.report.section_topics import (
    class_shares,
    example_passages,
    topic_card,
    topic_names,
    topic_table,
)


def test_labels_and_periods():
    labels = {
        "P": {"fr": "pôle de compétitivité", "en": "competitiveness pole"},
        "H": {"fr": "hub", "en": "hub"},
    }
    assert concept_name("P", labels) == "competitiveness pole / pôle de compétitivité"
    assert concept_name("H", labels) == "hub" and concept_name("Z", labels) == "Z"
    assert concept_short_name("P", labels) == "competitiveness pole"
    assert period_order(["2025", "2013-2016", "2005-2008", None]) == [
        "2005-2008",
        "2013-2016",
        "2025",
    ]
    names = unique_labels(pd.Series(["Lyon", "Lyon", "Paris"]), pd.Series(["E1", "E2", "E3"]))
    assert list(names) == ["Lyon (E1)", "Lyon (E2)", "Paris"]
    assert type_name("eu_institution") == "eu institution" and type_name(None) == "unknown"


def test_corpus_tables_leave_duplicates_out_and_count_undated_documents(inputs):
    docs = corpus_documents(inputs.documents)
    assert list(docs["doc_id"]) == ["d1", "d2", "d4"]  # d3 is a duplicate; undated last
    assert year_order(docs) == ["2010", "2011", "2012", "2013", "2014", "undated"]
    by_year = documents_by_year(docs)
    assert list(by_year["year"]) == ["2010", "2014", "undated"]
    assert documents_by_kind(docs).set_index("kind").loc["unknown", "documents"] == 1
    issues = manifest_issues(inputs.manifest)
    assert list(issues["status"]) == ["duplicate", "skipped"]
    assert issues["reason"].iloc[1] == "no text layer: OCR it first"


def test_topics_prefer_the_reviewers_label_and_keep_both_languages(inputs):
    names = topic_names(inputs.topics)
    assert names == {0: "T0 · Pôles & clusters", 1: "T1 · hub · network"}
    table = topic_table(inputs.topics)
    assert list(table["label_source"]) == ["reviewer", "automatic"]
    assert (
        table["top_terms_fr"].iloc[0] == "pôle, compétitivité"
        and table["top_terms_fr"].iloc[1] == ""
    )
    examples = example_passages(inputs.topic_passages, inputs.passages)
    first = examples.iloc[0]
    assert (first["lang"], first["char_start"], first["char_end"], first["position"]) == (
        "en",
        30,
        70,
        1,
    )
    shares = class_shares(inputs.topics_per_class, names)
    assert set(shares["column"]) == {
        "kind: report",
        "kind: interview",
        "language: fr",
        "language: en",
    }


def test_topic_card_quotes_each_language_with_its_location(inputs):
    table = topic_table(inputs.topics)
    examples = example_passages(inputs.topic_passages, inputs.passages)
    card = topic_card(table.iloc[0].to_dict(), examples[examples["topic_id"] == 0])
    assert "Pôles &amp; clusters" in card and "reviewer&#39;s label" not in card
    assert card.count("<blockquote") == 2 and 'lang="fr"' in card and 'lang="en"' in card
    assert "d1-0000" in card and "characters 0–40" in card and "2010-05-01" in card
    assert "Revu par l&#39;équipe" in card
    other = topic_card(table.iloc[1].to_dict(), examples[examples["topic_id"] == 1])
    assert "No representative passage in this language" in other
    assert "<script>" not in other and "&lt;script&gt;" in other


def test_time_tables_keep_present_family_members_in_lexicon_then_period_order(inputs):
    members = inputs.family_members
    shares = family_shares(inputs.families, inputs.family, members, PERIODS)
    assert list(dict.fromkeys(shares["concept"])) == ["CLUSTER", "COMPETITIVENESS_POLE", "HUB"]
    assert list(shares["period"][:2]) == PERIODS
    rates = concept_rates(inputs.concept_trends, members, PERIODS)
    assert list(dict.fromkeys(rates["concept"])) == ["CLUSTER", "HUB"]  # NETWORK never occurs
    assert set(rates.columns) >= {"rate_per_10k", "rate_ci_low", "rate_ci_high"}
    tests = family_tests(inputs.concept_tests, members, inputs.concept_labels)
    assert list(tests["concept"]) == ["CLUSTER", "HUB"] and tests.columns[1] == "name"
    prevalence = topic_prevalence(inputs.topic_trends, PERIODS)
    assert list(prevalence["period"]) == PERIODS * 2 and list(prevalence["topic_id"]) == [
        0,
        0,
        1,
        1,
    ]
    terms = term_specificity(inputs.specificities, inputs.emerging_fading, PERIODS)
    assert list(dict.fromkeys(terms["row"])) == ["↑ hub", "↓ pôle"]
    assert "autre" not in set(terms["term"])


def test_actor_tables_rank_by_mentions_and_mark_trends(inputs):
    totals = actor_totals(inputs.actor_trends)
    assert list(totals["entity_id"]) == ["E1", "E2", "E3"] and list(totals["mentions"]) == [5, 2, 2]
    top = top_actors_by_type(totals, per_type=1)
    assert list(top["actor_type"]) == ["eu_institution", "place", "unknown"]  # tie: by name
    paths = actor_trajectories(inputs.actor_trends, totals, top=2)
    assert list(dict.fromkeys(paths["row"])) == [
        "Commission européenne ↑",
        f"{totals['actor'][1]} ↓",
    ]
    assert list(paths["period"][:2]) == PERIODS
    assert actor_totals(inputs.actor_trends.iloc[0:0]).empty


def test_network_evidence_locates_each_example_passage(inputs):
    from corpus_mining.report.network import actor_concept_edges

    edges = actor_concept_edges(inputs.cooccurrence)
    types = inputs.entities.set_index("entity_id")["actor_type"]
    rows = edge_evidence(edges, inputs, types)
    first = rows.iloc[0]
    assert first["title"] == "Les pôles de compétitivité" and first["date"] == "2010-05-01"
    assert (first["position"], first["char_start"], first["char_end"]) == (0, 0, 40)
    assert first["concept"] == "cluster" and first["actor_type"] == "eu_institution"


def test_lineage_chart_leads_to_the_passages_of_both_ends_of_each_link(inputs):
    from corpus_mining.report.section_lineages import lineage_figure, lineages_section

    section = lineages_section(inputs)
    figure = lineage_figure(inputs.topic_lineages, {}, PERIODS)
    sankey = figure.data[0]
    assert list(sankey.link.source) == [0] and list(sankey.link.target) == [1]  # emerge: no band
    targets = [*sankey.link.customdata, *sankey.node.customdata]
    for anchor in targets:  # every band and box opens a block of passages
        assert f'<details class="lineage" id="{anchor}">' in section.body
    block = section.body.split(f'id="{sankey.link.customdata[0]}">')[1].split("</details>")[0]
    assert "d1-0001" in block and "d2-0000" in block  # the passages of both ends
    assert "&lt;script&gt;" in block and "<script>alert" not in section.body
    assert list(section.data["lineage_passages"]["passage_id"]) == ["d1-0001", "d2-0001", "d2-0000"]


def test_lineage_section_without_lineages_has_an_empty_chart(inputs):
    from dataclasses import replace

    from corpus_mining.report.section_lineages import lineages_section

    empty = replace(inputs, topic_lineages=inputs.topic_lineages.iloc[:0])
    section = lineages_section(empty)
    assert section.chart_ids == ("fig-topic-lineages",) and "lineage-" not in section.body
