"""The written-out c-TF-IDF and stop-word lists are BERTopic's and spaCy's."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from corpus_mining.topics.representation import class_tfidf, stop_words


def test_class_tfidf_is_bertopics_transformer():
    transformer = pytest.importorskip("bertopic.vectorizers").ClassTfidfTransformer
    rng = np.random.default_rng(0)
    for _ in range(30):
        counts = sparse.csr_matrix(rng.poisson(0.7, (rng.integers(1, 8), rng.integers(2, 40))))
        counts = counts[:, np.flatnonzero(counts.sum(axis=0).A1 > 0)].astype(np.float64)
        if counts.shape[1] < 2:
            continue
        expected = transformer(reduce_frequent_words=True).fit_transform(counts.copy())
        assert np.array_equal(class_tfidf(counts), expected.toarray())


def test_stop_words_are_spacys_lists_plus_the_extra_words():
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.fr.stop_words import STOP_WORDS as FR

    words = stop_words(["Année", "dr"])
    assert words == sorted({w.lower() for w in FR | EN | {"Année", "dr"}})
