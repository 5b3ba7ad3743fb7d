"""Topic quality measures computed on the corpus itself.

References:
    Bouma, G. (2009). Normalized (pointwise) mutual information in collocation
    extraction. Proceedings of GSCL.
    Dieng, A. B., Ruiz, F. J. R., & Blei, D. M. (2020). Topic modeling in embedding
    spaces. TACL, 8 (topic diversity).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from itertools import combinations


def coherence_npmi(
    topics: Mapping[int, Sequence[str]], documents: Sequence[set[str]], *, top_n: int = 10
) -> float:
    """Mean NPMI of pairs of each topic's top single-word terms, by document co-occurrence.

    Pairs never seen together score -1; terms absent from the documents are skipped.
    """
    n_docs = len(documents)
    if not n_docs:
        return 0.0
    df: dict[str, int] = {}
    for words in documents:
        for word in words:
            df[word] = df.get(word, 0) + 1
    scores = []
    for terms in topics.values():
        single = [t for t in terms if " " not in t and t in df][:top_n]
        pairs = [_npmi(a, b, df, documents, n_docs) for a, b in combinations(single, 2)]
        if pairs:
            scores.append(sum(pairs) / len(pairs))
    return round(sum(scores) / len(scores), 6) if scores else 0.0


def _npmi(a: str, b: str, df: Mapping[str, int], documents: Sequence[set[str]], n: int) -> float:
    joint = sum(1 for words in documents if a in words and b in words)
    if joint == 0:
        return -1.0
    p_ab = joint / n
    if p_ab == 1.0:
        return 1.0
    pmi = math.log(p_ab / ((df[a] / n) * (df[b] / n)))
    return pmi / -math.log(p_ab)


def topic_diversity(topics: Mapping[int, Sequence[str]], *, top_n: int = 10) -> float:
    """Share of distinct terms among all topics' top ``top_n`` terms (1 = no overlap)."""
    tops = [list(terms)[:top_n] for terms in topics.values() if terms]
    total = sum(len(t) for t in tops)
    return round(len({w for t in tops for w in t}) / total, 6) if total else 0.0


def language_mixing(
    langs_by_topic: Mapping[int, set[str]], languages: Sequence[str] = ("fr", "en")
) -> float:
    """Share of topics holding passages in every one of ``languages``."""
    topics = [langs for topic, langs in langs_by_topic.items() if topic != -1]
    if not topics:
        return 0.0
    return round(sum(1 for langs in topics if set(languages) <= langs) / len(topics), 6)
