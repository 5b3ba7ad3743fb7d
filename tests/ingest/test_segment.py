from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_mining.ingest.normalize import normalize_text
from corpus_mining.ingest.segment import passage_spans, sentence_spans


def test_paragraphs_are_passages_with_exact_offsets():
    text = "Premier paragraphe.\n\nSecond paragraphe\nsur deux lignes."
    spans = passage_spans(text, max_chars=500)
    assert [text[a:b] for a, b in spans] == [
        "Premier paragraphe.",
        "Second paragraphe\nsur deux lignes.",
    ]


def test_long_paragraph_split_on_sentences_within_the_limit():
    text = " ".join(f"Phrase numéro {i} sur les pôles de compétitivité." for i in range(40))
    spans = passage_spans(text, max_chars=200)
    assert len(spans) > 1
    assert all(b - a <= 200 for a, b in spans)
    assert all(text[a:b].endswith(".") for a, b in spans)


def test_abbreviations_do_not_end_sentences():
    text = "M. Dupont et Dr. Martin sont là. Ensuite la suite."
    assert [text[a:b] for a, b in sentence_spans(text, 0, len(text))] == [
        "M. Dupont et Dr. Martin sont là.",
        "Ensuite la suite.",
    ]


def test_one_overlong_sentence_is_cut_on_spaces():
    text = "mot " * 500
    spans = passage_spans(text.strip(), max_chars=100)
    assert all(0 < b - a <= 100 for a, b in spans)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=3000),
    st.integers(100, 800),
)
def test_passages_cover_every_non_space_character_with_valid_offsets(raw, max_chars):
    text = normalize_text(raw)
    spans = passage_spans(text, max_chars=max_chars)
    covered = "".join(text[a:b] for a, b in spans)
    assert "".join(covered.split()) == "".join(text.split())
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(b - a <= max_chars for a, b in spans)
    assert spans == sorted(spans)
