"""Guess a document's kind from named text features, with the feature that decided.

A multinomial logistic regression, readable by hand: each kind's score is its bias plus,
for every feature of ``kind_features.py``, the feature's value times the kind's weight
for it (``kind_weights.yaml``: one line per feature, one weight per kind; a positive
weight pulls towards that kind). The kind with the highest score wins, if the features
that point to it (positive contributions, length and reading aside) add ``MIN_SUPPORT``
or more. A short length alone says nothing, and how a text reads, ``reads_like:<kind>``
and ``words_like:<kind>``, is never evidence alone: when the winner has too little
support, the kinds are scored again without the reading, and that winner is taken if it
has the support (an address that says "actualites" is not outvoted by how the text
reads); else the text is of the default kind, ``text:no_evidence`` (it would win by its
prior or its reading only). ``kind_source`` reads ``text:<kind>:<feature>``, the feature
whose value times weight added most to the winner's score (for the cue count of a kind,
its strongest cue: ``heading:resume``). Length is a feature, not the rule.

The weights (and the centroids of ``kind_vectors.py``, the word model of
``kind_words.py``) are fitted, seeded and deterministic, by ``benchmarks/train_kinds.py``
on the development pages of split ``tune`` and on short documents written for it; re-run
it after editing ``cues.yaml`` or the features.

A document's web address, when known, adds ``URL_WEIGHT`` to each kind whose address
words it holds (``url:<kind>``: "/actualites/", "/qui-sommes-nous/", "wiki"). That weight
is set by hand, not fitted: a corpus of files has no addresses, so the fitted text model
must stand alone; the address weighs about two strong text cues, so several cues of
another kind still win. When it decides, ``kind_source`` reads ``url:<kind>:<word>``.

References:
    Jurafsky, D. and Martin, J. H. (2024). Speech and Language Processing, 3rd ed.
    draft, ch. 5 (Logistic regression).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from corpus_mining.ingest.kind_features import cue_hits, kind_features, url_hits
from corpus_mining.ingest.kind_vectors import PREFIX as READS_LIKE
from corpus_mining.ingest.kind_words import PREFIX as WORDS_LIKE

WEIGHTS_PATH = Path(__file__).with_name("kind_weights.yaml")
# Features that say little of a kind by themselves: a text with only these is unknown.
_NOT_EVIDENCE = ("length_under_150",)
# Features that add to a kind's support but are not evidence alone: every text has a
# vector and words, and a text with no cue, turn, byline, layout or date rule is still
# unknown.
_NOT_ALONE = (READS_LIKE, WORDS_LIKE)
# What the features that point to the winner must add to its score: below, it would win
# by a prior or a reading alone.
MIN_SUPPORT = 0.25
# What an address word adds to its kind's score, about two strong text cues. Chosen on the
# tune pages alone (kinds right of 168: 131 at 0.5, 134 at 1.0, 136 at 2.0 and at 3.0).
URL_WEIGHT = 2.0


@dataclass(frozen=True)
class KindGuess:
    """The kind chosen, the score of each kind, and the deciding feature."""

    kind: str
    source: str
    scores: dict[str, float]


@dataclass(frozen=True)
class KindModel:
    """Biases and per-feature weights of each kind, as read from ``kind_weights.yaml``."""

    kinds: tuple[str, ...]
    bias: dict[str, float]
    weights: dict[str, dict[str, float]]  # feature -> kind -> weight


@lru_cache(maxsize=1)
def load_model(path: Path = WEIGHTS_PATH) -> KindModel:
    """The shipped model (read once per process)."""
    raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    kinds = tuple(raw["kinds"])
    weights = {
        feature: dict(zip(kinds, map(float, row), strict=True))
        for feature, row in raw["weights"].items()
    }
    bias = dict(zip(kinds, map(float, raw["bias"]), strict=True))
    for kind in kinds:
        weights[f"url:{kind}"] = {other: URL_WEIGHT if other == kind else 0.0 for other in kinds}
    return KindModel(kinds, bias, weights)


def score(model: KindModel, features: dict[str, float]) -> dict[str, float]:
    """Each kind's score: its bias plus the sum of feature value times weight."""
    scores = dict(model.bias)
    for feature, value in features.items():
        if value and feature in model.weights:
            for kind, weight in model.weights[feature].items():
                scores[kind] += value * weight
    return {kind: round(value, 6) for kind, value in scores.items()}


def _deciding_feature(model: KindModel, features: dict[str, float], kind: str) -> str:
    """The feature that added most to ``kind``'s score (ties: the first in name order)."""
    contributions = {
        feature: value * model.weights[feature][kind]
        for feature, value in sorted(features.items())
        if value and feature in model.weights
    }
    if not contributions or max(contributions.values()) <= 0:
        return "bias"
    return max(contributions, key=lambda f: contributions[f])


def _support(model: KindModel, features: dict[str, float], kind: str) -> float:
    """What the features that point to ``kind`` add to its score (length aside).

    Only the positive contributions count: a kind that something points to keeps its
    support even when other features pull against it; one that nothing points to, and
    that wins by its prior alone, has none.
    """
    return sum(
        max(0.0, value * model.weights[feature][kind])
        for feature, value in features.items()
        if value and feature in model.weights and _is_evidence(feature)
    )


def _best(model: KindModel, scores: dict[str, float]) -> str:
    """The kind of highest score (ties: the first of ``model.kinds``)."""
    return max(model.kinds, key=lambda k: (scores[k], -model.kinds.index(k)))


def _is_evidence(feature: str) -> bool:
    """A feature that can speak for a kind (length and reading cannot, alone)."""
    return feature not in _NOT_EVIDENCE and not feature.startswith(_NOT_ALONE)


def infer_kind(
    paragraphs: list[str],
    n_words: int,
    *,
    date_source: str = "none",
    url: str | None = None,
    default: str = "other",
) -> KindGuess:
    """The kind of a document from its paragraphs; ``default`` when no feature fires.

    Args:
        paragraphs: the document's paragraphs, in order.
        n_words: its length in words.
        date_source: the rule that dated it (a publication line or a dateline is evidence
            of a news item or press release).
        url: its web address, when known.
        default: the kind used when no feature other than length fires.
    """
    model = load_model()
    features = kind_features(paragraphs, n_words, date_source=date_source, url=url)
    scores = score(model, features)
    best = _best(model, scores)
    if _support(model, features, best) < MIN_SUPPORT:  # again, without the reading
        unread = {f: v for f, v in features.items() if not f.startswith(_NOT_ALONE)}
        best = _best(model, score(model, unread))
        if _support(model, features, best) < MIN_SUPPORT:
            return KindGuess(default, "text:no_evidence", scores)
    feature = _deciding_feature(model, features, best)
    if feature.startswith("url:"):
        return KindGuess(best, f"url:{best}:{url_hits(url)[best]}", scores)
    if feature.startswith("cue:"):  # name the cue itself: "heading:resume", "phrase:..."
        hits = cue_hits(paragraphs).get(feature.removeprefix("cue:"), [])
        feature = hits[0][1] if hits else feature
    return KindGuess(best, f"text:{best}:{feature}", scores)
