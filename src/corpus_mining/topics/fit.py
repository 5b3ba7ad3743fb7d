"""Fit topics on a bounded, seeded sample of units and assign every other unit to them.

At most ``max_fit`` units (a sample stratified by language, so both languages keep their
share) go through the reducer, the choice of the number of topics and the clusterer; the
rest are reduced with the fitted reducer and assigned by the fitted clusterer. Memory and
time are then bounded by ``max_fit``, not by the corpus, and the same inputs always give
the same sample and the same topics.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from corpus_mining.topics.granularity import TopicCount, choose_topic_count
from corpus_mining.topics.model import ModelPlan, build_topic_model, fit_reducer
from corpus_mining.topics.quality import stability


@dataclass(frozen=True)
class ClusterSettings:
    """How many topics, and how units are reassigned after the fit."""

    n_clusters: int | str
    min_topics: int
    max_topics: int
    min_topic_size: int
    max_fit: int
    seed: int
    top_n_words: int
    outlier_strategy: str
    outlier_threshold: float


@dataclass
class TopicFit:
    """A fitted model, every unit's topic, and how the fit was made."""

    model: Any
    plan: ModelPlan
    reducer: Any
    topics: list[int]
    fitted: list[int]
    reduced: npt.NDArray[np.float64]
    count: TopicCount
    outliers_before: float
    warnings: list[str] = field(default_factory=list)


def stratified_sample(strata: Sequence[str], size: int, *, seed: int) -> list[int]:
    """Sorted indices of a seeded sample of ``size`` units, each stratum in proportion.

    Every unit is kept when there are at most ``size``. A stratum's quota is its share of
    ``size`` (largest remainders first, ties by name), at least one unit for a non-empty one.
    """
    if len(strata) <= size:
        return list(range(len(strata)))
    groups: dict[str, list[int]] = {}
    for index, stratum in enumerate(strata):
        groups.setdefault(stratum, []).append(index)
    exact = {name: size * len(members) / len(strata) for name, members in groups.items()}
    quota = {name: max(1, int(value)) for name, value in exact.items()}
    by_remainder = sorted(groups, key=lambda name: (-(exact[name] % 1), name))
    for name in by_remainder[: max(0, size - sum(quota.values()))]:
        quota[name] += 1
    rng = np.random.default_rng(seed)
    chosen: list[int] = []
    for name in sorted(groups):
        members = np.asarray(groups[name])
        chosen.extend(int(i) for i in rng.choice(members, size=quota[name], replace=False))
    return sorted(chosen)


def fit_topics(
    docs: Sequence[str],
    embeddings: npt.NDArray[np.float32],
    *,
    strata: Sequence[str],
    plan: ModelPlan,
    settings: ClusterSettings,
    vectorizer: Callable[[int], Any],
    guide: Callable[[npt.NDArray[np.float32]], tuple[Any, Any]] | None = None,
) -> TopicFit:
    """Fit on a stratified sample, choose the number of topics, assign the rest.

    Args:
        docs: What c-TF-IDF reads, one per unit (lemmatised text).
        embeddings: One row per unit.
        strata: Each unit's stratum for the sample (its language).
        plan: Reducer and clusterer.
        settings: Number of topics, sample size, seed, outlier handling.
        vectorizer: Builds the c-TF-IDF vectorizer for a given number of topics.
        guide: Optional guided-topics step: embeddings -> (UMAP labels, nudged embeddings).
    """
    fitted = stratified_sample(strata, settings.max_fit, seed=settings.seed)
    fit_vectors = embeddings[fitted]
    labels = None
    if guide is not None:
        labels, fit_vectors = guide(fit_vectors)
    reducer, reduced_fit = fit_reducer(fit_vectors, plan, seed=settings.seed, guide=labels)
    fit_docs = [docs[i] for i in fitted]
    count = _topic_count(reduced_fit, plan, settings)
    model, topics_fit = _cluster(fit_docs, reduced_fit, plan, count, settings, vectorizer)
    warnings = list(plan.warnings)
    if set(topics_fit) == {-1}:
        warnings.append(
            f"HDBSCAN found no cluster among {len(fitted)} units: refitted with k-means"
        )
        plan = replace(plan, clusterer="kmeans")
        count = _topic_count(reduced_fit, plan, settings)
        model, topics_fit = _cluster(fit_docs, reduced_fit, plan, count, settings, vectorizer)
    reduced = _reduce_all(reducer, embeddings, fitted, reduced_fit)
    topics = _assign(model, docs, reduced, fitted, topics_fit)
    outliers_before = round(topics.count(-1) / max(1, len(topics)), 6)
    topics = _reduce_outliers(model, docs, topics, reduced, settings)
    _represent(model, docs, topics, fitted, vectorizer)
    return TopicFit(model, plan, reducer, topics, fitted, reduced, count, outliers_before, warnings)


def _cluster(
    docs: list[str],
    reduced: npt.NDArray[np.float64],
    plan: ModelPlan,
    count: TopicCount,
    settings: ClusterSettings,
    vectorizer: Callable[[int], Any],
) -> tuple[Any, list[int]]:
    model = build_topic_model(
        plan,
        n_clusters=count.k,
        seed=settings.seed,
        vectorizer=vectorizer(1),
        top_n_words=settings.top_n_words,
    )
    return model, [int(t) for t in model.fit_transform(docs, embeddings=reduced)[0]]


def _topic_count(
    reduced: npt.NDArray[np.float64], plan: ModelPlan, s: ClusterSettings
) -> TopicCount:
    if plan.clusterer == "hdbscan":
        return TopicCount(0, "hdbscan", (0, 0))
    if s.n_clusters != "auto":
        k = min(int(s.n_clusters), max(1, len(reduced) - 1))
        return TopicCount(k, "param", (k, k))
    return choose_topic_count(
        reduced,
        min_topics=s.min_topics,
        max_topics=s.max_topics,
        min_topic_size=s.min_topic_size,
        seed=s.seed,
    )


def _reduce_all(
    reducer: Any,
    embeddings: npt.NDArray[np.float32],
    fitted: list[int],
    reduced_fit: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    """Reduced points of every unit: the fit's own, and the fitted reducer's for the rest.

    The rest goes through the reducer in fixed runs of ``len(fitted)`` units, in index
    order, so memory stays that of the fit whatever the corpus size.
    """
    reduced = np.empty((len(embeddings), reduced_fit.shape[1]), dtype=np.float64)
    reduced[fitted] = reduced_fit
    rest = np.setdiff1d(np.arange(len(embeddings)), fitted)
    step = max(1, len(fitted))
    for start in range(0, len(rest), step):
        run = rest[start : start + step]
        reduced[run] = reducer.transform(embeddings[run])
    return reduced


def _assign(
    model: Any,
    docs: Sequence[str],
    reduced: npt.NDArray[np.float64],
    fitted: list[int],
    topics_fit: list[int],
) -> list[int]:
    topics = np.full(len(docs), -1, dtype=np.int64)
    topics[fitted] = topics_fit
    rest = np.setdiff1d(np.arange(len(docs)), fitted)
    if len(rest):
        assigned, _ = model.transform([docs[i] for i in rest], embeddings=reduced[rest])
        topics[rest] = assigned
    return [int(t) for t in topics]


def _reduce_outliers(
    model: Any,
    docs: Sequence[str],
    topics: list[int],
    reduced: npt.NDArray[np.float64],
    s: ClusterSettings,
) -> list[int]:
    if s.outlier_strategy == "none" or -1 not in topics or len(set(topics)) < 2:
        return topics
    new = model.reduce_outliers(
        list(docs),
        topics,
        strategy=s.outlier_strategy,
        embeddings=reduced,
        threshold=s.outlier_threshold,
    )
    return [int(t) for t in new]


def _represent(
    model: Any,
    docs: Sequence[str],
    topics: list[int],
    fitted: list[int],
    vectorizer: Callable[[int], Any],
) -> None:
    """c-TF-IDF of the final topics over the fitted units (the sample stands for the rest)."""
    sample_topics = [topics[i] for i in fitted]
    model.update_topics(
        [docs[i] for i in fitted],
        topics=sample_topics,
        vectorizer_model=vectorizer(len(set(sample_topics))),
    )


def merge_topics(
    model: Any,
    docs: Sequence[str],
    fitted: Sequence[int],
    topics: list[int],
    merges: Sequence[Sequence[int]],
) -> list[int]:
    """Merge each group of ``merges`` in ``model`` and carry the merge over to every unit."""
    if not merges:
        return topics
    before = [topics[i] for i in fitted]
    model.merge_topics([docs[i] for i in fitted], [list(group) for group in merges])
    return remap_topics(topics, before, [int(t) for t in model.topics_])


def remap_topics(topics: Sequence[int], before: Sequence[int], after: Sequence[int]) -> list[int]:
    """Carry a merge over to every unit: ``before``/``after`` are the fitted units' topics."""
    mapping = dict(zip(before, after, strict=True))
    return [mapping.get(t, t) for t in topics]


def topic_stability(
    fit: TopicFit,
    embeddings: npt.NDArray[np.float32],
    *,
    seeds: int,
    seed: int,
    max_units: int,
) -> dict[str, Any] | None:
    """Mean ARI between the fit and refits with ``seeds - 1`` other seeds (k-means only).

    Computed on at most ``max_units`` of the fitted units (a seeded sample); None when
    there is nothing to compare (one seed, HDBSCAN, or a single topic).
    """
    if seeds < 2 or fit.plan.clusterer != "kmeans" or fit.count.k < 2:
        return None
    subset = [
        fit.fitted[i] for i in stratified_sample([""] * len(fit.fitted), max_units, seed=seed)
    ]
    labelings = [[fit.topics[i] for i in subset]]
    for offset in range(1, seeds):
        refit = refit_labels(embeddings[subset], fit.plan, k=fit.count.k, seed=seed + offset)
        labelings.append(refit.tolist())
    return {"ari": stability(labelings), "seeds": seeds, "units": len(subset)}


def refit_labels(
    embeddings: npt.NDArray[np.float32],
    plan: ModelPlan,
    *,
    k: int,
    seed: int,
) -> npt.NDArray[np.int64]:
    """k-means labels of a fresh reducer + clusterer fit with ``seed`` (for stability)."""
    from sklearn.cluster import KMeans

    _, reduced = fit_reducer(embeddings, plan, seed=seed)
    return np.asarray(KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(reduced))
