"""Names listed with organisations are organisations (``listed_with_orgs``), on real models.

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


@pytest.mark.parametrize(
    ("lang", "text", "parts", "changed"),
    [
        (
            "en",
            "Big firms such as Renault, Michelin, Valeo and Safran joined the cluster.",
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
    found = _labelled(nlp_en if lang == "en" else nlp_fr, text, *parts)
    name, label = kept
    assert found[name][0] == label
    assert "listed_with_orgs" not in found[name][1]
