"""Stage ``topics``: passages (or documents) -> BERTopic topics a reporting team can review.

Embeddings come from the embedder set in params (cached per text and embedder); topics
are represented by c-TF-IDF over lemmas per language; reviewers' labels in
``corpus/topic_labels.yaml`` are carried over by content; the model is saved with
safetensors, without its embedding model.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from corpus_mining.config import Params, TopicsParams
from corpus_mining.engine import open_engine
from corpus_mining.io import atomic_text, write_csv, write_json, write_parquet
from corpus_mining.schemas import (
    PASSAGE_TOPICS,
    TOPIC_LABEL_REPORT,
    TOPIC_PASSAGES,
    TOPICS,
    TOPICS_PER_CLASS,
)
from corpus_mining.topics.cache import EmbeddingCache
from corpus_mining.topics.embedders import make_embedder
from corpus_mining.topics.labels import (
    TopicSignature,
    label_report_rows,
    load_topic_labels,
    match_labels,
    signature_template,
)
from corpus_mining.topics.model import build_topic_model, fallback_to_kmeans, plan_model
from corpus_mining.topics.quality import coherence_npmi, language_mixing, topic_diversity
from corpus_mining.topics.representation import (
    centroid_similarity,
    make_vectorizer,
    representative,
    top_terms_by_language,
)
from corpus_mining.topics.sentence import SentenceTransformerEmbedder
from corpus_mining.topics.tables import per_class_rows, topic_rows

log = logging.getLogger(__name__)


@dataclass
class Units:
    """What the model sees: one row per passage (or document), in a stable order."""

    ids: list[str]
    doc_ids: list[str]
    langs: list[str]
    kinds: list[str]
    texts: list[str]
    lemmas: list[str]
    shared: list[str]


def _documents(params: Params) -> dict[str, dict[str, Any]]:
    columns = ["doc_id", "title", "date", "kind", "lang", "duplicate_of"]
    rows = pq.read_table(params.paths.documents, columns=columns).to_pylist()
    return {row["doc_id"]: row for row in rows if row["duplicate_of"] is None}


def _units(params: Params, docs: dict[str, dict[str, Any]]) -> Units:
    cfg = params.topics
    passages = pq.read_table(
        params.paths.passages, columns=["passage_id", "doc_id", "lang", "text"]
    )
    lemmas = pq.read_table(params.paths.lemmas, columns=["passage_id", "lemmas", "shared"])
    joined = passages.join(lemmas, "passage_id").sort_by("passage_id").to_pylist()
    rows = [
        r
        for r in joined
        if r["doc_id"] in docs and len((r["lemmas"] or "").split()) >= cfg.min_passage_words
    ]
    if cfg.unit == "document":
        rows = _by_document(rows, docs)
    return Units(
        ids=[r["passage_id"] for r in rows],
        doc_ids=[r["doc_id"] for r in rows],
        langs=[r["lang"] or "und" for r in rows],
        kinds=[docs[r["doc_id"]]["kind"] or "unknown" for r in rows],
        texts=[r["text"] for r in rows],
        lemmas=[r["lemmas"] for r in rows],
        shared=[r["shared"] for r in rows],
    )


def _by_document(
    rows: list[dict[str, Any]], docs: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["doc_id"]].append(row)
    return [
        {
            "passage_id": doc_id,
            "doc_id": doc_id,
            "lang": docs[doc_id]["lang"],
            **{key: "\n\n".join(r[key] for r in members) for key in ("text", "lemmas", "shared")},
        }
        for doc_id, members in sorted(grouped.items())
    ]


def _embed(params: Params, units: Units) -> tuple[np.ndarray, str, dict[str, int]]:
    cfg = params.topics
    lsa = cfg.embedder == "lsa"
    inputs = units.shared if lsa else units.texts
    embedder = make_embedder(
        cfg.embedder,
        model=cfg.embedding_model,
        dimensions=cfg.lsa_dimensions,
        seed=cfg.seed,
        corpus=inputs,
    )
    cache = EmbeddingCache(params.paths.cache / "embeddings", embedder.id)
    if isinstance(embedder, SentenceTransformerEmbedder) and params.engine == "dask":
        with open_engine(params, local_workers=1) as engine:
            vectors = cache.get_or_compute(inputs, lambda texts: embedder.embed(texts, engine))
    else:  # LSA is one fit over the whole corpus: fast, and run here
        vectors = cache.get_or_compute(inputs, embedder.embed)
    return (
        np.asarray(vectors, dtype=np.float32),
        embedder.id,
        {"hits": cache.stats.hits, "misses": cache.stats.misses},
    )


def run_topics(params: Params) -> dict[str, Any]:
    """Run the stage with ``params``; return its metrics."""
    cfg = params.topics
    docs = _documents(params)
    units = _units(params, docs)
    plan = plan_model(cfg, len(units.ids))
    for warning in plan.warnings:
        log.warning(warning)
    started = time.perf_counter()
    embeddings, embedder_id, cache_stats = _embed(params, units)
    embedding_seconds = round(time.perf_counter() - started, 3)
    model = build_topic_model(cfg, plan, _vectorizer(cfg, n_topics=1))
    topics, _ = model.fit_transform(units.lemmas, embeddings=embeddings)
    if set(topics) == {-1} and plan.clusterer != "kmeans":
        plan = fallback_to_kmeans(plan, len(units.ids))
        log.warning(plan.warnings[-1])
        model = build_topic_model(cfg, plan, _vectorizer(cfg, n_topics=1))
        topics, _ = model.fit_transform(units.lemmas, embeddings=embeddings)
    outliers_before = _share(topics, -1)
    topics = _reduce_outliers(model, cfg, units, topics, embeddings)
    labels = load_topic_labels(params.paths.topic_labels)
    signatures = _signatures(model, units, topics, embeddings, cfg)
    matches = match_labels(labels, signatures, threshold=cfg.label_match_threshold)
    if matches.merges:
        model.merge_topics(units.lemmas, [list(group) for group in matches.merges])
        topics = list(model.topics_)
        signatures = _signatures(model, units, topics, embeddings, cfg)
        matches = match_labels(labels, signatures, threshold=cfg.label_match_threshold)
    for row in matches.unmatched:
        log.warning("topic label %r not applied: %s", row.label, row.reason)
    outputs = _outputs(params, model, units, docs, topics, embeddings, matches)
    _save_model(model, params)
    write_csv(
        _table(label_report_rows(matches, labels), TOPIC_LABEL_REPORT),
        TOPIC_LABEL_REPORT,
        params.paths.topic_label_report,
    )
    with atomic_text(params.paths.topic_label_template) as handle:
        handle.write(signature_template(signatures))
    metrics = _metrics(
        cfg,
        units,
        topics,
        outputs,
        embedder_id,
        outliers_before,
        matches,
        plan.warnings,
    )
    write_json(metrics, params.paths.topics_metrics)
    # Counts and times that differ between runs are returned (and printed), never written.
    return {**metrics, "embedding_cache": cache_stats, "embedding_seconds": embedding_seconds}


def _share(topics: list[int], value: int) -> float:
    return round(sum(1 for t in topics if t == value) / max(1, len(topics)), 6)


def _vectorizer(cfg: TopicsParams, *, n_topics: int) -> Any:
    # BERTopic fits the vectorizer on one document per topic: min_df counts topics.
    return make_vectorizer(
        min_df=cfg.min_df, ngram_max=cfg.ngram_max, extra_stop_words=cfg.stop_words, n_docs=n_topics
    )


def _reduce_outliers(
    model: Any, cfg: TopicsParams, units: Units, topics: list[int], embeddings: np.ndarray
) -> list[int]:
    """Reassign outliers, then represent topics with the final vectorizer.

    Its ``min_df`` is set once the number of topics is known.
    """
    topics = [int(t) for t in topics]
    reduce = cfg.outlier_strategy != "none" and -1 in topics and len(set(topics)) > 1
    if reduce:
        topics = [
            int(t)
            for t in model.reduce_outliers(
                units.lemmas,
                topics,
                strategy=cfg.outlier_strategy,
                embeddings=embeddings,
                threshold=cfg.outlier_threshold,
            )
        ]
    vectorizer = _vectorizer(cfg, n_topics=len(set(topics)))
    model.update_topics(units.lemmas, topics=topics, vectorizer_model=vectorizer)
    return topics


def _overall_terms(model: Any, topic: int) -> list[str]:
    words = model.get_topic(topic) or []
    return [str(word) for word, score in words if word and score > 0]


def _examples(
    units: Units, topics: list[int], embeddings: np.ndarray, cfg: TopicsParams
) -> list[dict[str, Any]]:
    similarity = centroid_similarity(embeddings, topics)
    return representative(
        similarity, topics, units.langs, units.ids, per_language=cfg.representative_passages
    )


def _signatures(
    model: Any, units: Units, topics: list[int], embeddings: np.ndarray, cfg: TopicsParams
) -> list[TopicSignature]:
    examples = _examples(units, topics, embeddings, cfg)
    passages: dict[int, list[str]] = defaultdict(list)
    for row in examples:
        passages[row["topic_id"]].append(row["passage_id"])
    members: dict[int, set[str]] = defaultdict(set)
    for unit_id, topic in zip(units.ids, topics, strict=True):
        members[topic].add(unit_id)
    return [
        TopicSignature(
            topic, _overall_terms(model, topic), sorted(passages[topic]), frozenset(members[topic])
        )
        for topic in sorted(set(topics))
    ]


@dataclass
class _Outputs:
    top_terms: dict[int, list[str]]
    langs: dict[int, set[str]]


def _outputs(
    params: Params,
    model: Any,
    units: Units,
    docs: dict[str, dict[str, Any]],
    topics: list[int],
    embeddings: np.ndarray,
    matches: Any,
) -> _Outputs:
    cfg = params.topics
    by_lang = top_terms_by_language(
        units.lemmas, topics, units.langs, model.vectorizer_model, top_n=cfg.top_n_words
    )
    examples = _examples(units, topics, embeddings, cfg)
    langs: dict[int, set[str]] = defaultdict(set)
    unit_docs: dict[int, set[str]] = defaultdict(set)
    for topic, lang, doc_id in zip(topics, units.langs, units.doc_ids, strict=True):
        langs[topic].add(lang)
        unit_docs[topic].add(doc_id)
    top_terms = {t: _overall_terms(model, t) for t in sorted(set(topics)) if t != -1}
    rows = topic_rows(topics, top_terms, by_lang, langs, unit_docs, matches.assigned)
    write_parquet(_table(rows, TOPICS), TOPICS, params.paths.topics)
    _write_passage_topics(params, units, topics, embeddings)
    _write_examples(params, units, docs, examples)
    _write_per_class(params, model, units)
    return _Outputs(top_terms=top_terms, langs=dict(langs))


def _write_passage_topics(
    params: Params, units: Units, topics: list[int], embeddings: np.ndarray
) -> None:
    """Every modelled passage; with unit=document, each passage takes its document's topic."""
    scores = centroid_similarity(embeddings, topics)
    rows = []
    if params.topics.unit == "document":
        by_doc = dict(zip(units.ids, zip(topics, scores, strict=True), strict=True))
        passages = pq.read_table(
            params.paths.passages, columns=["passage_id", "doc_id"]
        ).to_pylist()
        for row in passages:
            if row["doc_id"] in by_doc:
                topic, score = by_doc[row["doc_id"]]
                rows.append(
                    {
                        "passage_id": row["passage_id"],
                        "topic_id": topic,
                        "probability": round(float(score), 6),
                    }
                )
    else:
        rows = [
            {"passage_id": pid, "topic_id": topic, "probability": round(float(score), 6)}
            for pid, topic, score in zip(units.ids, topics, scores, strict=True)
        ]
    rows.sort(key=lambda row: row["passage_id"])
    write_parquet(_table(rows, PASSAGE_TOPICS), PASSAGE_TOPICS, params.paths.passage_topics)


def _write_examples(
    params: Params, units: Units, docs: dict[str, dict[str, Any]], examples: list[dict[str, Any]]
) -> None:
    index = {unit_id: i for i, unit_id in enumerate(units.ids)}
    rows = []
    for row in examples:
        i = index[row["passage_id"]]
        doc = docs[units.doc_ids[i]]
        rows.append(
            {
                **row,
                "doc_id": units.doc_ids[i],
                "title": doc["title"],
                "date": doc["date"],
                "text": units.texts[i],
            }
        )
    write_parquet(_table(rows, TOPIC_PASSAGES), TOPIC_PASSAGES, params.paths.topic_passages)


def _write_per_class(params: Params, model: Any, units: Units) -> None:
    frames = {
        class_type: (classes, model.topics_per_class(units.lemmas, classes=classes))
        for class_type, classes in (("kind", units.kinds), ("lang", units.langs))
    }
    rows = per_class_rows(frames)
    write_parquet(_table(rows, TOPICS_PER_CLASS), TOPICS_PER_CLASS, params.paths.topics_per_class)


def _save_model(model: Any, params: Params) -> None:
    """Save into a temp folder beside the target, then swap it in with two renames.

    Removing the old folder first and saving in place would leave no model, or half of
    one, if the stage were killed mid-save.
    """
    target = params.paths.topic_model
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    old = tmp.with_suffix(".old")
    try:
        model.save(
            str(tmp), serialization="safetensors", save_ctfidf=True, save_embedding_model=False
        )
        if target.exists():
            os.replace(target, old)
        os.replace(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)


def _table(rows: list[Any], spec: Any) -> pa.Table:
    return pa.Table.from_pylist([dict(row) for row in rows], schema=spec.schema)


def _metrics(
    cfg: TopicsParams,
    units: Units,
    topics: list[int],
    outputs: _Outputs,
    embedder_id: str,
    outliers_before: float,
    matches: Any,
    warnings: list[str],
) -> dict[str, Any]:
    documents = [set(text.split()) for text in units.lemmas]
    return {
        "unit": cfg.unit,
        "units": len(units.ids),
        "n_topics": len(outputs.top_terms),
        "outlier_share": _share(topics, -1),
        "outlier_share_before_reduction": outliers_before,
        "coherence_npmi": coherence_npmi(outputs.top_terms, documents),
        "topic_diversity": topic_diversity(outputs.top_terms),
        "language_mixing": language_mixing(outputs.langs),
        "embedder": embedder_id,
        "labels_applied": len(matches.assigned),
        "labels_unmatched": len(matches.unmatched),
        "warnings": warnings,
    }
