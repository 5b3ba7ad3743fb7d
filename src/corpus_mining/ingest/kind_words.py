"""How a document's common words read next to each kind's real pages: ``words_like:<kind>``.

A news item says "annoncé", "mardi", "told"; an institutional page "adhérents", "our
members"; a glossary "désigne", "term". The opening (``OPENING_CHARS``, as for
``reads_like``) is cut into words (lowercased, accents removed, letters only), weighed by
tf-idf (``1 + ln(count)`` times the word's idf, then scaled to unit length) and scored by a
multinomial logistic regression over the words, one score per kind. The log-probabilities,
minus their mean over the kinds, times ``SCALE``, are six features the kind classifier
weighs like the others: ``kind_source`` can name one, ``text:news:words_like:news``.

The vocabulary is made of common words only: words seen in lower case on the tune pages,
in ``MIN_PAGES`` pages or more, at most ``MAX_WORDS`` (the most frequent). A word seen only
capitalised (a name of a place, a site, an organisation) is left out, so a kind is never
learnt from who wrote the pages. The model ships in ``kind_words.tsv`` (one line per word:
idf, then one weight per kind), written by ``benchmarks/train_kinds.py``, readable by hand:
sort a column to see what a kind's pages say.

Like ``reads_like``, the words are never evidence alone (``kinds.py``).

References:
    Manning, C. D., Raghavan, P. and Schütze, H. (2008). Introduction to Information
    Retrieval, ch. 6 (tf-idf weighting) and ch. 13-14 (text classification).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from corpus_mining.ingest.kind_vectors import OPENING_CHARS

WORDS_PATH = Path(__file__).with_name("kind_words.tsv")
PREFIX = "words_like:"
# Log-probabilities differ by a few units; chosen by five-fold cross-validation on the
# tune pages (1.0 against 0.5, 1.5 and 2.0).
SCALE = 1.0
MIN_PAGES = 3
MAX_WORDS = 5000
# Inverse regularisation of the word model: chosen by the same cross-validation (10
# against 1 and 30).
WORDS_C = 10.0
_WORD = re.compile(r"\b[^\W\d_]{2,}\b")

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True)
class WordModel:
    """The vocabulary, each word's idf, its weight per kind and each kind's intercept."""

    kinds: tuple[str, ...]
    index: dict[str, int]
    idf: Matrix  # (words,)
    coef: Matrix  # (words, kinds)
    intercept: Matrix  # (kinds,)


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def raw_words(text: str) -> list[str]:
    """The words of a text's opening, as written (letters only, two or more)."""
    return _WORD.findall(text[:OPENING_CHARS])


def fold_word(word: str) -> str:
    """A word as the vocabulary holds it: lower case, without accents."""
    return _strip_accents(word.lower())


def _tfidf(words: list[str], model: WordModel) -> Matrix:
    """The unit tf-idf vector of ``words`` over the model's vocabulary (dense)."""
    row = np.zeros(len(model.index))
    for word, count in Counter(fold_word(w) for w in words).items():
        if (j := model.index.get(word)) is not None:
            row[j] = (1.0 + math.log(count)) * model.idf[j]
    norm = float(np.linalg.norm(row))
    return row / norm if norm else row


def words_like(texts: Sequence[str], model: WordModel) -> list[dict[str, float]]:
    """Per text, ``words_like:<kind>``: centred log-probability of each kind, scaled."""
    rows = []
    for text in texts:
        scores = _tfidf(raw_words(text), model) @ model.coef + model.intercept
        log_prob = scores - (scores.max() + math.log(float(np.exp(scores - scores.max()).sum())))
        centred = (log_prob - log_prob.mean()) * SCALE
        rows.append(
            {
                f"{PREFIX}{kind}": round(float(value), 6)
                for kind, value in zip(model.kinds, centred, strict=True)
            }
        )
    return rows


def vocabulary(texts: Sequence[str]) -> list[str]:
    """The common words of ``texts``: seen in lower case, in ``MIN_PAGES`` texts or more.

    At most ``MAX_WORDS``, the most frequent (ties by word); sorted.
    """
    return _vocabulary_and_pages(texts)[0]


def _vocabulary_and_pages(texts: Sequence[str]) -> tuple[list[str], Counter[str]]:
    """The vocabulary of ``texts`` and, for every word, how many texts hold it."""
    pages: Counter[str] = Counter()
    total: Counter[str] = Counter()
    lower: set[str] = set()
    for text in texts:
        words = raw_words(text)
        lower.update(fold_word(w) for w in words if w.islower())
        folded = [fold_word(w) for w in words]
        total.update(folded)
        pages.update(set(folded))
    common = [w for w, n in pages.items() if n >= MIN_PAGES and w in lower]
    common.sort(key=lambda w: (-total[w], w))
    return sorted(common[:MAX_WORDS]), pages


def fit_word_model(
    texts: Sequence[str], kinds: Sequence[str], order: Sequence[str], *, seed: int = 0
) -> WordModel:
    """A word model fitted on ``texts`` of the given kinds (scikit-learn, lbfgs, seeded)."""
    from sklearn.linear_model import LogisticRegression

    if sorted(set(kinds)) != sorted(order):
        raise ValueError(f"every kind of {list(order)} needs texts, got {sorted(set(kinds))}")
    words, pages = _vocabulary_and_pages(texts)
    index = {word: j for j, word in enumerate(words)}
    n = len(texts)
    idf = np.array([math.log((1 + n) / (1 + pages[w])) + 1.0 for w in words])
    empty = WordModel(tuple(order), index, idf, np.zeros((len(words), len(order))), np.zeros(0))
    matrix = np.stack([_tfidf(raw_words(text), empty) for text in texts])
    model = LogisticRegression(C=WORDS_C, max_iter=5000, random_state=seed)
    model.fit(matrix, np.asarray(kinds))
    coef, intercept = model.coef_, model.intercept_
    if len(model.classes_) == 2:  # one row for the second class: the first scores 0
        coef = np.vstack([np.zeros_like(coef), coef])
        intercept = np.concatenate([[0.0], intercept])
    columns = [list(model.classes_).index(kind) for kind in order]
    return WordModel(tuple(order), index, idf, coef[columns].T.copy(), intercept[columns].copy())


def words_tsv(model: WordModel) -> str:
    """The model as ``load_words`` reads it: a header, the intercepts, one line per word."""
    lines = [
        "# Word model of words_like:<kind> (src/corpus_mining/ingest/kind_words.py), written",
        "# by benchmarks/train_kinds.py: do not edit by hand, re-fit. Columns: word, idf, then",
        "# one weight per kind (a positive weight pulls towards that kind).",
        "\t".join(("word", "idf", *model.kinds)),
        "\t".join(("(intercept)", "0", *(f"{v:.6g}" for v in model.intercept))),
    ]
    for word, j in sorted(model.index.items()):
        lines.append("\t".join((word, f"{model.idf[j]:.6g}", *(f"{v:.6g}" for v in model.coef[j]))))
    return "\n".join(lines) + "\n"


@lru_cache(maxsize=1)
def load_words(path: Path = WORDS_PATH) -> WordModel:
    """The shipped word model (read once per process)."""
    rows = [
        line.split("\t")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    header, intercept, words = rows[0], rows[1], rows[2:]
    kinds = tuple(header[2:])
    return WordModel(
        kinds,
        {row[0]: j for j, row in enumerate(words)},
        np.array([float(row[1]) for row in words]),
        np.array([[float(v) for v in row[2:]] for row in words]).reshape(len(words), len(kinds)),
        np.array([float(v) for v in intercept[2:]]),
    )


def words_like_features(paragraphs: list[str]) -> dict[str, float]:
    """``words_like:<kind>`` of one document, with the shipped word model."""
    return words_like(["\n\n".join(paragraphs)], load_words())[0]
