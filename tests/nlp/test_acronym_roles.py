"""Acronyms and organisations are one entity; programmes and categories never are."""

import pytest

from corpus_mining.nlp.acronym_roles import acronym_role, acronym_roles, undefined_not_actors
from corpus_mining.nlp.acronyms import find_definitions
from corpus_mining.nlp.extractor import DocumentInput


def _roles(text):
    definitions = {d.acronym: d for d in find_definitions(text)}
    passages = ({"passage_id": "p0", "text": text},)
    return acronym_roles(text, definitions, passages)


def test_roles_from_the_expansion_head():
    assert acronym_role("ANMD", "agence nationale des mobilités douces") == "org"
    assert acronym_role("APR", "appel à projets ruraux") == "not_org"
    assert acronym_role("GPS", "Green Ports Scheme") == "not_org"
    assert acronym_role("TEL", "transition énergétique locale") == "not_org"  # common phrase
    assert acronym_role("HDAP", "Harbour Data Access Portal") is None  # the model decides
    # a plural determiner before it: a category, whatever its head
    assert acronym_role("RCL", "réseaux coopératifs locaux", "des ") == "not_org"
    assert acronym_role("ACL", "Agence de Coopération Locale", "des ") is None


def test_organisation_expansions_are_located_in_their_passage():
    text = "Le rapport de l'agence nationale des mobilités douces (ANMD) est paru."
    roles = _roles(text)
    assert roles.org == {"ANMD"} and roles.acronyms().org("ANMDs")
    [(start, end)] = roles.expansions["p0"]
    assert text[start:end] == "agence nationale des mobilités douces"


def _extract(extractor, lang, *paragraphs):
    text = "\n\n".join(paragraphs)
    passages = tuple(
        {"passage_id": f"d-p{i}", "doc_id": "d", "lang": lang, "text": p}
        for i, p in enumerate(paragraphs)
    )
    [result] = extractor.extract([DocumentInput("d", text, passages)])
    return [(m["text"], m["label"], m["rule"]) for m in result.mentions]


def test_french_acronym_and_expansion_are_organisation_mentions(extractor):
    mentions = _extract(
        extractor,
        "fr",
        "Le rapport de la direction régionale des affaires maritimes (DRAMA) est paru hier.",
        "Depuis, la DRAMA recrute des inspecteurs dans trois ports.",
    )
    assert ("direction régionale des affaires maritimes", "ORG", "acronym_expansion") in mentions
    assert [label for text, label, _ in mentions if text == "DRAMA"] == ["ORG", "ORG"]


def test_english_acronym_of_an_agency_is_an_organisation(extractor):
    mentions = _extract(
        extractor,
        "en",
        "The report of the Coastal Water Institute (CWI) was published on Monday.",
        "Since then the CWI has hired three new inspectors.",
    )
    assert ("Coastal Water Institute", "ORG", "acronym_expansion") in mentions
    assert [label for text, label, _ in mentions if text == "CWI"] == ["ORG", "ORG"]


@pytest.mark.parametrize(
    ("lang", "paragraphs", "acronym"),
    [
        (
            "fr",
            (
                "La région a lancé un appel à manifestation d'intérêt (AMI) en mars.",
                "Les lauréats de l'AMI seront connus en juin.",
            ),
            "AMI",
        ),
        (
            "en",
            (
                "The Green Ports Scheme (GPS) was adopted by the council in 2020.",
                "Under the GPS, harbours receive grants for cleaner ferries.",
            ),
            "GPS",
        ),
    ],
)
def test_programme_acronyms_are_never_organisations(extractor, lang, paragraphs, acronym):
    mentions = _extract(extractor, lang, *paragraphs)
    assert not [m for m in mentions if acronym in m[0] and m[1] == "ORG"]


# --- acronyms the document does not define ------------------------------------------------


def test_an_acronym_written_in_the_plural_names_a_kind_of_body():
    text = "Les PTRs se multiplient. Chaque PTR réunit des communes. La FNAB aide."
    assert undefined_not_actors(text, set()) == {"PTR"}
    text = "Several RDAs applied. The RDA of the north won. ANVAR too."
    assert undefined_not_actors(text, set()) == {"RDA"}


def test_a_plural_acronym_the_document_defines_is_left_to_its_definition():
    text = "Les PTRs sont actifs. Le Pôle Territorial Rural (PTR) anime le réseau."
    assert undefined_not_actors(text, {"PTR"}) == set()


def test_an_acronym_spelled_by_a_programme_s_initials_is_that_programme():
    text = "The Green Ports Initiative opened in May. Ten cities joined the GPI last year."
    assert "GPI" in undefined_not_actors(text, set())
    text = "Le Plan Vélo Régional est voté. Le PVR finance des pistes."
    assert "PVR" in undefined_not_actors(text, set())


def test_an_acronym_spelled_by_a_body_s_initials_or_by_nothing_stays_open():
    text = "The Northern Ports Agency opened in May. The NPA hired ten staff. ZKW too."
    assert undefined_not_actors(text, set()) == set()
    text = "L'Agence Bretonne du Vélo ouvre. L'ABV recrute. Le GRET aussi."
    assert undefined_not_actors(text, set()) == set()


def test_an_acronym_written_as_a_name_is_the_organisation_it_defines(extractor):
    mentions = _extract(
        extractor,
        "fr",
        "Le rapport de la chambre régionale des ports et solidarités (Crps) est paru hier.",
        "Depuis, la Crps recrute des inspecteurs dans trois ports.",
    )
    assert [label for text, label, _ in mentions if text == "Crps"] == ["ORG", "ORG"]
