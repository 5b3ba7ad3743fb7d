"""How far topic lineages can be trusted: a threshold chosen by stability, and a placebo.

Threshold: documents are resampled with replacement within each period (seeded) and the
link decisions (link or no link for every pair of topics of adjacent periods) are
compared with those on the full data by Cohen's kappa. The threshold with the highest
mean kappa is chosen: its links are the ones a slightly different corpus would also draw.
Kappa is chance-corrected, so a threshold that links everything or nothing scores 0.

Placebo: the change share (the share of lineage rows that are not ``continue``) is
compared with its distribution when documents' periods are shuffled (seeded
permutations, which keep every period's number of documents): the one-sided permutation
p-value ``(1 + #{null >= observed}) / (1 + n)``. Real drift gives a small p; a corpus
whose dates carry no signal gives a p spread evenly over (0, 1].

References:
    Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and
    Psychological Measurement 20(1): 37-46.
    Phipson, B., & Smyth, G. K. (2010). Permutation p-values should never be zero.
    Statistical Applications in Genetics and Molecular Biology 9(1).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from corpus_mining.evolution.lineage_cells import Cells
from corpus_mining.evolution.lineages import Step

# Thresholds tried when choosing one by stability.
THRESHOLD_GRID = tuple(round(0.05 * k, 2) for k in range(2, 19))

# The steps of one weighting of the documents (periods x documents, see Cells).
Lineage = Callable[[np.ndarray], list[Step]]


@dataclass(frozen=True)
class ThresholdChoice:
    """The chosen threshold and the mean kappa of every threshold tried."""

    threshold: float
    kappa: dict[float, float]


@dataclass(frozen=True)
class Placebo:
    """Observed change share, the mean and 95th percentile of its null, and the p-value."""

    observed: float
    null_mean: float
    null_p95: float
    p_value: float
    permutations: int


def change_share(found: Sequence[Step], *, threshold: float) -> float:
    """Share of lineage rows that are not ``continue`` (0 when there are no rows).

    Counts the rows ``lineage_rows`` would write (links, emerge and fade events) without
    writing them.
    """
    rows = kept = 0
    for step in found:
        linked = step.similarity >= threshold
        out, into = linked.sum(axis=1), linked.sum(axis=0)
        rows += int(linked.sum() + (into == 0).sum() + (out == 0).sum())
        kept += int((linked & (out[:, None] == 1) & (into[None, :] == 1)).sum())
    return (rows - kept) / rows if rows else 0.0


def _pair_scores(found: Sequence[Step]) -> dict[tuple[str, int, str, int], float]:
    scores = {}
    for step in found:
        for i, a in enumerate(step.source):
            for j, b in enumerate(step.target):
                scores[(a.period, a.topic, b.period, b.topic)] = float(step.similarity[i, j])
    return scores


def _kappa(truth: np.ndarray, guess: np.ndarray) -> float:
    """Cohen's kappa of two boolean decisions (sklearn's ``cohen_kappa_score``, unweighted)."""
    # Undefined when either side is constant (all links or none): no agreement beyond chance.
    if truth.all() == truth.any() or guess.all() == guess.any():
        return 0.0
    table = np.array(
        [[np.sum(~truth & ~guess), np.sum(~truth & guess)],
         [np.sum(truth & ~guess), np.sum(truth & guess)]]
    )  # fmt: skip
    expected = np.outer(table.sum(axis=0), table.sum(axis=1)) / table.sum()
    disagree = 1 - np.eye(2, dtype=np.int64)
    return float(1 - np.sum(disagree * table) / np.sum(disagree * expected))


def bootstrap_weights(cells: Cells, rng: np.random.Generator) -> np.ndarray:
    """A bootstrap replicate: each period's documents drawn with replacement (weights)."""
    weights = np.zeros((len(cells.order), len(cells.docs)))
    row = {label: i for i, label in enumerate(cells.order)}
    for period in sorted({p for p in cells.periods if p is not None}):
        members = np.asarray([d for d, p in enumerate(cells.periods) if p == period])
        drawn = np.bincount(
            rng.integers(0, len(members), size=len(members)), minlength=len(members)
        )
        if period in row:
            weights[row[period], members] = drawn
    return weights


def choose_threshold(cells: Cells, lineage: Lineage, *, n_boot: int, seed: int) -> ThresholdChoice:
    """The threshold of ``THRESHOLD_GRID`` whose link decisions are the most stable.

    Args:
        cells: The modelled passages summed per document and topic.
        lineage: Builds the steps of a weighting of the documents.
        n_boot: Bootstrap replicates.
        seed: Seed of the resampling.
    """
    reference = _pair_scores(lineage(cells.placed()))
    keys = sorted(reference)
    full = np.asarray([reference[k] for k in keys])
    rng = np.random.default_rng(seed)
    replicates = []
    for _ in range(n_boot):
        scores = _pair_scores(lineage(bootstrap_weights(cells, rng)))
        replicates.append(np.asarray([scores.get(k, 0.0) for k in keys]))
    kappa = {
        t: round(float(np.mean([_kappa(full >= t, rep >= t) for rep in replicates])), 6)
        if replicates and keys
        else 0.0
        for t in THRESHOLD_GRID
    }
    best = max(THRESHOLD_GRID, key=lambda t: (kappa[t], -t))
    return ThresholdChoice(best, kappa)


def shuffle_periods(
    docs: Sequence[str], periods: Sequence[str | None], rng: np.random.Generator
) -> list[str | None]:
    """Each unit's period after permuting the periods of the dated documents."""
    period_of: Mapping[str, str | None] = dict(zip(docs, periods, strict=True))
    dated = sorted(d for d, p in period_of.items() if p is not None)
    order = rng.permutation(len(dated))
    shuffled = {doc: period_of[dated[int(i)]] for doc, i in zip(dated, order, strict=True)}
    return [shuffled.get(doc) for doc in docs]


def placebo_test(
    cells: Cells, lineage: Lineage, *, threshold: float, permutations: int, seed: int
) -> Placebo:
    """Is the change share higher than when periods are given to documents at random?"""
    observed = change_share(lineage(cells.placed()), threshold=threshold)
    rng = np.random.default_rng(seed)
    null = []
    for _ in range(permutations):
        shuffled = cells.placed(shuffle_periods(cells.docs, cells.periods, rng))
        null.append(change_share(lineage(shuffled), threshold=threshold))
    values = np.asarray(null) if null else np.zeros(1)
    return Placebo(
        observed=round(observed, 6),
        null_mean=round(float(values.mean()), 6),
        null_p95=round(float(np.quantile(values, 0.95)), 6),
        p_value=round((1 + int((values >= observed).sum())) / (1 + len(null)), 6),
        permutations=permutations,
    )
