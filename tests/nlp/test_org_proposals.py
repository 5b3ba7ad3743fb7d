"""The ``org_head_proposals`` component: lower-case institutional names the model misses."""

import spacy

from corpus_mining.nlp.org_proposals import RULE_ID


def _proposed(nlp, text):
    return [e.text for e in nlp(text).ents if e.ent_id_ == RULE_ID]


def test_registered_with_defaults_and_a_no_op_without_data():
    nlp = spacy.blank("de")
    nlp.add_pipe("org_head_proposals")
    assert nlp.get_pipe_meta("org_head_proposals").default_config == {"lang": None}
    assert nlp("Das Ministerium der Finanzen tagt.").ents == ()


def test_french_lower_case_heads_with_their_complement(nlp_fr):
    text = "Elle a rejoint la délégation interministérielle à l'innovation sociale en 2019."
    assert _proposed(nlp_fr, text) == ["délégation interministérielle à l'innovation sociale"]
    text = "Le dossier est suivi par la direction régionale des affaires maritimes depuis mai."
    assert _proposed(nlp_fr, text) == ["direction régionale des affaires maritimes"]


def test_french_enumerated_portfolios_stay_one_name(nlp_fr):
    text = "Le ministère de la Mer, de la Pêche et des Ports a publié un décret."
    names = [(e.text, e.label_) for e in nlp_fr(text).ents]
    assert ("ministère de la Mer, de la Pêche et des Ports", "ORG") in names


def test_english_lower_case_ministry_stops_before_another_name(nlp_en):
    assert _proposed(nlp_en, "The ministry of finance and Oxfam signed a memorandum.") == [
        "ministry of finance"
    ]


def test_a_head_without_complement_or_qualifier_is_not_a_name(nlp_fr, nlp_en):
    assert _proposed(nlp_fr, "La direction a changé et la délégation est partie.") == []
    assert _proposed(nlp_fr, "La direction de l'école a fermé la cantine.") == []
    assert _proposed(nlp_en, "The department was closed for the summer.") == []


def test_a_connector_after_the_conjunction_continues_the_name(nlp_fr):
    text = "Le projet est suivi par la délégation à l'aménagement des ports et à l'Innovation Maritime depuis mars."
    [proposed] = _proposed(nlp_fr, text) or [""]
    assert proposed.startswith("délégation à l'aménagement des ports et à l'Innovation")
