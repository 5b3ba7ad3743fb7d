"""The language's common words, read from the model's own lemmatizer tables.

A word in capitals that is a common word of the language ("GLOBAL", "OCTOBER", "ZOOM")
is a heading's word, not an acronym. spaCy's rule lemmatizers ship a lemma index: the
nouns, verbs, adjectives and adverbs that the lemmatizer knows (for English, WordNet's).
``add_common_words`` reads it, with accents folded too, when the pipeline is built and
keeps it beside the pipeline's vocabulary, so that any ``Doc`` of that pipeline can ask
``is_common_word``. A model without such an index knows no common word.
"""

from __future__ import annotations

import unicodedata
import weakref
from typing import Any

# vocabulary lookups of a pipeline -> its common words; gone with the pipeline
_WORDS: weakref.WeakKeyDictionary[Any, frozenset[str]] = weakref.WeakKeyDictionary()


def add_common_words(nlp: Any) -> None:
    """Read the lemmatizer's index words for ``nlp``'s docs (once per pipeline)."""
    if nlp.vocab.lookups in _WORDS:
        return
    words: set[str] = set()
    if "lemmatizer" in nlp.pipe_names:
        source = nlp.get_pipe("lemmatizer").lookups
        if source.has_table("lemma_index"):
            for entries in source.get_table("lemma_index").values():
                words.update(str(word).lower() for word in entries if str(word).isalpha())
    folded = {_folded(word) for word in words if not word.isascii()}
    _WORDS[nlp.vocab.lookups] = frozenset(words | folded)


def is_common_word(doc: Any, word: str) -> bool:
    """Whether ``word`` (any case) is a common word of ``doc``'s language."""
    words = _WORDS.get(doc.vocab.lookups)
    if not words:
        return False
    lower = word.lower()
    return lower in words or _folded(lower) in words


def is_common_word_in_capitals(doc: Any, word: str) -> bool:
    """``word`` is a common word of four letters or more ("GLOBAL", "ZOOM", "SERIE").

    Shorter capitals are as often acronyms as words ("ICI", "MES"): stop-word lists judge
    those.
    """
    return len(word) > 3 and is_common_word(doc, word)


def _folded(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))
