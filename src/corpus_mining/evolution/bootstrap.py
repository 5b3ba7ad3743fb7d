"""Document bootstrap of many ratios at once: one resample of the documents per replicate.

A period's cells (every concept, term or topic) are ratios of sums over the same documents.
Drawing the documents once per replicate and reusing the draw for every cell gives each
cell the same percentile interval it would get alone, for the cost of one matrix product,
and keeps the cells' replicates coherent (a replicate is one alternative corpus).

References:
    Efron, B., & Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall,
    ch. 13 (percentile intervals).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]

# Bound on the replicate-weight matrix held at once (replicates x documents), ~32 MB.
_MAX_WEIGHTS = 4_000_000
# Weight matrices up to this size (~4 MB) are kept for reuse, at most 16 of them.
_MAX_SHARED = 500_000


@dataclass(frozen=True)
class Intervals:
    """Point estimates with their lower and upper bounds, one entry per cell."""

    value: Array
    low: Array
    high: Array


def ratio_intervals(
    num: npt.ArrayLike,
    den: npt.ArrayLike,
    *,
    n_boot: int = 1000,
    seed: int = 0,
    alpha: float = 0.05,
    scale: float = 1.0,
) -> Intervals:
    """``sum(num) / sum(den) * scale`` per cell with document-bootstrap percentile intervals.

    Documents are resampled with replacement (drawn from ``numpy.random.default_rng(seed)``
    as scipy.stats.bootstrap draws them), the same draw for all cells.
    A cell whose denominator sums to 0 is undefined (nan, never 0); replicates where it
    sums to 0 are left out of that cell's percentiles. One document gives a zero-width
    interval.

    Args:
        num: Numerators, documents x cells (a 1-D array is one cell).
        den: Denominators, documents x cells, or one per document shared by every cell.
        n_boot: Number of replicates.
        seed: Seed of the numpy Generator: same inputs and seed, same bytes.
        alpha: 1 - confidence level.
        scale: Unit of the ratio (10 000 for a rate per 10,000 words).

    Returns:
        The estimates and bounds, one entry per cell.

    Raises:
        ValueError: On bad shapes, negative or non-finite values, or bad tunables.

    References:
        Efron & Tibshirani (1993), ch. 13.
    """
    top, bottom = _matrices(num, den)
    if not 0 < alpha < 1 or n_boot < 1:
        raise ValueError(f"need 0 < alpha < 1 and n_boot >= 1, got {alpha}, {n_boot}")
    value = _ratio(top.sum(axis=0), bottom.sum(axis=0)) * scale
    n_docs, n_cells = top.shape
    if n_docs <= 1 or n_cells == 0:
        return Intervals(value, value.copy(), value.copy())
    ratios = np.empty((n_boot, n_cells))
    if n_boot * n_docs <= _MAX_SHARED:
        weights = _shared_weights(seed, n_docs, n_boot)
        ratios[:] = _ratio(weights @ top, weights @ bottom)
    else:
        rng = np.random.default_rng(seed)
        chunk = max(1, _MAX_WEIGHTS // n_docs)
        for start in range(0, n_boot, chunk):
            size = min(chunk, n_boot - start)
            weights = _resample_weights(rng, n_docs, size)
            ratios[start : start + size] = _ratio(weights @ top, weights @ bottom)
    low, high = _percentiles(ratios, alpha)
    defined = np.isfinite(value)
    return Intervals(
        value, np.where(defined, low * scale, np.nan), np.where(defined, high * scale, np.nan)
    )


@functools.lru_cache(maxsize=16)
def _shared_weights(seed: int, n_docs: int, n_boot: int) -> Array:
    """The replicate weights of ``seed`` for ``n_docs`` documents, drawn once per process.

    They depend on nothing else, so every group of cells with as many documents (each
    period's concepts, each actor's families) reuses the same draw instead of redrawing it.
    """
    weights = _resample_weights(np.random.default_rng(seed), n_docs, n_boot)
    weights.flags.writeable = False
    return weights


def _resample_weights(rng: np.random.Generator, n_docs: int, size: int) -> Array:
    """How many times each document is drawn in each of ``size`` replicates.

    The draws are scipy.stats.bootstrap's (``integers(0, n, (size, n))``), so a cell gets
    the interval scipy would give it alone with the same seed; counting them turns the
    resample into weights, and one matrix product serves every cell.
    """
    drawn = rng.integers(0, n_docs, (size, n_docs))
    flat = (drawn + np.arange(size)[:, None] * n_docs).ravel()
    counts = np.bincount(flat, minlength=size * n_docs).reshape(size, n_docs)
    return counts.astype(np.float64)


def _matrices(num: npt.ArrayLike, den: npt.ArrayLike) -> tuple[Array, Array]:
    top = np.asarray(num, dtype=np.float64)
    top = top[:, None] if top.ndim == 1 else top
    bottom = np.asarray(den, dtype=np.float64)
    if bottom.ndim == 1:
        bottom = np.repeat(bottom[:, None], top.shape[1], axis=1)
    if top.ndim != 2 or bottom.shape != top.shape:
        raise ValueError(f"num and den shapes differ: {top.shape} vs {bottom.shape}")
    for name, array in (("num", top), ("den", bottom)):
        if not np.all(np.isfinite(array)) or np.any(array < 0):
            raise ValueError(f"{name} must be finite and non-negative")
    return top, bottom


def _ratio(top: Array, bottom: Array) -> Array:
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio: Array = np.where(bottom > 0, top / np.where(bottom > 0, bottom, 1.0), np.nan)
    return ratio


def _percentiles(ratios: Array, alpha: float) -> tuple[Array, Array]:
    """Percentile bounds per column over its defined replicates (nan when none is).

    The same linear interpolation as ``numpy.nanquantile``, for all columns at once
    (``nanquantile`` loops over columns in Python).
    """
    ordered = np.sort(ratios, axis=0)  # nan sorts last
    defined = (~np.isnan(ordered)).sum(axis=0)
    columns = np.arange(ordered.shape[1])
    bounds = []
    for q in (alpha / 2, 1 - alpha / 2):
        position = q * np.maximum(defined - 1, 0)
        below = np.floor(position).astype(np.int64)
        above = np.minimum(below + 1, np.maximum(defined - 1, 0))
        low, high = ordered[below, columns], ordered[above, columns]
        value = low + (high - low) * (position - below)
        bounds.append(np.where(defined > 0, value, np.nan))
    return bounds[0], bounds[1]
