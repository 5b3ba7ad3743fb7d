"""Find lexicon concepts in spaCy docs, across inflection, accents, hyphens and elision.

How it works: every token of a doc is cut into word *pieces* (``tiers-lieux`` gives
``tiers`` + ``lieux``; ``l'ESS`` gives ``l'`` + ``ESS``, whether or not the tokenizer split
them) and each piece gets a few *keys*: its folded form (lower case, no accents, plural and
feminine endings stripped by light per-language rules), the same for its spaCy lemma (so
"coopèrent" meets "coopérer"), and, for all-caps pieces, the exact acronym. Lexicon terms
are cut the same way by the same language's tokenizer (a hyphenated term also in its solid
spelling) and stored in a trie of keys; matching walks the trie from each piece, so its
cost does not grow with the number of terms.
Punctuation breaks a match; a single line break does not.

Terms are folded without their lemma: a term tagged out of context gets unreliable tags,
and terms are written in base form anyway.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from corpus_mining.errors import ParamsError
from corpus_mining.nlp.lexicon import Lexicon
from corpus_mining.nlp.tokens import token_table
from corpus_mining.textfold import fold_word

_PIECE = re.compile(r"\w+'?")
_JOINERS = frozenset({"-", "\u2010", "\u2011"})
_INNER_HYPHEN = re.compile(r"(?<=\w)[-\u2010\u2011](?=\w)")
_ACRONYM = "="  # prefix of case-sensitive acronym keys; folded keys never contain it
_EN_KEEP = frozenset(
    {"commons", "news", "series", "species", "politics", "economics", "always", "sometimes"}
)


@dataclass(frozen=True, slots=True)
class ConceptHit:
    """One mention of a concept: ``doc.text[start:end] == text`` (character offsets)."""

    concept_id: str
    start: int
    end: int
    text: str


# A word piece as ``(start, end, keys)``, character offsets in the doc; no keys means
# punctuation, which breaks a match. Plain tuples: millions are made on a large corpus.
_Unit = tuple[int, int, tuple[str, ...]]


class _Node:
    __slots__ = ("children", "concepts")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.concepts: list[str] = []


def _stem_fr(word: str) -> str:
    """Fold French number, gender and elision: "territoriales"/"territoriaux" -> "territorial"."""
    if word.endswith("'"):
        word = word[:-1] + "e"  # d' -> de, l' -> le, qu' -> que
    if len(word) > 4 and word.endswith("aux") and not word.endswith("eaux"):
        word = word[:-3] + "al"
    elif len(word) > 3 and word[-1] in "sx":
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def _stem_en(word: str) -> str:
    """Fold English plurals: "policies" -> "policy", "businesses" -> "business"."""
    word = word.rstrip("'")
    if len(word) <= 3 or word in _EN_KEEP:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zzes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is")) or not word.endswith("s"):
        return word
    return word[:-1]


def _no_stem(word: str) -> str:
    return word.rstrip("'")


_STEMMERS: dict[str, Callable[[str], str]] = {"fr": _stem_fr, "en": _stem_en}


@lru_cache(maxsize=1 << 17)
def _normalise(word: str, lang: str) -> str:
    return _STEMMERS.get(lang, _no_stem)(fold_word(word))


def _is_acronym(piece: str) -> bool:
    return len(piece) >= 2 and piece.isupper()


def _acronym_keys(piece: str) -> tuple[str, ...]:
    if _is_acronym(piece):
        return (_ACRONYM + piece,)
    if piece.endswith("s") and _is_acronym(piece[:-1]):  # "PTCEs"
        return (_ACRONYM + piece[:-1],)
    return ()


@lru_cache(maxsize=1 << 17)
def _token_pieces(text: str, lemma: str, lang: str) -> tuple[tuple[int, int, tuple[str, ...]], ...]:
    """Word pieces of one token as ``(start, end, keys)`` relative to the token."""
    pieces = list(_PIECE.finditer(text))
    lemmas = _PIECE.findall(lemma) if lemma and lemma != text else []
    if len(lemmas) != len(pieces):
        lemmas = [piece.group() for piece in pieces]
    out = []
    for piece, lemma_piece in zip(pieces, lemmas, strict=True):
        word = piece.group()
        keys = dict.fromkeys((_normalise(word, lang), _normalise(lemma_piece, lang)))
        keys.update(dict.fromkeys(_acronym_keys(word)))
        out.append((piece.start(), piece.end(), tuple(keys)))
    return tuple(out)


def _doc_units(doc: Doc, lang: str) -> list[_Unit]:
    """The word pieces of every token of ``doc``, in order."""
    units: list[_Unit] = []
    table = token_table(doc)
    for idx, text, lemma, space in zip(
        table.idx, table.text, table.lemma, table.is_space, strict=True
    ):
        if space:
            if "\n\n" in text:
                units.append((idx, idx, ()))
            continue
        pieces = _token_pieces(text, lemma, lang)
        if pieces:
            units.extend([(idx + start, idx + end, keys) for start, end, keys in pieces])
        elif text not in _JOINERS:
            units.append((idx, idx, ()))
    return units


def _term_path(doc: Doc, lang: str) -> tuple[str, ...] | None:
    """The trie keys of a lexicon term, or None when punctuation makes it unmatchable."""
    path: list[str] = []
    for token in doc:
        if token.is_space or token.text in _JOINERS:
            continue
        pieces = _PIECE.findall(token.text)
        if not pieces:
            return None
        path.extend(_ACRONYM + p if _is_acronym(p) else _normalise(p, lang) for p in pieces)
    return tuple(path) or None


def _keep_longest(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping spans, longest first (then leftmost), returned sorted by start."""
    starts: list[int] = []
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda span: (span[0] - span[1], span[0])):
        at = bisect_left(starts, start)
        if at > 0 and kept[at - 1][1] > start:
            continue
        if at < len(kept) and kept[at][0] < end:
            continue
        starts.insert(at, start)
        kept.insert(at, (start, end))
    return kept


class ConceptMatcher:
    """Concept mentions in docs of one language, built once from a lexicon and a pipeline.

    Example:
        >>> matcher = ConceptMatcher(lexicon, nlp)
        >>> [hit.concept_id for hit in matcher(nlp("Les tiers-lieux de l'ESS"))]
        ['THIRD_PLACE', 'SSE']
    """

    def __init__(self, lexicon: Lexicon, nlp: Language, *, lang: str | None = None) -> None:
        """Index the lexicon terms of ``lang`` (default ``nlp.lang``), cut by ``nlp``'s tokenizer.

        Raises:
            ParamsError: A term contains punctuation that can never be matched.
        """
        self.lang: str = lang or nlp.lang or "xx"  # "xx": spaCy's code for no language
        self._root = _Node()
        self._size = 0
        for term, concept_id in lexicon.terms(self.lang):
            # A hyphenated term also stands for its solid spelling: co-working, coworking.
            for variant in dict.fromkeys((term, _INNER_HYPHEN.sub("", term))):
                path = _term_path(nlp.make_doc(variant), self.lang)
                if path is None:
                    raise ParamsError(
                        f"concepts.{concept_id}.terms.{self.lang}: {term!r} cannot be matched "
                        "(remove its punctuation)"
                    )
                self._insert(path, concept_id)

    def __len__(self) -> int:
        """Number of distinct (term path, concept) entries."""
        return self._size

    def _insert(self, path: tuple[str, ...], concept_id: str) -> None:
        node = self._root
        for key in path:
            node = node.children.setdefault(key, _Node())
        if concept_id not in node.concepts:
            node.concepts.append(concept_id)
            self._size += 1

    def _walk(self, units: list[_Unit], first: int) -> Iterable[tuple[str, int]]:
        """``(concept_id, last unit index)`` of every term that starts at unit ``first``."""
        nodes = [self._root]
        for index in range(first, len(units)):
            following = {
                id(child): child
                for node in nodes
                for key in units[index][2]
                if (child := node.children.get(key)) is not None
            }
            if not following:
                return
            nodes = list(following.values())
            for node in nodes:
                for concept_id in node.concepts:
                    yield concept_id, index

    def __call__(self, doc: Doc) -> list[ConceptHit]:
        """Every concept mention in ``doc``, sorted by start, end, then concept id.

        Mentions nested in a mention of another concept are kept; overlapping mentions of
        the same concept keep only the longest.
        """
        units = _doc_units(doc, self.lang)
        roots = self._root.children
        found: dict[str, set[tuple[int, int]]] = {}
        for first, (start, _, keys) in enumerate(units):
            if not any(key in roots for key in keys):
                continue  # most pieces start no term: skip the walk
            for concept_id, last in self._walk(units, first):
                found.setdefault(concept_id, set()).add((start, units[last][1]))
        if not found:
            return []
        text = token_table(doc).doc_text  # ``doc.text`` is rebuilt on each access
        hits = [
            ConceptHit(concept_id, start, end, text[start:end])
            for concept_id, spans in found.items()
            for start, end in _keep_longest(spans)
        ]
        return sorted(hits, key=lambda hit: (hit.start, hit.end, hit.concept_id))


def build_matchers(lexicon: Lexicon, models: Mapping[str, Language]) -> dict[str, ConceptMatcher]:
    """One matcher per language, keyed like ``models`` (language code -> spaCy pipeline)."""
    return {lang: ConceptMatcher(lexicon, nlp, lang=lang) for lang, nlp in models.items()}
