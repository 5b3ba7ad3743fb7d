"""The metrics of a fit (``outputs/metrics/topics.json``), from its results (no I/O here)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from corpus_mining.topics.fit import TopicFit, topic_stability
from corpus_mining.topics.quality import (
    coherence_npmi_by_language,
    mixed_topic_share,
    nmi_topic_language,
    topic_diversity,
)
from corpus_mining.topics.units import Units

STABILITY_UNITS = 5000


def share_of(topics: Sequence[int], value: int) -> float:
    """The share of units whose topic is ``value`` (6 decimals)."""
    return round(sum(1 for t in topics if t == value) / max(1, len(topics)), 6)


def fit_metrics(
    units: Units,
    topics: Sequence[int],
    terms: tuple[Mapping[int, list[str]], Mapping[tuple[int, str], list[str]]],
    fit: TopicFit,
    embeddings: np.ndarray,
    *,
    unit: str,
    languages: Sequence[str],
    stability_seeds: int,
    seed: int,
    embedder_id: str,
    labels: tuple[int, int],
) -> dict[str, Any]:
    """Sizes, topic count, quality and stability of a fit.

    Args:
        units: The units.
        topics: Each unit's final topic.
        terms: Top terms of each topic, overall and by (topic, language).
        fit: The fit.
        embeddings: Each unit's embedding (for the stability refits).
        unit: ``topics.unit``.
        languages: ``ingest.languages``.
        stability_seeds: Seeds of the stability refits, the fit's included.
        seed: The fit's seed.
        embedder_id: The embedder's id.
        labels: Reviewers' labels applied and unmatched.
    """
    top_terms, by_lang = terms
    documents = [set(text.split()) for text in units.lemmas]
    return {
        "unit": unit,
        "units": len(units.ids),
        "fitted_units": len(fit.fitted),
        "n_topics": len(top_terms),
        "topic_count": fit.count.as_metrics(),
        "outlier_share": share_of(topics, -1),
        "outlier_share_before_reduction": fit.outliers_before,
        "coherence_npmi": coherence_npmi_by_language(by_lang, documents, units.langs),
        "topic_diversity": topic_diversity(top_terms),
        "nmi_topic_language": nmi_topic_language(topics, units.langs),
        "mixed_topic_share": mixed_topic_share(topics, units.langs, languages=languages),
        "stability": topic_stability(
            fit, embeddings, seeds=stability_seeds, seed=seed, max_units=STABILITY_UNITS
        ),
        "embedder": embedder_id,
        "labels_applied": labels[0],
        "labels_unmatched": labels[1],
        "warnings": fit.warnings,
    }
