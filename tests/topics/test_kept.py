"""The kept fit's language means, read back alone for the evolution stage's lineages."""

from __future__ import annotations

import numpy as np

from corpus_mining.topics.kept import kept_language_means, kept_model, save_kept


def _save(folder, *, means):
    vectors = np.eye(4, dtype=np.float32)[:3]
    kept = kept_model(
        "v1",
        "key",
        "emb-1",
        {"u1": "k1", "u2": "k2", "u3": "k3"},
        topics=[0, 0, 1],
        scores=[1.0, 1.0, 1.0],
        embeddings=vectors,
        metrics={},
        language_means=means,
    )
    save_kept(folder, kept, outputs={})


def test_the_means_a_fit_was_centred_on_are_read_back_for_its_embedder_only(tmp_path):
    fr, en = np.array([1, 2, 3, 4], np.float32), np.array([4, 3, 2, 1], np.float32)
    _save(tmp_path, means={"fr": fr, "en": en})
    read = kept_language_means(tmp_path, "emb-1")
    assert read is not None and sorted(read) == ["en", "fr"]
    np.testing.assert_array_equal(read["fr"], fr)
    np.testing.assert_array_equal(read["en"], en)
    assert kept_language_means(tmp_path, "emb-2") is None  # vectors of another embedder


def test_no_means_without_a_centred_fit_or_without_a_fit(tmp_path):
    _save(tmp_path / "plain", means=None)
    assert kept_language_means(tmp_path / "plain", "emb-1") is None
    assert kept_language_means(tmp_path / "none", "emb-1") is None
