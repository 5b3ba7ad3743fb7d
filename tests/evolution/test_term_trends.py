"""Per-term trend tests: lexicon surface forms and C-value terms, with q-values."""

from __future__ import annotations

import pandas as pd

from corpus_mining.evolution.partials import TermCounts
from corpus_mining.evolution.term_trends import (
    cvalue_term_counts,
    lexicon_form_counts,
    term_tests,
    top_cvalue_terms,
)

YEARS = list(range(2005, 2021))
DOCS = pd.DataFrame(
    {
        "doc_id": [f"d{y}{lang}" for y in YEARS for lang in ("en", "fr")],
        "year": [y for y in YEARS for _ in range(2)],
        "n_words": 1000,
        "lang": [lang for _ in YEARS for lang in ("en", "fr")],
    }
)


def _passages() -> pd.DataFrame:
    """English documents: 'innovation hubs' more every year, 'Cluster Policy' less; French:
    'tiers-lieux' more every year. The French text also says 'innovation hubs' once."""
    rows = []
    for i, year in enumerate(YEARS):
        hubs = " ".join(["Innovation hubs grow."] * (i // 2))
        clusters = " ".join(["The cluster policy ends."] * ((15 - i) // 2))
        rows.append((f"d{year}en", "en", f"{hubs} {clusters} Nothing else."))
        tiers = " ".join(["Les tiers-lieux et les Tiers-Lieux ruraux."] * (i // 3))
        rows.append((f"d{year}fr", "fr", f"{tiers} Des innovation hubs. Des hubs."))
    return pd.DataFrame(rows, columns=["doc_id", "lang", "text"])


TERMS = pd.DataFrame(
    {
        "term": ["innovation hubs", "cluster policy", "rare term", "tiers-lieux", "lieu"],
        "lang": ["en", "en", "en", "fr", "fr"],
        "cvalue": [9.0, 8.0, 1.0, 5.0, 5.0],
        "frequency": [20, 20, 2, 10, 3],
        "concept_id": ["HUB", "CLUSTER", None, "THIRD_PLACE", None],
    }
)


def test_top_terms_per_language_by_cvalue_then_frequency():
    top = top_cvalue_terms(TERMS, top=2)
    assert list(zip(top["lang"], top["term"], strict=True)) == [
        ("en", "innovation hubs"),
        ("en", "cluster policy"),
        ("fr", "tiers-lieux"),  # same C-value as "lieu", more frequent
        ("fr", "lieu"),
    ]
    assert top_cvalue_terms(TERMS, top=0).empty


def test_terms_are_counted_as_whole_words_in_their_language_ignoring_case():
    counts = cvalue_term_counts(top_cvalue_terms(TERMS, top=2), _passages())
    by = counts.groupby(["term", "lang"])["n"].sum()
    assert by["innovation hubs", "en"] == sum(i // 2 for i in range(16))  # not the French ones
    assert by["tiers-lieux", "fr"] == 2 * sum(i // 3 for i in range(16))  # both casings
    assert ("lieu", "fr") not in by.index  # "lieux" / "tiers-lieux" are other words
    assert set(counts["concept"]) == {"HUB", "CLUSTER", "THIRD_PLACE"}
    assert (counts["n"] > 0).all()


def test_each_term_gets_a_trend_and_a_q_value():
    counts = cvalue_term_counts(top_cvalue_terms(TERMS, top=3), _passages())
    lexicon = pd.DataFrame(
        [(f"d{y}en", "HUB", term, n) for y in YEARS for term, n in (("*", 2), ("hubs", 2))],
        columns=["doc_id", "concept_id", "term", "n"],
    )
    forms = lexicon_form_counts(lexicon, min_occurrences=5)
    assert set(forms["term"]) == {"hubs"} and set(forms["lang"]) == {"all"}
    rows = pd.DataFrame(term_tests(DOCS, pd.concat([counts, forms]), alpha=0.05))
    rows = rows.set_index(["source", "term"])
    assert rows.loc[("cvalue", "innovation hubs"), "direction"] == "rising"
    assert rows.loc[("cvalue", "cluster policy"), "direction"] == "falling"
    assert rows.loc[("cvalue", "tiers-lieux"), "direction"] == "rising"
    assert rows.loc[("cvalue", "innovation hubs"), "n_docs"] == len(YEARS)  # English only
    flat = rows.loc[("lexicon", "hubs")]  # two per document every year: no trend
    assert flat["direction"] == "flat" and flat["n_docs"] == len(DOCS)
    assert (rows["q_value"] >= rows["p_value"]).all()
    assert list(rows.index) == sorted(rows.index, key=lambda k: k[0])  # cvalue, then lexicon
    assert lexicon_form_counts(lexicon, min_occurrences=100).empty


def test_counts_with_a_warm_cache_after_adding_documents_equal_a_cold_run(tmp_path):
    """Incremental = cold: partials cached for an earlier corpus are summed as if fresh."""
    passages = _passages()
    earlier = passages[~passages["doc_id"].isin(["d2020en", "d2020fr", "d2019en"])]
    terms = top_cvalue_terms(TERMS, top=3)
    warm = TermCounts(tmp_path)
    cvalue_term_counts(top_cvalue_terms(TERMS, top=2), earlier, counter=warm)
    computed = warm.cache.stats.misses if warm.cache else 0
    incremental = cvalue_term_counts(terms, passages, counter=TermCounts(tmp_path))
    cold = cvalue_term_counts(terms, passages)
    pd.testing.assert_frame_equal(incremental, cold)
    assert computed > 0  # one entry per distinct text (identical texts share it)
    rerun = TermCounts(tmp_path)
    assert cvalue_term_counts(terms, passages, counter=rerun).equals(cold)
    assert rerun.cache is not None and rerun.cache.stats.misses == 0


def test_a_cached_count_is_never_served_for_another_text(tmp_path):
    counter = TermCounts(tmp_path)
    assert counter.counts("innovation hubs and hubs", ["hubs"]) == {"hubs": 2}
    assert TermCounts(tmp_path).counts("innovation hubs", ["hubs", "innovation"]) == {
        "hubs": 1,
        "innovation": 1,
    }
