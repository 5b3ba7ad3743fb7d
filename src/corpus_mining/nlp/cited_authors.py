"""Authors written "Surname, I." in reference lists and author lines: one person each.

Reference lists, abstracts' author lines and citations write "Martin, J., Okafor, B. and
Lindqvist, E.-P. (2014)", or the surnames in capitals ("MARTIN, J., OKAFOR, B."). The
model reads the surname alone, as an organisation (an acronym, in capitals), a place or
nothing, and the initials as a person of their own. A surname (a capitalised word, or one
in capitals; hyphenated parts allowed) followed by a comma and initials is one person when
what comes next is what comes after an author in a list: a year in brackets, the next
author ("Okafor, B."), "and" / "et" / "&" and a name, or the end of the passage. "À Lyon,
M. Dupont a dit" keeps its place and its person: there "M." is followed by a name alone.
"""

from __future__ import annotations

import re
from typing import Any

from corpus_mining.nlp.entity_rules import Candidate, drop_overlaps
from corpus_mining.nlp.tokens import token_table

RULE = "cited_initials"
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
# "Lindqvist", "Berthon-Arnaud", or in capitals as many author lines write it ("MARTIN").
_PART = rf"[{_UPPER}](?:[{_LOWER}'’]+|[{_UPPER}'’]+)"
_SURNAME = rf"{_PART}(?:-{_PART})*"
_INITIALS = rf"[{_UPPER}]\.(?: ?-? ?[{_UPPER}]\.){{0,2}}"
_AUTHOR = re.compile(
    rf"(?<![\w-]){_SURNAME}, {_INITIALS}"
    rf"(?=\s*(?:\(\s*\d{{4}}|, ?{_SURNAME}, [{_UPPER}]\.|,? (?:and|et|&) {_SURNAME}|[.;]?\s*$))"
)


def cited_authors(doc: Any, kept: list[Candidate]) -> list[Candidate]:
    """``kept`` with each "Surname, I." author as one PER span, in place of its pieces.

    A name the gazetteer knows is left as it is.
    """
    text = token_table(doc).doc_text
    authors: list[Candidate] = []
    for match in _AUTHOR.finditer(text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        inside = [c for c in kept if c.start < span.end and span.start < c.end]
        if any(c.source == "gazetteer" for c in inside):
            continue
        authors.append(Candidate(span.start, span.end, "PER", "rule", "", RULE))
    if not authors:
        return kept
    taken = {i for a in authors for i in range(a.start, a.end)}
    rest = [c for c in kept if not any(i in taken for i in range(c.start, c.end))]
    return drop_overlaps([*authors, *rest])
