"""The extract tables that need the whole corpus: entities, acronyms, terms, co-occurrence.

Built from ``Tallies`` once every document is counted; ``metrics`` summarises them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from corpus_mining.extract.tallies import Tallies
from corpus_mining.nlp.cooccurrence import Node, cooccurrence_rows
from corpus_mining.nlp.gazetteer import Gazetteer
from corpus_mining.nlp.lexicon import Lexicon
from corpus_mining.nlp.resolve import Surface, resolve_entities
from corpus_mining.textfold import fold

Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class CorpusTables:
    """Every corpus-level table, and each mention surface's ``(entity_id, label)``."""

    entities: Rows
    assigned: dict[Surface, tuple[str, str]]
    acronyms: Rows
    terms: Rows
    cooccurrence: Rows


def corpus_tables(
    tallies: Tallies,
    *,
    lexicon: Lexicon,
    gazetteer: Gazetteer,
    years: dict[str, int | None],
    min_term_frequency: int,
    max_terms_per_language: int,
    min_cooccurrence: int,
) -> CorpusTables:
    """Resolve entities, then link acronyms, rank terms and score co-occurring pairs."""
    pairs = sorted({(row["acronym"], row["expansion"]) for row, _ in tallies.acronyms})
    entities, assigned = resolve_entities(
        tallies.mentions, gazetteer=gazetteer, definitions=pairs, years=years
    )
    acronyms = [
        {**row, "linked_id": (assigned[surface][0] if surface else None) or row["linked_id"]}
        for row, surface in tallies.acronyms
    ]
    terms = term_rows(
        tallies, lexicon, min_frequency=min_term_frequency, max_terms=max_terms_per_language
    )
    cooccurrence = cooccurrence_rows(
        _units(tallies, assigned), _node_names(entities, lexicon), min_count=min_cooccurrence
    )
    return CorpusTables(entities, assigned, acronyms, terms, cooccurrence)


def term_rows(tallies: Tallies, lexicon: Lexicon, *, min_frequency: int, max_terms: int) -> Rows:
    """The best ``max_terms`` terms of each language, each linked to the concept it contains.

    A term names a concept when one of the concept's terms is a whole-word part of it
    (folded); the longest concept term wins.
    """
    concept_terms = sorted(
        ((fold(t), cid) for lang in lexicon.languages for t, cid in lexicon.terms(lang)),
        key=lambda pair: -len(pair[0]),
    )
    rows = []
    for lang, tally in sorted(tallies.terms.items()):
        for term in tally.rank(min_freq=min_frequency)[:max_terms]:
            folded = f" {fold(term.term)} "
            concept = next((cid for t, cid in concept_terms if f" {t} " in folded), None)
            rows.append(
                {
                    "term": term.term,
                    "lang": lang,
                    "n_words": term.n_words,
                    "frequency": term.frequency,
                    "doc_frequency": term.doc_frequency,
                    "cvalue": round(term.cvalue, 6),
                    "concept_id": concept,
                    "example_passage_id": term.example_id,
                }
            )
    return rows


def _node_names(entities: Rows, lexicon: Lexicon) -> dict[Node, str]:
    names: dict[Node, str] = {("entity", e["entity_id"]): e["canonical"] for e in entities}
    names.update({("concept", cid): cid for cid in lexicon.concepts})
    return names


def _units(
    tallies: Tallies, assigned: dict[Surface, tuple[str, str]]
) -> list[tuple[str, str, set[Node]]]:
    surfaces = list(tallies.surface_ids)
    units = []
    for passage_id, doc_id, surface_ids, concept_ids in sorted(tallies.units):
        found: set[Node] = {("entity", assigned[surfaces[i]][0]) for i in surface_ids}
        found |= {("concept", cid) for cid in concept_ids}
        units.append((passage_id, doc_id, found))
    return units


def metrics(tallies: Tallies, tables: CorpusTables) -> dict[str, Any]:
    """The stage's metrics: counts by language, label and type (no run-dependent count)."""
    entities = tables.entities
    known = sum(1 for e in entities if e["actor_type"] != "unknown")
    by_label: Counter[str] = Counter()
    for surface, count in tallies.mentions.counts.items():
        by_label[tables.assigned[surface][1]] += count
    return {
        "passages_by_lang": dict(sorted(tallies.passages_by_lang.items())),
        "passages_without_model": dict(sorted(tallies.skipped_langs.items())),
        "mentions": sum(by_label.values()),
        "mentions_by_label": dict(sorted(by_label.items())),
        "mentions_in_references": tallies.mentions_in_references,
        "entities": len(entities),
        "entities_by_label": dict(sorted(Counter(e["label"] for e in entities).items())),
        "entities_by_type": dict(sorted(Counter(e["actor_type"] for e in entities).items())),
        "known_actor_type_share": round(known / max(1, len(entities)), 4),
        "concept_mentions": sum(tallies.concepts_by_lang.values()),
        "concept_mentions_by_lang": dict(sorted(tallies.concepts_by_lang.items())),
        "concepts_found": len(tallies.concepts_found),
        "acronym_definitions": len(tables.acronyms),
        "terms_by_lang": dict(sorted(Counter(t["lang"] for t in tables.terms).items())),
        "cooccurrence_pairs": len(tables.cooccurrence),
    }
