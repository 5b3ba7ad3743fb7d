"""Benjamini–Hochberg q-values: hand-checked values, and the false discovery rate on
simulated nulls (seeded), for plain p-values and for the stage's own trend tests."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from corpus_mining.evolution.multiple_testing import add_q_values, bh_q_values
from corpus_mining.evolution.trajectories import concept_tests

ALPHA = 0.05


def test_q_values_by_hand_and_missing_p_values_are_not_tests():
    # sorted p: 0.01, 0.02, 0.03, 0.5 -> p * m / rank = 0.04, 0.04, 0.04, 0.5
    q = bh_q_values([0.03, np.nan, 0.5, 0.01, 0.02])
    assert np.isnan(q[1])
    assert q[[0, 2, 3, 4]] == pytest.approx([0.04, 0.5, 0.04, 0.04])
    assert bh_q_values([]).size == 0
    # q is monotone in p and never below it
    p = np.random.default_rng(3).random(50)
    q = bh_q_values(p)
    assert np.all(q >= p) and np.all(np.diff(q[np.argsort(p)]) >= -1e-15)
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        bh_q_values([0.2, 1.5])


def test_add_q_values_sets_verdicts_and_counts_a_repeated_test_once():
    rows = [
        {"actor": "a", "period": "p1", "p_value": 0.01, "trend": "rising"},
        {"actor": "a", "period": "p2", "p_value": 0.01, "trend": "rising"},
        {"actor": "b", "period": "p1", "p_value": 0.04, "trend": "fading"},
        {"actor": "c", "period": "p1", "p_value": None, "trend": "flat"},
    ]
    out = add_q_values(rows, alpha=ALPHA, verdict="trend", test_key=("actor",))
    # two tests (a, b); c has none: q(a) = 0.01 * 2 / 1 = 0.02, q(b) = 0.04
    assert [r["q_value"] for r in out] == [0.02, 0.02, 0.04, None]
    assert [r["trend"] for r in out] == ["rising", "rising", "fading", "flat"]
    strict = add_q_values(rows, alpha=0.03, verdict="trend", test_key=("actor",))
    assert [r["trend"] for r in strict] == ["rising", "rising", "flat", "flat"]
    assert rows[2]["trend"] == "fading" and "q_value" not in rows[0]  # inputs untouched


def test_false_discovery_rate_on_simulated_z_tests_is_at_most_alpha():
    rng = np.random.default_rng(20260101)
    m, m0, replicates = 200, 160, 600
    null = np.arange(m) < m0
    fdp, power, naive = [], [], []
    for _ in range(replicates):
        z = rng.normal(size=m) + np.where(null, 0.0, 3.0)
        p = 2 * norm.sf(np.abs(z))
        found = bh_q_values(p) < ALPHA
        fdp.append(float((found & null).sum() / max(1, found.sum())))
        power.append(float(found[~null].mean()))
        naive.append(float((p[null] < ALPHA).sum() / max(1, (p < ALPHA).sum())))
    se = np.std(fdp) / math.sqrt(replicates)
    # BH's FDR is m0/m * alpha = 0.04 here; the bound holds with Monte Carlo error
    assert np.mean(fdp) <= ALPHA * m0 / m + 3 * se
    assert np.mean(power) > 0.5  # the correction keeps real effects
    assert np.mean(naive) > 2 * ALPHA  # without it, false discoveries pile up


def test_trend_tests_on_null_corpora_call_few_concepts_trends():
    """Concepts with no trend: after BH, a corpus shows any trend in at most ~alpha runs."""
    rng = np.random.default_rng(7)
    n_docs, n_concepts, replicates = 30, 12, 50
    years = np.repeat(np.arange(2005, 2020), 2)
    docs = pd.DataFrame(
        {"doc_id": [f"d{i:02d}" for i in range(n_docs)], "year": years, "n_words": 2000}
    )
    concepts = [f"C{j:02d}" for j in range(n_concepts)]
    any_corrected, any_naive = 0, 0
    for _ in range(replicates):
        n = rng.poisson(3.0, size=(n_docs, n_concepts))
        wide = pd.DataFrame(n, columns=concepts).assign(doc_id=docs["doc_id"])
        counts = wide.melt(id_vars="doc_id", var_name="concept_id", value_name="n")
        counts = counts.assign(term="*")
        rows = concept_tests(docs, counts, concepts, alpha=ALPHA)
        any_naive += any(r["direction"] != "flat" for r in rows)
        corrected = add_q_values(rows, alpha=ALPHA, verdict="direction")
        any_corrected += any(r["direction"] != "flat" for r in corrected)
    # complete null: FDR = P(any discovery) <= alpha (+ 2 s.e. of the runs)
    assert any_corrected / replicates <= ALPHA + 2 * math.sqrt(ALPHA * (1 - ALPHA) / replicates)
    assert any_naive / replicates > 0.25  # 1 - 0.95**12 = 0.46 expected without BH


def test_q_values_are_scipys_false_discovery_control():
    from scipy.stats import false_discovery_control

    rng = np.random.default_rng(0)
    for m in (2, 3, 10, 250):
        p = rng.random(m) ** 3
        p[::7] = p[0]  # ties
        assert np.array_equal(bh_q_values(p), false_discovery_control(p, method="bh"))
