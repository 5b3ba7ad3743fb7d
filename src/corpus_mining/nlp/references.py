"""Find bibliographic material: reference-list entries and author-year citations.

Actors named in a reference list ("Porter M., 1998, ... Harvard Business Review") are
authors and publishers of cited work, not actors of the field; analysts want them apart,
so every mention carries ``in_reference``.
"""

from __future__ import annotations

import re

_YEAR = r"(?:1[89]|20)\d\d[a-z]?"
_SURNAME = r"[A-ZÀ-Þ][\w'’-]+(?:\s(?:de|van|von|del|da|Le|La|Di|De)\s?[A-ZÀ-Þ][\w'’-]+)?"
_INITIALS = r"(?:[A-ZÀ-Þ]\.(?:\s?-?[A-ZÀ-Þ]\.)*)"
# "Porter, M. E. (1998)", "Campagne P., Pecqueur B., 2014,", "- Torre, A., & Rallet, A. (2005)",
# "European Commission, 2014, Stratégies...", "Veltz P. [1996] 2014".
_ENTRY = re.compile(
    rf"^[-–•*\s]*(?:{_SURNAME}|[A-ZÀ-Þ][\w'’-]+(?:\s[A-Za-zÀ-ÿ'’-]+){{0,5}}),?\s.{{0,160}}?"
    rf"[(\[,]\s*{_YEAR}\s*[)\],.]",
    re.DOTALL,
)
_AUTHOR_START = re.compile(rf"^[-–•*\s]*{_SURNAME},?\s(?:{_INITIALS}|[A-ZÀ-Þ][a-zà-ÿ]+,)")
_HEADING = re.compile(
    r"^\s*(?:selected\s+)?(?:bibliograph\w*|references?|r[ée]f[ée]rences(?:\s+bibliographiques)?|"
    r"works cited|sources|pour aller plus loin|further reading)\b.{0,40}$",
    re.IGNORECASE,
)
_CITATION = re.compile(
    rf"\((?:(?:see|voir|cf\.)\s)?{_SURNAME}(?:\s(?:et al\.|&|and|et)\s?{_SURNAME})?"
    rf"(?:,\s?{_SURNAME})*,?\s{_YEAR}"
    rf"(?:\s?[;,]\s?(?:{_SURNAME}(?:\s(?:et al\.|&|and|et)\s?{_SURNAME})?(?:\set al\.)?,?\s)?{_YEAR})*"
    rf"(?:,\s?p+\.\s?\d+(?:-\d+)?)?\)"
    rf"|{_SURNAME}(?:\set al\.)?\s\({_YEAR}\)"
)


def is_reference_entry(text: str) -> bool:
    """Whether a passage reads like one entry of a bibliography."""
    head = text[:240]
    year = re.search(_YEAR, head)
    if year is None or len(text) - year.end() < 15:  # a byline ends at its year; an entry goes on
        return False
    return bool(_AUTHOR_START.match(head)) or bool(
        _ENTRY.match(head) and len(text) < 600 and not text.rstrip().endswith("?")
    )


def reference_flags(passages: list[str]) -> list[bool]:
    """Flag each passage of a document that belongs to its reference list.

    A passage is a reference when it looks like an entry and either follows a
    bibliography heading (until a passage that is not an entry) or starts with an
    author list.
    """
    flags: list[bool] = []
    in_list = False
    for text in passages:
        if _HEADING.match(text):
            in_list = True
            flags.append(False)
            continue
        entry = is_reference_entry(text)
        in_list = in_list and (entry or (len(text) < 300 and bool(re.search(_YEAR, text))))
        flags.append(in_list or (entry and bool(_AUTHOR_START.match(text))))
    return flags


def citation_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of in-text author-year citations: ``(Ostrom, 1990)``, ``Porter (1998)``."""
    return [match.span() for match in _CITATION.finditer(text)]
