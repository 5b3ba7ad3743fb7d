"""Topic nodes from passages summed per (document, topic): one pass serves every resampling.

A period's nodes (:class:`~corpus_mining.evolution.lineages.Node`) need only sums over
its passages: units per topic, embedding sums, term counts and how many units hold each
term. Summed once per (document, topic) cell, any reweighting of the documents (a
bootstrap replicate draws a document k times, a placebo moves it to another period) is a
product of a small weight matrix with the cells, not a new pass over the passages, and
gives the nodes the reweighted passages would give.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse

from corpus_mining.evolution.lineages import NO_TOPIC, Node, Units


@dataclass(frozen=True)
class Cells:
    """The units summed per (document, topic), and the documents' observed periods.

    Weight matrices have one row per period of ``order`` and one column per document of
    ``docs``: the number of times the document counts in that period.
    """

    order: list[str]
    docs: list[str]
    periods: list[str | None]
    doc: np.ndarray
    topic: np.ndarray
    size: np.ndarray
    embedding: np.ndarray
    counts: Any  # scipy.sparse CSR, cells x terms
    support: Any  # scipy.sparse CSR, cells x terms: units holding the term
    vocabulary: np.ndarray

    @functools.cached_property
    def class_terms(self) -> Any:
        """Counts, then supports, side by side (cells x 2 terms); outlier cells left empty."""
        keep = sparse.diags((self.topic != NO_TOPIC).astype(np.float64))
        both = sparse.csr_matrix(keep @ sparse.hstack([self.counts, self.support]).tocsr())
        both.eliminate_zeros()
        return both

    def placed(self, periods: Sequence[str | None] | None = None) -> np.ndarray:
        """Weights that put each document once in its period (``periods``: one per doc)."""
        chosen = self.periods if periods is None else periods
        row = {label: i for i, label in enumerate(self.order)}
        weights = np.zeros((len(self.order), len(self.docs)))
        for d, period in enumerate(chosen):
            if period in row:
                weights[row[period], d] = 1.0
        return weights


def cells_of(units: Units, order: Sequence[str], docs: Sequence[str] | None = None) -> Cells:
    """Sum ``units`` per (document, topic); without ``docs`` each unit is its own document."""
    n = len(units.topics)
    names = np.asarray(list(docs) if docs is not None else [f"{i:012d}" for i in range(n)])
    ids, doc_of_unit = np.unique(names, return_inverse=True)
    topics = np.asarray(units.topics, dtype=np.int64)
    pairs, cell_of_unit = np.unique(
        np.column_stack([doc_of_unit, topics]).reshape(n, 2), axis=0, return_inverse=True
    )
    cell_of_unit = np.asarray(cell_of_unit).ravel()
    summing = sparse.csr_matrix((np.ones(n), (cell_of_unit, np.arange(n))), shape=(len(pairs), n))
    period_of = dict(zip(doc_of_unit.tolist(), units.periods, strict=True))
    return Cells(
        order=list(order),
        docs=[str(d) for d in ids],
        periods=[period_of[d] for d in range(len(ids))],
        doc=pairs[:, 0] if len(pairs) else np.zeros(0, dtype=np.int64),
        topic=pairs[:, 1] if len(pairs) else np.zeros(0, dtype=np.int64),
        size=np.asarray(summing.sum(axis=1)).ravel(),
        embedding=np.asarray(summing @ units.embeddings, dtype=np.float64),
        counts=sparse.csr_matrix(summing @ units.counts),
        support=sparse.csr_matrix(summing @ (units.counts > 0).astype(np.float64)),
        vocabulary=units.vocabulary,
    )


def describe(
    units: Units, order: Sequence[str], *, min_passages: int, top_n: int
) -> dict[str, list[Node]]:
    """Nodes of each period of ``order`` for ``units`` as they are (see describe_cells)."""
    cells = cells_of(units, order)
    return describe_cells(cells, cells.placed(), min_passages=min_passages, top_n=top_n)


def describe_cells(
    cells: Cells, weights: np.ndarray, *, min_passages: int, top_n: int
) -> dict[str, list[Node]]:
    """Nodes of each period under ``weights``: topics with at least ``min_passages`` units.

    Outliers (``NO_TOPIC``) are never nodes but count in the period's mean embedding,
    which every centroid is centred on. Every (period, topic) is one row of the sums.
    """
    topics, node_of = _node_matrix(cells, weights)
    size = (node_of @ cells.size).reshape(len(cells.order), len(topics))
    sums = (node_of @ cells.embedding).reshape(len(cells.order), len(topics), -1)
    classes = (size > 0) & (topics != NO_TOPIC)[None, :]
    chosen = classes & (size >= min_passages)
    terms = _node_terms(cells, node_of, size, chosen, top_n)
    nodes: dict[str, list[Node]] = {}
    for p, label in enumerate(cells.order):
        mean = sums[p].sum(axis=0) / max(size[p].sum(), 1.0)
        nodes[label] = []
        for t in map(int, np.flatnonzero(chosen[p])):
            centroid = sums[p, t] / size[p, t] - mean
            norm = float(np.linalg.norm(centroid)) or 1.0
            topic = int(topics[t])
            nodes[label].append(Node(label, topic, round(size[p, t]), centroid / norm, terms[p, t]))
    return nodes


def topic_terms(cells: Cells, *, top_n: int) -> dict[tuple[int, str], tuple[str, ...]]:
    """Top c-TF-IDF terms of every (topic, period), each period scored on its own units.

    As :func:`~corpus_mining.topics.representation.top_terms_by_language` scores each
    language, with periods in place of languages.
    """
    topics, node_of = _node_matrix(cells, cells.placed())
    size = (node_of @ cells.size).reshape(len(cells.order), len(topics))
    chosen = (size > 0) & (topics != NO_TOPIC)[None, :]
    terms = _node_terms(cells, node_of, size, chosen, top_n)
    return {(int(topics[t]), cells.order[p]): found for (p, t), found in terms.items()}


def _node_matrix(cells: Cells, weights: np.ndarray) -> tuple[np.ndarray, Any]:
    """The topics, and the sparse (period x topic) x cells matrix of the cells' weights."""
    topics = np.unique(cells.topic)
    on_cells = weights[:, cells.doc]  # periods x cells
    period, cell = np.nonzero(on_cells)
    node_of = sparse.csr_matrix(
        (
            on_cells[period, cell],
            (period * len(topics) + np.searchsorted(topics, cells.topic[cell]), cell),
        ),
        shape=(len(cells.order) * len(topics), len(cells.topic)),
    )
    return topics, node_of


def _node_terms(
    cells: Cells, node_of: Any, size: np.ndarray, chosen: np.ndarray, top_n: int
) -> dict[tuple[int, int], tuple[str, ...]]:
    """Top c-TF-IDF terms of the ``chosen`` (period, topic) nodes, each period on its own.

    Every topic of a period (outliers aside) is a class, as in BERTopic; the weights are
    its ``ClassTfidfTransformer(reduce_frequent_words=True)`` (L1-normalised class rows,
    square-rooted, times ``log(1 + int(mean class size) / term frequency)``), done for all
    periods at once because importing bertopic loads torch (seconds). A term must occur
    in at least two of a topic's units (all of them when it has one) to count.
    """
    classes = (size > 0) & (np.unique(cells.topic) != NO_TOPIC)[None, :]
    n_periods, n_topics = classes.shape
    both = sparse.csr_matrix(node_of @ cells.class_terms)
    both.sort_indices()  # per row: its counts, then its supports, on the same terms
    is_count = both.indices < len(cells.vocabulary)
    entry_row = np.repeat(np.arange(both.shape[0]), np.diff(both.indptr))[is_count]
    indices, data, support = both.indices[is_count], both.data[is_count], both.data[~is_count]
    totals = np.bincount(entry_row, weights=data, minlength=both.shape[0])
    period_of_row = np.repeat(np.arange(n_periods), n_topics)
    entry_period = period_of_row[entry_row]
    frequency = np.zeros((n_periods, len(cells.vocabulary)))  # periods x terms
    np.add.at(frequency, (entry_period, indices), data)
    per_class = totals.reshape(n_periods, n_topics).sum(axis=1) / np.maximum(classes.sum(axis=1), 1)
    average = np.floor(per_class)  # int(mean), as BERTopic takes it
    score = np.sqrt(data / totals[entry_row])
    score *= np.log(average[entry_period] / frequency[entry_period, indices] + 1)
    score[support < np.minimum(2, size.ravel())[entry_row]] = 0.0
    wanted = (score > 0) & chosen.ravel()[entry_row]
    rows, columns, values = entry_row[wanted], indices[wanted], score[wanted]
    # by node, best first; the vocabulary is sorted, so ties broken by column are by term
    order = np.lexsort((columns, -values, rows))
    rows, columns = rows[order], columns[order]
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    rank = np.arange(len(rows)) - np.repeat(starts, np.diff(np.r_[starts, len(rows)]))
    rows, words = rows[rank < top_n], cells.vocabulary[columns[rank < top_n]].tolist()
    bounds: list[int] = (
        np.flatnonzero(np.r_[True, rows[1:] != rows[:-1], True]).tolist() if rows.size else []
    )
    found = {int(rows[a]): tuple(words[a:b]) for a, b in itertools.pairwise(bounds)}
    return {
        (int(p), int(t)): found.get(int(p) * n_topics + int(t), ())
        for p, t in zip(*np.nonzero(chosen), strict=True)
    }
