"""People told by their given name, on the real pipelines. Every sentence is ours."""

from __future__ import annotations

import re
from typing import Any

import pytest
from spacy.tokens import Span

from corpus_mining.nlp.annotate import annotate
from corpus_mining.nlp.extractor import _lowercase_words, _written_lowercase
from corpus_mining.nlp.given_names import GIVEN_NAMES_PATH, given_names, is_given_name
from corpus_mining.nlp.places import load_places


def _mentions(
    nlp: Any, text: str, org: tuple[int, int] | None = None, label: str = "ORG"
) -> dict[str, str]:
    """Name -> label of ``annotate``'s mentions, the model's entities replaced.

    With ``org``, tokens ``org`` are the only model entity, a ``label``; without, the model
    tagged nothing, so that only the rules can find a person.
    """
    doc = nlp(text)
    doc.ents = [Span(doc, *org, label=label)] if org else []
    words = _lowercase_words(text)
    mentions, _ = annotate(
        doc,
        [],
        not_actor_acronym=lambda t: False,
        is_common_phrase=lambda phrase: _written_lowercase(phrase, text, words),
        is_place=load_places().is_place,
    )
    return {m.text: m.label for m in mentions}


@pytest.fixture
def with_model_person(nlp_en, nlp_fr):
    """``_mentions`` where tokens ``span`` are the model's only entity, a person."""

    def found(lang: str, text: str, span: tuple[int, int]) -> dict[str, str]:
        nlp, label = (nlp_en, "PERSON") if lang == "en" else (nlp_fr, "PER")
        return _mentions(nlp, text, span, label=label)

    return found


def test_the_list_holds_given_names_in_one_form_and_cites_its_source():
    lines = GIVEN_NAMES_PATH.read_text(encoding="utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    names = [line for line in lines if not line.startswith("#")]
    assert any("Source:" in line for line in header)
    assert names == sorted(set(names)), "sorted, each name once"
    assert all(re.fullmatch(r"[a-z]+(?:[-'][a-z]+)*", name) for name in names)
    assert len(given_names()) == len(names) > 5000


@pytest.mark.parametrize(
    ("word", "known"),
    [
        ("Maria", True),
        ("Léa", True),  # accents folded
        ("BENOÎT", True),
        ("Jean-Claude", True),  # by its first part
        ("Okafor", False),  # a surname
        ("Network", False),
    ],
)
def test_a_given_name_is_known_whatever_its_case_and_accents(word, known):
    assert is_given_name(word) is known


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("The panel heard Ingrid Verhulst on rural credit unions.", "Ingrid Verhulst"),
        ("Speakers: Tomas Okafor, chair of the network.", "Tomas Okafor"),
        ("Selon Léa Dumoulin, le réseau compte vingt membres.", "Léa Dumoulin"),
        ("Jean-Claude Vasseur préside la coopérative depuis 2019.", "Jean-Claude Vasseur"),
        ("Contact : Aline MARCHETTI, chargée de mission.", "Aline MARCHETTI"),
    ],
)
def test_a_given_name_and_a_surname_no_model_tagged_are_a_person(nlp_en, nlp_fr, text, person):
    nlp = nlp_en if text.isascii() else nlp_fr
    assert _mentions(nlp, text).get(person) == "PER"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a body named for a person, before or after the name
        ("en", "The Maria Okafor Institute trains cooperative managers."),
        ("fr", "La Fondation Aline Dumoulin finance des tiers-lieux."),
        # a given name the document also writes as a common word
        ("en", "Grace Mbeki thanked them; by the grace of the funders the hub opened."),
        # a listed place is no given name
        ("en", "Florence Partners advised the cluster."),
        # a capitalised noun with its adjective is no surname (French puts it after)
        ("fr", "Sources : Nina Données ouvertes, 2020."),
        # an article is no given name, though some people bear it
        ("fr", "Le tiers-lieu La Mancha ouvre ses portes."),
    ],
)
def test_no_person_where_the_words_say_otherwise(nlp_en, nlp_fr, lang, text):
    found = _mentions(nlp_en if lang == "en" else nlp_fr, text)
    assert "PER" not in found.values(), found


@pytest.mark.parametrize(
    ("text", "span", "name", "label"),
    [
        # the small English model's ORG over a person: the given name decides
        ("Thanks to Stefan Mbeki and the board.", (2, 4), "Stefan Mbeki", "PER"),
        ("Thanks to Maria Elena Okafor for the data.", (2, 5), "Maria Elena Okafor", "PER"),
        # a head, a company form or a programme's word keeps it a body
        (
            "Thanks to Maria Okafor Foundation for the data.",
            (2, 5),
            "Maria Okafor Foundation",
            "ORG",
        ),
        ("Thanks to Grace Consulting Ltd for the data.", (2, 5), "Grace Consulting Ltd", "ORG"),
    ],
)
def test_an_english_model_organisation_opening_with_a_given_name_is_a_person(
    nlp_en, text, span, name, label
):
    assert _mentions(nlp_en, text, span).get(name) == label


def test_a_french_model_organisation_keeps_its_label(nlp_fr):
    # the French model's ORG over a given name is a body's name as often as not
    text = "Le pôle Alma Kids réunit des fabricants de jouets."
    assert _mentions(nlp_fr, text, (2, 4)).get("Alma Kids") == "ORG"


@pytest.mark.parametrize(
    ("lang", "text", "span", "person"),
    [
        # a job title before a given name is no part of the name
        ("en", "Councillor Ray Okafor opened the hub.", (0, 3), "Ray Okafor"),
        ("en", "MD Jo Okafor opened the hub.", (0, 3), "Jo Okafor"),
        ("fr", "Directrice Aline Morel a ouvert le lieu.", (0, 3), "Aline Morel"),
        # honours after the name neither
        ("en", "Ann Okafor OBE opened the hub.", (0, 3), "Ann Okafor"),
        ("en", "Ann Okafor, MBE opened the hub.", (0, 4), "Ann Okafor"),
        # a title that is a surname, after the given name, stays
        ("en", "Councillor Ray Dean opened the hub.", (0, 3), "Ray Dean"),
        ("fr", "Directeur Lucien Doyen a ouvert le lieu.", (0, 3), "Lucien Doyen"),
        # a title before a surname alone: no given name says where the name starts
        ("en", "Councillor Okafor opened the hub.", (0, 2), "Councillor Okafor"),
        # the model tagged the surname alone, or the given name alone: the name goes on
        ("en", "Speakers included Maria Okafor and two mayors.", (3, 4), "Maria Okafor"),
        ("en", "Speakers included Maria Okafor and two mayors.", (2, 3), "Maria Okafor"),
        ("fr", "Selon Léa Dumoulin, le réseau grandit.", (2, 3), "Léa Dumoulin"),
        # ... but not over a body named for her
        ("en", "Speakers included Maria Okafor Institute staff.", (2, 3), "Maria"),
        # ... nor over a given name the document writes as a common word
        ("en", "Speakers included Grace Okafor, by the grace of the board.", (3, 4), "Okafor"),
    ],
)
def test_a_person_s_name_is_made_whole_without_titles_or_honours(
    with_model_person, lang, text, span, person
):
    found = with_model_person(lang, text, span)
    assert found.get(person) == "PER", found


@pytest.mark.parametrize(
    ("lang", "text", "span", "name", "person"),
    [
        # common words of the language and no given name: a phrase, not a person
        ("en", "See the Regulatory Framework for details.", (2, 4), "Regulatory Framework", False),
        ("fr", "Voir la Note Technique du pôle.", (2, 4), "Note Technique", False),
        # a given name among them keeps a person ("Rose" is also a flower)
        ("en", "See the note by Rose Brown for details.", (4, 6), "Rose Brown", True),
        # a surname no lexicon knows
        ("fr", "Voir la note de Lucien Marchetti sur le pôle.", (4, 6), "Lucien Marchetti", True),
    ],
)
def test_a_model_person_of_common_words_without_a_given_name_is_a_phrase(
    with_model_person, lang, text, span, name, person
):
    found = with_model_person(lang, text, span)
    assert (found.get(name) == "PER") is person, found
