"""Capitals of a common word are not an acronym; the words come from the model's tables.

A one-word "person" the document also writes in lower case is a common word.

Every sentence is ours; "KLOVAR" and "TESSEA" stand for acronyms no dictionary holds.
"""

import pytest

from corpus_mining.nlp.actor_rules import Acronyms
from corpus_mining.nlp.annotate import annotate
from corpus_mining.nlp.common_words import is_common_word


def _orgs(nlp, text, **context):
    mentions, _ = annotate(nlp(text), [], not_actor_acronym=lambda t: False, **context)
    return {m.text for m in mentions if m.label == "ORG"}


@pytest.mark.parametrize(
    ("lang", "word", "common"),
    [
        ("en", "ZOOM", True),
        ("en", "global", True),
        ("en", "KLOVAR", False),
        ("fr", "SERIE", True),  # "série", its accent folded
        ("fr", "KLOVAR", False),
    ],
)
def test_the_language_knows_its_common_words(nlp_fr, nlp_en, lang, word, common):
    doc = (nlp_en if lang == "en" else nlp_fr)("Un texte.")
    assert is_common_word(doc, word) is common


@pytest.mark.parametrize(
    ("lang", "text", "orgs"),
    [
        ("en", "Funding came from KLOVAR and from the GLOBAL scheme last year.", {"KLOVAR"}),
        (
            "en",
            "The meeting took place on ZOOM with TESSEA and KLOVAR members.",
            {"TESSEA", "KLOVAR"},
        ),
        ("fr", "La réunion a eu lieu sur ZOOM avec les membres de KLOVAR.", {"KLOVAR"}),
    ],
)
def test_capitals_of_a_common_word_are_not_an_organisation(nlp_fr, nlp_en, lang, text, orgs):
    assert _orgs(nlp_en if lang == "en" else nlp_fr, text) == orgs


def test_a_common_word_the_text_defines_as_an_organisation_stays_one(nlp_en):
    text = "Funding came from KLOVAR and from GLOBAL last year."
    defined = Acronyms(org=lambda word: word == "GLOBAL", defined=lambda word: word == "GLOBAL")
    assert _orgs(nlp_en, text, acronyms=defined) == {"KLOVAR", "GLOBAL"}


def _mention(text, label="PER", source="model"):
    return {"text": text, "label": label, "source": source, "rule": "ner"}


@pytest.mark.parametrize(
    ("text", "mentions", "relabelled"),
    [
        # a one-word "person" the document also writes in lower case: a common word
        ("Ask Knowledge. The hub shares knowledge.", ["Knowledge"], {"Knowledge"}),
        ("Voir Innovation. Le réseau soutient l'innovation.", ["Innovation"], {"Innovation"}),
        # never written in lower case: a surname
        ("Okafor said the hub shares data.", ["Okafor"], set()),
        ("Martin a dit que le réseau grandit.", ["Martin"], set()),
        # a word of a person named in full stays a person, even beside the common word
        ("Rose Brown chairs it. Brown said the brown logo is new.", ["Rose Brown", "Brown"], set()),
        (
            "Jeanne Fontaine préside. Fontaine a vu la fontaine.",
            ["Jeanne Fontaine", "Fontaine"],
            set(),
        ),
    ],
)
def test_a_one_word_person_the_document_writes_in_lower_case_is_not_a_person(
    text, mentions, relabelled
):
    from corpus_mining.nlp.extractor import (
        _lowercase_words,
        _written_lowercase,
        relabel_common_word_people,
    )

    rows = [_mention(name) for name in mentions]
    relabel_common_word_people(rows, lambda p: _written_lowercase(p, text, _lowercase_words(text)))
    assert {r["text"] for r in rows if r["label"] == "MISC"} == relabelled
    assert all(r["rule"] == "ner+common_word_not_person" for r in rows if r["label"] == "MISC")


def test_a_one_word_person_a_rule_proposed_is_left_to_that_rule():
    from corpus_mining.nlp.extractor import relabel_common_word_people

    rows = [_mention("Campagne", source="rule"), _mention("Campagne", label="ORG")]
    relabel_common_word_people(rows, lambda phrase: True)
    assert [r["label"] for r in rows] == ["PER", "ORG"]
