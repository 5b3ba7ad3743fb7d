"""Text invariants on arbitrary input (hypothesis): normalisation, unwrapping and
segmentation keep every offset valid; language detection and decoding never crash."""

from __future__ import annotations

import itertools
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from corpus_mining.errors import DocumentError
from corpus_mining.ingest.decode import decode_bytes
from corpus_mining.ingest.language import detect_language
from corpus_mining.ingest.layout import unwrap_lines
from corpus_mining.ingest.normalize import normalize_text
from corpus_mining.ingest.segment import passage_spans
from corpus_mining.nlp.names import name_key

# Any code point but lone surrogates (they cannot come out of a decoder).
UNICODE = st.characters(blacklist_categories=("Cs",))
# Text that looks like a document: words, line breaks, hyphens, punctuation, and the
# characters normalisation rewrites (curly quotes, ligatures, no-break and zero-width
# spaces, NUL, RTL marks, emoji).
TRICKY = "\u2019\u201c\u201d\ufb01\u00a0\u202f\u00ad\u200b\ufeff\x00\x0c\r\u200f\u202e\U0001f600"
PIECES = st.one_of(
    st.sampled_from(["pôle", "tiers-", "lieux", "coopé-", "ration", "Le", "l'ESS", "Cluster"]),
    st.sampled_from([" ", "  ", "\n", "\n\n", "\n \n", "-", ".", ": ", "«", "»", "(", ")"]),
    st.sampled_from(list(TRICKY)),
    st.text(UNICODE, max_size=8),
)
DOCUMENT_TEXT = st.lists(PIECES, max_size=200).map("".join)


def _visible(text: str) -> str:
    return "".join(text.split())


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(UNICODE, max_size=500), DOCUMENT_TEXT))
@example("\ufb01\u00ad\u200b \r\n\r\n\n\x00 l\u2019ESS\u00a0:")
@example("e\u0301\u0301 \u2029 x")
def test_normalize_text_is_idempotent(raw):
    once = normalize_text(raw)
    assert normalize_text(once) == once


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(UNICODE, max_size=2000), DOCUMENT_TEXT), st.integers(100, 800))
@example("coopé-\nration des tiers-\nlieux\n\n" + "mot " * 300, 100)
def test_unwrap_normalize_segment_chain_keeps_text_and_offsets(raw, max_chars):
    lines = raw.splitlines()
    paragraphs = unwrap_lines(lines)
    # unwrapping only joins lines; it may drop an end-of-line hyphen, nothing else
    assert _visible("".join(paragraphs)).replace("-", "") == _visible(raw).replace("-", "")
    # as the readers do: normalise each paragraph, join with blank lines, then segment
    text = "\n\n".join(p for p in (normalize_text(p) for p in paragraphs) if p)
    spans = passage_spans(text, max_chars=max_chars)
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(b - a <= max_chars for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in itertools.pairwise(spans))
    assert _visible("".join(text[a:b] for a, b in spans)) == _visible(text)
    assert all(text[a:b] == text[a:b].strip() for a, b in spans)


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(st.text(UNICODE, max_size=300), DOCUMENT_TEXT),
    st.sampled_from([("fr", "en"), ("en", "fr"), ("fr",), ("fr", "en", "de")]),
)
@example("\x00\u200f\u202eمرحبا بالعالم 😀😀", ("fr", "en"))
@example("", ("fr", "en"))
def test_detect_language_never_raises_and_answers_a_configured_language(text, languages):
    lang, confidence = detect_language(text, languages)
    assert lang is None or lang in languages
    assert 0.0 <= confidence <= 1.0
    if lang is None:
        assert confidence == 0.0


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=2000),
        st.text(UNICODE, max_size=300).map(lambda t: t.encode("utf-8")),
        st.text(UNICODE, max_size=300).map(lambda t: t.encode("utf-16")),
        st.tuples(st.text(UNICODE, max_size=200), st.binary(max_size=20)).map(
            lambda pair: pair[0].encode("utf-8") + pair[1]
        ),
    )
)
@example(b"\xef\xbb\xbf" + b"\x00" * 50)
@example(b"\xff\xfe" + b"\xd8\x00")
@example(b"\x00\x01\x02\x03" * 100)
def test_decode_bytes_returns_text_or_raises_document_error(data):
    try:
        text, encoding = decode_bytes(data)
    except DocumentError as error:
        assert str(error)
        return
    assert isinstance(text, str) and isinstance(encoding, str) and encoding
    assert not any(unicodedata.category(ch) == "Cs" for ch in text)


ARTICLE = st.sampled_from(["", "Le ", "La ", "Les ", "L'", "L’", "The ", "the ", "D'"])
WORD = st.sampled_from(
    ["Pôle", "Pôles", "Clusters", "Réseaux", "Économie", "Sociale", "Solidaire", "Fabrique",
     "Hubs", "Territoires", "France", "Lyon", "Innovation", "ESS", "PTCE", "Tiers-Lieux",
     "Atelier", "Échos", "Campus", "Bureaux", "régional", "&", "Métropole"]
)  # fmt: skip
NAME = st.tuples(ARTICLE, st.lists(WORD, min_size=1, max_size=5)).map(
    lambda pair: pair[0] + " ".join(pair[1])
)


@settings(max_examples=400, deadline=None)
@given(NAME)
@example("Les Pôles")
@example("L'Atelier des Réseaux")
def test_name_key_of_a_key_is_the_key(name):
    key = name_key(name)
    assert name_key(key) == key


@pytest.mark.parametrize("name", ["« La Fabrique »", "(Le) Hub", "l' l' réseaux", "Fluxs"])
def test_name_key_is_idempotent_on_punctuated_names(name):
    key = name_key(name)
    assert name_key(key) == key
