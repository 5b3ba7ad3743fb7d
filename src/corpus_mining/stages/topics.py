"""Stage ``topics``: passages (or documents) -> BERTopic topics a reporting team can review.

Embeddings come from the embedder set in params (cached per text and embedder); topics
are represented by c-TF-IDF over lemmas per language; reviewers' labels in
``corpus/topic_labels.yaml`` are carried over by content; the model is saved with
safetensors, without its embedding model, and with the kept fit beside it. With
``topics.refit: on_drift`` a run that changes few passages assigns them with the kept fit
instead of refitting (``topics/refit.py``).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from corpus_mining.config import Params, TopicsParams
from corpus_mining.engine import open_engine
from corpus_mining.io import atomic_folder, atomic_text, write_csv, write_json, write_parquet
from corpus_mining.schemas import (
    PASSAGE_TOPICS,
    TOPIC_LABEL_REPORT,
    TOPIC_PASSAGES,
    TOPICS,
    TOPICS_PER_CLASS,
)
from corpus_mining.threads import fixed_threads
from corpus_mining.topics import tables
from corpus_mining.topics.cache import EmbeddingCache
from corpus_mining.topics.centering import center, centred, preparation_record
from corpus_mining.topics.curation import load_topic_splits, split_report_rows, split_topics
from corpus_mining.topics.describe import examples, overall_terms, signatures
from corpus_mining.topics.embedders import Embedder, check_embedder, embed_cached, make_embedder
from corpus_mining.topics.fit import ClusterSettings, TopicFit, fit_topics, merge_topics
from corpus_mining.topics.guided import guide_step
from corpus_mining.topics.jit import cache_umap_jit, compiled_code_folder
from corpus_mining.topics.kept import (
    KeptModel,
    kept_model,
    kept_path,
    load_kept,
    restore,
    save_kept,
)
from corpus_mining.topics.keyterms import CANDIDATES, closest_terms
from corpus_mining.topics.labels import (
    TopicSignature,
    label_report_rows,
    load_topic_labels,
    match_labels,
    signature_template,
)
from corpus_mining.topics.model import plan_model
from corpus_mining.topics.quality import language_shares
from corpus_mining.topics.refit import (
    Decision,
    carry_over,
    decide,
    model_columns,
    model_record,
    model_version,
    params_key,
    unit_keys,
)
from corpus_mining.topics.representation import (
    centroid_similarity,
    make_vectorizer,
    top_terms_by_language,
)
from corpus_mining.topics.summary import fit_metrics, share_of
from corpus_mining.topics.units import Units, make_units

log = logging.getLogger(__name__)

# Texts embedded between two writes to the cache (an interrupted run keeps them).
EMBED_CHUNK = 8192
# Outputs kept with the model (file -> paths field), restored on assign (topics: recounted).
KEPT_TOPICS = "topics.parquet"
KEPT_OUTPUTS = {
    KEPT_TOPICS: "topics",
    "topics_per_class.parquet": "topics_per_class",
    "topic_labels_report.csv": "topic_label_report",
    "topic_labels_template.yaml": "topic_label_template",
}


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


def _embed(params: Params, units: Units) -> tuple[np.ndarray, Embedder, dict[str, int]]:
    cfg = params.topics
    inputs = units.shared if cfg.embedder == "lsa" else units.texts
    embedder = make_embedder(
        cfg.embedder, model=cfg.embedding_model, dimensions=cfg.lsa_dimensions, seed=cfg.seed,
        threads=cfg.threads, corpus=inputs,
    )  # fmt: skip
    cache = EmbeddingCache(params.paths.cache / "embeddings", embedder.id)
    # Tasks on the dask cluster, or on topics.workers local processes.
    engine = lambda: open_engine(params.engine, dask=params.dask, local_workers=cfg.workers)  # noqa: E731
    vectors = embed_cached(embedder, inputs, cache, engine=engine, chunk=EMBED_CHUNK)
    return vectors, embedder, {"hits": cache.stats.hits, "misses": cache.stats.misses}


def _settings(cfg: TopicsParams) -> ClusterSettings:
    names = {"n_clusters", "min_topics", "max_topics", "min_topic_size", "seed", "top_n_words"}
    names |= {"outlier_strategy", "outlier_threshold"}
    return ClusterSettings(max_fit=cfg.max_fit_passages, **cfg.model_dump(include=names))


def _fit(
    params: Params, units: Units, embeddings: np.ndarray, embedder: Embedder, means: Any
) -> TopicFit:
    cfg = params.topics
    names = {"reducer", "clusterer", "n_neighbors", "n_components", "min_cluster_size"}
    plan = plan_model(len(units.ids), **cfg.model_dump(include=names))
    if plan.reducer == "umap":  # UMAP's compiled code is kept: compiling costs more than a fit
        cache_umap_jit(compiled_code_folder())
    guide = guide_step(
        cfg.guided_families, lexicon=params.paths.lexicon, embedder=embedder,
        lsa=cfg.embedder == "lsa", means=means,
    )  # fmt: skip
    fit = fit_topics(
        units.lemmas,
        embeddings,
        strata=units.langs,
        plan=plan,
        settings=_settings(cfg),
        vectorizer=lambda n_topics: _vectorizer(cfg, n_topics=n_topics),
        guide=guide,
    )
    for warning in fit.warnings:
        log.warning(warning)
    return fit


def run_topics(params: Params, *, refit: bool = False) -> dict[str, Any]:
    """Run the stage with ``params``; return its metrics.

    Args:
        params: The pipeline's params.
        refit: Refit even when ``topics.refit`` is ``on_drift`` and the drift is small.
    """
    cfg = params.topics
    check_embedder(cfg.embedder)
    docs = _documents(params)
    units = _units(params, docs)
    started = time.perf_counter()
    embeddings, embedder, cache_stats = _embed(params, units)
    embedding_seconds = round(time.perf_counter() - started, 3)
    keys, key = unit_keys(units), _params_key(params)
    kept = load_kept(params.paths.topic_model) if cfg.refit == "on_drift" else None
    decision = decide(
        kept.fit() if kept else None, mode=cfg.refit, force=refit, key=key,
        embedder_id=embedder.id, ids=units.ids, keys=keys, threshold=cfg.drift_share,
    )  # fmt: skip
    log.info("topics: %s (%s)", decision.path, decision.reason)
    if kept is not None and decision.path == "assigned":
        if kept.language_means is not None:  # new units centred as the kept fit's were
            embeddings = center(embeddings, units.langs, kept.language_means, inplace=True)
        metrics = _assign(params, units, docs, embeddings, kept, decision, keys)
    else:
        embeddings, means = centred(
            embeddings, units.langs, enabled=cfg.center_languages, inplace=True
        )
        version = model_version(key, embedder.id, units.ids, keys)
        run = _Run(version, key, keys, decision, means)
        with fixed_threads(1):  # sums in one order; no OpenMP threads fighting on a busy machine
            metrics = _refit(params, units, docs, embeddings, embedder, run)
    write_json(metrics, params.paths.topics_metrics)
    # Counts and times that differ between runs are returned (and printed), never written.
    return {**metrics, "embedding_cache": cache_stats, "embedding_seconds": embedding_seconds}


@dataclass(frozen=True)
class _Run:
    """A refit's model version, params key, units' content keys, why it refits, and means."""

    version: str
    key: str
    keys: list[str]
    decision: Decision
    means: dict[str, np.ndarray] | None  # language means the vectors were centred on


def _params_key(params: Params) -> str:
    """What the fit depends on besides the units: topics params, labels file, lexicon."""
    files = [params.paths.topic_labels]
    files += [params.paths.lexicon] if params.topics.guided_families else []
    return params_key(
        params.topics.model_dump(mode="json"),
        languages=params.ingest.languages,
        inputs=[path.read_bytes() if path.is_file() else b"" for path in files],
    )


def _refit(
    params: Params,
    units: Units,
    docs: dict[str, dict[str, Any]],
    embeddings: np.ndarray,
    embedder: Embedder,
    run: _Run,
) -> dict[str, Any]:
    """Fit the model, match labels and splits, write every output and the kept fit."""
    cfg = params.topics
    fit = _fit(params, units, embeddings, embedder, run.means)
    model, topics = fit.model, fit.topics
    labels = load_topic_labels(params.paths.topic_labels)
    describe = partial(_signatures, model, units, embeddings=embeddings, cfg=cfg)
    matches = match_labels(labels, describe(topics), threshold=cfg.label_match_threshold)
    topics = merge_topics(model, units.lemmas, fit.fitted, topics, matches.merges)
    # Reviewers' splits, then the labels matched again so the parts can carry labels.
    topics, described, cuts = split_topics(
        load_topic_splits(params.paths.topic_labels), model, units.lemmas, fit.fitted, topics,
        embeddings, threshold=cfg.label_match_threshold, seed=cfg.seed,
        vectorizer=lambda n_topics: _vectorizer(cfg, n_topics=n_topics), describe=describe,
    )  # fmt: skip
    matches = match_labels(labels, described, threshold=cfg.label_match_threshold)
    misses = [(r.label, r.reason) for r in matches.unmatched]
    for label, reason in misses + [(c.label, c.reason) for c in cuts if c.topic is None]:
        log.warning("topic label or split %r not applied: %s", label, reason)
    scores = centroid_similarity(embeddings, topics)
    columns = model_columns(run.version, run.decision)
    by_lang = _language_terms(params, fit, units, topics, embeddings, embedder, run.means)
    terms = _outputs(params, fit, units, docs, topics, scores, matches, by_lang, columns)
    report = label_report_rows(matches, labels) + split_report_rows(cuts)
    write_csv(
        _table(report, TOPIC_LABEL_REPORT), TOPIC_LABEL_REPORT, params.paths.topic_label_report
    )
    with atomic_text(params.paths.topic_label_template) as handle:
        handle.write(signature_template(described))
    metrics = fit_metrics(
        units, topics, terms, fit, embeddings, unit=cfg.unit, languages=params.ingest.languages,
        stability_seeds=cfg.stability_seeds, seed=cfg.seed, embedder_id=embedder.id,
        labels=(len(matches.assigned), len(matches.unmatched)),
    )  # fmt: skip
    metrics["embedding_preparation"] = preparation_record(units.langs, run.means)
    kept = kept_model(
        run.version, run.key, embedder.id, dict(zip(units.ids, run.keys, strict=True)),
        topics=topics, scores=scores, embeddings=embeddings, metrics=metrics,
        language_means=run.means,
    )  # fmt: skip
    _save_model(model, params, kept)
    return {**metrics, "model": model_record(run.version, run.decision)}


def _assign(
    params: Params,
    units: Units,
    docs: dict[str, dict[str, Any]],
    embeddings: np.ndarray,
    kept: KeptModel,
    decision: Decision,
    keys: list[str],
) -> dict[str, Any]:
    """Keep unchanged units' topics, assign the others with the kept fit, write outputs."""
    folder = params.paths.topic_model
    topics, scores, assigned = carry_over(
        kept.units, units.ids, keys, embeddings, topic_ids=kept.topic_ids, centroids=kept.centroids
    )
    kept_rows = pq.read_table(kept_path(folder, KEPT_TOPICS)).to_pylist()
    rows = tables.refresh_topic_rows(kept_rows, topics, units.langs, units.doc_ids)
    _write_units(params, units, docs, topics, scores, rows, model_columns(kept.version, decision))
    for name, field in KEPT_OUTPUTS.items():
        if name != KEPT_TOPICS:
            restore(folder, name, getattr(params.paths, field))
    return {
        **kept.metrics,
        "units": len(units.ids),
        "outlier_share": share_of(topics, -1),
        "model": model_record(kept.version, decision, assigned_units=assigned),
    }


def _vectorizer(cfg: TopicsParams, *, n_topics: int) -> Any:
    # BERTopic fits the vectorizer on one document per topic: min_df counts topics.
    return make_vectorizer(
        min_df=cfg.min_df, ngram_max=cfg.ngram_max, extra_stop_words=cfg.stop_words, n_docs=n_topics
    )


def _examples(
    units: Units, topics: list[int], scores: np.ndarray, cfg: TopicsParams
) -> list[dict[str, Any]]:
    return examples(
        units, topics, scores,
        per_language=cfg.representative_passages, min_words=cfg.min_representative_words,
    )  # fmt: skip


def _signatures(
    model: Any, units: Units, topics: list[int], *, embeddings: np.ndarray, cfg: TopicsParams
) -> list[TopicSignature]:
    chosen = _examples(units, topics, centroid_similarity(embeddings, topics), cfg)
    return signatures(model, units, topics, chosen)


_LanguageTerms = dict[tuple[int, str], list[tuple[str, float]]]


def _language_terms(
    params: Params,
    fit: TopicFit,
    units: Units,
    topics: list[int],
    embeddings: np.ndarray,
    embedder: Embedder,
    means: Any,
) -> tuple[_LanguageTerms, _LanguageTerms]:
    """Each topic's top terms per language (c-TF-IDF), and its label candidates reranked."""
    candidates = top_terms_by_language(
        [units.lemmas[i] for i in fit.fitted],
        [topics[i] for i in fit.fitted],
        [units.langs[i] for i in fit.fitted],
        fit.model.vectorizer_model,
        top_n=max(CANDIDATES, params.topics.top_n_words),
    )
    top_n = params.topics.top_n_words
    closest = closest_terms(
        candidates, embeddings, topics, embedder.embed, means=means, top_n=top_n
    )
    return {key: scored[:top_n] for key, scored in candidates.items()}, closest


def _outputs(
    params: Params,
    fit: TopicFit,
    units: Units,
    docs: dict[str, dict[str, Any]],
    topics: list[int],
    scores: np.ndarray,
    matches: Any,
    by_lang: tuple[_LanguageTerms, _LanguageTerms],
    columns: dict[str, Any],
) -> tuple[dict[int, list[str]], dict[tuple[int, str], list[str]]]:
    """Write the topic tables; return the top terms of each topic, overall and by language."""
    top_terms = {t: overall_terms(fit.model, t) for t in sorted(set(topics)) if t != -1}
    shares = language_shares(topics, units.langs)
    published, closest = by_lang
    rows = tables.topic_rows(
        topics,
        top_terms,
        published,
        shares,
        tables.docs_per_topic(topics, units.doc_ids),
        matches.assigned,
        closest=closest,
    )
    _write_units(params, units, docs, topics, scores, rows, columns)
    _write_per_class(params, fit.model, units, fit.fitted)
    return top_terms, {key: [term for term, _ in scored] for key, scored in published.items()}


def _write_units(
    params: Params,
    units: Units,
    docs: dict[str, dict[str, Any]],
    topics: list[int],
    scores: np.ndarray,
    rows: list[dict[str, Any]],
    columns: dict[str, Any],
) -> None:
    """The topics table (``rows`` with the model's ``columns``), passages' topics, examples."""
    topic_table = _table([{**row, **columns} for row in rows], TOPICS)
    write_parquet(topic_table, TOPICS, params.paths.topics)
    passages = None
    if params.topics.unit == "document":
        passages = pq.read_table(
            params.paths.passages, columns=["passage_id", "doc_id"]
        ).to_pylist()
    write_parquet(
        _table(tables.passage_topic_rows(units.ids, topics, scores, passages), PASSAGE_TOPICS),
        PASSAGE_TOPICS,
        params.paths.passage_topics,
    )
    chosen = tables.example_rows(
        _examples(units, topics, scores, params.topics),
        ids=units.ids, doc_ids=units.doc_ids, texts=units.texts, docs=docs,
    )  # fmt: skip
    write_parquet(_table(chosen, TOPIC_PASSAGES), TOPIC_PASSAGES, params.paths.topic_passages)


def _write_per_class(params: Params, model: Any, units: Units, fitted: list[int]) -> None:
    """Topic frequency and words per kind and language, over the fitted units."""
    classes = {"kind": units.kinds, "lang": units.langs}
    rows = tables.per_class_rows(model, [units.lemmas[i] for i in fitted], classes, fitted)
    write_parquet(_table(rows, TOPICS_PER_CLASS), TOPICS_PER_CLASS, params.paths.topics_per_class)


def _save_model(model: Any, params: Params, kept: KeptModel) -> None:
    """The BERTopic model (safetensors, no embedding model) and the kept fit beside it."""
    with atomic_folder(params.paths.topic_model) as folder:
        model.save(
            str(folder), serialization="safetensors", save_ctfidf=True, save_embedding_model=False
        )
        outputs = {name: getattr(params.paths, field) for name, field in KEPT_OUTPUTS.items()}
        save_kept(folder, kept, outputs=outputs)


def _table(rows: list[Any], spec: Any) -> pa.Table:
    return pa.Table.from_pylist([dict(row) for row in rows], schema=spec.schema)
