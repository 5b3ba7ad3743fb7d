"""Names listed together are of one kind: an organisation among organisations.

In "Renault, Michelin, Valeo and Safran" or "WIEGO, RIPESS, IYCW et StreetNet", the
small model reads some single names as places, people or miscellany. Coordination is
evidence of a shared type (the "one sense per coordination" heuristic of named-entity
work: items joined by commas and a final conjunction are of one category). A name the
model did not tag ORG becomes ORG (rule ``listed_with_orgs``) when it stands in such a
list with at least two organisations and outnumbered by them or level with them, and no
person's full name; it must be one word, not a listed place, not a gazetteer name, and
the list must be written on one line. Names listed right after a plural organisation head
become ORG whatever the others are (``listed_after_plural_head``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from corpus_mining.nlp.entity_rules import Candidate
from corpus_mining.nlp.org_lexicon import OrgLexicon, singular

_SEPARATORS = frozenset({",", ";"})
MIN_ORGS = 2
MIN_LISTED = 2  # items of a list under a plural head
_LOOK_BACK = 4  # tokens between the plural head and its list, at most
# What may stand between the plural head and its list: its complement, a number.
_BETWEEN = frozenset({"ADP", "NOUN", "ADJ", "DET", "NUM"})


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


def listed_after_plural_head(
    doc: Any, kept: list[Candidate], lexicon: OrgLexicon, is_place: Callable[[str], bool]
) -> list[Candidate]:
    """``kept`` with the names listed under a plural organisation head made ORG.

    "les six pôles Alpha, Beta et Gamma", "les cabinets Alpha et Beta", "clusters such as
    Alpha and Beta": the plural names the kind of every item (rule
    ``listed_after_plural_head``). Between the plural and the list only its complement
    ("pôles de compétitivité"), a number or an opener ("tels que", "such as") may stand,
    no verb. A list that names a person in full keeps its labels, and so do a listed
    place and a gazetteer name within a list.
    """
    ordered = sorted(kept, key=lambda c: c.start)
    out = list(ordered)
    for group in _enumerations(doc, ordered, lexicon, min_items=MIN_LISTED):
        people = any(
            ordered[i].label == "PER" and ordered[i].end - ordered[i].start > 1 for i in group
        )
        if people or not _plural_head_before(doc, ordered[group[0]].start, lexicon):
            continue
        for i in group:
            cand = ordered[i]
            text = doc[cand.start : cand.end].text
            if cand.label != "ORG" and cand.source != "gazetteer" and not is_place(text):
                out[i] = cand.changed("listed_after_plural_head", label="ORG")
    return out


def _plural_head_before(doc: Any, start: int, lexicon: OrgLexicon) -> bool:
    """A plural organisation head shortly before ``start``, with no verb between.

    A preposition right before the list makes its items the head's complement: "clusters
    in Alpha and Beta" are in places, "les pôles de Alpha et Beta" belong to them.
    """
    before = doc[max(0, start - _LOOK_BACK) : start]
    nearest = next((t for t in reversed(before) if t.pos_ != "DET"), None)  # "across the"
    if nearest is not None and nearest.pos_ == "ADP" and nearest.lower_ not in lexicon.list_openers:
        return False
    for token in reversed(before):
        word = token.lower_
        if "\n" in token.whitespace_ or "\n" in token.text:
            return False
        lower = token.is_lower or token.is_sent_start  # "Networks such as ..." opens a sentence
        if word in lexicon.list_heads or (lower and singular(word) in lexicon.org_heads):
            return True
        if word not in lexicon.list_openers and token.pos_ not in _BETWEEN:
            return False
    return False


def _enumerations(
    doc: Any, ordered: list[Candidate], lexicon: OrgLexicon, *, min_items: int = 3
) -> list[list[int]]:
    """Runs of candidates joined only by commas, conjunctions and articles, on one line."""
    joiners = lexicon.conjunctions | {"&"}
    groups: list[list[int]] = []
    run: list[int] = []
    for i, cand in enumerate(ordered):
        if run and _joined(doc, ordered[run[-1]].end, cand.start, joiners, lexicon):
            run.append(i)
            continue
        if len(run) >= min_items:
            groups.append(run)
        run = [i]
    if len(run) >= min_items:
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
