"""Acronym definitions and mentions in French and English text.

A definition is where a text introduces a short form with its long form:
``l'économie sociale et solidaire (ESS)``, ``PTCE (pôles territoriaux de coopération
économique)``, a glossary line ``SSE: social and solidarity economy``, an apposition
``GECES - le groupe d'experts ... -``, a name glued to its acronym ``POUR LA
SOLIDARITÉ-PLS``, or the glossary pop-up left in web copies (``économique (PTCE`` then
``PTCE`` then the expansion, each on its own line), or ``chambre régionale de
l'économie sociale et solidaire (Cress)``, an acronym the press writes as a name, kept
only when every one of its letters is a word initial of the long form. Every candidate
is checked with the Schwartz & Hearst letter match, extended for accents, French and
English function words (which may not start a long form), plural acronyms (``SMEs``) and
a minimum number of acronym letters falling on word initials, which rejects chance matches.

References:
    Schwartz, A. S. & Hearst, M. A. (2003). A simple algorithm for identifying
    abbreviation definitions in biomedical text. Pacific Symposium on Biocomputing, 451-462.

"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from corpus_mining.textfold import base_letter, fold_letters

EXPANSION_FIRST = "expansion (ACRONYM)"
ACRONYM_FIRST = "ACRONYM (expansion)"
GLOSSARY = "ACRONYM: expansion"
DASH = "ACRONYM – expansion"
HYPHENATED = "EXPANSION-ACRONYM"
POPUP = "expansion (ACRONYM + glossary pop-up"

_FRENCH_FUNCTION_WORDS = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "et"})
_FRENCH_PREPOSITIONS = frozenset({"pour", "en", "a", "au", "aux", "par", "sur", "dans", "avec"})
_ENGLISH_FUNCTION_WORDS = frozenset({"of", "and", "the", "for", "in", "on", "to", "a", "an", "by"})
FUNCTION_WORDS = (
    _FRENCH_FUNCTION_WORDS
    | _FRENCH_PREPOSITIONS
    | _ENGLISH_FUNCTION_WORDS
    | {"un", "une", "aupres"}
)
"""Accent-folded words that may sit inside a long form without giving it a letter."""

_WORD = re.compile(r"[^\W_]+")
_LINE = re.compile(r"[^\n]+")
_PAREN = re.compile(r"\(([^()]*?)(\)|$)")
_CLAUSE_END = re.compile(r"[.;:!?()\[\]]")
_DASH = re.compile(
    r"(?<![\w&+])([\w&+]+(?:[ ]+[\w&+]+)?)[ ]+[-–—][ ]+((?:(?![ ][-–—][ ])[^.,;:()])+)"
)
_GLUED = re.compile(r"(?<=[^\W\d_])-([\w&+]+)(?![\w&+-])")
_GLOSSARY_ENTRY = re.compile(r"[ ]*([\w&+]+(?:[ ][\w&+]+)?)[ ]?:[ ]*([^:]+)$")
_GLOSSARY_START = re.compile(r"^[ ]*(?:[-•*–—]|\d+[.)])?[ ]*|[—–:.][ ]")
_QUOTES_AND_SPACE = " \t«»\"'“”‘’"
_ROMAN = re.compile(r"[IVX]+")
_TAIL = re.compile(r"(?<![\w&+])(?:([\w&+]+) )?([\w&+]+)$")


@dataclass(frozen=True)
class AcronymDefinition:
    """``acronym`` defined as ``expansion`` at ``text[start:end]`` by the rule ``pattern``."""

    acronym: str
    expansion: str
    start: int
    end: int
    pattern: str


@dataclass(frozen=True)
class _Short:
    """A candidate short form: ``base`` without a plural s, ``letters`` folded for matching."""

    base: str
    letters: str
    has_digit: bool
    titled: bool = False  # written as a name ("Cress"): every letter must be an initial


def find_definitions(text: str) -> list[AcronymDefinition]:
    """Find where acronyms are defined, keeping the first definition of each acronym.

    Args:
        text: normalised text (NFC, straight apostrophes).

    Returns:
        Definitions in text order; ``acronym`` is singular (``SME`` for ``SMEs``).

    References:
        Schwartz & Hearst (2003), extended as described in the module docstring.

    """
    found: dict[str, AcronymDefinition] = {}
    candidates = sorted(_all_candidates(text), key=lambda d: (d.start, d.end))
    for definition in candidates:
        found.setdefault(definition.acronym, definition)
    return list(found.values())


def find_mentions(text: str, acronyms: Iterable[str]) -> list[tuple[str, int, int]]:
    """Every whole-word, case-sensitive occurrence of ``acronyms`` (plural ``s`` included).

    Longer acronyms win where mentions overlap (``DG GROW`` over ``DG``).

    Returns:
        ``(acronym, start, end)`` sorted by offsets.

    """
    taken = bytearray(len(text))
    found: list[tuple[str, int, int]] = []
    for acronym in sorted({a for a in acronyms if a}, key=lambda a: (-len(a), a)):
        pattern = re.compile(rf"(?<![\w&+]){re.escape(acronym)}s?(?![\w&+])")
        for match in pattern.finditer(text):
            if not any(taken[match.start() : match.end()]):
                taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
                found.append((acronym, match.start(), match.end()))
    return sorted(found, key=lambda mention: (mention[1], mention[2]))


def _all_candidates(text: str) -> Iterator[AcronymDefinition]:
    for line in _LINE.finditer(text):
        yield from _parenthesised(text, line.start(), line.end())
        yield from _glossary(text, line.start(), line.end())
        yield from _dashed(text, line.start(), line.end())
        yield from _glued(text, line.start(), line.end())


def _parenthesised(text: str, start: int, end: int) -> Iterator[AcronymDefinition]:
    """``expansion (ACR)``, ``ACR (expansion)`` and an unclosed ``(ACR`` with a pop-up."""
    for paren in _PAREN.finditer(text, start, end):
        inner_start, inner_end = _strip(text, paren.start(1), paren.end(1))
        closed = paren.group(2) == ")"
        inner = text[inner_start:inner_end]
        short = _parse_short(inner) or (_parse_titled(inner) if closed else None)
        if short is not None:
            close = paren.end() if closed else inner_end
            span = _long_form_before(text, start, paren.start(), short)
            if span is not None:
                expansion = text[span[0] : span[1]]
                yield AcronymDefinition(short.base, expansion, span[0], close, EXPANSION_FIRST)
            elif not closed:
                yield from _popup(text, paren.start(), end, short)
        elif closed:
            yield from _acronym_first(text, start, paren)


def _acronym_first(text: str, line_start: int, paren: re.Match[str]) -> Iterator[AcronymDefinition]:
    exp_start, exp_end = _trim(text, paren.start(1), paren.end(1))
    expansion = text[exp_start:exp_end]
    for acronym_start in _short_starts(text, line_start, paren.start()):
        short = _parse_short(text[acronym_start : paren.start()].rstrip())
        if short is not None and _plausible(short, expansion, strict=True):
            yield AcronymDefinition(
                short.base, expansion, acronym_start, paren.end(), ACRONYM_FIRST
            )
            return


def _popup(text: str, paren: int, line_end: int, short: _Short) -> Iterator[AcronymDefinition]:
    """A web copy's pop-up: ``(ACR`` at line end, then ``ACR`` and the expansion on lines."""
    lines = list(_LINE.finditer(text, line_end, min(len(text), line_end + 2000)))[:2]
    if len(lines) == 2 and _parse_short(lines[0].group().strip()) == short:
        start, end = _trim(text, lines[1].start(), lines[1].end())
        if _plausible(short, text[start:end], strict=True):
            yield AcronymDefinition(short.base, text[start:end], paren, end, POPUP)


def _glossary(text: str, start: int, end: int) -> Iterator[AcronymDefinition]:
    """``ACR: expansion`` entries at a line start, several per line separated by ``;``."""
    for segment in re.finditer(r"[^;]+", text[start:end]):
        seg_start = start + segment.start()
        for opening in _GLOSSARY_START.finditer(segment.group()):
            entry = _GLOSSARY_ENTRY.match(text, seg_start + opening.end(), start + segment.end())
            short = _parse_short(entry.group(1)) if entry else None
            if entry is None or short is None:
                continue
            exp_start, exp_end = _trim(text, entry.start(2), entry.end(2))
            if _plausible(short, text[exp_start:exp_end], strict=False):
                expansion = text[exp_start:exp_end]
                yield AcronymDefinition(short.base, expansion, entry.start(1), exp_end, GLOSSARY)
                break


def _dashed(text: str, start: int, end: int) -> Iterator[AcronymDefinition]:
    """``ACR – expansion``, the expansion running to the next spaced dash, comma or clause end."""
    for match in _DASH.finditer(text, start, end):
        for acronym_start in _short_starts(text, match.start(1), match.end(1)):
            short = _parse_short(text[acronym_start : match.end(1)])
            exp_start, exp_end = _trim(text, match.start(2), match.end(2))
            if short is not None and _plausible(short, text[exp_start:exp_end], strict=True):
                expansion = text[exp_start:exp_end]
                yield AcronymDefinition(short.base, expansion, acronym_start, exp_end, DASH)
                break


def _glued(text: str, start: int, end: int) -> Iterator[AcronymDefinition]:
    """``POUR LA SOLIDARITÉ-PLS``: upper-case words glued to the acronym by a hyphen."""
    for match in _GLUED.finditer(text, start, end):
        short = _parse_short(match.group(1))
        if short is None:
            continue
        window = match.start()
        for word in reversed(list(_WORD.finditer(text, start, match.start()))):
            if not word.group().isupper() or text[word.end() : window].strip():
                break
            window = word.start()
        begin = _sh_start(short.letters, text[window : match.start()])
        if begin is not None and _plausible(
            short, text[window + begin : match.start()], strict=True
        ):
            expansion = text[window + begin : match.start()]
            yield AcronymDefinition(short.base, expansion, window + begin, match.end(), HYPHENATED)


def _long_form_before(
    text: str, line_start: int, paren: int, short: _Short
) -> tuple[int, int] | None:
    """Schwartz-Hearst long form ending just before ``paren``, within its clause."""
    clause_start = line_start
    for clause_end in _CLAUSE_END.finditer(text, line_start, paren):
        clause_start = clause_end.end()
    end = _rtrim(text, clause_start, paren)
    window = _last_words(text, clause_start, end, _max_words(len(short.letters)))
    begin = _sh_start(short.letters, text[window:end])
    if begin is None or not _plausible(short, text[window + begin : end], strict=True):
        return None
    return window + begin, end


def _last_words(text: str, start: int, end: int, limit: int) -> int:
    """Start of the ``limit``-th content word counted back from ``end``."""
    content = [w for w in _WORD.finditer(text, start, end) if not _is_function(w.group())]
    return content[-limit].start() if len(content) >= limit else start


def _short_starts(text: str, start: int, end: int) -> list[int]:
    """Where a one- or two-token short form ending at ``end`` may start, longest first."""
    tail = _TAIL.search(text[start:end].rstrip())
    if tail is None:
        return []
    starts = [tail.start(1), tail.start(2)] if tail.group(1) else [tail.start(2)]
    return [start + s for s in starts]


def _parse_short(raw: str) -> _Short | None:
    tokens = raw.split()
    if not 1 <= len(tokens) <= 2 or raw != raw.strip():
        return None
    bases = [_singular(token) for token in tokens]
    if not all(_is_acronym(base) for base in bases):
        return None
    base = " ".join(bases)
    letters = "".join(base_letter(c) for c in base if c.isalpha())
    return _Short(base, letters, any(c.isdigit() for c in base))


def _parse_titled(raw: str) -> _Short | None:
    """An acronym the press writes as a name, in brackets after its long form ("(Cress)")."""
    if not (4 <= len(raw) <= 8 and raw.isalpha() and raw.istitle()):
        return None
    return _Short(raw, fold_letters(raw), has_digit=False, titled=True)


def _singular(token: str) -> str:
    return token[:-1] if len(token) > 2 and token.endswith("s") and token[:-1].isupper() else token


def _is_acronym(token: str) -> bool:
    """Short, upper-case dominated, starting with a capital; not a roman numeral."""
    upper = sum(c.isupper() for c in token)
    lower = sum(c.islower() for c in token)
    return (
        2 <= len(token) <= 10
        and token[0].isupper()
        and all(c.isalnum() or c in "&+" for c in token)
        and upper >= 2
        and lower < upper
        and _ROMAN.fullmatch(token) is None
    )


def _plausible(short: _Short, long_form: str, *, strict: bool) -> bool:
    """Schwartz-Hearst acceptance, plus word-initial letters when ``strict``."""
    words = [w.group() for w in _WORD.finditer(long_form)]
    content = [w for w in words if not _is_function(w)]
    if len(words) < 2 or not content or len(content) > _max_words(len(short.letters)):
        return False
    if not short.has_digit and any(c.isdigit() for c in long_form):
        return False
    if re.search(rf"(?<!\w){re.escape(short.base)}(?!\w)", long_form):
        return False
    if short.titled:  # a word in brackets: only a full match of initials makes it one
        return _initials(short.letters, long_form) == len(short.letters)
    if strict:
        return _initials(short.letters, long_form) >= _required_initials(len(short.letters))
    return _sh_start(short.letters, long_form) is not None


def _sh_start(letters: str, window: str) -> int | None:
    """Where the long form starts: letters matched right to left, the first on a word start.

    The first letter must begin a content word (or a capitalised function word, as in
    "Pour la Solidarité"), so a long form never starts on "de" or "the".
    """
    folded = fold_letters(window)
    starts = {
        w.start()
        for w in _WORD.finditer(window)
        if w.group()[0].isupper() or not _is_function(w.group())
    }
    j = len(folded) - 1
    for i in range(len(letters) - 1, -1, -1):
        while j >= 0 and (folded[j] != letters[i] or (i == 0 and j not in starts)):
            j -= 1
        if j < 0:
            return None
        j -= 1
    return j + 1


def _initials(letters: str, long_form: str) -> int:
    """Most acronym letters that can fall on word initials, the first on position 0; -1 if none."""
    folded = fold_letters(long_form)
    starts = {w.start() for w in _WORD.finditer(folded)}
    if not letters or not folded or folded[0] != letters[0]:
        return -1
    after = [0] * (len(folded) + 1)
    for i in range(len(letters) - 1, 0, -1):
        row = [-1] * (len(folded) + 1)
        for j in range(len(folded) - 1, 0, -1):
            row[j] = row[j + 1]
            if folded[j] == letters[i] and after[j + 1] >= 0:
                row[j] = max(row[j], after[j + 1] + (j in starts))
        after = row
    return 1 + after[1] if after[1] >= 0 else -1


def _required_initials(n_letters: int) -> int:
    return min(n_letters, max(3, math.ceil(n_letters / 2)))


def _max_words(n_letters: int) -> int:
    """Schwartz & Hearst's bound on the long form, here counted in content words."""
    return min(n_letters + 5, 2 * n_letters)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop quotes, end punctuation and leading lower-case function words ("le", "the")."""
    end = _rtrim(text, start, end)
    while end > start and text[end - 1] in ".,;:":
        end = _rtrim(text, start, end - 1)
    while start < end and text[start] in _QUOTES_AND_SPACE:
        start += 1
    word = _WORD.match(text, start, end)
    while word and word.group().islower() and _is_function(word.group()) and word.end() < end:
        start = word.end()
        while start < end and text[start] in _QUOTES_AND_SPACE:
            start += 1
        word = _WORD.match(text, start, end)
    return start, end


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _rtrim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _QUOTES_AND_SPACE:
        end -= 1
    return end


def _is_function(word: str) -> bool:
    return fold_letters(word.lower()) in FUNCTION_WORDS
