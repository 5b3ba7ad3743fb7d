import pytest

from corpus_mining.nlp.typology import actor_type


@pytest.mark.parametrize(
    ("name", "label", "expected"),
    [
        ("Université Grenoble Alpes", "ORG", ("research_or_university", "rule:research")),
        ("Conseil régional d'Occitanie", "ORG", ("public_body", "rule:public_authority")),
        ("Commission européenne", "ORG", ("eu_institution", "rule:eu_body")),
        ("Fédération des Scop du BTP", "ORG", ("sse_network", "rule:sse_organisation")),
        ("Cluster Lumière", "ORG", ("cluster_or_company", "rule:cluster_or_firm")),
        ("Claire Duvernois", "PER", ("person", "label:PER")),
        ("Morvan", "LOC", ("place", "label:LOC")),
        ("Zorglub", "ORG", ("unknown", "none")),
    ],
)
def test_rules_decide_and_say_which(name, label, expected):
    assert actor_type(name, label) == expected


def test_gazetteer_type_wins():
    assert actor_type("Cluster Lumière", "ORG", "sse_network") == ("sse_network", "gazetteer")
