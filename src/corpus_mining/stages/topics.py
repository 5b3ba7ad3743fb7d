"""Stage ``topics``: passages (or documents) -> BERTopic topics a reporting team can review.

Embeddings come from the embedder set in params (cached per text and embedder); topics
are represented by c-TF-IDF over lemmas per language; reviewers' labels in
``corpus/topic_labels.yaml`` are carried over by content; the model is saved with
safetensors, without its embedding model.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from corpus_mining.config import Params, TopicsParams
from corpus_mining.engine import open_engine
from corpus_mining.errors import ParamsError
from corpus_mining.io import atomic_folder, atomic_text, write_csv, write_json, write_parquet
from corpus_mining.nlp.lexicon import load_lexicon
from corpus_mining.schemas import (
    PASSAGE_TOPICS,
    TOPIC_LABEL_REPORT,
    TOPIC_PASSAGES,
    TOPICS,
    TOPICS_PER_CLASS,
)
from corpus_mining.topics.cache import EmbeddingCache
from corpus_mining.topics.curation import load_topic_splits, split_report_rows, split_topics
from corpus_mining.topics.embedders import (
    Embedder,
    check_embedder,
    make_embedder,
    takes_engine,
)
from corpus_mining.topics.fit import (
    ClusterSettings,
    TopicFit,
    fit_topics,
    remap_topics,
    topic_stability,
)
from corpus_mining.topics.guided import guide, seed_topics
from corpus_mining.topics.labels import (
    TopicSignature,
    label_report_rows,
    load_topic_labels,
    match_labels,
    signature_template,
)
from corpus_mining.topics.model import plan_model
from corpus_mining.topics.quality import (
    coherence_npmi_by_language,
    language_shares,
    mixed_topic_share,
    nmi_topic_language,
    topic_diversity,
)
from corpus_mining.topics.representation import (
    centroid_similarity,
    is_substantive,
    make_vectorizer,
    representative,
    top_terms_by_language,
)
from corpus_mining.topics.tables import per_class_rows, topic_rows
from corpus_mining.topics.units import Units, make_units

log = logging.getLogger(__name__)

STABILITY_UNITS = 5000
# Texts embedded between two writes to the cache (an interrupted run keeps them).
EMBED_CHUNK = 8192


def _documents(params: Params) -> dict[str, dict[str, Any]]:
    columns = ["doc_id", "title", "date", "kind", "lang", "duplicate_of"]
    rows = pq.read_table(params.paths.documents, columns=columns).to_pylist()
    return {row["doc_id"]: row for row in rows if row["duplicate_of"] is None}


def _units(params: Params, docs: dict[str, dict[str, Any]]) -> Units:
    passages = pq.read_table(
        params.paths.passages, columns=["passage_id", "doc_id", "lang", "text"]
    )
    lemmas = pq.read_table(params.paths.lemmas, columns=["passage_id", "lemmas", "shared"])
    return make_units(
        passages.join(lemmas, "passage_id").to_pylist(),
        docs,
        min_passage_words=params.topics.min_passage_words,
        unit=params.topics.unit,
    )


def _make_embedder(params: Params, inputs: list[str]) -> Embedder:
    cfg = params.topics
    return make_embedder(
        cfg.embedder,
        model=cfg.embedding_model,
        dimensions=cfg.lsa_dimensions,
        seed=cfg.seed,
        threads=cfg.threads,
        corpus=inputs,
    )


def _embed(params: Params, units: Units) -> tuple[np.ndarray, Embedder, dict[str, int]]:
    inputs = units.shared if params.topics.embedder == "lsa" else units.texts
    embedder = _make_embedder(params, inputs)
    cache = EmbeddingCache(params.paths.cache / "embeddings", embedder.id)
    if takes_engine(embedder):
        # Tasks on the dask cluster, or on topics.workers local processes.
        engine_kind, dask, workers = params.engine, params.dask, params.topics.workers
        with open_engine(engine_kind, dask=dask, local_workers=workers) as engine:
            vectors = cache.get_or_compute(
                inputs, lambda texts: embedder.embed(texts, engine), chunk=EMBED_CHUNK
            )
    else:  # LSA is one fit over the whole corpus: fast, and run here
        vectors = cache.get_or_compute(inputs, embedder.embed)
    return (
        np.asarray(vectors, dtype=np.float32),
        embedder,
        {"hits": cache.stats.hits, "misses": cache.stats.misses},
    )


def _settings(cfg: TopicsParams) -> ClusterSettings:
    return ClusterSettings(
        n_clusters=cfg.n_clusters,
        min_topics=cfg.min_topics,
        max_topics=cfg.max_topics,
        min_topic_size=cfg.min_topic_size,
        max_fit=cfg.max_fit_passages,
        seed=cfg.seed,
        top_n_words=cfg.top_n_words,
        outlier_strategy=cfg.outlier_strategy,
        outlier_threshold=cfg.outlier_threshold,
    )


def _guide(params: Params, embedder: Embedder) -> Any:
    """The guided-topics step, or None when ``topics.guided_families`` is empty."""
    families = params.topics.guided_families
    if not families:
        return None
    seeds = seed_topics(load_lexicon(params.paths.lexicon), families)
    if params.topics.embedder == "lsa":
        raise ParamsError("topics.guided_families: needs a neural embedder, not 'lsa'")
    vectors = embedder.embed([" ".join(terms) for _, terms in seeds])
    return lambda embeddings: guide(embeddings, vectors)


def _fit(params: Params, units: Units, embeddings: np.ndarray, embedder: Embedder) -> TopicFit:
    cfg = params.topics
    plan = plan_model(
        len(units.ids),
        reducer=cfg.reducer,
        clusterer=cfg.clusterer,
        n_neighbors=cfg.n_neighbors,
        n_components=cfg.n_components,
        min_cluster_size=cfg.min_cluster_size,
    )
    fit = fit_topics(
        units.lemmas,
        embeddings,
        strata=units.langs,
        plan=plan,
        settings=_settings(cfg),
        vectorizer=lambda n_topics: _vectorizer(cfg, n_topics=n_topics),
        guide=_guide(params, embedder),
    )
    for warning in fit.warnings:
        log.warning(warning)
    return fit


def run_topics(params: Params) -> dict[str, Any]:
    """Run the stage with ``params``; return its metrics."""
    cfg = params.topics
    check_embedder(cfg.embedder)
    docs = _documents(params)
    units = _units(params, docs)
    started = time.perf_counter()
    embeddings, embedder, cache_stats = _embed(params, units)
    embedding_seconds = round(time.perf_counter() - started, 3)
    fit = _fit(params, units, embeddings, embedder)
    model, topics = fit.model, fit.topics
    labels = load_topic_labels(params.paths.topic_labels)
    signatures = _signatures(model, units, topics, embeddings, cfg)
    matches = match_labels(labels, signatures, threshold=cfg.label_match_threshold)
    if matches.merges:
        before = [topics[i] for i in fit.fitted]
        model.merge_topics([units.lemmas[i] for i in fit.fitted], [list(g) for g in matches.merges])
        topics = remap_topics(topics, before, [int(t) for t in model.topics_])
    # Reviewers' splits, then the labels matched again so the parts can carry labels.
    topics, signatures, cuts = split_topics(
        load_topic_splits(params.paths.topic_labels), model, units.lemmas, fit.fitted, topics,
        embeddings, threshold=cfg.label_match_threshold, seed=cfg.seed,
        vectorizer=lambda n_topics: _vectorizer(cfg, n_topics=n_topics),
        describe=lambda new: _signatures(model, units, new, embeddings, cfg),
    )  # fmt: skip
    matches = match_labels(labels, signatures, threshold=cfg.label_match_threshold)
    misses = [(r.label, r.reason) for r in matches.unmatched]
    for label, reason in misses + [(c.label, c.reason) for c in cuts if c.topic is None]:
        log.warning("topic label or split %r not applied: %s", label, reason)
    terms = _outputs(params, model, units, docs, topics, embeddings, matches, fit.fitted)
    _save_model(model, params)
    write_csv(
        _table(label_report_rows(matches, labels) + split_report_rows(cuts), TOPIC_LABEL_REPORT),
        TOPIC_LABEL_REPORT,
        params.paths.topic_label_report,
    )
    with atomic_text(params.paths.topic_label_template) as handle:
        handle.write(signature_template(signatures))
    metrics = _metrics(params, units, topics, terms, embedder.id, fit, embeddings, matches)
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


def _overall_terms(model: Any, topic: int) -> list[str]:
    words = model.get_topic(topic) or []
    return [str(word) for word, score in words if word and score > 0]


def _examples(
    units: Units, topics: list[int], embeddings: np.ndarray, cfg: TopicsParams
) -> list[dict[str, Any]]:
    similarity = centroid_similarity(embeddings, topics)
    minimum = cfg.min_representative_words
    eligible = [is_substantive(text, min_words=minimum) for text in units.texts]
    return representative(
        similarity,
        topics,
        units.langs,
        units.ids,
        per_language=cfg.representative_passages,
        eligible=eligible,
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


def _outputs(
    params: Params,
    model: Any,
    units: Units,
    docs: dict[str, dict[str, Any]],
    topics: list[int],
    embeddings: np.ndarray,
    matches: Any,
    fitted: list[int],
) -> tuple[dict[int, list[str]], dict[tuple[int, str], list[str]]]:
    """Write the topic tables; return the top terms of each topic, overall and by language."""
    cfg = params.topics
    by_lang = top_terms_by_language(
        [units.lemmas[i] for i in fitted],
        [topics[i] for i in fitted],
        [units.langs[i] for i in fitted],
        model.vectorizer_model,
        top_n=cfg.top_n_words,
    )
    unit_docs: dict[int, set[str]] = defaultdict(set)
    for topic, doc_id in zip(topics, units.doc_ids, strict=True):
        unit_docs[topic].add(doc_id)
    top_terms = {t: _overall_terms(model, t) for t in sorted(set(topics)) if t != -1}
    shares = language_shares(topics, units.langs)
    rows = topic_rows(topics, top_terms, by_lang, shares, unit_docs, matches.assigned)
    write_parquet(_table(rows, TOPICS), TOPICS, params.paths.topics)
    _write_passage_topics(params, units, topics, embeddings)
    _write_examples(params, units, docs, _examples(units, topics, embeddings, cfg))
    _write_per_class(params, model, units, fitted)
    return top_terms, {key: [term for term, _ in scored] for key, scored in by_lang.items()}


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


def _write_per_class(params: Params, model: Any, units: Units, fitted: list[int]) -> None:
    """Topic frequency and words per kind and language, over the fitted units."""
    docs = [units.lemmas[i] for i in fitted]
    frames = {
        class_type: (classes, model.topics_per_class(docs, classes=classes))
        for class_type, all_classes in (("kind", units.kinds), ("lang", units.langs))
        for classes in [[all_classes[i] for i in fitted]]
    }
    rows = per_class_rows(frames)
    write_parquet(_table(rows, TOPICS_PER_CLASS), TOPICS_PER_CLASS, params.paths.topics_per_class)


def _save_model(model: Any, params: Params) -> None:
    with atomic_folder(params.paths.topic_model) as folder:
        model.save(
            str(folder), serialization="safetensors", save_ctfidf=True, save_embedding_model=False
        )


def _table(rows: list[Any], spec: Any) -> pa.Table:
    return pa.Table.from_pylist([dict(row) for row in rows], schema=spec.schema)


def _metrics(
    params: Params,
    units: Units,
    topics: list[int],
    terms: tuple[dict[int, list[str]], dict[tuple[int, str], list[str]]],
    embedder_id: str,
    fit: TopicFit,
    embeddings: np.ndarray,
    matches: Any,
) -> dict[str, Any]:
    cfg = params.topics
    top_terms, by_lang = terms
    documents = [set(text.split()) for text in units.lemmas]
    return {
        "unit": cfg.unit,
        "units": len(units.ids),
        "fitted_units": len(fit.fitted),
        "n_topics": len(top_terms),
        "topic_count": fit.count.as_metrics(),
        "outlier_share": _share(topics, -1),
        "outlier_share_before_reduction": fit.outliers_before,
        "coherence_npmi": coherence_npmi_by_language(by_lang, documents, units.langs),
        "topic_diversity": topic_diversity(top_terms),
        "nmi_topic_language": nmi_topic_language(topics, units.langs),
        "mixed_topic_share": mixed_topic_share(
            topics, units.langs, languages=params.ingest.languages
        ),
        "stability": topic_stability(
            fit, embeddings, seeds=cfg.stability_seeds, seed=cfg.seed, max_units=STABILITY_UNITS
        ),
        "embedder": embedder_id,
        "labels_applied": len(matches.assigned),
        "labels_unmatched": len(matches.unmatched),
        "warnings": fit.warnings,
    }
