"""Names listed with organisations, or under a plural organisation head, are organisations
(``listed_with_orgs``, ``listed_after_plural_head``), on real models.

The model's labels are set by hand so that each case tests the rule, not the model.
Every sentence is ours.
"""

import pytest

from corpus_mining.nlp.annotate import annotate
from corpus_mining.nlp.places import load_places


def _labelled(nlp, text, *parts):
    """``annotate``'s name -> (label, rule) when the model tagged ``parts`` (label, words)."""
    doc = nlp(text)
    spans, searched = [], 0
    for label, words in parts:
        start = text.index(words, searched)
        searched = start + len(words)
        spans.append(doc.char_span(start, searched, label=label))
    doc.ents = spans
    mentions, _ = annotate(
        doc, [], not_actor_acronym=lambda t: False, is_place=load_places().is_place
    )
    return {m.text: (m.label, m.rule) for m in mentions}


def _assert_kept(nlp, text, parts, kept, rule):
    """The name of ``kept`` keeps its label, and ``rule`` did not touch it."""
    found = _labelled(nlp, text, *parts)
    name, label = kept
    assert found[name][0] == label
    assert rule not in found[name][1]


@pytest.mark.parametrize(
    ("lang", "text", "parts", "changed"),
    [
        (
            "en",
            "Renault, Michelin, Valeo and Safran joined the cluster this year.",
            [("ORG", "Renault"), ("LOC", "Michelin"), ("PER", "Valeo"), ("ORG", "Safran")],
            {"Michelin", "Valeo"},
        ),
        (
            "fr",
            "Le consortium réunit Tecnalia, Ikerlan, Orkestra et Airbus depuis 2015.",
            [("ORG", "Tecnalia"), ("MISC", "Ikerlan"), ("LOC", "Orkestra"), ("ORG", "Airbus")],
            {"Ikerlan", "Orkestra"},
        ),
    ],
)
def test_a_single_name_listed_among_organisations_is_one(
    nlp_fr, nlp_en, lang, text, parts, changed
):
    found = _labelled(nlp_en if lang == "en" else nlp_fr, text, *parts)
    assert {name for name, (label, _) in found.items() if label == "ORG"} == {w for _, w in parts}
    assert {name for name, (_, rule) in found.items() if "listed_with_orgs" in rule} == changed


@pytest.mark.parametrize(
    ("lang", "text", "parts", "kept"),
    [
        # a listed place stays a place
        (
            "en",
            "Delegates came from France, Renault, Safran and Valeo.",
            [("LOC", "France"), ("ORG", "Renault"), ("ORG", "Safran"), ("ORG", "Valeo")],
            ("France", "LOC"),
        ),
        # a list naming a person in full is a list of people and bodies
        (
            "fr",
            "Le jury comptait Marie Dubois, Martin, la Macif et la Maif.",
            [("PER", "Marie Dubois"), ("PER", "Martin"), ("ORG", "Macif"), ("ORG", "Maif")],
            ("Martin", "PER"),
        ),
        # one organisation is not enough
        (
            "en",
            "Partners are Tecnalia, Ikerlan and the Basque Cluster Association.",
            [("PER", "Tecnalia"), ("LOC", "Ikerlan"), ("ORG", "Basque Cluster Association")],
            ("Tecnalia", "PER"),
        ),
        # two lines are not one list
        (
            "fr",
            "Adhérents : Valeo, Michelin\nPartenaires : Orkestra et Safran",
            [("ORG", "Valeo"), ("ORG", "Michelin"), ("LOC", "Orkestra"), ("ORG", "Safran")],
            ("Orkestra", "LOC"),
        ),
    ],
)
def test_places_people_and_thin_or_broken_lists_keep_their_label(
    nlp_fr, nlp_en, lang, text, parts, kept
):
    _assert_kept(nlp_en if lang == "en" else nlp_fr, text, parts, kept, "listed_with_orgs")


@pytest.mark.parametrize(
    ("lang", "text", "parts"),
    [
        ("fr", "Le mémorandum est signé par les six pôles Skywon, Biovex et Mecaflex.",
         [("LOC", "Skywon"), ("PER", "Biovex"), ("PER", "Mecaflex")]),
        ("fr", "Les pôles de compétitivité Skywon et Mecaflex ont signé la charte.",
         [("LOC", "Skywon"), ("PER", "Mecaflex")]),
        ("fr", "L'étude a été menée par les cabinets Erdex et Technova pour l'État.",
         [("LOC", "Erdex"), ("LOC", "Technova")]),
        ("en", "The evaluation was carried out by the consultancies Erdex and Technova.",
         [("PER", "Erdex"), ("LOC", "Technova")]),
        ("en", "Networks such as Solivo, Brixen and Karuna joined the platform.",
         [("MISC", "Solivo"), ("PER", "Brixen"), ("LOC", "Karuna")]),
    ],
)  # fmt: skip
def test_names_listed_under_a_plural_organisation_head_are_organisations(
    nlp_fr, nlp_en, lang, text, parts
):
    found = _labelled(nlp_en if lang == "en" else nlp_fr, text, *parts)
    for _, name in parts:
        assert found[name] == ("ORG", "ner+listed_after_plural_head"), (name, found)


@pytest.mark.parametrize(
    ("lang", "text", "parts", "kept"),
    [
        # a preposition makes the list the head's complement: places, not bodies
        ("en", "The clusters in Montevano and Brightwell grew fast.",
         [("LOC", "Montevano"), ("LOC", "Brightwell")], ("Montevano", "LOC")),
        ("en", "A network of social enterprises across the Montevano and Brightwell hills.",
         [("LOC", "Montevano"), ("LOC", "Brightwell")], ("Brightwell", "LOC")),
        # a verb between: the plural is the subject, the list its object
        ("fr", "Les réseaux ont rencontré Mecaflex et Agralim lundi.",
         [("PER", "Mecaflex"), ("PER", "Agralim")], ("Mecaflex", "PER")),
        # a list naming a person in full is a list of people
        ("en", "The networks Jane Rowe and Karuna met in Leeds.",
         [("PER", "Jane Rowe"), ("LOC", "Karuna")], ("Karuna", "LOC")),
        # a listed place stays a place
        ("fr", "Les pôles Bretagne et Mecaflex ont signé.",
         [("LOC", "Bretagne"), ("PER", "Mecaflex")], ("Bretagne", "LOC")),
        # a plural that is not an organisation head
        ("fr", "Les villes Montevano et Brightwell ont signé.",
         [("LOC", "Montevano"), ("LOC", "Brightwell")], ("Brightwell", "LOC")),
    ],
)  # fmt: skip
def test_a_plural_head_does_not_reach_past_a_preposition_a_verb_a_person_or_a_place(
    nlp_fr, nlp_en, lang, text, parts, kept
):
    nlp = nlp_en if lang == "en" else nlp_fr
    _assert_kept(nlp, text, parts, kept, "listed_after_plural_head")
