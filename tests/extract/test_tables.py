"""Corpus-level extract tables from tallies: term-concept links, co-occurrence, metrics."""

from __future__ import annotations

from collections import Counter

from corpus_mining.extract.tables import corpus_tables, metrics, term_rows
from corpus_mining.extract.tallies import Tallies
from corpus_mining.nlp.extractor import DocumentResult
from corpus_mining.nlp.gazetteer import Gazetteer
from corpus_mining.nlp.lexicon import Concept, Lexicon
from corpus_mining.terms.cvalue import Candidate

LEXICON = Lexicon(
    concepts={
        "ECONOMY": Concept("ECONOMY", "f", {"en": "economy"}, {"en": ("economy",)}),
        "SSE": Concept("SSE", "f", {"en": "SSE"}, {"en": ("solidarity economy",)}),
    },
    families={"f": ("ECONOMY", "SSE")},
)


def _mention(doc_id: str, pid: str, text: str, *, in_reference: bool = False) -> dict:
    return {
        "doc_id": doc_id,
        "passage_id": pid,
        "text": text,
        "label": "ORG",
        "gazetteer_id": None,
        "in_reference": in_reference,
    }


def _result(doc_id: str, terms: list[str]) -> DocumentResult:
    pid = f"{doc_id}-0000"
    candidates = [Candidate(t, t, len(t.split()), 0, len(t)) for t in terms]
    return DocumentResult(
        doc_id=doc_id,
        mentions=[
            _mention(doc_id, pid, "Alpha Network"),
            _mention(doc_id, pid, "Beta Union"),
            _mention(doc_id, f"{doc_id}-0001", "Gamma Press", in_reference=True),
        ],
        concepts=[{"lang": "en", "passage_id": pid, "concept_id": "SSE", "in_reference": False}],
        candidates=[("en", pid, candidates)],
        passages_by_lang=Counter({"en": 2}),
    )


def _tallies() -> Tallies:
    tallies = Tallies()
    for doc_id in ("d1", "d2", "d3"):
        tallies.add(_result(doc_id, ["local solidarity economy", "public funding"]))
    return tallies


def test_tallies_count_mentions_concepts_and_passages():
    tallies = _tallies()
    assert tallies.mentions_in_references == 3
    assert tallies.passages_by_lang == {"en": 6}
    assert tallies.concepts_by_lang == {"en": 3}
    assert len(tallies.units) == 3  # reference mentions make no co-occurrence unit
    assert all(len(surfaces) == 2 for _, _, surfaces, _ in tallies.units)


def test_a_term_links_to_the_longest_concept_term_it_contains():
    rows = term_rows(_tallies(), LEXICON, min_frequency=2, max_terms=10)
    concept = {row["term"]: row["concept_id"] for row in rows}
    assert concept == {"local solidarity economy": "SSE", "public funding": None}
    assert term_rows(_tallies(), LEXICON, min_frequency=2, max_terms=1)[0]["n_words"] == 3


def test_corpus_tables_pair_actors_that_share_passages():
    tallies = _tallies()
    tables = corpus_tables(
        tallies,
        lexicon=LEXICON,
        gazetteer=Gazetteer(),
        years={"d1": 2010, "d2": 2011, "d3": 2012},
        min_term_frequency=2,
        max_terms_per_language=10,
        min_cooccurrence=2,
    )
    pairs = {(r["source_kind"], r["target_kind"], r["n_passages"]) for r in tables.cooccurrence}
    assert ("entity", "entity", 3) in pairs and ("entity", "concept", 3) in pairs
    found = metrics(tallies, tables)
    assert found["mentions"] == 9 and found["mentions_in_references"] == 3
    assert found["cooccurrence_pairs"] == len(tables.cooccurrence)
