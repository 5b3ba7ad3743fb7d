"""The token table holds what each token's own attributes say, read once per doc."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from corpus_mining.nlp.tokens import token_table

_WORDS = ["Le", "PTCE", "du", "Morvan", "réunit", "12", "coopératives", ".", "\n\n", "FIN"]
_SPACES = [True, True, True, True, True, True, False, False, False, False]


def _doc() -> Doc:
    nlp = spacy.blank("fr")
    pos = ["DET", "PROPN", "ADP", "PROPN", "VERB", "NUM", "NOUN", "PUNCT", "SPACE", "NOUN"]
    lemmas = ["le", "PTCE", "de", "Morvan", "réunir", "12", "coopérative", ".", "\n\n", ""]
    return Doc(nlp.vocab, words=_WORDS, spaces=_SPACES, pos=pos, lemmas=lemmas)


def test_columns_equal_the_token_attributes() -> None:
    doc = _doc()
    table = token_table(doc)
    assert table.doc_text == doc.text
    assert len(table) == len(doc)
    expected = {
        "text": [t.text for t in doc],
        "lower": [t.lower_ for t in doc],
        "lemma": [t.lemma_ for t in doc],
        "pos": [t.pos_ for t in doc],
        "idx": [t.idx for t in doc],
        "spaced": [t.whitespace_ == " " for t in doc],
        "is_alpha": [t.is_alpha for t in doc],
        "is_stop": [t.is_stop for t in doc],
        "is_upper": [t.is_upper for t in doc],
        "is_lower": [t.is_lower for t in doc],
        "is_title": [t.is_title for t in doc],
        "is_space": [t.is_space for t in doc],
        "is_punct": [t.is_punct for t in doc],
        "like_num": [t.like_num for t in doc],
    }
    for name, values in expected.items():
        assert getattr(table, name) == values, name
    assert table.lemma[-1] == ""  # no lemma set: empty, as ``token.lemma_``
    assert table.is_upper[1] and table.like_num[5] and table.is_space[8]


def test_the_table_is_read_once_per_doc() -> None:
    doc = _doc()
    assert token_table(doc) is token_table(doc)
    assert token_table(_doc()) is not token_table(doc)


def test_an_empty_doc_gives_empty_columns() -> None:
    table = token_table(spacy.blank("en")(""))
    assert len(table) == 0
    assert table.doc_text == ""
    assert table.text == [] and table.is_alpha == []
