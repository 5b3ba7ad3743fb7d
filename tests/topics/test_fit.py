"""Fitting on a bounded sample, choosing the number of topics, guided seeds (small data we make)."""

from __future__ import annotations

import numpy as np
import pytest

from corpus_mining.topics.fit import ClusterSettings, fit_topics, stratified_sample
from corpus_mining.topics.granularity import choose_topic_count, topic_range
from corpus_mining.topics.guided import guide
from corpus_mining.topics.model import plan_model
from corpus_mining.topics.representation import (
    is_substantive,
    label_terms,
    make_vectorizer,
    top_terms_by_language,
    topic_label,
)

WORDS = {
    0: "pôle compétitivité cluster industrie recherche laboratoire",
    1: "tiers lieu coworking fablab atelier village",
    2: "coopérative économie sociale solidaire mutuelle association",
}


def _blobs(n_per: int, *, seed: int = 0) -> tuple[np.ndarray, list[str], list[str], list[int]]:
    """Three well separated themes, each written in two languages."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(3, 32))
    vectors, docs, langs, themes = [], [], [], []
    for theme in range(3):
        for i in range(n_per):
            vectors.append(centres[theme] + 0.15 * rng.normal(size=32))
            docs.append(WORDS[theme])
            langs.append("fr" if i % 3 else "en")
            themes.append(theme)
    matrix = np.asarray(vectors, dtype=np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True), docs, langs, themes


def _settings(**changes: object) -> ClusterSettings:
    values: dict[str, object] = dict(
        n_clusters="auto", min_topics=2, max_topics=10, min_topic_size=10, max_fit=100, seed=1,
        top_n_words=5, outlier_strategy="none", outlier_threshold=0.0,
    )  # fmt: skip
    values.update(changes)
    return ClusterSettings(**values)  # type: ignore[arg-type]


def _fit(vectors, docs, langs, **changes):
    from sklearn.feature_extraction.text import CountVectorizer

    plan = plan_model(len(docs), reducer="pca", clusterer="kmeans", n_neighbors=15,
                      n_components=5, min_cluster_size=10)  # fmt: skip
    return fit_topics(docs, vectors, strata=langs, plan=plan, settings=_settings(**changes),
                      vectorizer=lambda n: CountVectorizer())  # fmt: skip


def test_topic_range_grows_with_the_corpus_and_never_exceeds_its_bounds():
    assert topic_range(40, min_topics=5, max_topics=40, min_topic_size=10) == (4, 4)
    assert topic_range(368, min_topics=5, max_topics=40, min_topic_size=10) == (5, 14)
    assert topic_range(200_000, min_topics=5, max_topics=40, min_topic_size=10) == (5, 40)
    assert topic_range(3, min_topics=5, max_topics=40, min_topic_size=10) == (1, 1)


def test_silhouette_finds_the_planted_number_of_themes():
    vectors, *_ = _blobs(40)
    count = choose_topic_count(vectors, min_topics=2, max_topics=8, min_topic_size=5, seed=0)
    assert count.k == 3 and count.method == "kmeans-silhouette"
    assert set(count.scores) == set(range(2, 9))
    assert count.as_metrics()["scores"][0] == [2, count.scores[2]]


def test_stratified_sample_keeps_language_shares_and_is_seeded():
    strata = ["fr"] * 700 + ["en"] * 300
    sample = stratified_sample(strata, 100, seed=5)
    assert len(sample) == 100 and sample == sorted(sample)
    assert sum(strata[i] == "en" for i in sample) == 30
    assert sample == stratified_sample(strata, 100, seed=5)
    assert sample != stratified_sample(strata, 100, seed=6)
    assert stratified_sample(strata[:50], 100, seed=5) == list(range(50))


def test_units_outside_the_fitting_sample_are_assigned_deterministically():
    vectors, docs, langs, themes = _blobs(100)  # 300 units, 100 fitted
    first = _fit(vectors, docs, langs)
    again = _fit(vectors, docs, langs)
    assert len(first.fitted) == 100 and len(first.topics) == 300
    assert first.topics == again.topics and first.count.k == 3
    rest = [i for i in range(300) if i not in set(first.fitted)]
    # Assigned units land in the topic of the fitted units of their theme.
    by_theme = {themes[i]: first.topics[i] for i in first.fitted}
    assert all(first.topics[i] == by_theme[themes[i]] for i in rest)


def test_a_fixed_number_of_topics_is_recorded_as_a_param():
    vectors, docs, langs, _ = _blobs(30)
    fit = _fit(vectors, docs, langs, n_clusters=4)
    assert fit.count.method == "param" and len(set(fit.topics)) == 4


def test_guide_labels_units_near_a_seed_and_pulls_them_towards_it():
    units = np.array([[1.0, 0.0], [0.0, 1.0], [0.7, 0.7]], dtype=np.float32)
    seeds = np.array([[1.0, 0.0]], dtype=np.float32)
    labels, nudged = guide(units, seeds)
    assert labels.tolist() == [0, -1, -1]
    assert np.allclose(nudged[0], [1.0, 0.0]) and np.array_equal(nudged[1], units[1])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le réseau régional accompagne les tiers-lieux ruraux depuis sa création en 2015, avec une équipe de quatre personnes.",
            True,
        ),
        (
            "The hub supports rural third places with a small team and a yearly call for projects; members meet monthly.",
            True,
        ),
        (
            "Mots-clés : cluster, pôle de compétitivité, écosystème, réseau, tiers-lieu, coopération, territoire, innovation, ESS",
            False,
        ),
        (
            "Keywords: cluster policy; innovation hubs; regional networks; third places; social economy; cooperation; territory",
            False,
        ),
        (
            "Building Social Economy Ecosystems In European Regions And Cities Across The Union Today",
            False,
        ),
        ("Par Jeanne Martin, chargée de mission", False),
    ],
)
def test_representative_passages_are_running_prose(text, expected):
    assert is_substantive(text, min_words=15) is expected


def test_labels_prefer_over_represented_terms_and_phrases():
    scored = [("ensemble", 1.0), ("financement", 1.1), ("tiers lieu", 3.2), ("atelier", 2.5)]
    assert label_terms(scored) == ["tiers lieu", "atelier"]
    assert label_terms([("social", 1.1), ("economy", 1.2)]) == ["social", "economy"]
    assert topic_label(["hub", "transition écologique", "écosystème", "transition"]) == (
        "hub · transition écologique · écosystème"
    )


def test_term_lift_reads_counts_in_each_topic_against_the_language():
    texts = ["atelier atelier atelier coopérative"] * 2 + ["atelier banque"] * 2
    vectorizer = make_vectorizer(min_df=1, ngram_max=1, extra_stop_words=[], n_docs=len(texts))
    terms = top_terms_by_language(
        texts, [0, 0, 1, 1], ["fr"] * 4, vectorizer, top_n=5, min_support=1
    )
    # Topic 0 holds 6 "atelier" and 2 "coopérative" of its 8 words; the language holds
    # 8 "atelier", 2 "coopérative" and 2 "banque" in 12 words.
    assert dict(terms[(0, "fr")]) == {
        "coopérative": pytest.approx((2 / 8) / (2 / 12)),
        "atelier": pytest.approx((6 / 8) / (8 / 12)),
    }
    assert dict(terms[(1, "fr")]) == {
        "banque": pytest.approx((2 / 4) / (2 / 12)),
        "atelier": pytest.approx((2 / 4) / (8 / 12)),
    }
