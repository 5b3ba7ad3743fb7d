"""Readable topic representations: c-TF-IDF top terms per language and example passages.

References:
    Grootendorst, M. (2022). BERTopic: Neural topic modeling with a class-based TF-IDF
    procedure. arXiv:2203.05794.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

TOKEN_PATTERN = r"(?u)\b[^\W\d_][\w'-]*[^\W\d_]\b"


def stop_words(extra: Sequence[str]) -> list[str]:
    """French and English stop words (spaCy's lists) plus the domain list from params."""
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.fr.stop_words import STOP_WORDS as FR

    return sorted({w.lower() for w in FR | EN | set(extra)})


def make_vectorizer(
    *, min_df: int, ngram_max: int, extra_stop_words: Sequence[str], n_docs: int
) -> Any:
    """CountVectorizer over lemmas; ``min_df`` is lowered when there are few ``n_docs``."""
    from sklearn.feature_extraction.text import CountVectorizer

    return CountVectorizer(
        ngram_range=(1, ngram_max),
        min_df=min(min_df, max(1, n_docs // 2)),
        stop_words=stop_words(extra_stop_words),
        token_pattern=TOKEN_PATTERN,
        lowercase=True,
    )


def top_terms_by_language(
    texts: Sequence[str],
    topics: Sequence[int],
    langs: Sequence[str],
    vectorizer: Any,
    *,
    top_n: int,
) -> dict[tuple[int, str], list[str]]:
    """Top c-TF-IDF terms of each (topic, language), computed among topics of that language."""
    from bertopic.vectorizers import ClassTfidfTransformer
    from sklearn.base import clone

    result: dict[tuple[int, str], list[str]] = {}
    for lang in sorted(set(langs)):
        grouped: dict[int, list[str]] = defaultdict(list)
        for text, topic, text_lang in zip(texts, topics, langs, strict=True):
            if text_lang == lang and topic != -1:
                grouped[topic].append(text)
        classes = sorted(grouped)
        if not classes:
            continue
        counter = clone(vectorizer).set_params(min_df=1)
        try:
            counts = counter.fit_transform([" ".join(grouped[t]) for t in classes])
        except ValueError:  # nothing but stop words
            continue
        weights = ClassTfidfTransformer(reduce_frequent_words=True).fit_transform(counts).toarray()
        vocabulary = np.array(counter.get_feature_names_out())
        for row, topic in enumerate(classes):
            order = np.lexsort((vocabulary, -weights[row]))
            result[(topic, lang)] = [
                str(vocabulary[i]) for i in order[:top_n] if weights[row, i] > 0
            ]
    return result


def topic_label(terms: Sequence[str], n: int = 4) -> str:
    """A short label from the first terms, without repeating words already shown."""
    shown: list[str] = []
    seen: set[str] = set()
    for term in terms:
        words = set(term.split())
        if words <= seen:
            continue
        shown.append(term)
        seen |= words
        if len(shown) == n:
            break
    return " · ".join(shown)


def centroid_similarity(embeddings: np.ndarray, topics: Sequence[int]) -> np.ndarray:
    """Cosine similarity of each unit to its topic's centroid, clipped to [0, 1]."""
    scores = np.zeros(len(topics), dtype=np.float64)
    labels = np.asarray(topics)
    for topic in sorted(set(topics)):
        members = np.flatnonzero(labels == topic)
        centroid = embeddings[members].mean(axis=0)
        norm = float(np.linalg.norm(centroid)) or 1.0
        scores[members] = np.clip(embeddings[members] @ (centroid / norm), 0.0, 1.0)
    return np.round(scores, 6)


def representative(
    similarity: np.ndarray,
    topics: Sequence[int],
    langs: Sequence[str],
    ids: Sequence[str],
    *,
    per_language: int,
) -> list[dict[str, Any]]:
    """The units closest to their topic's centroid, per topic and language.

    Args:
        similarity: each unit's similarity to its topic's centroid (``centroid_similarity``).
        topics: each unit's topic.
        langs: each unit's language.
        ids: each unit's id; ties in similarity are broken by id.
        per_language: how many units per topic and language.
    """
    groups: dict[tuple[int, str], list[int]] = defaultdict(list)
    for index, (topic, lang) in enumerate(zip(topics, langs, strict=True)):
        groups[(topic, lang)].append(index)
    rows: list[dict[str, Any]] = []
    for (topic, lang), members in sorted(groups.items()):
        ranked = sorted(members, key=lambda i: (-float(similarity[i]), ids[i]))
        for rank, index in enumerate(ranked[:per_language], start=1):
            rows.append(
                {
                    "topic_id": topic,
                    "lang": lang,
                    "rank": rank,
                    "passage_id": ids[index],
                    "similarity": float(similarity[index]),
                }
            )
    return rows
