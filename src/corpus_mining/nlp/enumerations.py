"""Names listed together are of one kind: an organisation among organisations.

In "Renault, Michelin, Valeo and Safran" or "WIEGO, RIPESS, IYCW et StreetNet", the
small model reads some single names as places, people or miscellany. Coordination is
evidence of a shared type (the "one sense per coordination" heuristic of named-entity
work: items joined by commas and a final conjunction are of one category). A name the
model did not tag ORG becomes ORG (rule ``listed_with_orgs``) when it stands in such a
list with at least two organisations and outnumbered by them or level with them, and no
person's full name; it must be one word, not a listed place, not a gazetteer name, and
the list must be written on one line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from corpus_mining.nlp.entity_rules import Candidate
from corpus_mining.nlp.org_lexicon import OrgLexicon

_SEPARATORS = frozenset({",", ";"})
MIN_ORGS = 2


def listed_with_orgs(
    doc: Any, kept: list[Candidate], lexicon: OrgLexicon, is_place: Callable[[str], bool]
) -> list[Candidate]:
    """``kept`` with the single names listed among organisations made ORG."""
    ordered = sorted(kept, key=lambda c: c.start)
    out = list(ordered)
    for group in _enumerations(doc, ordered, lexicon):
        orgs = sum(ordered[i].label == "ORG" for i in group)
        others = [i for i in group if ordered[i].label != "ORG"]
        people = any(
            ordered[i].label == "PER" and ordered[i].end - ordered[i].start > 1 for i in others
        )
        if orgs < MIN_ORGS or orgs < len(others) or people:
            continue  # a list that names people is a list of people and bodies
        for i in others:
            cand = ordered[i]
            text = doc[cand.start : cand.end].text
            if cand.source != "gazetteer" and cand.end - cand.start == 1 and not is_place(text):
                out[i] = cand.changed("listed_with_orgs", label="ORG")
    return out


def _enumerations(doc: Any, ordered: list[Candidate], lexicon: OrgLexicon) -> list[list[int]]:
    """Runs of candidates joined only by commas, conjunctions and articles, on one line."""
    joiners = lexicon.conjunctions | {"&"}
    groups: list[list[int]] = []
    run: list[int] = []
    for i, cand in enumerate(ordered):
        if run and _joined(doc, ordered[run[-1]].end, cand.start, joiners, lexicon):
            run.append(i)
            continue
        if len(run) >= 3:
            groups.append(run)
        run = [i]
    if len(run) >= 3:
        groups.append(run)
    return groups


def _joined(doc: Any, end: int, start: int, joiners: frozenset[str], lexicon: OrgLexicon) -> bool:
    """Tokens ``end:start`` are a list's glue: a comma or a conjunction, maybe an article."""
    between = doc[end:start]
    if not len(between) or any(
        "\n" in t.whitespace_ or "\n" in t.text for t in doc[end - 1 : start]
    ):
        return False
    words = [t.lower_ for t in between]
    if words[0] in _SEPARATORS:
        words = words[1:]
    if words and words[0] in joiners:
        words = words[1:]
    if words and words[0].replace("’", "'") in lexicon.determiners:
        words = words[1:]
    return not words and len(between) <= 3 and between[0].lower_ not in lexicon.determiners
