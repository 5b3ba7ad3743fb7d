import pytest

from corpus_mining.nlp.names import name_key, parse_person
from corpus_mining.textfold import fold


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("France Clusters", "France Cluster"),  # plural and singular
        ("Économie Solidaire", "economie solidaire"),  # case and accents
        ("Labo de l’ESS", "Labo de l'ESS"),  # apostrophes
        ("la Commission européenne", "Commission européenne"),  # leading article
        ("The European Cluster Observatory", "European Cluster Observatory"),
        ("L'Atelier des territoires", "Atelier des territoires"),
    ],
)
def test_variants_share_a_key(a, b):
    assert name_key(a) == name_key(b)


def test_different_names_keep_different_keys():
    assert name_key("Pôle Mer Méditerranée") != name_key("Pôle Mer Bretagne")


@pytest.mark.parametrize(
    ("text", "key", "display"),
    [
        ("Claire DUVERNOIS", "duvernois|c", "Claire Duvernois"),
        ("Duvernois C.", "duvernois|c", "C. Duvernois"),
        ("C. Duvernois", "duvernois|c", "C. Duvernois"),
        ("Lefébure J.-M.", "lefebure|j", "J.-M. Lefébure"),
        ("Jean-Marc LEFÉBURE", "lefebure|j", "Jean-Marc Lefébure"),
        ("A. Le Goff", "le goff|a", "A. Le Goff"),
        ("Ostrom", "ostrom|", "Ostrom"),
        # a form of address is no part of the name; "M." may be an initial
        ("Mme Claire Duvernois", "duvernois|c", "Claire Duvernois"),
        ("Dr Duvernois", "duvernois|", "Duvernois"),
        ("M. Duvernois", "duvernois|m", "M. Duvernois"),
    ],
)
def test_person_variants(text, key, display):
    person = parse_person(text)
    assert person.key == key
    assert person.display() == display


def test_fold_is_idempotent():
    assert fold(fold("  Éco’SYSTÈME  ")) == fold("  Éco’SYSTÈME  ") == "eco'systeme"
