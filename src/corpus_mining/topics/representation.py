"""Readable topic representations: c-TF-IDF top terms per language and example passages.

References:
    Grootendorst, M. (2022). BERTopic: Neural topic modeling with a class-based TF-IDF
    procedure. arXiv:2203.05794.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
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


def representative(
    embeddings: np.ndarray,
    topics: Sequence[int],
    langs: Sequence[str],
    ids: Sequence[str],
    *,
    per_language: int,
) -> list[dict[str, Any]]:
    """The passages closest to their topic's centroid, per topic and language."""
    by_topic: dict[int, list[int]] = defaultdict(list)
    for index, topic in enumerate(topics):
        by_topic[topic].append(index)
    rows: list[dict[str, Any]] = []
    for topic in sorted(by_topic):
        members = by_topic[topic]
        position = {index: k for k, index in enumerate(members)}
        centroid = embeddings[members].mean(axis=0)
        norm = float(np.linalg.norm(centroid)) or 1.0
        similarity = embeddings[members] @ (centroid / norm)
        for lang in sorted({langs[i] for i in members}):
            ranked = sorted(
                (i for i in members if langs[i] == lang),
                key=lambda i: (-round(float(similarity[position[i]]), 6), ids[i]),
            )
            for rank, index in enumerate(ranked[:per_language], start=1):
                rows.append(
                    {
                        "topic_id": topic,
                        "lang": lang,
                        "rank": rank,
                        "passage_id": ids[index],
                        "similarity": round(float(similarity[position[index]]), 6),
                    }
                )
    return rows


def signatures(
    top_terms: Mapping[int, Sequence[str]], examples: Sequence[Mapping[str, Any]]
) -> dict[int, tuple[list[str], list[str]]]:
    """Each topic's content signature: its top terms and representative passage ids."""
    passages: dict[int, list[str]] = defaultdict(list)
    for row in examples:
        passages[row["topic_id"]].append(row["passage_id"])
    return {topic: (list(terms), sorted(passages[topic])) for topic, terms in top_terms.items()}
