"""Language-mean centring (topics/centering.py) on vectors we build: theme + language offset."""

from __future__ import annotations

import numpy as np
import pytest

from corpus_mining.topics.centering import (
    center,
    center_neutral,
    centred,
    language_means,
    preparation_record,
)


def _unit(rows):
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def _vectors(per_cell=40, seed=0):
    """Two themes x two languages: a theme direction, a strong language offset, noise."""
    rng = np.random.default_rng(seed)
    themes, offsets = np.eye(16)[:2], 3 * np.eye(16)[2:4]
    rows, langs, labels = [], [], []
    for t in range(2):
        for lang, offset in zip(("fr", "en"), offsets, strict=True):
            rows.append(themes[t] + offset + 0.2 * rng.standard_normal((per_cell, 16)))
            langs += [lang] * per_cell
            labels += [t] * per_cell
    return _unit(np.vstack(rows)), langs, np.array(labels)


def _nearest_other(vectors):
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, -np.inf)
    return np.argmax(similarity, axis=1)


def test_centring_makes_neighbours_share_a_theme_across_languages():
    vectors, langs, themes = _vectors()
    langs_arr = np.array(langs)
    # Before: every nearest neighbour is of the same language, half of other themes.
    before = _nearest_other(vectors)
    assert (langs_arr[before] == langs_arr).all()
    after_vectors, means = centred(vectors, langs, enabled=True)
    assert sorted(means) == ["en", "fr"]
    # After: the theme decides; the language of a unit's 10 nearest is mixed.
    after = _nearest_other(after_vectors)
    assert (themes[after] == themes).mean() > 0.95
    top10 = np.argsort(-(after_vectors @ after_vectors.T), axis=1)[:, 1:11]
    assert (langs_arr[top10] != langs_arr[:, None]).mean() > 0.3
    np.testing.assert_allclose(np.linalg.norm(after_vectors, axis=1), 1.0, rtol=1e-5)


def test_means_are_per_language_and_skip_languages_with_few_units():
    vectors, langs, _ = _vectors(per_cell=20)
    langs = [*langs, "de", "de"]
    vectors = np.vstack([vectors, _unit(np.ones((2, 16)))])
    means = language_means(vectors, langs, min_units=30)
    assert sorted(means) == ["en", "fr"]
    fr = np.array(langs) == "fr"
    np.testing.assert_allclose(means["fr"], vectors[fr].mean(axis=0), rtol=1e-5, atol=1e-6)
    out = center(vectors, langs, means)
    np.testing.assert_array_equal(out[-2:], vectors[-2:])  # German: too few, unchanged
    assert not np.shares_memory(out, vectors)


def test_centring_is_deterministic_and_a_units_vector_depends_only_on_the_means():
    vectors, langs, _ = _vectors(seed=3)
    first, means = centred(vectors, langs, enabled=True)
    again, _ = centred(vectors.copy(), list(langs), enabled=True)
    assert first.tobytes() == again.tobytes()
    # The kept means centre a unit alone exactly as in the whole corpus (on_drift assigns).
    alone = center(vectors[5:6], langs[5:6], means)
    np.testing.assert_array_equal(alone[0], first[5])
    # In place: the same bits, written over the input.
    target = vectors.copy()
    assert center(target, langs, means, inplace=True) is target
    assert target.tobytes() == first.tobytes()


def test_disabled_or_empty_input_leaves_vectors_and_zero_rows_stay_zero():
    vectors, langs, _ = _vectors()
    same, means = centred(vectors, langs, enabled=False)
    assert same is vectors and means is None
    empty = language_means(np.zeros((0, 4), dtype=np.float32), [])
    assert empty == {}
    mean = {"fr": np.array([1, 0, 0], dtype=np.float32)}
    out = center(np.array([[1, 0, 0], [0, 1, 0]], dtype=np.float32), ["fr", "fr"], mean)
    np.testing.assert_array_equal(out[0], 0.0)
    np.testing.assert_allclose(out[1], [-np.sqrt(0.5), np.sqrt(0.5), 0], rtol=1e-6)


def test_neutral_vectors_are_centred_on_the_average_of_the_language_means():
    means = {"fr": np.array([1, 0, 0], dtype=np.float32), "en": np.array([0, 1, 0], np.float32)}
    out = center_neutral(np.array([[0.5, 0.5, 1.0]], dtype=np.float32), means)
    np.testing.assert_allclose(out, [[0, 0, 1]], atol=1e-7)
    assert center_neutral(out, {}) is not None


@pytest.mark.parametrize("means", [None, {"fr": np.zeros(2, np.float32)}])
def test_preparation_record_says_how_vectors_were_prepared(means):
    record = preparation_record(["fr", "fr", "en"], means)
    if means is None:
        assert record == {"center_languages": False}
    else:
        assert record["center_languages"] is True
        assert record["centred"] == {"fr": 2} and record["uncentred"] == {"en": 1}
        assert record["min_units"] == 30
