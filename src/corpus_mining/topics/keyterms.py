"""Each topic's terms per language, reranked by how close they are to the topic.

c-TF-IDF ranks a topic's terms by how much more often they occur in it than elsewhere, so a
common word that a few of its passages repeat ("note", "mot", "time", "old": a keyword line,
a table header, an interview formula) can top the list of a small topic. As BERTopic's
``KeyBERTInspired`` representation does (Grootendorst 2022), the c-TF-IDF candidates of each
topic and language are embedded with the topic's own embedder, and reranked by cosine to
the topic's centroid: words that say what the topic is about come first, generic ones sink.
Candidates are only terms that passed c-TF-IDF's support and lift filters
(``representation.label_terms``), so the rerank can only reorder what c-TF-IDF found.

Reference:
    Grootendorst, M. (2022). BERTopic: Neural topic modeling with a class-based TF-IDF
    procedure. arXiv:2203.05794. (``bertopic.representation.KeyBERTInspired``)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from corpus_mining.topics.centering import F32, center
from corpus_mining.topics.representation import label_terms, topic_centroids

# c-TF-IDF terms of each (topic, language) that the rerank chooses among.
CANDIDATES = 30

Scored = list[tuple[str, float]]


def closest_terms(
    by_lang: Mapping[tuple[int, str], Sequence[tuple[str, float]]],
    embeddings: F32,
    topics: Sequence[int],
    embed: Callable[[list[str]], F32],
    *,
    means: Mapping[str, F32] | None,
    top_n: int,
) -> dict[tuple[int, str], Scored]:
    """The label candidates of each (topic, language), closest to the topic's centroid first.

    Args:
        by_lang: c-TF-IDF terms with their lift, best first (``top_terms_by_language``).
        embeddings: The units' vectors the topics were found in (centred, if they were).
        topics: Each unit's topic.
        embed: The topics' embedder (texts to L2-normalised rows).
        means: Language means the units were centred on (None: not centred); a term is
            centred on its own language's mean, as its language's passages were.
        top_n: Terms kept per (topic, language).

    Returns:
        For each key of ``by_lang``, at most ``top_n`` (term, lift) pairs, ties by term.
    """
    candidates = {key: _candidates(scored) for key, scored in sorted(by_lang.items())}
    vocabulary = sorted({term for scored in candidates.values() for term, _ in scored})
    if not vocabulary:
        return {key: [] for key in candidates}
    index = {term: i for i, term in enumerate(vocabulary)}
    vectors = np.asarray(embed(vocabulary), dtype=np.float32)
    ids, centroids = topic_centroids(embeddings, topics)
    centroid_of = dict(zip(ids, centroids, strict=True))
    result: dict[tuple[int, str], Scored] = {}
    for (topic, lang), scored in candidates.items():
        rows = vectors[[index[term] for term, _ in scored]]
        rows = center(rows, [lang] * len(rows), means or {})
        similarity = rows @ centroid_of[topic].astype(np.float32)
        closeness = np.round(similarity.astype(np.float64), 6)
        order = sorted(range(len(scored)), key=lambda i: (-closeness[i], scored[i][0]))
        result[(topic, lang)] = [scored[i] for i in order[:top_n]]
    return result


def _candidates(scored: Sequence[tuple[str, float]]) -> Scored:
    """The first ``CANDIDATES`` terms that may label the topic, with their lift."""
    allowed = set(label_terms(scored))
    return [(term, lift) for term, lift in scored if term in allowed][:CANDIDATES]
