import pytest

from corpus_mining.topics.quality import coherence_npmi, language_mixing, topic_diversity


def test_npmi_high_for_terms_that_always_co_occur_low_for_disjoint():
    docs = [{"hub", "réseau"}, {"hub", "réseau"}, {"cluster", "pôle"}, {"cluster", "pôle"}]
    together = coherence_npmi({0: ["hub", "réseau"]}, docs)
    apart = coherence_npmi({0: ["hub", "pôle"]}, docs)
    assert together == pytest.approx(1.0)
    assert apart == -1.0


def test_npmi_ignores_multiword_and_unknown_terms_and_empty_input():
    assert coherence_npmi({0: ["tiers lieu", "absent"]}, [{"hub"}]) == 0.0
    assert coherence_npmi({0: ["hub"]}, []) == 0.0


def test_diversity_counts_shared_terms():
    assert topic_diversity({0: ["a", "b"], 1: ["c", "d"]}) == 1.0
    assert topic_diversity({0: ["a", "b"], 1: ["a", "b"]}) == 0.5
    assert topic_diversity({}) == 0.0


def test_language_mixing_ignores_outliers():
    assert language_mixing({-1: {"fr", "en"}, 0: {"fr", "en"}, 1: {"fr"}}) == 0.5
    assert language_mixing({}) == 0.0
