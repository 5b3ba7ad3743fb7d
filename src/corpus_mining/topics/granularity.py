"""How many topics: chosen from the data, within bounds set by the corpus size.

k-means runs on the reduced embeddings for every k in a range; the k with the best mean
silhouette wins (ties go to the smaller k). The range grows with the corpus: at least
``min_topics`` (fewer only when there are too few units for topics of ``min_topic_size``),
at most ``max_topics``, one topic per ``min_topic_size`` units, or sqrt(n/2). A range's lower bound
above 2 is what keeps a small bilingual corpus from collapsing into "the French topic" and
"the English topic", the split that a silhouette over 2..k prefers when languages still
separate a little.

References:
    Mardia, K. V., Kent, J. T. & Bibby, J. M. (1979). Multivariate Analysis. Academic Press.
    Rousseeuw, P. J. (1987). Silhouettes: a graphical aid to the interpretation and
    validation of cluster analysis. Journal of Computational and Applied Mathematics, 20.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

# Silhouettes are computed on at most this many points (seeded sample): O(n^2) otherwise.
_SILHOUETTE_SAMPLE = 4000
_N_INIT = 4


@dataclass(frozen=True)
class TopicCount:
    """The number of topics and how it was chosen (written to the metrics)."""

    k: int
    method: str
    k_range: tuple[int, int]
    scores: dict[int, float] = field(default_factory=dict)

    def as_metrics(self) -> dict[str, object]:
        """A JSON-ready record: method, range, chosen k and each k's score."""
        return {
            "method": self.method,
            "k_range": list(self.k_range),
            "k": self.k,
            "scores": [[k, v] for k, v in sorted(self.scores.items())],
        }


def topic_range(
    n_units: int, *, min_topics: int, max_topics: int, min_topic_size: int
) -> tuple[int, int]:
    """Bounds of k for ``n_units`` units: ``[low, high]`` with ``1 <= low <= high``.

    The upper bound is the smallest of ``max_topics``, one topic per ``min_topic_size``
    units and the rule of thumb sqrt(n/2) (Mardia et al. 1979), raised to ``min_topics``
    when the corpus allows topics of ``min_topic_size`` units.
    """
    by_size = max(1, n_units // min_topic_size)
    high = min(max_topics, by_size, max(1, round(math.sqrt(n_units / 2))))
    high = max(high, min(min_topics, by_size))
    high = max(1, min(high, n_units - 1))
    low = max(1, min(min_topics, high))
    return low, high


def choose_topic_count(
    points: npt.NDArray[np.floating],
    *,
    min_topics: int,
    max_topics: int,
    min_topic_size: int,
    seed: int,
) -> TopicCount:
    """Pick k by the best mean silhouette of k-means over the allowed range.

    Args:
        points: Reduced embeddings, one row per unit.
        min_topics: Lower bound of k (lowered only for tiny corpora).
        max_topics: Upper bound of k.
        min_topic_size: Units per topic the upper bound allows at least, on average.
        seed: Seed of k-means and of the silhouette sample.

    Returns:
        The chosen k with every score computed.
    """
    low, high = topic_range(
        len(points), min_topics=min_topics, max_topics=max_topics, min_topic_size=min_topic_size
    )
    if low == high or len(points) < 3:
        return TopicCount(low, "bounds", (low, high))
    scores = {k: _silhouette(points, k, seed) for k in range(low, high + 1)}
    best = max(scores, key=lambda k: (scores[k], -k))
    return TopicCount(best, "kmeans-silhouette", (low, high), scores)


def _silhouette(points: npt.NDArray[np.floating], k: int, seed: int) -> float:
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    labels = KMeans(n_clusters=k, n_init=_N_INIT, random_state=seed).fit_predict(points)
    if len(set(labels.tolist())) < 2:
        return -1.0
    sample = min(len(points), _SILHOUETTE_SAMPLE)
    score = silhouette_score(points, labels, sample_size=sample, random_state=seed)
    return round(float(score), 6)
