"""Build a seeded BERTopic model whose parts fit the size of the corpus.

UMAP and HDBSCAN defaults assume thousands of documents; a corpus of a few dozen
passages gets smaller neighbourhoods and clusters (and, below ten units, PCA and
k-means), with a warning that says what was changed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

from corpus_mining.config import TopicsParams
from corpus_mining.errors import StageError

SMALLEST_FOR_UMAP = 10


@dataclass(frozen=True)
class ModelPlan:
    """The reducer and clusterer settings actually used, and why they differ from params."""

    reducer: str
    n_neighbors: int
    n_components: int
    clusterer: str
    min_cluster_size: int
    n_clusters: int
    warnings: list[str] = field(default_factory=list)


def plan_model(cfg: TopicsParams, n_units: int) -> ModelPlan:
    """Fit the params to ``n_units`` documents or passages."""
    if n_units == 0:
        raise StageError("no passages to model: the corpus has no non-duplicate text with content")
    warnings: list[str] = []
    reducer, clusterer = cfg.reducer, cfg.clusterer
    if n_units < SMALLEST_FOR_UMAP and (reducer, clusterer) != ("pca", "kmeans"):
        reducer, clusterer = "pca", "kmeans"
        warnings.append(
            f"only {n_units} units: using PCA and k-means instead of {cfg.reducer}/{cfg.clusterer}"
        )
    n_neighbors = min(cfg.n_neighbors, max(2, n_units - 1))
    n_components = min(cfg.n_components, max(1, n_units - 2))
    min_cluster_size = min(cfg.min_cluster_size, max(2, n_units // 5))
    # Rule of thumb k ~ sqrt(n/2) keeps k-means clusters readable on small corpora.
    n_clusters = min(cfg.n_clusters, max(1, min(n_units // 3, round(math.sqrt(n_units / 2)))))
    relevant = {"umap": ("n_neighbors", "n_components"), "pca": ("n_components",)}[reducer]
    relevant += {"hdbscan": ("min_cluster_size",), "kmeans": ("n_clusters",)}[clusterer]
    used = {"n_neighbors": n_neighbors, "n_components": n_components,
            "min_cluster_size": min_cluster_size, "n_clusters": n_clusters}  # fmt: skip
    for name in relevant:
        asked = getattr(cfg, name)
        if used[name] != asked:
            warnings.append(
                f"topics.{name} lowered from {asked} to {used[name]} for {n_units} units"
            )
    return ModelPlan(
        reducer, n_neighbors, n_components, clusterer, min_cluster_size, n_clusters, warnings
    )


def fallback_to_kmeans(plan: ModelPlan, n_units: int) -> ModelPlan:
    """The plan for a second fit when HDBSCAN put every unit in the outliers."""
    warning = (
        f"HDBSCAN found no cluster among {n_units} units (min_cluster_size "
        f"{plan.min_cluster_size}): refitted with k-means, n_clusters={plan.n_clusters}"
    )
    return replace(plan, clusterer="kmeans", warnings=[*plan.warnings, warning])


def _reducer(plan: ModelPlan, seed: int) -> Any:
    if plan.reducer == "pca":
        from sklearn.decomposition import PCA

        return PCA(n_components=plan.n_components, random_state=seed)
    from umap import UMAP

    return UMAP(
        n_neighbors=plan.n_neighbors,
        n_components=plan.n_components,
        min_dist=0.0,
        metric="cosine",
        random_state=seed,
        n_jobs=1,
    )


def _clusterer(plan: ModelPlan, seed: int) -> Any:
    if plan.clusterer == "kmeans":
        from sklearn.cluster import KMeans

        return KMeans(n_clusters=plan.n_clusters, n_init=10, random_state=seed)
    from hdbscan import HDBSCAN

    return HDBSCAN(
        min_cluster_size=plan.min_cluster_size,
        metric="euclidean",
        cluster_selection_method="eom",
        prediction_data=True,
    )


def build_topic_model(cfg: TopicsParams, plan: ModelPlan, vectorizer: Any) -> Any:
    """A BERTopic model with no embedding model of its own (embeddings are given)."""
    from bertopic import BERTopic
    from bertopic.vectorizers import ClassTfidfTransformer

    return BERTopic(
        embedding_model=None,
        umap_model=_reducer(plan, cfg.seed),
        hdbscan_model=_clusterer(plan, cfg.seed),
        vectorizer_model=vectorizer,
        ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
        top_n_words=cfg.top_n_words,
        language="multilingual",  # "english" would strip every accented letter from terms
        calculate_probabilities=False,
        verbose=False,
    )
