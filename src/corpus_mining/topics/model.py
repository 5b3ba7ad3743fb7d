"""The parts of a seeded BERTopic model, sized to the corpus.

The reducer (UMAP, or PCA) is fitted here rather than inside BERTopic, so the reduced points
serve twice: to choose the number of topics (``granularity``) and to fit the clusterer.
BERTopic then gets an identity reducer and the reduced points as its "embeddings". UMAP and
HDBSCAN defaults assume thousands of documents; a corpus of a few dozen units gets smaller
neighbourhoods and clusters (and, below ten units, PCA), with a warning that says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import catalogue
import numpy as np
import numpy.typing as npt

from corpus_mining.errors import ParamsError, StageError

SMALLEST_FOR_UMAP = 10

reducers = catalogue.create("corpus_mining", "reducers")
clusterers = catalogue.create("corpus_mining", "clusterers")


@dataclass(frozen=True)
class ModelPlan:
    """The reducer and clusterer settings actually used, and why they differ from params."""

    reducer: str
    n_neighbors: int
    n_components: int
    clusterer: str
    min_cluster_size: int
    warnings: list[str] = field(default_factory=list)


def plan_model(
    n_units: int,
    *,
    reducer: str,
    clusterer: str,
    n_neighbors: int,
    n_components: int,
    min_cluster_size: int,
) -> ModelPlan:
    """Fit the requested settings to ``n_units`` documents or passages."""
    if n_units == 0:
        raise StageError("no passages to model: the corpus has no non-duplicate text with content")
    for kind, name, registry in (
        ("reducer", reducer, reducers),
        ("clusterer", clusterer, clusterers),
    ):
        if name not in registry.get_all():
            allowed = ", ".join(sorted(registry.get_all()))
            raise ParamsError(f"topics.{kind}: unknown value {name!r}; allowed values: {allowed}")
    warnings: list[str] = []
    if n_units < SMALLEST_FOR_UMAP and reducer != "pca":
        warnings.append(f"only {n_units} units: using PCA instead of {reducer}")
        reducer = "pca"
    used = {
        "n_neighbors": min(n_neighbors, max(2, n_units - 1)),
        "n_components": min(n_components, max(1, n_units - 2)),
        "min_cluster_size": min(min_cluster_size, max(2, n_units // 5)),
    }
    asked = {
        "n_neighbors": n_neighbors,
        "n_components": n_components,
        "min_cluster_size": min_cluster_size,
    }
    relevant = {"umap": ["n_neighbors", "n_components"], "pca": ["n_components"]}[reducer]
    relevant += ["min_cluster_size"] if clusterer == "hdbscan" else []
    for name in relevant:
        if used[name] != asked[name]:
            warnings.append(
                f"topics.{name} lowered from {asked[name]} to {used[name]} for {n_units} units"
            )
    return ModelPlan(
        reducer,
        used["n_neighbors"],
        used["n_components"],
        clusterer,
        used["min_cluster_size"],
        warnings,
    )


def _umap(plan: ModelPlan, seed: int) -> Any:
    from umap import UMAP

    return UMAP(
        n_neighbors=plan.n_neighbors,
        n_components=plan.n_components,
        min_dist=0.0,
        metric="cosine",
        random_state=seed,
        n_jobs=1,
    )


def _pca(plan: ModelPlan, seed: int) -> Any:
    from sklearn.decomposition import PCA

    return PCA(n_components=plan.n_components, random_state=seed)


def fit_reducer(
    embeddings: npt.NDArray[np.float32],
    plan: ModelPlan,
    *,
    seed: int,
    guide: npt.NDArray[np.int64] | None = None,
) -> tuple[Any, npt.NDArray[np.float64]]:
    """Fit the planned reducer; return it and the reduced points (float64).

    Args:
        embeddings: One row per unit.
        plan: The model plan.
        seed: The reducer's random state.
        guide: Optional semi-supervised labels for UMAP (-1 = unlabelled), as BERTopic's
            guided topic modelling passes them.
    """
    reducer = reducers.get(plan.reducer)(plan, seed)
    if guide is not None and plan.reducer == "umap":
        reduced = reducer.fit_transform(embeddings, y=guide)
    else:
        reduced = reducer.fit_transform(embeddings)
    return reducer, np.asarray(reduced, dtype=np.float64)


def _kmeans(plan: ModelPlan, n_clusters: int, seed: int) -> Any:
    from sklearn.cluster import KMeans

    return KMeans(n_clusters=n_clusters, n_init=10, random_state=seed)


def _hdbscan(plan: ModelPlan, n_clusters: int, seed: int) -> Any:
    from hdbscan import HDBSCAN

    return HDBSCAN(
        min_cluster_size=plan.min_cluster_size,
        metric="euclidean",
        cluster_selection_method="eom",
        prediction_data=True,
    )


def build_topic_model(
    plan: ModelPlan, *, n_clusters: int, seed: int, vectorizer: Any, top_n_words: int
) -> Any:
    """A BERTopic model over already-reduced points: no embedding model, identity reducer."""
    from bertopic import BERTopic
    from bertopic.dimensionality import BaseDimensionalityReduction
    from bertopic.vectorizers import ClassTfidfTransformer

    return BERTopic(
        embedding_model=None,
        umap_model=BaseDimensionalityReduction(),
        hdbscan_model=clusterers.get(plan.clusterer)(plan, n_clusters, seed),
        vectorizer_model=vectorizer,
        ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
        top_n_words=top_n_words,
        language="multilingual",  # "english" would strip every accented letter from terms
        calculate_probabilities=False,
        verbose=False,
    )


# Registered by name; params pick them (topics.embedder, topics.reducer, topics.clusterer).
reducers.register("umap", func=_umap)
reducers.register("pca", func=_pca)
clusterers.register("kmeans", func=_kmeans)
clusterers.register("hdbscan", func=_hdbscan)
