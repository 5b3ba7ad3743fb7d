"""Merging mentions into entities, on tallies we write (no model needed)."""

from __future__ import annotations

from corpus_mining.nlp.gazetteer import Actor, Gazetteer
from corpus_mining.nlp.resolve import MentionTally, mention_key, resolve_entities

YEARS: dict[str, int | None] = {"d1": 2010, "d2": 2015, "d3": None, "d4": 2020}
GAZETTEER = Gazetteer(
    actors=[
        Actor(canonical="Réseau Alpha", type="sse_network", aliases=["Alpha Network"]),
        Actor(canonical="Ville de Nantes", type="public_body"),
    ]
)


def _tally(*mentions: tuple[str, str, str | None, str]) -> MentionTally:
    tally = MentionTally()
    for text, label, gazetteer_id, doc in mentions:
        tally.add(text, label, gazetteer_id, doc)
    return tally


def _resolve(tally: MentionTally, definitions=()):
    return resolve_entities(tally, gazetteer=GAZETTEER, definitions=definitions, years=YEARS)


def _by_canonical(rows):
    return {row["canonical"]: row for row in rows}


def test_name_variants_meet_under_one_key():
    assert mention_key("La Fabrique", "ORG", "") == mention_key("« la fabrique »", "ORG", "")
    assert mention_key("Les Fabriques", "ORG", "") == mention_key("Fabrique", "ORG", "")
    assert mention_key("Alpha", "ORG", "Réseau Alpha") == "gaz:Réseau Alpha"


def test_gazetteer_aliases_merge_under_the_canonical_name_and_type():
    tally = _tally(
        ("Alpha Network", "ORG", None, "d1"),  # not tagged by the ruler, but a listed alias
        ("Réseau Alpha", "ORG", "Réseau Alpha", "d2"),
        ("réseau alpha", "MISC", None, "d4"),
    )
    rows, assigned = _resolve(tally)
    assert len(rows) == 1
    row = rows[0]
    assert (row["canonical"], row["actor_type"], row["label"]) == (
        "Réseau Alpha",
        "sse_network",
        "ORG",
    )
    assert (row["n_mentions"], row["n_docs"], row["first_year"], row["last_year"]) == (
        3,
        3,
        2010,
        2020,
    )
    assert row["aliases"] == ["Alpha Network", "Réseau Alpha", "réseau alpha"]
    # the MISC mention takes its entity's label
    assert assigned[("réseau alpha", "MISC", "")] == (row["entity_id"], "ORG")


def test_an_acronym_defined_in_the_corpus_joins_its_expansion():
    tally = _tally(
        ("Labo de l'ESS", "ORG", None, "d1"),
        ("Laboratoire de l'économie sociale", "ORG", None, "d1"),
        ("LES", "ORG", None, "d2"),
        ("LES", "ORG", None, "d4"),
    )
    rows, _ = _resolve(tally, definitions=[("LES", "Laboratoire de l'économie sociale")])
    merged = _by_canonical(rows)
    # the acronym is never chosen as the name when a full name exists
    assert merged["Laboratoire de l'économie sociale"]["aliases"] == [
        "LES",
        "Laboratoire de l'économie sociale",
    ]
    assert "Labo de l'ESS" in merged and len(rows) == 2


def test_a_surname_alone_joins_the_only_person_with_that_surname():
    tally = _tally(
        ("Marie Curie", "PER", None, "d1"),
        ("Curie", "PER", None, "d2"),
        ("Pierre Dupont", "PER", None, "d1"),
        ("Jeanne Dupont", "PER", None, "d2"),
        ("Dupont", "PER", None, "d4"),
    )
    rows, _ = _resolve(tally)
    people = _by_canonical(rows)
    assert (
        people["Marie Curie"]["n_mentions"] == 2 and people["Marie Curie"]["actor_type"] == "person"
    )
    # two Duponts: the bare surname stays on its own
    assert {"Pierre Dupont", "Jeanne Dupont", "Dupont"} <= set(people)


def test_label_is_the_majority_and_ids_do_not_depend_on_order():
    mentions = [
        ("Nantes", "LOC", None, "d1"),
        ("Nantes", "LOC", None, "d2"),
        ("Nantes", "ORG", None, "d3"),
    ]
    rows, _ = _resolve(_tally(*mentions))
    again, _ = _resolve(_tally(*reversed(mentions)))
    assert rows == again
    assert rows[0]["label"] == "LOC" and rows[0]["first_year"] == 2010
    assert rows[0]["entity_id"].startswith("E") and len(rows[0]["entity_id"]) == 13


def test_undated_documents_and_an_empty_tally():
    rows, _ = _resolve(_tally(("Gamma", "ORG", None, "d3")))
    assert rows[0]["first_year"] is None and rows[0]["last_year"] is None
    assert _resolve(MentionTally()) == ([], {})
