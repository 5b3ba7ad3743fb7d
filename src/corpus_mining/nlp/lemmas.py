"""Passage text as content lemmas, for topic models and other bag-of-words uses.

Two forms: ``lemmas`` (lower-case lemmas of the nouns and adjectives, in order: what a
passage is about, without the verbs, adverbs and proper names that make topic labels
read "find · look · remain"; concept terms such as "PTCE" are always kept) and ``shared``, where
every concept term of the lexicon is replaced by one token per concept
(``concept_cluster``), so a French and an English passage about the same concept share
vocabulary ("grappes d'entreprises" and "business clusters" both give ``concept_cluster``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from corpus_mining.nlp.tokens import token_table

CONCEPT_PREFIX = "concept_"


def concept_token(concept_id: str) -> str:
    """The shared-vocabulary token of a concept."""
    return CONCEPT_PREFIX + concept_id.lower()


def _outermost(hits: Sequence[Any]) -> list[Any]:
    """Concept hits not nested in a longer one (the first of equal spans wins)."""
    kept: list[Any] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start), h.concept_id)):
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


# Parts of speech that say what a passage is about. A model without a tagger leaves pos_
# empty: then every content word but proper names is kept.
THEMATIC_POS = frozenset({"NOUN", "ADJ", ""})


def passage_lemmas(doc: Any, concept_hits: Sequence[Any]) -> tuple[str, str]:
    """``(lemmas, shared)`` of a processed passage and its concept hits."""
    spans = _outermost(concept_hits)
    table = token_table(doc)
    plain: list[str] = []
    shared: list[str] = []
    index = 0
    for idx, text, lemma, pos, alpha, stop in zip(
        table.idx, table.text, table.lemma, table.pos, table.is_alpha, table.is_stop, strict=True
    ):
        while index < len(spans) and spans[index].end <= idx:
            index += 1
        inside = index < len(spans) and spans[index].start <= idx < spans[index].end
        content = alpha and not stop and len(text) > 1  # a word, not a stop word
        thematic = content and pos in THEMATIC_POS  # nouns and adjectives
        if thematic or (inside and content):
            plain.append((lemma or text).lower())
        if inside:
            if idx == spans[index].start or (
                shared and shared[-1] != concept_token(spans[index].concept_id)
            ):
                shared.append(concept_token(spans[index].concept_id))
        elif thematic:
            shared.append(plain[-1])  # the word just kept
    return " ".join(plain), " ".join(shared)
