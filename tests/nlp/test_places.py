"""Place lists: whole names are places, in French and English spellings; organisations are not."""

from __future__ import annotations

import pytest
import spacy

from corpus_mining.nlp.annotate import annotate, place_not_org
from corpus_mining.nlp.entity_rules import Candidate
from corpus_mining.nlp.places import load_places, place_key


@pytest.mark.parametrize(
    "text",
    ["Basque Country", "le Pays basque", "Nouvelle Aquitaine", "la Nouvelle-Aquitaine", "Bavaria",
     "Allemagne", "Germany", "the United Kingdom", "Île-de-France", "Ile de France", "Côte-d'Or",
     "Lyon", "Vienna", "Midi-Pyrénées", "Europe", "Amérique latine"],
)  # fmt: skip
def test_listed_places_are_places(text):
    assert load_places().is_place(text)


@pytest.mark.parametrize(
    "text",
    ["CRESS Nouvelle-Aquitaine", "Région Occitanie", "Conseil régional de Bretagne", "Aerospace Valley",
     "Université de Lyon", "Grand Lyon Habitat", "Le Goff", "", "European Union", "DG REGIO"],
)  # fmt: skip
def test_organisations_and_names_are_not_places(text):
    assert not load_places().is_place(text)


def test_place_key_reads_hyphens_as_spaces():
    assert place_key("Provence-Alpes-Côte d'Azur") == place_key("Provence Alpes Cote d'Azur")


def _doc(lang: str, text: str, spans: list[tuple[int, int, str]]):
    doc = spacy.blank(lang)(text)
    doc.ents = [doc.char_span(start, end, label=label) for start, end, label in spans]
    return doc


@pytest.mark.parametrize(
    ("lang", "text", "place"),
    [("fr", "Le projet réunit la Bretagne et la Normandie.", "Bretagne"),
     ("en", "The project spans the Basque Country and Flanders.", "Basque Country")],
)  # fmt: skip
def test_annotate_turns_a_place_tagged_org_into_a_place_and_records_why(lang, text, place):
    start = text.index(place)
    doc = _doc(lang, text, [(start, start + len(place), "ORG")])
    mentions, _ = annotate(
        doc, [], not_actor_acronym=lambda t: False, is_place=load_places().is_place
    )
    assert [(m.text, m.label, m.source) for m in mentions] == [(place, "LOC", "model")]
    assert mentions[0].rule.split("+")[-1] == "place_list"


@pytest.mark.parametrize(
    ("lang", "text", "org"),
    [("fr", "La CRESS Bretagne soutient le projet.", "CRESS Bretagne"),
     ("en", "Flanders Make supports the project.", "Flanders Make")],
)  # fmt: skip
def test_annotate_keeps_an_organisation_named_after_a_place(lang, text, org):
    start = text.index(org)
    doc = _doc(lang, text, [(start, start + len(org), "ORG")])
    mentions, _ = annotate(
        doc, [], not_actor_acronym=lambda t: False, is_place=load_places().is_place
    )
    assert [(m.text, m.label, m.source) for m in mentions] == [(org, "ORG", "model")]


def test_the_gazetteer_says_a_place_named_body_is_an_organisation():
    doc = spacy.blank("fr")("Normandie Attractivité et Normandie")
    gazetteer = Candidate(0, 1, "ORG", "gazetteer", "Normandie")
    model = Candidate(3, 4, "ORG", "model")
    assert place_not_org(doc, gazetteer, load_places().is_place).label == "ORG"
    assert place_not_org(doc, model, load_places().is_place).label == "LOC"


@pytest.mark.parametrize(
    ("lang", "text", "name", "kept"),
    [("en", "The report of DG GROW was published.", "DG GROW", "DG GROW"),
     ("fr", "Selon le Mouvement associatif, rien ne change.", "le Mouvement associatif", "Mouvement associatif")],
)  # fmt: skip
def test_a_gazetteer_name_keeps_its_title_like_words_and_loses_a_lowercase_article(
    lang, text, name, kept
):
    start = text.index(name)
    doc = spacy.blank(lang)(text)
    span = doc.char_span(start, start + len(name), label="ORG", span_id="Some body")
    doc.ents = [span]
    mentions, _ = annotate(doc, [], not_actor_acronym=lambda t: False)
    assert [(m.text, m.source) for m in mentions] == [(kept, "gazetteer")]
