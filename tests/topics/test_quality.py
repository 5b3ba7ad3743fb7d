import pytest

from corpus_mining.topics.quality import (
    coherence_npmi,
    coherence_npmi_by_language,
    language_shares,
    mixed_topic_share,
    nmi_topic_language,
    stability,
    topic_diversity,
)


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


def test_two_stray_passages_do_not_make_a_topic_mixed():
    # Topic 0: 18 French + 2 English (10% English): not mixed. Topic 1: 6 fr + 4 en: mixed.
    topics = [0] * 20 + [1] * 10
    langs = ["fr"] * 18 + ["en"] * 2 + ["fr"] * 6 + ["en"] * 4
    assert mixed_topic_share(topics, langs) == 0.5
    # Exactly 15% is mixed (the threshold is inclusive).
    assert mixed_topic_share([0] * 20, ["fr"] * 17 + ["en"] * 3) == 1.0


def test_mixing_leaves_out_outliers_and_is_undefined_for_one_language():
    assert mixed_topic_share([-1, -1, 0, 0], ["fr", "en", "fr", "fr"]) == 0.0
    assert mixed_topic_share([0, 1], ["fr", "fr"]) is None
    assert mixed_topic_share([], []) is None


def test_language_shares_per_topic():
    shares = language_shares([0, 0, 0, 1], ["fr", "fr", "en", "en"])
    assert shares == {
        0: {"en": pytest.approx(1 / 3, abs=1e-6), "fr": pytest.approx(2 / 3, abs=1e-6)},
        1: {"en": 1.0},
    }


def test_nmi_is_one_when_topics_are_languages_and_zero_when_independent():
    assert nmi_topic_language([0, 0, 1, 1], ["fr", "fr", "en", "en"]) == pytest.approx(1.0)
    assert nmi_topic_language([0, 1, 0, 1], ["fr", "fr", "en", "en"]) == pytest.approx(
        0.0, abs=1e-9
    )
    # Outliers are left out: here the non-outliers are split by language.
    assert nmi_topic_language([-1, -1, 0, 1], ["en", "fr", "fr", "en"]) == pytest.approx(1.0)


def test_stability_is_one_for_relabelled_partitions_and_low_for_unrelated():
    assert stability([[0, 0, 1, 1], [1, 1, 0, 0]]) == pytest.approx(1.0)
    assert stability([[0, 0, 1, 1], [0, 1, 0, 1]]) < 0.1
    assert stability([[0, 1]]) is None


def test_npmi_by_language_does_not_pair_words_across_languages():
    docs = [{"pôle", "réseau"}, {"pôle", "réseau"}, {"hub", "network"}, {"hub", "network"}]
    langs = ["fr", "fr", "en", "en"]
    terms = {(0, "fr"): ["pôle", "réseau"], (0, "en"): ["hub", "network"]}
    assert coherence_npmi_by_language(terms, docs, langs) == pytest.approx(1.0)
    # The same topic's mixed list scores -1 for its cross-language pairs.
    assert coherence_npmi({0: ["pôle", "réseau", "hub", "network"]}, docs) < 0.0
