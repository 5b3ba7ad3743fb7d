"""Readable topic representations: c-TF-IDF top terms per language and example passages.

References:
    Grootendorst, M. (2022). BERTopic: Neural topic modeling with a class-based TF-IDF
    procedure. arXiv:2203.05794.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

TOKEN_PATTERN = r"(?u)\b[^\W\d_][\w'-]*[^\W\d_]\b"
_KEYWORD_LINE = re.compile(
    r"^\W*(?:mots?[- ]cl[ée]s?|keywords?|key words|jel|tags?|sommaire|contents)\b", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.!?;:…](?:\s|$)")
_MAX_CAPITALISED = 0.5
# A topic's terms occur at least this many times more often in it than in its language.
MIN_LIFT = 1.5


def stop_words(extra: Sequence[str]) -> list[str]:
    """French and English stop words (spaCy's lists) plus the domain list from params."""
    words = _spacy_stop_words("fr") | _spacy_stop_words("en") | set(extra)
    return sorted({w.lower() for w in words})


@functools.cache
def _spacy_stop_words(lang: str) -> frozenset[str]:
    """The stop-word list of spaCy for ``lang``, run from its own file.

    ``import spacy.lang.fr.stop_words`` first imports spaCy itself (thinc, torch, the
    tokenizer exceptions: seconds); the list's module is a plain literal with no imports.
    """
    found = importlib.util.find_spec("spacy")  # locates the package without importing it
    if found is None or not found.submodule_search_locations:
        raise ImportError("spaCy's stop-word lists need spacy: pip install spacy")
    path = Path(found.submodule_search_locations[0]) / "lang" / lang / "stop_words.py"
    spec = importlib.util.spec_from_file_location(f"_corpus_mining_stop_words_{lang}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"no stop-word list for {lang!r} in {path.parent}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


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
    min_support: int = 2,
) -> dict[tuple[int, str], list[tuple[str, float]]]:
    """Top c-TF-IDF terms of each (topic, language), among that language's units only.

    A term must occur in at least ``min_support`` of the topic's units in that language
    (fewer when the topic has fewer units there), so one passage's idiosyncrasies do not
    become a label. Each term comes with its lift (``label_terms`` uses it).
    """
    result: dict[tuple[int, str], list[tuple[str, float]]] = {}
    for lang in sorted(set(langs)):
        rows = [i for i, (t, g) in enumerate(zip(topics, langs, strict=True)) if g == lang]
        rows = [i for i in rows if topics[i] != -1]
        if rows:
            result.update(
                _language_terms(texts, topics, rows, lang, vectorizer, top_n, min_support)
            )
    return result


def _language_terms(
    texts: Sequence[str],
    topics: Sequence[int],
    rows: list[int],
    lang: str,
    vectorizer: Any,
    top_n: int,
    min_support: int,
) -> dict[tuple[int, str], list[tuple[str, float]]]:
    from bertopic.vectorizers import ClassTfidfTransformer
    from scipy import sparse
    from sklearn.base import clone

    counter = clone(vectorizer).set_params(min_df=1)
    try:
        counts = sparse.csr_matrix(counter.fit_transform([texts[i] for i in rows]))
    except ValueError:  # nothing but stop words
        return {}
    labels = np.asarray([topics[i] for i in rows])
    classes = sorted(set(labels.tolist()))
    member = sparse.csr_matrix(
        (np.ones(len(rows)), (np.searchsorted(classes, labels), np.arange(len(rows)))),
        shape=(len(classes), len(rows)),
    )
    per_class = member @ counts
    support = (member @ (counts > 0).astype(np.int64)).toarray()
    # The transformer normalises a float matrix in place: give it a copy, so the lift
    # below reads the counts, not the square roots of their row shares.
    weights = ClassTfidfTransformer(reduce_frequent_words=True).fit_transform(per_class.copy())
    weights = weights.toarray()
    sizes = np.asarray(member.sum(axis=1)).ravel()
    weights[support < np.minimum(min_support, sizes)[:, None]] = 0.0
    lift = _lift(per_class.toarray())
    vocabulary = np.array(counter.get_feature_names_out())
    result = {}
    for row, topic in enumerate(classes):
        order = np.lexsort((vocabulary, -weights[row]))[:top_n]
        result[(topic, lang)] = [
            (str(vocabulary[i]), round(float(lift[row, i]), 6))
            for i in order
            if weights[row, i] > 0
        ]
    return result


def _lift(per_class: np.ndarray) -> np.ndarray:
    """How much more often a term occurs in a topic than in the language as a whole.

    A generic word ("ensemble", "fonction") is spread over every topic: its lift stays
    near 1 however often it occurs, so it never labels a topic.
    """
    class_totals = per_class.sum(axis=1, keepdims=True)
    term_share = per_class.sum(axis=0, keepdims=True) / max(1.0, float(per_class.sum()))
    with np.errstate(divide="ignore", invalid="ignore"):
        lift = (per_class / np.maximum(class_totals, 1.0)) / term_share
    return np.asarray(np.nan_to_num(lift), dtype=np.float64)


def label_terms(scored: Sequence[tuple[str, float]]) -> list[str]:
    """The terms that may label a topic: those at least ``MIN_LIFT`` times over-represented.

    When none is (a topic holding most of its language's units has lifts near 1), the
    terms are taken as ranked. A phrase that repeats a word ("cluster cluster cluster", the
    n-grams of a keyword line or a repeated heading) never labels a topic: its single word
    says the same.
    """
    readable = [(term, lift) for term, lift in scored if _no_repeated_word(term)]
    return [t for t, lift in readable if lift >= MIN_LIFT] or [t for t, _ in readable]


def _no_repeated_word(term: str) -> bool:
    words = term.split()
    return len(set(words)) == len(words)


def topic_label(terms: Sequence[str], n: int = 4, *, window: int = 8) -> str:
    """A short label from the best terms, phrases first, without repeating words.

    Among the first ``window`` terms, multiword phrases ("transition écologique") read
    better than single words and are taken first, in rank order; single words follow when
    they are not already shown.
    """
    candidates = list(terms)[:window]
    ordered = [t for t in candidates if " " in t] + [t for t in candidates if " " not in t]
    shown: list[str] = []
    seen: set[str] = set()
    for term in ordered:
        words = set(term.split())
        if words <= seen:
            continue
        shown.append(term)
        seen |= words
        if len(shown) == n:
            break
    ranks = {term: i for i, term in enumerate(candidates)}
    return " · ".join(sorted(shown, key=ranks.__getitem__))


def topic_centroids(embeddings: np.ndarray, topics: Sequence[int]) -> tuple[list[int], np.ndarray]:
    """Sorted topic ids and their L2-normalised centroids (mean of their units' rows)."""
    labels = np.asarray(topics)
    ids = sorted(set(topics))
    rows = []
    for topic in ids:
        centroid = embeddings[np.flatnonzero(labels == topic)].mean(axis=0)
        rows.append(centroid / (float(np.linalg.norm(centroid)) or 1.0))
    width = embeddings.shape[1] if embeddings.ndim == 2 else 0
    return ids, np.stack(rows) if rows else np.zeros((0, width), dtype=embeddings.dtype)


def centroid_similarity(embeddings: np.ndarray, topics: Sequence[int]) -> np.ndarray:
    """Cosine similarity of each unit to its topic's centroid, clipped to [0, 1]."""
    scores = np.zeros(len(topics), dtype=np.float64)
    labels = np.asarray(topics)
    ids, centroids = topic_centroids(embeddings, topics)
    for topic, centroid in zip(ids, centroids, strict=True):
        members = np.flatnonzero(labels == topic)
        scores[members] = np.clip(embeddings[members] @ centroid, 0.0, 1.0)
    return np.round(scores, 6)


def is_substantive(text: str, *, min_words: int) -> bool:
    """Whether a passage can stand for a topic: running prose, not a title or a list.

    Titles, bylines, keyword lines and headings are short, carry no sentence punctuation,
    or are mostly capitalised words; such passages are left out of representative ones.
    """
    words = text.split()
    if len(words) < min_words or _KEYWORD_LINE.match(text):
        return False
    if not _SENTENCE_END.search(text):
        return False
    capitalised = sum(1 for word in words if word[:1].isupper())
    return capitalised / len(words) < _MAX_CAPITALISED


def representative(
    similarity: np.ndarray,
    topics: Sequence[int],
    langs: Sequence[str],
    ids: Sequence[str],
    *,
    per_language: int,
    eligible: Sequence[bool] | None = None,
) -> list[dict[str, Any]]:
    """The units closest to their topic's centroid, per topic and language.

    Args:
        similarity: each unit's similarity to its topic's centroid (``centroid_similarity``).
        topics: each unit's topic.
        langs: each unit's language.
        ids: each unit's id; ties in similarity are broken by id.
        per_language: how many units per topic and language.
        eligible: which units may be shown (``is_substantive``); a topic and language with
            no eligible unit falls back to all of its units rather than showing none.
    """
    groups: dict[tuple[int, str], list[int]] = defaultdict(list)
    for index, (topic, lang) in enumerate(zip(topics, langs, strict=True)):
        groups[(topic, lang)].append(index)
    rows: list[dict[str, Any]] = []
    for (topic, lang), members in sorted(groups.items()):
        if eligible is not None:
            members = [i for i in members if eligible[i]] or members
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
