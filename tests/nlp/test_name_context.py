"""Context cues: citations, units and codes, products, organs of a body, addresses, places.

Every sentence is ours; each rule has a French and an English case, positive and negative.
"""

import pytest

from corpus_mining.nlp.annotate import annotate
from corpus_mining.nlp.entity_rules import Candidate
from corpus_mining.nlp.name_context import in_context, place_not_org
from corpus_mining.nlp.org_lexicon import org_lexicon


def _mentions(nlp, text, **context):
    mentions, _ = annotate(nlp(text), [], not_actor_acronym=lambda t: False, **context)
    return {m.text: (m.label, m.rule) for m in mentions}


def _as_org(nlp, text, name):
    """``in_context`` on ``name`` in ``text``, proposed as an ORG by the model."""
    doc = nlp(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name))
    assert span is not None
    cand = Candidate(span.start, span.end, "ORG", "model", "", "ner")
    return in_context(doc, cand, org_lexicon(doc.lang_))


# --- author-year citations ----------------------------------------------------------------


def test_names_in_an_author_year_citation_are_people(nlp_fr, nlp_en):
    cited = _as_org(nlp_en, "Firms learn from peers (Halvorsen and Brink, 2011).", "Brink")
    assert (cited.label, cited.rule) == ("PER", "ner+citation_author")
    cited = _as_org(nlp_fr, "Les réseaux se densifient (Marchetti, 2009).", "Marchetti")
    assert cited.label == "PER"


def test_a_body_outside_a_citation_stays_an_organisation(nlp_fr, nlp_en):
    assert _as_org(nlp_en, "In 2011, Halvorsen Bank opened a branch.", "Halvorsen Bank").label == (
        "ORG"
    )
    kept = _as_org(nlp_fr, "Le rapport (Agence Mistral) date de 2009.", "Agence Mistral")
    assert kept.label == "ORG"


# --- units, codes and products ------------------------------------------------------------


def test_units_codes_and_model_names_are_not_organisations(nlp_fr, nlp_en):
    assert _as_org(nlp_en, "The file weighs 3.4 MiB in total.", "MiB").label == "MISC"
    assert _as_org(nlp_en, "Projects must reach TRL 6 before funding.", "TRL").label == "MISC"
    assert _as_org(
        nlp_fr, "La flotte compte dix Corvel A340s en service.", "Corvel A340s"
    ).label == ("MISC")


@pytest.mark.parametrize(
    ("lang", "text", "name", "label"),
    [
        # a common word and a number: an item of a plan, a round, a list
        ("fr", "Le plan prévoit Action 3 et Axe 2 pour les ports.", "Action 3", "MISC"),
        ("fr", "Le plan prévoit Axe 2 - Coopérer pour les ports.", "Axe 2 - Coopérer", "MISC"),
        ("en", "Results of Round III were published.", "Round III", "MISC"),
        # a numbered body names a place or carries a head
        ("fr", "Les chercheurs de Paris 8 ont signé.", "Paris 8", "ORG"),
        ("en", "The Harbour Institute 2 team signed.", "Harbour Institute 2", "ORG"),
        # a year is no item number
        ("en", "The Action 2030 network signed.", "Action 2030", "ORG"),
    ],
)
def test_a_common_word_and_a_number_name_an_item_not_a_body(
    nlp_fr, nlp_en, lang, text, name, label
):
    assert _as_org(nlp_en if lang == "en" else nlp_fr, text, name).label == label


def test_a_year_before_a_name_is_no_quantity(nlp_fr, nlp_en):
    assert _as_org(nlp_en, "Founded in 2008 Norvane grew fast.", "Norvane").label == "ORG"
    assert _as_org(nlp_fr, "Depuis 2015 Cobalys recrute des ingénieurs.", "Cobalys").label == (
        "ORG"
    )


def test_a_maker_and_model_next_to_a_product_noun_is_a_product(nlp_fr, nlp_en):
    found = _as_org(nlp_en, "The base builds Korvo Strela business jets.", "Korvo Strela")
    assert (found.label, found.rule) == ("MISC", "ner+product_name")
    found = _as_org(nlp_fr, "Elle pilote des hélicoptères Orvane Kestrel.", "Orvane Kestrel")
    assert found.label == "MISC"


def test_a_maker_alone_or_with_other_words_after_it_stays(nlp_fr, nlp_en):
    assert _as_org(nlp_en, "Orders for KTR turboprops rose.", "KTR").label == "ORG"
    assert _as_org(nlp_en, "The base builds Strela jets for export.", "Strela").label == "ORG"
    assert _as_org(nlp_fr, "Elle vend des voitures Orvane depuis dix ans.", "Orvane").label == "ORG"
    kept = _as_org(nlp_fr, "L'Agence Corvel, moteur du projet, recrute.", "Agence Corvel")
    assert kept.label == "ORG"


# --- organs of a body and postal addresses ------------------------------------------------


def test_the_organs_of_a_body_are_not_bodies(nlp_fr, nlp_en):
    found = _as_org(nlp_en, "She joined the Board of Directors in May.", "Board of Directors")
    assert (found.label, found.rule) == ("MISC", "ner+internal_body")
    found = _as_org(
        nlp_fr, "Le Conseil d'administration se réunit en mai.", "Conseil d'administration"
    )
    assert found.label == "MISC"


def test_a_named_body_with_an_organ_word_stays(nlp_fr, nlp_en):
    kept = _as_org(nlp_en, "The Harbour Board of Trade met.", "Harbour Board of Trade")
    assert kept.label == "ORG"
    kept = _as_org(nlp_fr, "Le Conseil régional de Bretagne vote.", "Conseil régional de Bretagne")
    assert kept.label == "ORG"


def test_an_address_is_not_an_organisation(nlp_fr, nlp_en):
    assert _as_org(nlp_fr, "Écrire au 12 rue Haute, 69007 LYON CEDEX 07.", "LYON").label == "LOC"
    assert _as_org(nlp_en, "Write to 12 Rue Haute, 69007 LYON CEDEX.", "LYON").label == "LOC"
    assert _as_org(nlp_fr, "La société Lyonel a déménagé.", "Lyonel").label == "ORG"


# --- places whose names are broken ---------------------------------------------------------


def _place(text):
    return text in {"Europe", "United States", "Bretagne"}


def test_a_place_hidden_by_a_hyphen_or_lost_spaces_is_a_place(nlp_fr, nlp_en):
    doc = nlp_en("Growth in Eu-rope and the UnitedStates slowed.")
    for name in ("Eu-rope", "UnitedStates"):
        start = doc.text.index(name)
        span = doc.char_span(start, start + len(name), alignment_mode="expand")
        cand = Candidate(span.start, span.end, "ORG", "model", "", "ner")
        assert place_not_org(doc, cand, _place).label == "LOC", name
    doc = nlp_fr("La Bre-tagne attire des entreprises.")
    span = doc.char_span(3, 13, alignment_mode="expand")
    assert place_not_org(doc, Candidate(span.start, span.end, "ORG", "model"), _place).label == (
        "LOC"
    )


def test_a_name_that_only_contains_a_place_stays(nlp_fr, nlp_en):
    doc = nlp_en("Europe-Tech Partners hired staff.")
    cand = Candidate(0, len(doc) - 3, "ORG", "model")
    assert place_not_org(doc, cand, _place).label == "ORG"
    doc = nlp_fr("BretagneCommerce recrute.")
    assert place_not_org(doc, Candidate(0, 1, "ORG", "model"), _place).label == "ORG"


def test_annotate_applies_the_context_rules(nlp_en):
    found = _mentions(nlp_en, "Clusters grow near universities (Okafor and Lindqvist, 2014).")
    assert found.get("Lindqvist", ("PER",))[0] == "PER"
    assert not any(label == "ORG" for label, _ in found.values())
