"""Topic lineages: how each period's topics continue, split, merge, emerge and fade.

Each topic is described per period by that period's passages only, so no period borrows
from later ones: its c-TF-IDF top terms over lemmas, and its embedding centroid centred on
the mean of all the period's passages (a drift shared by every topic is not likeness).
Topics of adjacent periods are linked when their similarity, a weighted mean of centroid
cosine and top-term Jaccard, reaches a threshold. A link is ``split`` when its source has
several successors, ``merge`` when its target has several predecessors (when both, the
side with more links names it, ``split`` on ties), else ``continue``; a topic-period with
no predecessor ``emerge``s and one with no successor ``fade``s. On those rows the missing
end is topic ``NO_TOPIC`` with 0 passages, and the similarity is the best one it had.

References:
    Chavalarias, D., & Cointet, J.-P. (2013). Phylomemetic patterns in science evolution:
    the rise and fall of scientific fields. PLoS ONE 8(2): e54847.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from corpus_mining.topics.representation import TOKEN_PATTERN

NO_TOPIC = -1
RELATIONS = ("continue", "split", "merge", "emerge", "fade")


@dataclass(frozen=True)
class Units:
    """The modelled passages, aligned: embedding, topic, period (None: undated), term counts."""

    embeddings: np.ndarray
    topics: Sequence[int]
    periods: Sequence[str | None]
    counts: Any  # scipy.sparse CSR matrix, one row per unit, one column per term
    vocabulary: np.ndarray


def make_units(
    embeddings: np.ndarray,
    topics: Sequence[int],
    periods: Sequence[str | None],
    lemmas: Sequence[str],
    *,
    stop_words: Collection[str],
) -> Units:
    """Units whose lemmas are counted once (:func:`count_words`, without ``stop_words``).

    The vocabulary spans every period, but a period's terms are scored on its own rows
    only: a word absent from a period has no count there, so nothing leaks backwards.
    """
    counts, vocabulary = count_words(lemmas, stop_words=stop_words)
    return Units(
        np.asarray(embeddings, dtype=np.float64), list(topics), list(periods), counts, vocabulary
    )


def count_words(texts: Sequence[str], *, stop_words: Collection[str]) -> tuple[Any, np.ndarray]:
    """Word counts per text (CSR, float) and the sorted vocabulary.

    What scikit-learn's ``CountVectorizer`` of ``make_vectorizer`` gives for single words
    (lower case, ``TOKEN_PATTERN``, stop words left out, sorted vocabulary); counted here
    because importing scikit-learn costs this stage more than the counting.
    """
    from scipy import sparse

    pattern, stops = re.compile(TOKEN_PATTERN), frozenset(stop_words)
    tokens = [[w for w in pattern.findall(text.lower()) if w not in stops] for text in texts]
    vocabulary = np.asarray(sorted({w for row in tokens for w in row}), dtype=object)
    column = {word: i for i, word in enumerate(vocabulary)}
    rows = np.repeat(np.arange(len(tokens)), [len(row) for row in tokens])
    columns = np.fromiter((column[w] for row in tokens for w in row), dtype=np.int64)
    counts = sparse.csr_matrix(
        (np.ones(len(columns)), (rows, columns)), shape=(len(tokens), len(vocabulary))
    )
    counts.sum_duplicates()
    return counts, vocabulary


@dataclass(frozen=True)
class Node:
    """One topic in one period: its size, centred unit centroid and top terms."""

    period: str
    topic: int
    n_passages: int
    centroid: np.ndarray
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Step:
    """The nodes of two adjacent periods and their pairwise similarities (rows: source)."""

    before: str
    after: str
    source: list[Node]
    target: list[Node]
    cosine: np.ndarray
    jaccard: np.ndarray
    similarity: np.ndarray


def steps(nodes: dict[str, list[Node]], order: Sequence[str], *, weight: float) -> list[Step]:
    """Similarities between the nodes of each pair of adjacent periods.

    ``similarity = weight * max(cosine, 0) + (1 - weight) * jaccard``.
    """
    result = []
    for before, after in itertools.pairwise(order):
        source, target = nodes.get(before, []), nodes.get(after, [])
        cosine = np.zeros((len(source), len(target)))
        if source and target:
            cosine = (
                np.stack([a.centroid for a in source]) @ np.stack([b.centroid for b in target]).T
            )
        jaccard = np.zeros((len(source), len(target)))
        right = [set(b.terms) for b in target]
        for i, a in enumerate(source):
            left = set(a.terms)
            for j, terms in enumerate(right):
                union = len(left | terms)
                jaccard[i, j] = len(left & terms) / union if union else 0.0
        similarity = weight * np.clip(cosine, 0.0, None) + (1 - weight) * jaccard
        result.append(Step(before, after, source, target, cosine, jaccard, similarity))
    return result


def lineage_rows(found: Sequence[Step], *, threshold: float) -> list[dict[str, Any]]:
    """Rows of ``topic_lineages.csv``: links at ``threshold`` and emerge/fade events."""
    rows: list[dict[str, Any]] = []
    for step in found:
        linked = step.similarity >= threshold
        out, into = linked.sum(axis=1), linked.sum(axis=0)
        for i, j in zip(*np.nonzero(linked), strict=True):
            rows.append(_link(step, int(i), int(j), _relation(int(out[i]), int(into[j]))))
        for j in np.flatnonzero(into == 0):
            best = float(step.similarity[:, j].max()) if len(step.source) else 0.0
            rows.append(_event(step.target[j], step.before, best, "emerge"))
        for i in np.flatnonzero(out == 0):
            best = float(step.similarity[i].max()) if len(step.target) else 0.0
            rows.append(_event(step.source[i], step.after, best, "fade"))
    return sorted(rows, key=_row_key)


def _relation(successors: int, predecessors: int) -> str:
    if successors == 1 and predecessors == 1:
        return "continue"
    return "merge" if predecessors > successors else "split"


def _link(step: Step, i: int, j: int, relation: str) -> dict[str, Any]:
    a, b = step.source[i], step.target[j]
    shared = [term for term in a.terms if term in set(b.terms)]
    return {
        "period_from": a.period,
        "topic_from": a.topic,
        "period_to": b.period,
        "topic_to": b.topic,
        "similarity": round(float(step.similarity[i, j]), 6),
        "relation": relation,
        "shared_terms": "; ".join(shared),
        "n_passages_from": a.n_passages,
        "n_passages_to": b.n_passages,
        "centroid_cosine": round(float(step.cosine[i, j]), 6),
        "term_jaccard": round(float(step.jaccard[i, j]), 6),
    }


def _event(node: Node, other_period: str, best: float, relation: str) -> dict[str, Any]:
    """An emerge (``node`` in the later period) or fade (in the earlier) row."""
    emerging = relation == "emerge"
    empty = {"period": other_period, "topic": NO_TOPIC, "n_passages": 0}
    mine = {"period": node.period, "topic": node.topic, "n_passages": node.n_passages}
    start, end = (empty, mine) if emerging else (mine, empty)
    return {
        "period_from": start["period"],
        "topic_from": start["topic"],
        "period_to": end["period"],
        "topic_to": end["topic"],
        "similarity": round(best, 6),
        "relation": relation,
        "shared_terms": "",
        "n_passages_from": start["n_passages"],
        "n_passages_to": end["n_passages"],
        "centroid_cosine": None,
        "term_jaccard": None,
    }


def _row_key(row: dict[str, Any]) -> tuple[str, int, str, int]:
    return (
        str(row["period_from"]),
        int(row["topic_from"]),
        str(row["period_to"]),
        int(row["topic_to"]),
    )


def representatives(
    units: Units,
    nodes: dict[str, list[Node]],
    ids: Sequence[str],
    *,
    per_node: int,
    eligible: Sequence[bool],
) -> list[dict[str, Any]]:
    """The units of each node closest to the node's (uncentred) centroid, best first.

    Only ``eligible`` units (running prose) are shown, unless a node has none; ties are
    broken by unit id.
    """
    periods = np.asarray([p or "" for p in units.periods], dtype=object)
    topics = np.asarray(units.topics)
    rows: list[dict[str, Any]] = []
    for period in sorted(nodes):
        for node in nodes[period]:
            members = np.flatnonzero((periods == period) & (topics == node.topic))
            shown = [int(i) for i in members if eligible[int(i)]] or [int(i) for i in members]
            centre = units.embeddings[members].mean(axis=0)
            centre = centre / (float(np.linalg.norm(centre)) or 1.0)
            score = {int(i): float(units.embeddings[i] @ centre) for i in shown}
            ranked = sorted(score, key=lambda i: (-score[i], ids[i]))[:per_node]
            rows += [
                {
                    "period": period,
                    "topic_id": node.topic,
                    "rank": rank,
                    "passage_id": ids[i],
                    "similarity": round(score[i], 6),
                }
                for rank, i in enumerate(ranked, start=1)
            ]
    return rows
