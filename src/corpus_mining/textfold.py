"""Text folding: every way the project compares text regardless of case and accents.

One module, imported by ingest, nlp, topics, evolution and store alike (none of them
imports another package for it). The variants differ on purpose; each says which callers
need what it keeps:

- ``fold_same_length``: one character for one, so offsets found on the folded text point
  into the original (date and kind cues).
- ``strip_accents`` and ``fold``: casefold and NFKD, for keys of names and words (store
  search, topic labels, actor types, concept names in the evolution tables).
- ``fold_word``: lower case, ligatures spelled out ("œ" -> "oe"), for the concept matcher.
- ``base_letter`` and ``fold_letters``: a letter's lower-case base letter, for acronym
  initials.
- ``strip_marks``: accents removed, case kept, for the spelling variants of a gazetteer name.
"""

from __future__ import annotations

import unicodedata

_APOSTROPHES = {"’": "'", "‘": "'", "ʼ": "'", "\u00a0": " ", "\u202f": " "}
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


def _same_length_table() -> dict[int, str]:
    """Accented Latin letters (either case) to their lower-case base letter."""
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0].lower()
        if len(base) == 1 and base != char:
            table[code] = base
    return table


_SAME_LENGTH = str.maketrans(
    {**_same_length_table(), **{ord(k): v for k, v in _APOSTROPHES.items()}}
)


def fold_same_length(text: str) -> str:
    """``text`` in lower case without accents, one character for one character."""
    base = text.translate(_SAME_LENGTH)
    folded = base.lower()
    # A few characters lower-case to two ("İ"); keep one so offsets stay valid.
    return folded if len(folded) == len(text) else "".join(c.lower()[:1] for c in base)


def strip_accents(text: str) -> str:
    """Casefold, straight apostrophes, accents removed; spacing kept as it is."""
    text = text.replace("’", "'").replace("‘", "'")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """``strip_accents``, then one space between words."""
    return " ".join(strip_accents(text).split())


def fold_word(word: str) -> str:
    """Lower case without accents or ligatures ("Économie" -> "economie")."""
    decomposed = unicodedata.normalize("NFD", word.lower().translate(_LIGATURES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def base_letter(char: str) -> str:
    """Lower-case base letter of ``char`` ("É" -> "e"), one character for one."""
    return unicodedata.normalize("NFD", char)[0].lower()[0]


def fold_letters(text: str) -> str:
    """``base_letter`` of each character."""
    return "".join(base_letter(c) for c in text)


def strip_marks(text: str) -> str:
    """Accents removed, case kept, in NFC ("Économie" -> "Economie")."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )
