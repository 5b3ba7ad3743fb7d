"""What the extract stage keeps of each document's result: counts and ids, never the text."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from corpus_mining.nlp.extractor import DocumentResult
from corpus_mining.nlp.resolve import MentionTally, Surface
from corpus_mining.terms.cvalue import CandidateTally

# One co-occurrence unit: (passage_id, doc_id, surface ids, concept ids).
Unit = tuple[str, str, tuple[int, ...], tuple[str, ...]]


@dataclass
class Tallies:
    """Corpus-wide tallies, added to one document result at a time."""

    mentions: MentionTally = field(default_factory=MentionTally)
    surface_ids: dict[Surface, int] = field(default_factory=dict)
    terms: dict[str, CandidateTally] = field(default_factory=lambda: defaultdict(CandidateTally))
    units: list[Unit] = field(default_factory=list)
    acronyms: list[tuple[dict[str, Any], Surface | None]] = field(default_factory=list)
    passages_by_lang: Counter[str] = field(default_factory=Counter)
    skipped_langs: Counter[str] = field(default_factory=Counter)
    mentions_in_references: int = 0
    concepts_by_lang: Counter[str] = field(default_factory=Counter)
    concepts_found: set[str] = field(default_factory=set)

    def surface_id(self, surface: Surface) -> int:
        """A small integer for ``surface``, the same on every call."""
        return self.surface_ids.setdefault(surface, len(self.surface_ids))

    def add(self, result: DocumentResult) -> None:
        """Count one document's mentions, concepts, term candidates and acronyms."""
        nodes: dict[str, tuple[set[int], set[str]]] = defaultdict(lambda: (set(), set()))
        for mention in result.mentions:
            surface = self.mentions.add(
                mention["text"], mention["label"], mention["gazetteer_id"], mention["doc_id"]
            )
            if mention["in_reference"]:
                self.mentions_in_references += 1
            else:
                nodes[mention["passage_id"]][0].add(self.surface_id(surface))
        for concept in result.concepts:
            self.concepts_by_lang[concept["lang"]] += 1
            self.concepts_found.add(concept["concept_id"])
            if not concept["in_reference"]:
                nodes[concept["passage_id"]][1].add(concept["concept_id"])
        for lang, passage_id, candidates in result.candidates:
            self.terms[lang].add(result.doc_id, passage_id, candidates)
        for passage_id, (surfaces, concepts) in nodes.items():
            self.units.append((passage_id, result.doc_id, tuple(surfaces), tuple(concepts)))
        self.acronyms.extend(zip(result.acronyms, result.acronym_surfaces, strict=True))
        self.passages_by_lang.update(result.passages_by_lang)
        self.skipped_langs.update(result.skipped_langs)
