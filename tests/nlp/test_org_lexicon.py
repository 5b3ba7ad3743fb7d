"""The organisation-name words shipped as package data, and what they say about a phrase."""

import pytest

from corpus_mining.errors import ParamsError
from corpus_mining.nlp.org_lexicon import DATA, _all, expansion_role, head_words, org_lexicon


def test_the_data_file_covers_both_languages():
    for lang in ("fr", "en"):
        lexicon = org_lexicon(lang)
        assert lexicon.org_heads and lexicon.connectors and lexicon.programme_heads
        assert all(word == word.lower() for word in lexicon.org_heads)
    assert org_lexicon("fr").head_first and not org_lexicon("en").head_first
    assert org_lexicon("xx").org_heads == frozenset()


def test_a_misspelt_key_fails_with_the_file_name(tmp_path):
    bad = tmp_path / "org_names.yaml"
    bad.write_text("fr:\n  org_head: [agence]\n", encoding="utf-8")
    with pytest.raises(ParamsError, match=r"org_names\.yaml"):
        _all(bad)
    assert DATA.name == "org_names.yaml"


def test_heads_of_a_name_in_either_language():
    lexicon = org_lexicon("en")
    assert head_words("Northern Fisheries Council".split(), lexicon) == ["Northern", "Council"]
    assert head_words("Agency for Coastal Affairs".split(), lexicon) == ["Agency"]


@pytest.mark.parametrize(
    ("expansion", "role"),
    [
        ("agence nationale des mobilités douces", "org"),
        ("direction régionale de la pêche", "org"),
        ("Coastal Water Institute", "org"),
        ("appel à projets mobilités", "not_org"),
        ("plan régional pour l'emploi", "not_org"),
        ("fonds d'amorçage rural", "not_org"),
        ("Green Ports Scheme", "not_org"),
        ("Rural Transport Action Plan", "not_org"),
        ("colloque national des ateliers partagés", "not_org"),  # an event
        ("Harbour Innovation Summit", "not_org"),
        ("associations de quartier", "not_org"),  # a plural head: a category
        ("transition énergétique locale", None),
        ("Harbour Data Portal", None),
    ],
)
def test_what_an_expansion_says_about_its_acronym(expansion, role):
    assert expansion_role(expansion) == role
