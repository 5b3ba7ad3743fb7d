"""The language's common words, read from the model's own lemmatizer tables.

A word in capitals that is a common word of the language ("GLOBAL", "OCTOBER", "ZOOM")
is a heading's word, not an acronym. spaCy's rule lemmatizers ship a lemma index: the
nouns, verbs, adjectives and adverbs that the lemmatizer knows (for English, WordNet's).
``add_common_words`` copies it, with accents folded too, into one table of the
vocabulary's lookups when the pipeline is built, so that any ``Doc`` can ask
``is_common_word``. A model without such an index knows no common word.
"""

from __future__ import annotations

import unicodedata
from typing import Any

TABLE = "corpus_mining_common_words"


def add_common_words(nlp: Any) -> None:
    """Store the lemmatizer's index words in ``nlp.vocab.lookups`` (once per pipeline)."""
    lookups = nlp.vocab.lookups
    if lookups.has_table(TABLE) or "lemmatizer" not in nlp.pipe_names:
        return
    source = nlp.get_pipe("lemmatizer").lookups
    words: set[str] = set()
    if source.has_table("lemma_index"):
        for entries in source.get_table("lemma_index").values():
            words.update(str(word).lower() for word in entries if str(word).isalpha())
    lookups.add_table(TABLE, dict.fromkeys(sorted(words | {_folded(w) for w in words}), True))


def is_common_word(doc: Any, word: str) -> bool:
    """Whether ``word`` (any case) is a common word of ``doc``'s language."""
    lookups = doc.vocab.lookups
    if not lookups.has_table(TABLE):
        return False
    lower = word.lower()
    table = lookups.get_table(TABLE)
    return lower in table or _folded(lower) in table


def _folded(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))
