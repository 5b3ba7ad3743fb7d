"""The ``evolution`` stage's topic lineages: read the modelled passages, link, check, return.

Embeddings are those of the ``topics`` stage, read through its embedding cache (the same
embedder and settings give the same id, so nothing is recomputed after ``topics`` ran;
an emptied cache only costs time). When ``topics.center_languages`` is on, they are centred
on the language means the topics stage kept with its fit (the modelled passages' own means
when no kept fit can be read), as the topics were found in them. With
``topics.unit: document`` the passages are embedded one by one here (each takes its
document's topic), which costs one embedding run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from corpus_mining.config import Params
from corpus_mining.evolution.lineage_cells import cells_of, describe_cells
from corpus_mining.evolution.lineage_checks import choose_threshold, placebo_test
from corpus_mining.evolution.lineages import (
    RELATIONS,
    Node,
    Step,
    lineage_rows,
    make_units,
    representatives,
    steps,
)
from corpus_mining.topics.cache import EmbeddingCache
from corpus_mining.topics.centering import center, language_means
from corpus_mining.topics.embedders import make_embedder
from corpus_mining.topics.kept import kept_language_means
from corpus_mining.topics.representation import is_substantive, stop_words


def _passages(params: Params, periods: dict[str, str]) -> pd.DataFrame:
    """Modelled passages (``passage_topics``) with document, period, language, text, lemmas."""
    units = pq.read_table(params.paths.passage_topics, columns=["passage_id", "topic_id"])
    columns = ["passage_id", "doc_id", "lang", "text"]
    passages = pq.read_table(params.paths.passages, columns=columns)
    lemmas = pq.read_table(params.paths.lemmas, columns=["passage_id", "lemmas", "shared"])
    frame: pd.DataFrame = units.join(passages, "passage_id").join(lemmas, "passage_id").to_pandas()
    frame = frame[frame["doc_id"].notna()]  # a modelled passage no longer in passages
    frame = frame.sort_values("passage_id").reset_index(drop=True)
    frame["period"] = frame["doc_id"].map(periods)
    return frame


def _embeddings(params: Params, frame: pd.DataFrame) -> np.ndarray:
    cfg = params.topics
    inputs = list(frame["shared" if cfg.embedder == "lsa" else "text"].fillna(""))
    embedder = make_embedder(
        cfg.embedder,
        model=cfg.embedding_model,
        dimensions=cfg.lsa_dimensions,
        seed=cfg.seed,
        threads=cfg.threads,
        corpus=inputs,
    )
    cache = EmbeddingCache(params.paths.cache / "embeddings", embedder.id)
    vectors = np.asarray(cache.get_or_compute(inputs, embedder.embed), dtype=np.float32)
    if cfg.center_languages:
        # On the means the topics were found with, so that a centroid cosine compares
        # themes and not the languages' shares of two topic-periods.
        langs = list(frame["lang"].fillna("").astype(str))
        means = kept_language_means(params.paths.topic_model, embedder.id)
        if means is None:  # no kept fit to read: the modelled passages' own means
            means = language_means(vectors, langs)
        vectors = center(vectors, langs, means, inplace=True)
    return np.asarray(vectors, dtype=np.float64)


@dataclass(frozen=True)
class Lineages:
    """Rows of the lineage table, representative passages of its nodes, and metrics."""

    rows: list[dict[str, Any]]
    passages: list[dict[str, Any]]
    metrics: dict[str, Any]


def topic_lineages(params: Params, periods: dict[str, str], order: list[str]) -> Lineages:
    """Lineages for documents' ``periods`` (in time ``order``), checked for stability."""
    cfg = params.evolution
    frame = _passages(params, periods)
    if frame["period"].notna().sum() == 0 or len(order) < 2:
        return Lineages([], [], {"threshold": cfg.lineage_threshold, "relations": {}})
    units = make_units(
        _embeddings(params, frame),
        [int(t) for t in frame["topic_id"]],
        [None if pd.isna(p) else str(p) for p in frame["period"]],
        list(frame["lemmas"].fillna("")),
        stop_words=stop_words(params.topics.stop_words),
    )

    cells = cells_of(units, order, list(frame["doc_id"]))

    def nodes_of(weights: np.ndarray) -> dict[str, list[Node]]:
        return describe_cells(
            cells, weights, min_passages=cfg.lineage_min_passages, top_n=cfg.lineage_top_terms
        )

    def lineage(weights: np.ndarray) -> list[Step]:
        return steps(nodes_of(weights), order, weight=cfg.lineage_centroid_weight)

    metrics: dict[str, Any] = {}
    threshold = cfg.lineage_threshold
    if threshold == "auto":
        choice = choose_threshold(cells, lineage, n_boot=cfg.lineage_boot, seed=cfg.seed)
        threshold = choice.threshold
        metrics["threshold_kappa"] = {str(t): k for t, k in choice.kappa.items()}
    observed = nodes_of(cells.placed())
    rows = lineage_rows(
        steps(observed, order, weight=cfg.lineage_centroid_weight), threshold=threshold
    )
    placebo = placebo_test(
        cells, lineage, threshold=threshold, permutations=cfg.lineage_permutations, seed=cfg.seed
    )
    metrics.update(
        threshold=threshold,
        threshold_chosen_by="stability" if cfg.lineage_threshold == "auto" else "params",
        relations={r: sum(row["relation"] == r for row in rows) for r in RELATIONS},
        placebo=vars(placebo),
    )
    minimum = params.topics.min_representative_words
    shown = representatives(
        units,
        observed,
        list(frame["passage_id"]),
        per_node=params.topics.representative_passages,
        eligible=[is_substantive(text, min_words=minimum) for text in frame["text"]],
    )
    return Lineages(rows, shown, metrics)
