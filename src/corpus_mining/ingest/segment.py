"""Cut a normalised document into passages with character offsets.

A passage is a paragraph; a paragraph longer than ``max_chars`` is split on sentence
boundaries (and, for a single overlong sentence, on spaces). Every passage satisfies
``text[char_start:char_end] == passage``, and passages cover every non-space character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_PARAGRAPH = re.compile(r"[^\n](?:.|\n(?!\n))*")
# A sentence ends with . ! ? … (optionally followed by a closing quote or bracket) and
# the next one starts with an upper-case letter, a digit or an opening quote.
_SENTENCE_END = re.compile(r"""(?<=[.!?…])["»)\]]?\s+(?=[«"(\[]?[A-ZÀ-ÖØ-Þ0-9])""")
_ABBREVIATION = re.compile(
    r"(?:\b(?:M|Mme|Mlle|MM|Dr|Pr|Prof|St|Ste|cf|p|pp|art|al|etc|vol|no|n°|Inc|Ltd|e\.g|i\.e|"
    r"vs|Jr|Sr|Mr|Mrs|Ms|fig|éd|ed|eds|chap)|\b[A-Z])\.$"
)


def paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each paragraph (blocks separated by blank lines), stripped."""
    for match in _PARAGRAPH.finditer(text):
        start, end = match.span()
        chunk = match.group()
        start += len(chunk) - len(chunk.lstrip())
        end -= len(chunk) - len(chunk.rstrip())
        if end > start:
            yield start, end


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence ``(start, end)`` offsets within ``text[start:end]``."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if _ABBREVIATION.search(text[max(cursor, match.start() - 12) : match.start()]):
            continue
        closing = 1 if match.group()[0] in '"»)]' else 0
        spans.append((cursor, match.start() + closing))
        cursor = match.end()
    spans.append((cursor, end))
    return [(a, b) for a, b in spans if b > a]


def _rstrip(text: str, start: int, end: int) -> int:
    """``end`` moved left past trailing whitespace."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _hard_split(text: str, start: int, end: int, max_chars: int) -> Iterator[tuple[int, int]]:
    """Split an overlong sentence on the last space before ``max_chars``."""
    while end - start > max_chars:
        cut = text.rfind(" ", start + 1, start + max_chars)
        cut = cut if cut > start else start + max_chars
        yield start, _rstrip(text, start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


def passage_spans(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Passages of ``text``: paragraphs, long ones packed sentence by sentence."""
    spans: list[tuple[int, int]] = []
    for p_start, p_end in paragraph_spans(text):
        if p_end - p_start <= max_chars:
            spans.append((p_start, p_end))
            continue
        chunk: tuple[int, int] | None = None
        for s_start, s_end in sentence_spans(text, p_start, p_end):
            for piece in _hard_split(text, s_start, s_end, max_chars):
                if chunk and piece[1] - chunk[0] <= max_chars:
                    chunk = (chunk[0], piece[1])
                else:
                    if chunk:
                        spans.append(chunk)
                    chunk = piece
        if chunk:
            spans.append(chunk)
    return spans
