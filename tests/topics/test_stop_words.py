"""The stop-word lists read from spaCy's files are spaCy's."""

from __future__ import annotations

from corpus_mining.topics.representation import stop_words


def test_stop_words_are_spacys_lists_plus_the_extra_words():
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.fr.stop_words import STOP_WORDS as FR

    words = stop_words(["Année", "dr"])
    assert words == sorted({w.lower() for w in FR | EN | {"Année", "dr"}})
