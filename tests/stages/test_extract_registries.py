"""The extract stage with the shipped registries and place lists, on sentences written here."""

from __future__ import annotations

import pandas as pd
import pytest

from corpus_mining.nlp.places import load_places
from corpus_mining.stages.extract import fingerprint, run_extract
from corpus_mining.stages.ingest import run_ingest

from helpers import make_params, override

FR = (
    "En 2010, la DGCIS a réuni les animateurs des pôles de compétitivité à Paris. "
    "Le pôle Minalogic et la CRESS Nouvelle Aquitaine y ont présenté leurs travaux."
)
EN = (
    "The Joint Research Centre (JRC) and the International Training Centre of the ILO met "
    "cluster managers from Lombardy and Flanders. The JRC will publish the results."
)


def _run(tmp, **extract):
    corpus = tmp / "corpus" / "documents"
    corpus.mkdir(parents=True)
    (corpus / "fr.txt").write_text(FR, encoding="utf-8")
    (corpus / "en.txt").write_text(EN, encoding="utf-8")
    params = override(make_params(tmp), extract=extract) if extract else make_params(tmp)
    run_ingest(params)
    run_extract(params)
    return params, {n: pd.read_parquet(getattr(params.paths, n)) for n in ("mentions", "entities")}


@pytest.fixture(scope="module")
def with_registries(tmp_path_factory):
    return _run(tmp_path_factory.mktemp("registries"))


def test_registry_entities_carry_their_type_and_the_rule_that_gave_it(with_registries):
    _, t = with_registries
    entities = t["entities"].set_index("canonical")
    dgcis = entities.loc["Direction générale de la compétitivité, de l'industrie et des services"]
    assert (dgcis["label"], dgcis["actor_type"]) == ("ORG", "public_body")
    assert dgcis["actor_type_rule"] == "gazetteer:french_state/dgcis"
    jrc = entities.loc["Centre commun de recherche"]
    assert {"Joint Research Centre", "JRC"} <= set(jrc["aliases"])
    assert jrc["actor_type_rule"] == "gazetteer:eu_institutions/jrc"
    assert "CRESS Nouvelle Aquitaine" in set(entities.loc["CRESS Nouvelle-Aquitaine", "aliases"])


def test_no_organisation_mention_is_a_listed_place(with_registries):
    _, t = with_registries
    orgs = t["mentions"].loc[t["mentions"]["label"] == "ORG", "text"]
    assert not [text for text in orgs if load_places().is_place(text)]


def test_without_the_gazetteer_no_registry_rule_and_another_fingerprint(with_registries, tmp_path):
    params, _ = with_registries
    off = override(params, extract={"use_gazetteer": False})
    assert fingerprint(off) != fingerprint(params)
    assert fingerprint(override(params, extract={"place_lists": False})) != fingerprint(params)
    _, t = _run(tmp_path, use_gazetteer=False)
    rules = set(t["entities"]["actor_type_rule"])
    assert not any(rule.startswith("gazetteer") for rule in rules)
