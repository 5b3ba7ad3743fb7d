"""Poisson log-rate slopes of many count columns over one design, fitted together.

Each column is the model ``log E[y] = a + b * time + offset`` fitted by the IRLS steps of
statsmodels' ``GLM(..., family=Poisson()).fit()``: start at ``mu = (y + mean(y)) / 2``,
solve a weighted least-squares step, stop when the deviance moves by at most ``tol``,
and report a fit as failed on perfect prediction or when it does not converge. The steps
are run for every column at once (each column stops on its own), because a stage that
tests hundreds of terms over the same documents otherwise spends its time building
hundreds of statsmodels objects; the tests hold the results to statsmodels'.

References:
    McCullagh, P., & Nelder, J. A. (1989). Generalized Linear Models (2nd ed.), section
    2.5 (IRLS) and ch. 9 (quasi-likelihood dispersion).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]

_FLOAT_EPS = np.finfo(float).eps


@dataclass(frozen=True)
class Slopes:
    """Per column: the slope, its quasi-Poisson standard error, and whether the fit held."""

    slope: Array
    se: Array
    fitted: npt.NDArray[np.bool_]


def poisson_slopes(
    times: Array, counts: Array, offset: Array, *, max_iter: int = 50, tol: float = 1e-8
) -> Slopes:
    """Fit every column of ``counts`` (documents x columns) on centred ``times``.

    The standard error is scaled by the Pearson dispersion ``chi² / (n - 2)`` floored at 1,
    so overdispersed counts widen it and underdispersed ones never narrow it.

    Args:
        times: One time per document.
        counts: Counts, documents x columns.
        offset: ``log`` of each document's exposure (its words).
        max_iter: IRLS iterations before a column counts as not converged.
        tol: Largest change of the deviance at convergence.

    Returns:
        The :class:`Slopes`; a column whose fit failed has ``fitted`` False.
    """
    x = (times - times.mean())[:, None]
    y = np.asarray(counts, dtype=np.float64)
    mu = (y + y.mean(axis=0)) / 2
    eta = np.log(mu)
    deviance = _deviance(y, mu)
    slope, var_slope = np.full(y.shape[1], np.nan), np.full(y.shape[1], np.nan)
    active, fitted = np.ones(y.shape[1], dtype=bool), np.zeros(y.shape[1], dtype=bool)
    with np.errstate(all="ignore"):
        for _ in range(max_iter):
            cols = np.flatnonzero(active)
            if cols.size == 0:
                break
            m = mu[:, cols]
            weight = 1.0 / ((1.0 / m) ** 2 * m)  # 1 / (link'(mu)² var(mu))
            z = eta[:, cols] + (1.0 / m) * (y[:, cols] - m) - offset[:, None]
            s0, s1, s2 = weight.sum(axis=0), (weight * x).sum(axis=0), (weight * x**2).sum(axis=0)
            b0, b1 = (weight * z).sum(axis=0), (weight * x * z).sum(axis=0)
            det = s0 * s2 - s1 * s1
            a, b = (s2 * b0 - s1 * b1) / det, (s0 * b1 - s1 * b0) / det
            eta[:, cols] = a + b * x + offset[:, None]
            mu[:, cols] = np.exp(eta[:, cols])
            new = _deviance(y[:, cols], mu[:, cols])
            perfect = np.all(np.abs(mu[:, cols] - y[:, cols]) <= 1e-8, axis=0)
            broken = ~(np.isfinite(new) & np.isfinite(b) & np.isfinite(det))
            done = np.abs(new - deviance[cols]) <= tol
            slope[cols], var_slope[cols], deviance[cols] = b, s0 / det, new
            fitted[cols] = done & ~perfect & ~broken
            active[cols] = ~(done | perfect | broken)
        chi2 = np.sum((y - mu) ** 2 / mu, axis=0)
        dispersion = np.maximum(1.0, chi2 / (y.shape[0] - 2))
        se = np.sqrt(var_slope) * np.sqrt(dispersion)
    fitted &= np.isfinite(slope) & np.isfinite(se)
    return Slopes(slope, se, fitted)


def _deviance(y: Array, mu: Array) -> Array:
    """Poisson deviance of each column (statsmodels' clipped form: 0 log 0 is 0)."""
    ratio = np.clip(y / mu, _FLOAT_EPS, np.inf)
    return np.asarray(2 * np.sum(y * np.log(ratio) - (y - mu), axis=0), dtype=np.float64)
