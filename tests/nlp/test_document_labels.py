"""Labels decided over a whole document: common words are no people, and a name the
document gives a person elsewhere is no organisation. Every sentence is ours."""

import pytest

from corpus_mining.nlp.document_labels import (
    relabel_common_word_people,
    relabel_people_named_elsewhere,
    relabel_place_named_people,
)
from corpus_mining.nlp.extractor import _lowercase_words, _written_lowercase


def _mention(text, label="PER", source="model", lang="en"):
    return {"text": text, "label": label, "source": source, "rule": "ner", "lang": lang}


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
        relabel_common_word_people,
    )

    rows = [_mention(name) for name in mentions]
    relabel_common_word_people(rows, lambda p: _written_lowercase(p, text, _lowercase_words(text)))
    assert {r["text"] for r in rows if r["label"] == "MISC"} == relabelled
    assert all(r["rule"] == "ner+common_word_not_person" for r in rows if r["label"] == "MISC")


def test_a_one_word_person_a_rule_proposed_is_left_to_that_rule():
    rows = [_mention("Campagne", source="rule"), _mention("Campagne", label="ORG")]
    relabel_common_word_people(rows, lambda phrase: True)
    assert [r["label"] for r in rows] == ["PER", "ORG"]


@pytest.mark.parametrize(
    ("lang", "mentions", "people"),
    [
        # a surname alone, or the full name, tagged ORG where the document has the person
        ("en", [("Maria Okafor", "PER"), ("Okafor", "ORG")], {"Maria Okafor", "Okafor"}),
        (
            "en",
            [("Maria Okafor", "PER"), ("MARIA OKAFOR", "ORG")],
            {"Maria Okafor", "MARIA OKAFOR"},
        ),
        ("fr", [("Léa Martin", "PER"), ("Martin", "ORG")], {"Léa Martin", "Martin"}),
        # a name holding an organisation head stays an organisation
        ("en", [("Maria Okafor", "PER"), ("Okafor Foundation", "ORG")], {"Maria Okafor"}),
        ("fr", [("Léa Martin", "PER"), ("Fondation Martin", "ORG")], {"Léa Martin"}),
        # a given name is no surname: "Maria" stays what the model said
        ("en", [("Maria Okafor", "PER"), ("Maria", "ORG")], {"Maria Okafor"}),
        # no person in the document: nothing to go by
        ("fr", [("Martin", "ORG")], set()),
    ],
)
def test_an_organisation_the_document_names_as_a_person_is_that_person(lang, mentions, people):
    rows = [_mention(text, label, lang=lang) for text, label in mentions]
    relabel_people_named_elsewhere(rows)
    assert {r["text"] for r in rows if r["label"] == "PER"} == people
    assert all(r["rule"] == "ner+person_elsewhere" for r in rows[1:] if r["label"] == "PER")


@pytest.mark.parametrize(
    ("lang", "mentions", "people"),
    [
        # a surname that is also a town's name, tagged LOC where the document has the person
        ("en", [("Ann Vellberg", "PER"), ("Vellberg", "LOC")], {"Ann Vellberg", "Vellberg"}),
        ("fr", [("Jean Vellberg", "PER"), ("Vellberg", "LOC")], {"Jean Vellberg", "Vellberg"}),
        # a listed place stays a place, and so does a place written otherwise than the name
        ("en", [("Ann Lyon", "PER"), ("Lyon", "LOC")], {"Ann Lyon"}),
        ("fr", [("Jean Vellberg", "PER"), ("VELLBERG", "LOC")], {"Jean Vellberg"}),
    ],
)
def test_a_place_that_is_the_surname_of_the_documents_person_is_that_person(lang, mentions, people):
    rows = [_mention(text, label, lang=lang) for text, label in mentions]
    relabel_people_named_elsewhere(rows, {"Lyon"}.__contains__)
    assert {r["text"] for r in rows if r["label"] == "PER"} == people


def test_an_organisation_a_rule_or_the_gazetteer_proposed_is_left_alone():
    rows = [_mention("Maria Okafor"), _mention("Okafor", "ORG", source="gazetteer")]
    relabel_people_named_elsewhere(rows)
    assert rows[1]["label"] == "ORG"


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        # a body named for its country, with words the document writes in lower case
        ("Funds from Innovation Estonia support innovation.", "Innovation Estonia", "ORG"),
        ("Selon Innovation Estonie, l'innovation progresse.", "Innovation Estonie", "ORG"),
        # a given name no text writes in lower case keeps the person
        ("Florence Estonia said that innovation matters.", "Florence Estonia", "PER"),
        # a last word that is no listed place keeps the person
        ("Rose Brown said that the rose grows.", "Rose Brown", "PER"),
    ],
)
def test_a_person_named_for_a_place_with_common_words_is_a_body(text, name, label):
    places = {"Estonia", "Estonie"}.__contains__
    rows = [_mention(name)]
    relabel_place_named_people(
        rows, places, lambda p: _written_lowercase(p, text, _lowercase_words(text))
    )
    assert rows[0]["label"] == label


# --- through the extractor: what the language's lexicon says of a one-word "person" ------


def _people_of(extractor, lang, text, people):
    """Labels of ``people`` (token spans the model is made to tag PER) after the document."""
    from spacy.tokens import Span

    from corpus_mining.nlp.extractor import DocumentInput, _DocumentState

    nlp, matcher = extractor.pipeline(lang)
    passage = {"passage_id": "d-p0", "doc_id": "d", "lang": lang, "text": text}
    state = _DocumentState.of(DocumentInput("d", text, (passage,)), extractor)
    doc = nlp(text)
    doc.ents = [
        Span(doc, start, end, label="PERSON" if lang == "en" else "PER") for start, end in people
    ]
    state.add_passage(lang, passage, doc, matcher)
    result = state.finish(extractor)
    return [(m["text"], m["label"]) for m in result.mentions if m["label"] in {"PER", "MISC"}]


@pytest.mark.parametrize(
    ("lang", "text", "people", "labels"),
    [
        # a common word of the language, never written in lower case here: no person
        ("en", "Knowledge opened a hub for rural firms.", [(0, 1)], [("Knowledge", "MISC")]),
        ("fr", "Marchand a ouvert un tiers-lieu rural.", [(0, 1)], [("Marchand", "MISC")]),
        # a given name stays a person, though the lexicon knows the word
        ("en", "The hub was opened by Grace last spring.", [(5, 6)], [("Grace", "PER")]),
        # a surname the document cites stays a person everywhere
        (
            "fr",
            "Marchand a ouvert un tiers-lieu. Selon Marchand (2005), il grandit.",
            [(0, 1), (7, 8)],
            [("Marchand", "PER"), ("Marchand", "PER")],
        ),
    ],
)
def test_a_one_word_person_the_lexicon_knows_as_a_common_word_is_not_a_person(
    extractor, lang, text, people, labels
):
    assert _people_of(extractor, lang, text, people) == labels
