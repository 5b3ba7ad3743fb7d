"""False discovery rate control for the tables of tests (one family of tests per table).

Every table that holds a ``p_value`` per row also holds its Benjamini–Hochberg ``q_value``:
the smallest false discovery rate at which the row's test would be declared significant.
Verdicts (``direction``, ``trend``) follow ``q_value < alpha``, so a table with many tests
does not call chance fluctuations trends.

References:
    Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery rate: a practical
    and powerful approach to multiple testing. JRSS B, 57(1), 289-300.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def bh_q_values(p_values: npt.ArrayLike) -> Array:
    """Benjamini–Hochberg adjusted p-values (q-values), in the order given.

    Missing p-values (nan) are not tests: they get nan and do not count in the number of
    tests. Rejecting every test with ``q < alpha`` keeps the expected false discovery rate
    at or below ``alpha`` for independent (or positively dependent) tests.

    Args:
        p_values: One p-value per test, each in [0, 1] or nan.

    Returns:
        The q-values, same length; ``[]`` for no test.

    Raises:
        ValueError: On a p-value outside [0, 1] or an array that is not 1-D.

    References:
        Benjamini & Hochberg (1995).
    """
    p = np.asarray(p_values, dtype=np.float64)
    if p.ndim != 1:
        raise ValueError(f"p_values must be 1-D, got shape {p.shape}")
    tested = ~np.isnan(p)
    if np.any((p[tested] < 0) | (p[tested] > 1)):
        raise ValueError("p-values must lie in [0, 1]")
    q = np.full(p.shape, np.nan)
    if tested.any():
        q[tested] = _step_up(p[tested])
    return q


def _step_up(p: Array) -> Array:
    """``scipy.stats.false_discovery_control(p, method="bh")``, same operations.

    Written out because importing scipy.stats costs a second in a stage that needs only
    this step-up: sort, scale the i-th smallest by m / i, running minimum from the top.
    """
    if p.size <= 1:
        return p.copy()
    order = np.argsort(p)
    ranked = p[order] * (p.size / np.arange(1, p.size + 1, dtype=np.float64))
    ranked = np.minimum.accumulate(ranked[::-1])[::-1]
    q = np.empty_like(ranked)
    q[order] = ranked
    return np.asarray(np.clip(q, 0.0, 1.0), dtype=np.float64)


def add_q_values(
    rows: Sequence[dict[str, Any]],
    *,
    alpha: float,
    verdict: str | None = None,
    null: str = "flat",
    test_key: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """Rows with ``q_value`` (6 significant digits) and their verdict set by it.

    Args:
        rows: Rows with a ``p_value`` (None or nan: no test).
        alpha: False discovery rate; rows with ``q_value >= alpha`` get ``null`` as verdict.
        verdict: Key of the row's verdict (e.g. ``"direction"``), or None to leave it.
        null: The verdict of a non-significant test.
        test_key: Keys that name one test when a table repeats it over rows (e.g. an
            actor's trend on each of its period rows): each test counts once.

    Returns:
        New row dicts, in the same order.
    """
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be in (0, 1), got {alpha}")
    tests: dict[Hashable, float] = {}
    for i, row in enumerate(rows):
        key = tuple(row[k] for k in test_key) if test_key else i
        tests.setdefault(key, _p(row))
    q_of = dict(zip(tests, bh_q_values(list(tests.values())), strict=True))
    result = []
    for i, row in enumerate(rows):
        q = float(q_of[tuple(row[k] for k in test_key) if test_key else i])
        new = {**row, "q_value": _significant(q)}
        if verdict is not None and not q < alpha:
            new[verdict] = null
        result.append(new)
    return result


def _p(row: Mapping[str, Any]) -> float:
    value = row.get("p_value")
    return math.nan if value is None else float(value)


def _significant(value: float) -> float | None:
    """Six significant digits (as the p-values); None for a missing value."""
    return None if not math.isfinite(value) else float(f"{value:.6g}")
