"""Capitals of a common word are not an acronym; the words come from the model's tables.

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
