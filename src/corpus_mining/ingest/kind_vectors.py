"""How much a document's opening reads like each kind's real pages: ``reads_like:<kind>``.

Cues and layout name what a page says it is; many pages say nothing of the kind, yet read
like a news item or a report. The opening (the first ``OPENING_CHARS`` characters, where a
page says what it is) is embedded with the multilingual sentence encoder of the topics
stage (offline, deterministic, French and English in one space). Its cosine to each kind's
centroid (the mean unit vector of that kind's development pages of split ``tune``, shipped
in ``kind_centroids.json`` and written by ``benchmarks/train_kinds.py``), minus the mean
over the kinds, times ``SCALE``, is one feature per kind. The kind classifier weighs these
six features like the others, so ``kind_source`` can name one: ``text:news:reads_like:news``.

A vector alone is no evidence (``kinds.py``): a text with no cue, turn, byline or date
rule is still of the default kind, however it reads.

References:
    Yang, Y., Cer, D., Ahmad, A., et al. (2020). Multilingual universal sentence encoder for
    semantic retrieval. Proceedings of ACL 2020: System Demonstrations, 87-94.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from corpus_mining.topics.use_multilingual import embed_task

CENTROIDS_PATH = Path(__file__).with_name("kind_centroids.json")
OPENING_CHARS = 2000
# Centred cosines differ by a few hundredths; the scale puts them on the other features'
# range. Chosen by five-fold cross-validation on the tune pages (5 against 10 and 20).
SCALE = 5.0
PREFIX = "reads_like:"

Vectors = npt.NDArray[np.float32]


def opening_vectors(texts: Sequence[str]) -> Vectors:
    """The unit vector of each text's opening (one row per text)."""
    return embed_task([text[:OPENING_CHARS] for text in texts])


def centroids_of(vectors: Vectors, kinds: Sequence[str], order: Sequence[str]) -> Vectors:
    """Each kind's unit mean vector, rows in ``order``; a kind without a text has zeros."""
    labels = np.asarray(kinds)
    rows = np.zeros((len(order), vectors.shape[1]), dtype=np.float32)
    for row, kind in enumerate(order):
        if (labels == kind).any():
            mean = vectors[labels == kind].mean(axis=0)
            rows[row] = mean / np.linalg.norm(mean)
    return rows


def reads_like(
    vectors: Vectors, centroids: Vectors, order: Sequence[str]
) -> list[dict[str, float]]:
    """Per text, ``reads_like:<kind>``: centred cosine to each kind's centroid, scaled."""
    cosines = vectors.astype(np.float64) @ centroids.astype(np.float64).T
    centred = (cosines - cosines.mean(axis=1, keepdims=True)) * SCALE
    return [
        {f"{PREFIX}{kind}": round(float(value), 6) for kind, value in zip(order, row, strict=True)}
        for row in centred
    ]


@lru_cache(maxsize=1)
def shipped_centroids(path: Path = CENTROIDS_PATH) -> tuple[tuple[str, ...], Vectors]:
    """The kinds and their centroids, fitted with the kind weights (read once per process)."""
    raw: dict[str, list[float]] = json.loads(path.read_text(encoding="utf-8"))
    return tuple(raw), np.array(list(raw.values()), dtype=np.float32)


def centroids_json(order: Sequence[str], centroids: Vectors) -> str:
    """The centroids as ``shipped_centroids`` reads them: kind -> vector, 7 digits each."""
    rows = {
        kind: [float(f"{v:.7g}") for v in row] for kind, row in zip(order, centroids, strict=True)
    }
    return json.dumps(rows, indent=0) + "\n"


def reads_like_features(paragraphs: list[str]) -> dict[str, float]:
    """``reads_like:<kind>`` of one document, with the shipped centroids."""
    order, centroids = shipped_centroids()
    return reads_like(opening_vectors(["\n\n".join(paragraphs)]), centroids, order)[0]
