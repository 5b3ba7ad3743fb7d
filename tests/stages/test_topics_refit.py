"""topics.refit: on_drift on a small bilingual corpus of tables we write (no ingest, no spaCy).

One refit builds the kept fit; each test copies that project and changes what it needs.
PCA, a fixed number of topics and one stability seed keep each refit to about a second
once BERTopic is imported.
"""

from __future__ import annotations

import hashlib
import shutil

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from corpus_mining.stages.topics import run_topics

from builders import THEMES
from helpers import make_params, override

pytestmark = pytest.mark.slow(cost=1.0)
OUTPUTS = (
    "topics",
    "passage_topics",
    "topic_passages",
    "topics_per_class",
    "topic_label_report",
    "topic_label_template",
    "topics_metrics",
)
SETTINGS = {
    "refit": "on_drift",
    "drift_share": 0.1,
    "reducer": "pca",
    "n_clusters": 3,
    "stability_seeds": 1,
    "min_df": 1,
}


def _documents(themes_langs):
    """One document per (theme, lang, number): three passages, each one of our sentences."""
    docs, passages = [], []
    for theme, lang, number in themes_langs:
        doc_id = hashlib.sha256(f"{theme}{lang}{number}".encode()).hexdigest()[:16]
        docs.append(
            {"doc_id": doc_id, "title": f"{theme} {number}", "date": "2020-01-01",
             "kind": "report", "lang": lang, "duplicate_of": None}
        )  # fmt: skip
        sentences = THEMES[theme][lang]
        for j in range(3):
            text = f"{sentences[(number + j) % 3]} ({theme} {lang} {number}.{j})"
            passages.append({"passage_id": f"{doc_id}-{j:04d}", "doc_id": doc_id,
                             "lang": lang, "text": text})  # fmt: skip
    return docs, passages


def _write_corpus(params, keys):
    docs, passages = _documents(keys)
    lemmas = [
        {"passage_id": p["passage_id"], "lemmas": p["text"].lower(), "shared": p["text"].lower()}
        for p in passages
    ]
    for rows, path in ((docs, params.paths.documents), (passages, params.paths.passages),
                       (lemmas, params.paths.lemmas)):  # fmt: skip
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(rows), path)


BASE = [(theme, lang, n) for theme in THEMES for lang in ("fr", "en") for n in range(3)]


def _digests(params):
    return {
        name: hashlib.sha256(getattr(params.paths, name).read_bytes()).hexdigest()
        for name in OUTPUTS
    }


def _model_files(params):
    folder = params.paths.topic_model
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def kept_project(tmp_path_factory):
    """A project whose kept fit was made on 54 passages (3 themes x 2 languages x 3 docs)."""
    root = tmp_path_factory.mktemp("kept")
    params = override(make_params(root), topics=SETTINGS)
    _write_corpus(params, BASE)
    metrics = run_topics(params)
    assert metrics["model"]["path"] == "refit" and metrics["model"]["reason"] == "no kept model"
    return root, _digests(params), pd.read_parquet(params.paths.passage_topics)


@pytest.fixture
def project(kept_project, tmp_path):
    """A copy of the kept project, and params pointing into it."""
    root, digests, passage_topics = kept_project
    shutil.copytree(root, tmp_path, dirs_exist_ok=True)
    return override(make_params(tmp_path), topics=SETTINGS), digests, passage_topics


def test_on_drift_assigns_a_new_document_the_same_way_twice_and_keeps_the_rest(project):
    params, _, kept_rows = project
    model_before = _model_files(params)
    _write_corpus(params, [*BASE, ("hubs", "en", 7)])
    first = run_topics(params)
    digests = _digests(params)
    again = run_topics(params)
    assert _digests(params) == digests
    assert first["model"] == again["model"] and first["model"]["path"] == "assigned"
    assert first["model"]["drift"] == {
        "kept_units": 54, "new": 3, "removed": 0, "edited": 0, "share": 0.055556
    }  # fmt: skip
    assert first["model"]["assigned_units"] == 3 and first["units"] == 57
    assert _model_files(params) == model_before  # the kept fit is left as it was
    rows = pd.read_parquet(params.paths.passage_topics)
    unchanged = rows[rows["passage_id"].isin(kept_rows["passage_id"])].reset_index(drop=True)
    pd.testing.assert_frame_equal(unchanged, kept_rows)
    # The new hub passages join topics that hold the other hub passages.
    texts = pd.read_parquet(params.paths.passages).merge(rows, on="passage_id")
    hubs = set(texts[texts["text"].str.contains(r"\(hubs \w\w [0-2]\.")]["topic_id"])
    assert set(texts[texts["text"].str.contains(r"\(hubs en 7\.")]["topic_id"]) <= hubs
    topics = pd.read_parquet(params.paths.topics)
    assert set(topics["run_path"]) == {"assigned"} and set(topics["drift_share"]) == {0.055556}
    assert set(topics["model_version"]) == {first["model"]["version"]}
    assert topics["size"].sum() == 57


def test_refit_flag_refits_and_an_edit_past_the_share_refits(project):
    params, _, _ = project
    _write_corpus(params, [*BASE, ("poles", "fr", 7)])
    forced = run_topics(params, refit=True)
    assert forced["model"]["path"] == "refit" and forced["model"]["reason"] == "--refit was given"
    assert forced["model"]["drift"]["new"] == 3
    # The forced refit is now the kept fit: the same corpus again assigns nothing.
    assert run_topics(params)["model"]["drift"]["share"] == 0.0
    strict = override(params, topics={"drift_share": 0.02})
    _write_corpus(strict, [*BASE, ("poles", "fr", 8)])
    over = run_topics(strict)["model"]
    assert over["path"] == "refit" and "reaches 0.02" in over["reason"]
    assert (over["drift"]["new"], over["drift"]["removed"]) == (3, 3)


def test_a_change_of_params_or_labels_refits(project):
    params, _, _ = project
    changed = run_topics(override(params, topics={"min_topic_size": 3}))["model"]
    assert changed["path"] == "refit" and "params" in changed["reason"]
    params.paths.topic_labels.parent.mkdir(parents=True, exist_ok=True)
    params.paths.topic_labels.write_text(
        yaml.safe_dump({"labels": [{"label": "Hubs", "top_terms": ["hub"]}]}), encoding="utf-8"
    )
    relabelled = run_topics(override(params, topics={"min_topic_size": 3}))["model"]
    assert relabelled["path"] == "refit" and "labels" in relabelled["reason"]


def test_refit_always_is_a_pure_function_of_the_inputs_whatever_is_kept(project):
    params, kept_digests, _ = project
    metrics = run_topics(override(params, topics={"refit": "always"}))
    assert metrics["model"]["path"] == "refit" and metrics["model"]["drift"] is None
    # The same bytes as the first fit, which had no kept model; only the reason differs.
    digests = _digests(params)
    assert digests.pop("topics_metrics") != kept_digests.pop("topics_metrics")
    assert digests == kept_digests


def test_centred_fit_keeps_its_language_means_and_centres_new_units_with_them(tmp_path):
    # 45 passages per language, over the 30 a language needs to be centred.
    params = override(make_params(tmp_path), topics={**SETTINGS, "center_languages": True})
    corpus = [(theme, lang, n) for theme in THEMES for lang in ("fr", "en") for n in range(5)]
    _write_corpus(params, corpus)
    fitted = run_topics(params)
    preparation = fitted["embedding_preparation"]
    assert preparation["center_languages"] is True
    assert preparation["centred"] == {"en": 45, "fr": 45} and preparation["uncentred"] == {}
    state = params.paths.topic_model / "state"
    assert (state / "language_means.npy").is_file()
    _write_corpus(params, [*corpus, ("hubs", "en", 7)])
    assigned = run_topics(params)
    assert assigned["model"]["path"] == "assigned" and assigned["model"]["assigned_units"] == 3
    assert assigned["embedding_preparation"] == preparation
    rows = pd.read_parquet(params.paths.passages).merge(
        pd.read_parquet(params.paths.passage_topics), on="passage_id"
    )
    hubs = set(rows[rows["text"].str.contains(r"\(hubs \w\w [0-4]\.")]["topic_id"])
    assert set(rows[rows["text"].str.contains(r"\(hubs en 7\.")]["topic_id"]) <= hubs
    # Switching centring off changes the params key: a refit, recorded as uncentred.
    plain = run_topics(override(params, topics={"center_languages": False}))
    assert plain["model"]["path"] == "refit"
    assert plain["embedding_preparation"] == {"center_languages": False}
