"""spaCy's French token-match pattern, compiled in a second instead of five.

spaCy's French tokenizer keeps whole, through ``token_match``, words such as
"anti-inflammatoire" or "entr'ouvert": a 1.4 MB regular expression of 266 anchored
alternatives, 173 of which differ only in their first letters ("^anti" + T, "^auto" + T,
...), each repeating Unicode letter classes under ``(?iu)``. Python compiles every copy of
those classes again: 4.5 to 5.5 s, once when ``spacy.lang.fr`` is imported and once more
when a French model is loaded, in every process that loads one (the extract stage, its
workers, the tests).

:func:`factor_alternatives` writes the same pattern with alternatives that share their
tail from the first large class on grouped: ``^h1T|^h2T`` becomes ``^(?:h1|h2)T``.
Concatenation distributes over union, so both match the same strings (spaCy only asks
whether a string matches); only alternatives whose heads hold no group, alternation or
escape are grouped. :func:`fast_token_match` applies it to the compiles that spaCy's French
module and model loading do (and to nothing else), and keeps each result for the process.
Without it the French pipeline is the same, only slower to start; no library compiles
Python regular expressions faster or caches them across processes.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from typing import Any

# Patterns shorter than this are compiled as they are (spaCy's other patterns: < 20 kB).
MIN_PATTERN_CHARS = 100_000
# A character class longer than this (in pattern text) is a large one: a group's tail
# starts at the first of them.
_LARGE_CLASS_CHARS = 50
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_compiled: dict[str, re.Pattern[str]] = {}


def factor_alternatives(pattern: str) -> str:
    """``pattern`` with anchored alternatives that share a tail grouped into one.

    Returns ``pattern`` unchanged when it is not a top-level alternation of
    non-capturing groups (nothing that could change which strings match, or a group's
    number, is touched).
    """
    flags_match = _INLINE_FLAGS.match(pattern)
    flags = flags_match.group(0) if flags_match else ""
    alternatives = _top_level_alternatives(pattern[len(flags) :])
    if alternatives is None or len(alternatives) < 2:
        return pattern
    heads: dict[str, list[str]] = {}  # tail -> heads, in first-seen order
    parts: list[str | tuple[str]] = []  # a raw alternative, or (tail,) for a group
    for alternative in alternatives:
        head, tail = _head_and_tail(alternative)
        if head is None:
            parts.append(alternative)
            continue
        if tail not in heads:
            heads[tail] = []
            parts.append((tail,))
        heads[tail].append(head)
    written = [
        part if isinstance(part, str) else _grouped(heads[part[0]], part[0]) for part in parts
    ]
    return flags + "|".join(f"(?:{body})" for body in written)


def _grouped(heads: list[str], tail: str) -> str:
    if len(heads) == 1:
        return f"^{heads[0]}{tail}"
    return f"^(?:{'|'.join(heads)}){tail}"


def _head_and_tail(alternative: str) -> tuple[str | None, str]:
    """``^head`` + ``tail``, split before the first large class; (None, it) if not safe."""
    if not alternative.startswith("^"):
        return None, alternative
    cut = _first_large_class(alternative)
    head = alternative[1:cut] if cut > 0 else ""
    if cut <= 0 or any(char in head for char in "()|\\"):
        return None, alternative
    return head, alternative[cut:]


def _first_large_class(text: str) -> int:
    """Where the first character class longer than _LARGE_CLASS_CHARS opens, or -1."""
    start = 0
    while (opening := text.find("[", start)) >= 0:
        closing = _class_end(text, opening)
        if closing < 0:
            return -1
        if closing - opening > _LARGE_CLASS_CHARS:
            return opening
        start = closing + 1
    return -1


def _class_end(text: str, opening: int) -> int:
    """Index of the ``]`` that closes the class opened at ``opening`` (escapes skipped)."""
    index = opening + 1
    if index < len(text) and text[index] == "^":
        index += 1
    if index < len(text) and text[index] == "]":  # a literal ] first in a class
        index += 1
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == "]":
            return index
        index += 1
    return -1


def _top_level_alternatives(body: str) -> list[str] | None:
    """The bodies of ``(?:a)|(?:b)|...``; None if ``body`` is not only such groups."""
    alternatives: list[str] = []
    depth, start, index = 0, 0, 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = _class_end(body, index)
            if index < 0:
                return None
        elif char == "(":
            if not body.startswith("(?", index) or body.startswith("(?P", index):
                return None  # a capturing group: its number would move
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            alternatives.append(body[start:index])
            start = index + 1
        index += 1
    alternatives.append(body[start:])
    if not all(alt.startswith("(?:") and alt.endswith(")") for alt in alternatives):
        return None
    return [alt[3:-1] for alt in alternatives]


def compile_factored(pattern: str) -> re.Pattern[str]:
    """``re.compile`` of the factored ``pattern``, kept per original pattern."""
    if pattern not in _compiled:
        _compiled[pattern] = _original_compile(factor_alternatives(pattern))
    return _compiled[pattern]


_original_compile: Callable[..., re.Pattern[str]] = re.compile


def _compile(pattern: Any, flags: Any = 0) -> Any:
    if isinstance(pattern, str) and not flags and len(pattern) >= MIN_PATTERN_CHARS:
        return compile_factored(pattern)
    return _original_compile(pattern, flags)


@contextlib.contextmanager
def fast_token_match() -> Iterator[None]:
    """Within: long alternations passed to ``re.compile`` are compiled factored.

    Wrap the loading of a spaCy pipeline (which imports ``spacy.lang.fr`` and compiles the
    model's serialised ``token_match``). Re-entrant; ``re.compile`` is restored after.
    """
    if re.compile is _compile:
        yield
        return
    setattr(re, "compile", _compile)  # noqa: B010 (mypy refuses re.compile = ...)
    try:
        yield
    finally:
        setattr(re, "compile", _original_compile)  # noqa: B010
