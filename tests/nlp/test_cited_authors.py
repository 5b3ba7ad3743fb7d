"""Authors written "Surname, I." are one person each; other commas and initials are not."""

from __future__ import annotations

from typing import Any

import pytest

from corpus_mining.nlp.annotate import annotate
from corpus_mining.nlp.cited_authors import RULE


def _people(nlp: Any, text: str) -> dict[str, str]:
    mentions, _ = annotate(nlp(text), [], not_actor_acronym=lambda _: False)
    return {m.text: m.rule for m in mentions if m.label == "PER"}


@pytest.mark.parametrize(
    ("lang", "text", "authors"),
    [
        ("en", "Martin, J., Okafor, B. and Lindqvist, E.-P. (2014). Cluster governance in three "
               "regions. Regional Studies 48(3).", ["Martin, J.", "Okafor, B.", "Lindqvist, E.-P."]),
        ("en", "See Okafor, B. (2019) on hubs in port cities.", ["Okafor, B."]),
        ("fr", "Berthon-Arnaud, C. et Lemaire, P.-Y. (2016). Les pôles et leurs réseaux. Revue "
               "d'économie régionale.", ["Berthon-Arnaud, C.", "Lemaire, P.-Y."]),
        ("fr", "Selon Garnier, L. (2012), la gouvernance compte.", ["Garnier, L."]),
        ("en", "OKAFOR, B., LINDQVIST, E.-P. and MARTIN, J. (2019). Hubs and their regions.",
               ["OKAFOR, B.", "LINDQVIST, E.-P.", "MARTIN, J."]),
        ("fr", "GARNIER, L. et BERTHON-ARNAUD, C. (2012). Les pôles en région.",
               ["GARNIER, L.", "BERTHON-ARNAUD, C."]),
    ],
)  # fmt: skip
def test_an_author_and_initials_are_one_person(nlp_fr, nlp_en, lang, text, authors):
    people = _people(nlp_fr if lang == "fr" else nlp_en, text)
    for author in authors:
        assert RULE in people.get(author, ""), (author, people)
    assert not any(name.strip(".").isupper() and len(name) <= 4 for name in people)  # no "C."


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "À Lyon, M. Dupont a présenté le pôle aux adhérents."),
        ("en", "The report by Henrikson, M. Tanaka and others was discussed in Paris."),
        ("en", "Offices in Paris, Lyon and Brussels opened in 2014."),
        ("fr", "Pour le CNRS, M. Dupont a présenté les résultats aux adhérents."),
        ("en", "According to the OECD, J. Okafor led the review of the hubs."),
    ],
)
def test_a_comma_before_a_title_or_a_list_of_places_is_not_an_author(nlp_fr, nlp_en, lang, text):
    people = _people(nlp_fr if lang == "fr" else nlp_en, text)
    assert not any(RULE in rule for rule in people.values()), people
    assert not any("," in name for name in people)
