"""Rebuild paragraphs from lines: undo hard wrapping and end-of-line hyphenation.

Plain-text exports and PDF text layers break paragraphs into lines. A line is joined to
the next when it cannot end a paragraph (no closing punctuation) and the next line
continues the sentence (it starts in lower case). Lines that stand alone in the source,
such as web glossary pop-ups copied into a text file, stay separate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_ENDS_PARAGRAPH = re.compile(r"""[.!?:;»"')\]…]$""")
_HYPHENATED = re.compile(r"(\w+)-$")
_CONTINUES = re.compile(r"^[a-zà-ÿœæ(«\"]")


def dehyphenate(left: str, right: str, vocabulary: set[str]) -> str:
    """Join ``left`` (ending in ``word-``) with ``right`` across a line break.

    The hyphen is kept when the hyphenated compound occurs elsewhere in the document
    (``tiers-lieux``), and dropped otherwise (``coopé-`` + ``ration``).
    """
    head = _HYPHENATED.search(left)
    tail = right.split(" ", 1)[0]
    if head is None:
        return f"{left} {right}"
    compound = f"{head.group(1)}-{tail}".lower().strip(".,;:!?)»")
    if compound in vocabulary:
        return f"{left}{right}"
    return f"{left[:-1]}{right}"


def hyphen_vocabulary(lines: Iterable[str]) -> set[str]:
    """Hyphenated compounds that occur inside lines (not split by a line break)."""
    words: set[str] = set()
    for line in lines:
        words.update(m.lower() for m in re.findall(r"\w+(?:-\w+)+", line))
    return words


def unwrap_lines(lines: list[str], wrap_width: int | None = None) -> list[str]:
    """Group lines into paragraphs; empty lines always end a paragraph.

    Args:
        lines: the lines of one block of text, in order.
        wrap_width: when known (PDF), a line shorter than ~80% of it that ends with
            closing punctuation ends its paragraph even if the next starts in lower case.

    """
    vocabulary = hyphen_vocabulary(lines)
    paragraphs: list[str] = []
    current = previous = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if current and _joins(previous, line, wrap_width):
            current = (
                dehyphenate(current, line, vocabulary)
                if _HYPHENATED.search(current)
                else f"{current} {line}"
            )
        else:
            if current:
                paragraphs.append(current)
            current = line
        previous = line
    if current:
        paragraphs.append(current)
    return paragraphs


def _joins(previous: str, line: str, wrap_width: int | None) -> bool:
    """Whether ``line`` continues the paragraph whose last line is ``previous``."""
    full_width = wrap_width is not None and len(previous) >= 0.8 * wrap_width
    if _HYPHENATED.search(previous) and line[:1].islower():
        return True
    if _ENDS_PARAGRAPH.search(previous):
        return full_width and not line[:1].isupper()
    if full_width:
        return True
    return bool(_CONTINUES.match(line))
