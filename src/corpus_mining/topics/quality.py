"""Topic quality measures computed on the corpus itself.

References:
    Bouma, G. (2009). Normalized (pointwise) mutual information in collocation
    extraction. Proceedings of GSCL.
    Dieng, A. B., Ruiz, F. J. R., & Blei, D. M. (2020). Topic modeling in embedding
    spaces. TACL, 8 (topic diversity).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from itertools import combinations

import numpy as np


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


def coherence_npmi_by_language(
    terms: Mapping[tuple[int, str], Sequence[str]],
    documents: Sequence[set[str]],
    langs: Sequence[str],
    *,
    top_n: int = 10,
) -> float:
    """Mean NPMI of each topic's top terms in each language, over that language's units.

    A bilingual topic's overall list mixes French and English words, which never occur in
    the same passage: their pairs would score -1 and say nothing about coherence.
    """
    scores = []
    for lang in sorted(set(langs)):
        lang_docs = [words for words, g in zip(documents, langs, strict=True) if g == lang]
        lists = {t: words for (t, g), words in terms.items() if g == lang and t != -1}
        if lists and lang_docs:
            scores.extend(
                [coherence_npmi({t: w}, lang_docs, top_n=top_n) for t, w in lists.items()]
            )
    return round(sum(scores) / len(scores), 6) if scores else 0.0


def topic_diversity(topics: Mapping[int, Sequence[str]], *, top_n: int = 10) -> float:
    """Share of distinct terms among all topics' top ``top_n`` terms (1 = no overlap)."""
    tops = [list(terms)[:top_n] for terms in topics.values() if terms]
    total = sum(len(t) for t in tops)
    return round(len({w for t in tops for w in t}) / total, 6) if total else 0.0


def language_shares(topics: Sequence[int], langs: Sequence[str]) -> dict[int, dict[str, float]]:
    """Each topic's share of units per language (outliers included as topic -1)."""
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for topic, lang in zip(topics, langs, strict=True):
        counts[topic][lang] += 1
    return {
        topic: {lang: round(n / sum(c.values()), 6) for lang, n in sorted(c.items())}
        for topic, c in sorted(counts.items())
    }


def mixed_topic_share(
    topics: Sequence[int],
    langs: Sequence[str],
    *,
    languages: Sequence[str] = ("fr", "en"),
    minority: float = 0.15,
) -> float | None:
    """Share of topics whose minority language holds at least ``minority`` of their units.

    Only units in ``languages`` count, outliers are left out, and the minority is the least
    represented of ``languages`` in the topic (absent = 0). None when the corpus does not
    hold every one of ``languages``: mixing is then undefined, not 0.
    """
    kept = [(t, lang) for t, lang in zip(topics, langs, strict=True) if lang in languages]
    if {lang for _, lang in kept} != set(languages):
        return None
    shares = language_shares([t for t, _ in kept if t != -1], [g for t, g in kept if t != -1])
    if not shares:
        return 0.0
    mixed = sum(1 for s in shares.values() if min(s.get(g, 0.0) for g in languages) >= minority)
    return round(mixed / len(shares), 6)


def nmi_topic_language(topics: Sequence[int], langs: Sequence[str]) -> float:
    """Normalised mutual information between topic and language, outliers left out.

    0 when topics ignore language; 1 when each topic holds a single language and each
    language a single topic.
    """
    from sklearn.metrics import normalized_mutual_info_score

    pairs = [(t, lang) for t, lang in zip(topics, langs, strict=True) if t != -1]
    if len(pairs) < 2:
        return 0.0
    topic_ids, languages = zip(*pairs, strict=True)
    return round(float(normalized_mutual_info_score(languages, topic_ids)), 6)


def stability(labelings: Sequence[Sequence[int]]) -> float | None:
    """Mean adjusted Rand index over every pair of labelings of the same units.

    References:
        Hubert, L. & Arabie, P. (1985). Comparing partitions. Journal of Classification, 2.
    """
    from sklearn.metrics import adjusted_rand_score

    if len(labelings) < 2:
        return None
    scores = [adjusted_rand_score(a, b) for a, b in combinations(labelings, 2)]
    return round(float(np.mean(scores)), 6)
