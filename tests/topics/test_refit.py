"""Refit or assign with the kept fit: drift, the decision, nearest-centroid assignment."""

from __future__ import annotations

import numpy as np
import pytest

from corpus_mining.topics.refit import (
    KeptFit,
    assign_nearest,
    carry_over,
    decide,
    measure_drift,
    model_version,
    params_key,
)

KEPT = {"a": "ka", "b": "kb", "c": "kc", "d": "kd"}


def test_drift_counts_new_removed_and_edited_units_over_the_kept_ones():
    drift = measure_drift(KEPT, ["a", "b", "c", "e", "f"], ["ka", "kb", "other", "ke", "kf"])
    assert (drift.kept, drift.new, drift.removed, drift.edited) == (4, 2, 1, 1)
    assert drift.share == 1.0
    assert measure_drift(KEPT, list(KEPT), list(KEPT.values())).share == 0.0


def _decide(kept, **changes):
    args = {
        "mode": "on_drift",
        "force": False,
        "key": "k1",
        "embedder_id": "emb",
        "ids": ["a", "b", "c", "d", "e"],
        "keys": ["ka", "kb", "kc", "kd", "ke"],
        "threshold": 0.3,
    }
    return decide(kept, **{**args, **changes})


@pytest.mark.parametrize(
    ("kept", "changes", "path", "reason"),
    [
        (KeptFit("k1", "emb", KEPT), {}, "assigned", "under 0.3"),
        (KeptFit("k1", "emb", KEPT), {"mode": "always"}, "refit", "always"),
        (None, {}, "refit", "no kept model"),
        (KeptFit("k1", "emb", KEPT), {"force": True}, "refit", "--refit"),
        (KeptFit("k0", "emb", KEPT), {}, "refit", "params"),
        (KeptFit("k1", "other", KEPT), {}, "refit", "embedder"),
        (KeptFit("k1", "emb", KEPT), {"threshold": 0.25}, "refit", "reaches 0.25"),
    ],
)
def test_decision(kept, changes, path, reason):
    decision = _decide(kept, **changes)
    assert decision.path == path and reason in decision.reason
    # one new unit out of four kept: the share that decided is recorded whenever measured
    assert decision.drift is None or decision.drift.share == 0.25


def test_params_key_ignores_speed_and_refit_settings_but_not_the_model_or_inputs():
    base = {"seed": 42, "min_df": 2, "threads": 1, "workers": 1, "refit": "always"}
    key = params_key(base, languages=["fr", "en"], inputs=[b"labels"])
    same = {**base, "threads": 4, "workers": 2, "refit": "on_drift", "drift_share": 0.5}
    assert params_key(same, languages=["fr", "en"], inputs=[b"labels"]) == key
    assert params_key({**base, "min_df": 3}, languages=["fr", "en"], inputs=[b"labels"]) != key
    assert params_key(base, languages=["fr", "en"], inputs=[b"other labels"]) != key
    assert params_key(base, languages=["fr"], inputs=[b"labels"]) != key


def test_model_version_is_a_function_of_the_units_not_their_order():
    version = model_version("k", "emb", ["a", "b"], ["ka", "kb"])
    assert model_version("k", "emb", ["b", "a"], ["kb", "ka"]) == version
    assert model_version("k", "emb", ["a", "b"], ["ka", "edited"]) != version


def test_nearest_centroid_by_cosine_with_ties_to_the_first_centroid():
    centroids = np.array([[1, 0], [0, 1]], dtype=np.float32)
    points = np.array([[0.6, 0.8], [1, 0], [-1, 0], [0.7071, 0.7071]], dtype=np.float32)
    topics, scores = assign_nearest(points, [5, 7], centroids)
    assert topics == [7, 5, 7, 5]
    assert scores.tolist() == [0.8, 1.0, 0.0, 0.7071]  # clipped at 0, rounded
    assert assign_nearest(points[:0], [5, 7], centroids)[0] == []


def test_carry_over_keeps_unchanged_units_and_assigns_new_and_edited_ones():
    kept = {"a": ("ka", 3, 0.5), "b": ("kb", 3, 0.4), "gone": ("kg", 5, 0.9)}
    centroids = np.array([[1, 0], [0, 1]], dtype=np.float32)
    embeddings = np.array([[0, 1], [0, 1], [0, 1]], dtype=np.float32)
    topics, scores, assigned = carry_over(
        kept, ["a", "b", "new"], ["ka", "edited", "kn"], embeddings,
        topic_ids=[3, 5], centroids=centroids,
    )  # fmt: skip
    assert topics == [3, 5, 5] and scores.tolist() == [0.5, 1.0, 1.0] and assigned == 2
