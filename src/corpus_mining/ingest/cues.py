"""The cue lists of ``cues.yaml`` (languages, months, date and kind cues), loaded once.

Cues are matched on folded text (lower case, no accents, straight apostrophes), so
"Publié le", "PUBLIE LE" and "publie le" are one cue. Folding keeps the text's length,
so a match's offsets point into the original text too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from corpus_mining.textfold import fold_same_length as fold

CUES_PATH = Path(__file__).with_name("cues.yaml")


@lru_cache(maxsize=1)
def load_cues() -> dict[str, Any]:
    """The parsed ``cues.yaml`` (read once per process)."""
    loaded: dict[str, Any] = yaml.safe_load(CUES_PATH.read_text(encoding="utf-8"))
    return loaded


def merged(table: dict[str, list[str]]) -> list[str]:
    """The phrases of every language of a per-language table, folded, without repeats."""
    return sorted({fold(str(phrase)) for phrases in table.values() for phrase in phrases})


def phrase_pattern(phrases: Iterable[str]) -> str:
    """A regex alternative of folded ``phrases``, longest first, on word boundaries."""
    ordered = sorted({fold(p) for p in phrases}, key=lambda p: (-len(p), p))
    body = "|".join(_bounded(p) for p in ordered)
    return rf"(?:{body})"


def _bounded(phrase: str) -> str:
    """``phrase`` as a regex that does not match inside a longer word."""
    escaped = re.escape(phrase).replace(r"\ ", r"\s+")
    head = r"(?<![\w-])" if phrase[:1].isalnum() else ""
    tail = r"(?![\w])" if phrase[-1:].isalnum() else ""
    return f"{head}{escaped}{tail}"
