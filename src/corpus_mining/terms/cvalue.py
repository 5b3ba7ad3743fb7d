"""Multiword terms found beyond a lexicon, ranked with C-value.

Candidates are noun phrases matched with part-of-speech patterns on spaCy docs, 2 to 6
words long: French ``NOUN ADJ* (ADP DET? NOUN ADJ*)*`` with coordinated adjectives
("économie sociale et solidaire") and an optional pre-nominal adjective ("petites et
moyennes entreprises"); English ``(ADJ|NOUN)* NOUN (of (ADJ|NOUN)* NOUN)?`` with
coordinated modifiers ("social and solidarity economy"). Every sub-phrase that matches
the pattern is a candidate too, which is what C-value needs to discount nested terms.
A candidate's key is its lower-cased lemmas; its ``term`` is its most frequent surface.

References:
    Frantzi, K., Ananiadou, S. & Mima, H. (2000). Automatic recognition of multi-word
    terms: the C-value/NC-value method. International Journal on Digital Libraries,
    3(2), 115-130.

"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from spacy.tokens import Doc

from corpus_mining.nlp.tokens import TokenTable, token_table

MIN_WORDS = 2
MAX_WORDS = 6

_PATTERNS = {
    "fr": re.compile(r"(?:(?:[AN]C)?A)?N(?:A(?:CA)?)*(?:PD?N(?:A(?:CA)?)*)*"),
    "en": re.compile(r"(?:[AN]+C[AN])?[AN]*N(?:O[AN]*N)?"),
}
_FR_PREPOSITIONS = frozenset({"de", "d'", "du", "des", "à", "au", "aux", "en"})
_FR_ARTICLES = frozenset({"le", "la", "l'", "les"})
_CONJUNCTIONS = {"fr": "et", "en": "and"}
_WORDLIKE = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*'?")
_RUNS = re.compile(r"[^x]+")


@dataclass(frozen=True)
class Candidate:
    """One occurrence of a candidate term at ``doc.text[start:end]``."""

    surface: str
    key: str
    n_words: int
    start: int
    end: int


@dataclass(frozen=True)
class TermRow:
    """A ranked term with its corpus statistics and one document it occurs in."""

    term: str
    key: str
    n_words: int
    frequency: int
    doc_frequency: int
    cvalue: float
    example_id: str


class _Unit:
    """A word of a candidate: one token, or tokens glued by infix hyphens ("medium-sized").

    ``first`` and ``last`` index tokens in ``table``; ``tag`` is the word's pattern tag.
    """

    __slots__ = ("all_stop", "bad", "end", "lemma", "start", "tag", "text")

    def __init__(self, table: TokenTable, first: int, last: int, tag: str) -> None:
        self.tag = tag
        self.start = table.idx[first]
        if first == last:  # one token: most words
            self.text = text = table.text[first]
            self.lemma = (table.lemma[first] or text).lower().replace(" ", "")
            self.all_stop = table.is_stop[first]
        else:
            texts = table.text[first : last + 1]
            lemmas = table.lemma[first : last + 1]
            self.text = text = "".join(texts)
            self.lemma = "".join(
                (lem or t).lower() for lem, t in zip(lemmas, texts, strict=True)
            ).replace(" ", "")
            self.all_stop = all(table.is_stop[first : last + 1])
        self.end = table.idx[last] + len(table.text[last])
        self.bad = not _WORDLIKE.fullmatch(text) or table.like_num[first]


@dataclass
class _Stats:
    n_words: int
    example_id: str
    frequency: int = 0
    surfaces: Counter[str] = field(default_factory=Counter)
    doc_ids: set[str] = field(default_factory=set)


def extract_candidates(doc: Doc) -> list[Candidate]:
    """Every occurrence of a 2-6 word noun phrase in ``doc``, nested ones included.

    Args:
        doc: a French or English doc with part-of-speech tags and lemmas.

    Returns:
        Candidates in text order; empty if the doc has no tags.

    Raises:
        ValueError: the doc's language is neither French nor English.

    """
    if doc.lang_ not in _PATTERNS:
        raise ValueError(f"no term patterns for language {doc.lang_!r}; expected fr or en")
    pattern = _PATTERNS[doc.lang_]
    table = token_table(doc)
    found: list[Candidate] = []
    for start, end in _sentences(doc):
        words, tags = _words(doc, table, start, end)
        found.extend(_sentence_candidates(table, pattern, words, tags))
    return found


def _sentence_candidates(
    table: TokenTable, pattern: re.Pattern[str], words: list[tuple[int, int]], tags: str
) -> Iterator[Candidate]:
    """Candidates of one sentence's words; a word's unit is built only if a candidate uses it."""
    units: dict[int, _Unit] = {}

    def unit(k: int) -> _Unit:
        if k not in units:
            units[k] = _Unit(table, *words[k], tags[k])
        return units[k]

    for run in _RUNS.finditer(tags):
        for i in range(run.start(), run.end()):
            for j in range(i + MIN_WORDS, min(run.end(), i + MAX_WORDS) + 1):
                if pattern.fullmatch(tags, i, j):
                    chosen = [unit(k) for k in range(i, j)]
                    if _acceptable(chosen):
                        yield _candidate(table.doc_text, chosen)


def score_cvalue(counts: Mapping[str, int], *, min_freq: int = 1) -> dict[str, float]:
    """C-value of each candidate key (words separated by single spaces).

    ``C(a) = log2|a| * f(a)`` when ``a`` is not nested in a longer candidate, otherwise
    ``log2|a| * (f(a) - mean of f(b) over the longer candidates b containing a)``.

    Args:
        counts: frequency of each candidate key in the corpus, nested occurrences included.
        min_freq: candidates rarer than this are neither scored nor used as containers.

    References:
        Frantzi, Ananiadou & Mima (2000), section 2.3.

    """
    if min_freq < 1:
        raise ValueError(f"min_freq must be at least 1, got {min_freq}")
    kept = {key: freq for key, freq in counts.items() if freq >= min_freq}
    container_freq: defaultdict[str, int] = defaultdict(int)
    container_count: defaultdict[str, int] = defaultdict(int)
    for key, freq in kept.items():
        for nested in _nested_keys(key.split(" ")):
            if nested in kept:
                container_freq[nested] += freq
                container_count[nested] += 1
    scores: dict[str, float] = {}
    for key, freq in kept.items():
        weight = math.log2(len(key.split(" ")))
        if container_count[key]:
            scores[key] = weight * (freq - container_freq[key] / container_count[key])
        else:
            scores[key] = weight * freq
    return scores


def rank_terms(docs_with_ids: Iterable[tuple[str, Doc]], *, min_freq: int = 2) -> list[TermRow]:
    """Rank the candidate terms of docs in one language by C-value.

    Args:
        docs_with_ids: ``(doc_id, doc)`` pairs, all in the same language.
        min_freq: minimum corpus frequency of a term.

    Returns:
        Rows sorted by decreasing C-value, then term, then key.

    Raises:
        ValueError: ``min_freq`` is below 1, or the docs mix languages.

    References:
        Frantzi, Ananiadou & Mima (2000).

    """
    return rank_candidates(
        ((doc_id, doc_id, extract_candidates(doc)) for doc_id, doc in _one_language(docs_with_ids)),
        min_freq=min_freq,
    )


def rank_candidates(
    candidates_with_ids: Iterable[tuple[str, str, list[Candidate]]], *, min_freq: int = 2
) -> list[TermRow]:
    """Rank already extracted candidates by C-value.

    Args:
        candidates_with_ids: ``(doc_id, example_id, candidates)``: the document counts
            toward document frequency; the first ``example_id`` of a term (e.g. the
            passage it came from) is reported with it.
        min_freq: minimum corpus frequency of a term.

    This lets a caller extract candidates while it streams docs, without keeping them.

    Raises:
        ValueError: ``min_freq`` is below 1.
    """
    tally = CandidateTally()
    for doc_id, example_id, candidates in candidates_with_ids:
        tally.add(doc_id, example_id, candidates)
    return tally.rank(min_freq=min_freq)


class CandidateTally:
    """Candidate statistics accumulated as passages stream by.

    Memory grows with the distinct candidate terms, not with their occurrences.
    """

    def __init__(self) -> None:
        self._stats: dict[str, _Stats] = {}

    def add(self, doc_id: str, example_id: str, candidates: Iterable[Candidate]) -> None:
        """Count ``candidates`` of document ``doc_id``, found in ``example_id``."""
        for candidate in candidates:
            entry = self._stats.setdefault(candidate.key, _Stats(candidate.n_words, example_id))
            entry.frequency += 1
            entry.surfaces[candidate.surface] += 1
            entry.doc_ids.add(doc_id)

    def rank(self, *, min_freq: int = 2) -> list[TermRow]:
        """Terms seen at least ``min_freq`` times, best C-value first.

        Raises:
            ValueError: ``min_freq`` is below 1.
        """
        if min_freq < 1:
            raise ValueError(f"min_freq must be at least 1, got {min_freq}")
        stats = self._stats
        scores = score_cvalue({key: s.frequency for key, s in stats.items()}, min_freq=min_freq)
        rows = sorted(
            (_row(key, stats[key], score) for key, score in scores.items()),
            key=lambda row: (-row.cvalue, row.term, row.key),
        )
        # Two keys can show the same surface when the lemmatiser reads a word two ways
        # ("organized proximity": verb or adjective); the term is reported once, best first.
        unique: dict[str, TermRow] = {}
        for row in rows:
            unique.setdefault(row.term, row)
        return list(unique.values())


def _one_language(docs_with_ids: Iterable[tuple[str, Doc]]) -> Iterator[tuple[str, Doc]]:
    languages: set[str] = set()
    for doc_id, doc in docs_with_ids:
        languages.add(doc.lang_)
        if len(languages) > 1:
            raise ValueError(f"rank terms one language at a time, got {sorted(languages)}")
        yield doc_id, doc


def _row(key: str, stats: _Stats, score: float) -> TermRow:
    term = min(stats.surfaces.items(), key=lambda item: (-item[1], item[0]))[0]
    return TermRow(
        term=term,
        key=key,
        n_words=stats.n_words,
        frequency=stats.frequency,
        doc_frequency=len(stats.doc_ids),
        cvalue=score,
        example_id=stats.example_id,
    )


def _nested_keys(words: list[str]) -> set[str]:
    """Keys of the contiguous, strictly shorter word sequences inside ``words``."""
    n = len(words)
    return {" ".join(words[i:j]) for i in range(n) for j in range(i + 1, n + 1) if j - i < n}


def _sentences(doc: Doc) -> Iterator[tuple[int, int]]:
    """Token bounds of each sentence, or of the whole doc when it has none."""
    if doc.has_annotation("SENT_START"):
        for sent in doc.sents:
            yield sent.start, sent.end
    else:
        yield 0, len(doc)


def _words(doc: Doc, table: TokenTable, start: int, end: int) -> tuple[list[tuple[int, int]], str]:
    """First and last token of each word of tokens ``start:end``, and the words' pattern tags.

    Infix hyphens glue tokens into one word ("medium-sized").
    """
    texts, spaced, lang = table.text, table.spaced, doc.lang_
    words: list[tuple[int, int]] = []
    tags: list[str] = []
    i = start
    while i < end:
        first = i
        while i + 2 < end and texts[i + 1] == "-" and not spaced[i] and not spaced[i + 1]:
            i += 2
        words.append((first, i))
        tags.append(_tag(doc, table, i, lang))
        i += 1
    return words, "".join(tags)


def _tag(doc: Doc, table: TokenTable, i: int, lang: str) -> str:
    """N noun, A adjective, P/D French preposition/article, O English "of", C "and"/"et"."""
    pos, text = table.pos[i], table.lower[i]
    if pos == "NOUN" or (pos == "PROPN" and table.is_lower[i]):
        return "N"
    if pos == "ADJ" or (pos == "VERB" and "Part" in doc[i].morph.get("VerbForm", [])):
        return "A"
    if text == _CONJUNCTIONS[lang] and pos == "CCONJ":
        return "C"
    if lang == "en":
        return "O" if text == "of" else "x"
    if text in _FR_PREPOSITIONS and pos in {"ADP", "DET"}:
        return "P"
    return "D" if text in _FR_ARTICLES and pos == "DET" else "x"


def _acceptable(units: list[_Unit]) -> bool:
    """No numbers or symbols, and not made only of stop words."""
    if any(u.bad for u in units):
        return False
    return not all(u.all_stop for u in units if u.tag in {"N", "A"})


def _candidate(text: str, units: list[_Unit]) -> Candidate:
    start, end = units[0].start, units[-1].end
    key = " ".join(unit.lemma for unit in units)
    return Candidate(text[start:end], key, len(units), start, end)
