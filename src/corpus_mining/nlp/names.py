"""Normalised keys for names, so variants of one actor meet.

Variants that must merge: case and accents ("Economie"/"Économie"), apostrophes,
leading articles (le/la/l'/les/the), plural and singular ("France Cluster"/"France
Clusters"), people written "Myriam MATRAY", "Matray M." or "M. Matray".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from corpus_mining.nlp.entity_rules import CIVILITIES
from corpus_mining.textfold import fold

_ARTICLE_WORDS = frozenset({"le", "la", "les", "the", "l", "un", "une", "des", "du", "de"})
_PUNCT = re.compile(r"[^\w&' -]+")
_INITIAL = re.compile(r"^(?:[A-ZÀ-Þ]\.?-?)+\.?$|^[A-ZÀ-Þ]\.(?:-[A-ZÀ-Þ]\.)?$")
_PARTICLES = frozenset({"de", "du", "des", "le", "la", "van", "von", "der", "di", "da", "del"})
_ADDRESS_FORMS = CIVILITIES - {"m."}


def _singular(word: str) -> str:
    """French and English plural endings removed, idempotently (singular of singular)."""
    if len(word) > 4 and word.endswith("eaux"):
        return word[:-1]  # réseaux -> réseau
    if len(word) > 4 and word.endswith("aux"):
        return word[:-3] + "al"  # territoriaux -> territorial
    if len(word) > 3 and word.endswith(("eux", "oux")):
        return word[:-1]  # lieux -> lieu
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=1 << 16)  # names recur across passages and tables; the key is pure
def name_key(text: str) -> str:
    """Key under which name variants of one organisation or place coincide.

    Punctuation goes first (so "« La Fabrique »" meets "La Fabrique"), then leading
    articles, then plural endings.
    """
    words = _PUNCT.sub(" ", fold(text)).split()
    while words and (words[0] in _ARTICLE_WORDS or words[0] in {"l'", "d'"}):
        words = words[1:]
    if words and words[0].startswith(("l'", "d'")) and len(words[0]) > 2:
        words[0] = words[0][2:]
    words = " ".join(words).replace("'", " ").split()
    return " ".join(_singular(word) for word in words)


@dataclass(frozen=True)
class PersonName:
    """A person's name split into given names, initials and surname."""

    given: str
    initials: str
    surname: str

    @property
    def key(self) -> str:
        """Surname and first initial: the level at which variants are merged."""
        surname = _PUNCT.sub(" ", fold(self.surname).replace("'", " "))
        return f"{' '.join(surname.split())}|{self.initials[:1].lower()}"

    def display(self) -> str:
        """``Firstname Surname`` when the given name is known, else ``I. Surname``."""
        surname = _title(self.surname)
        if self.given:
            return f"{_title(self.given)} {surname}"
        if self.initials:
            return f"{'.-'.join(self.initials.upper())}. {surname}"
        return surname


def _title(words: str) -> str:
    """Title-case a name, leaving particles as written: "POULNOT" -> "Poulnot"."""
    return " ".join(
        word if word.lower() in _PARTICLES else "-".join(p.capitalize() for p in word.split("-"))
        for word in words.split()
    )


def parse_person(text: str) -> PersonName:
    """Split "Myriam MATRAY", "Matray M.", "J.-P. Poulnot", "Poulnot J.-P." or "Ostrom".

    A form of address before the name ("Mme Morel", "Dr Rowe") is no part of it; "M." is
    read as an initial, which it may be.
    """
    tokens = text.replace(",", " ").split()
    while len(tokens) > 1 and tokens[0].lower() in _ADDRESS_FORMS:
        tokens = tokens[1:]
    initials = [
        t for t in tokens if _INITIAL.match(t) and len(t.replace(".", "").replace("-", "")) <= 3
    ]
    words = [t for t in tokens if t not in initials]
    if initials:
        letters = "".join(ch for t in initials for ch in t if ch.isalpha())
        return PersonName("", letters.lower(), " ".join(words))
    capitals = [w for w in words if w.isupper() and len(w) > 1]
    if capitals and len(capitals) < len(words):
        given = " ".join(w for w in words if w not in capitals)
        return PersonName(given, given[:1].lower(), " ".join(capitals))
    if len(words) == 1:
        return PersonName("", "", words[0])
    surname_start = len(words) - 1
    while surname_start > 1 and words[surname_start - 1].lower() in _PARTICLES:
        surname_start -= 1
    given = " ".join(words[:surname_start])
    return PersonName(given, given[:1].lower(), " ".join(words[surname_start:]))
