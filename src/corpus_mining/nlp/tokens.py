"""One read of a processed Doc's tokens, shared by every extraction rule that loops over them.

Each Python access to a token (``for t in doc``, ``doc[i]``) builds a new ``Token`` object,
and the rules (concept pieces, term candidates, passage lemmas, acronym and heading rules)
each read the same dozen values of every token. ``token_table`` reads them once per doc,
numbers and flags with ``Doc.to_array`` and strings with one lookup per hash, and keeps the
table in ``doc.user_data``.

Build it only once the pipeline has set the tokens' tags and lemmas (the table is not
refreshed): the extract stage builds it after ``nlp.pipe``, never inside a component.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from spacy.attrs import (
    IDX,
    IS_ALPHA,
    IS_LOWER,
    IS_PUNCT,
    IS_SPACE,
    IS_STOP,
    IS_TITLE,
    IS_UPPER,
    LEMMA,
    LIKE_NUM,
    LOWER,
    ORTH,
    POS,
    SPACY,
)
from spacy.tokens import Doc

_KEY = "corpus_mining.token_table"
_STRINGS = [ORTH, LOWER, LEMMA, POS]
_NUMBERS = [IDX, SPACY, IS_ALPHA, IS_STOP, IS_UPPER, IS_LOWER, IS_TITLE, IS_SPACE, IS_PUNCT]
_NUMBERS.append(LIKE_NUM)


@dataclass(frozen=True, slots=True)
class TokenTable:
    """Per-token values of one doc, as lists indexed by ``token.i``.

    ``spaced`` is ``token.whitespace_ == " "``; the flags are spaCy's lexeme flags
    (``is_alpha`` ...), so ``is_upper[i] == doc[i].is_upper``. ``doc_text`` is
    ``doc.text``, which spaCy rebuilds from the tokens on every access.
    """

    doc_text: str

    text: list[str]
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    idx: list[int]
    spaced: list[bool]
    is_alpha: list[bool]
    is_stop: list[bool]
    is_upper: list[bool]
    is_lower: list[bool]
    is_title: list[bool]
    is_space: list[bool]
    is_punct: list[bool]
    like_num: list[bool]

    def __len__(self) -> int:
        """Number of tokens."""
        return len(self.text)

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``: the tokens with the spaces between them, none after."""
        if end <= start:
            return ""
        return self.doc_text[self.idx[start] : self.idx[end - 1] + len(self.text[end - 1])]


def _strings(doc: Doc) -> list[list[str]]:
    """Text, lower case, lemma and coarse tag of every token."""
    lookup = doc.vocab.strings
    array = doc.to_array(_STRINGS).reshape(len(doc), len(_STRINGS))
    hashes = cast(list[list[int]], array.T.tolist())
    return [[lookup[h] for h in column] for column in hashes]


def token_table(doc: Doc) -> TokenTable:
    """The table of ``doc``'s tokens, read on the first call and kept with the doc."""
    table = doc.user_data.get(_KEY)
    if isinstance(table, TokenTable) and len(table) == len(doc):
        return table
    text, lower, lemma, pos = _strings(doc)
    numbers = doc.to_array(_NUMBERS).reshape(len(doc), len(_NUMBERS)).T
    flags = numbers[1:].astype(bool).tolist()
    spaced = flags[0]
    doc_text = "".join([t + " " if s else t for t, s in zip(text, spaced, strict=True)])
    table = TokenTable(doc_text, text, lower, lemma, pos, numbers[0].tolist(), *flags)
    doc.user_data[_KEY] = table
    return table
