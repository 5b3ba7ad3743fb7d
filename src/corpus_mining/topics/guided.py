"""Guided topics: seed topics from the concept lexicon, as BERTopic's guided topic modelling.

Each concept of the families named in ``topics.guided_families`` is one seed topic, made of
its terms in every language. A unit closer to a seed topic than to the corpus mean is
labelled with it for a semi-supervised UMAP, and its embedding is pulled a quarter of the
way towards the seed's. This is BERTopic's ``_guided_topic_modeling``, applied here because
this project fits the reducer itself (see ``topics.model``).

References:
    Grootendorst, M. (2022). BERTopic: Neural topic modeling with a class-based TF-IDF
    procedure. arXiv:2203.05794 (guided topic modelling in its documentation).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from corpus_mining.errors import ParamsError
from corpus_mining.nlp.lexicon import Lexicon, load_lexicon
from corpus_mining.topics.centering import center_neutral

if TYPE_CHECKING:
    from corpus_mining.topics.embedders import Embedder

Guide = Callable[[npt.NDArray[np.float32]], tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]]

_PULL = 0.25


def seed_topics(lexicon: Lexicon, families: Sequence[str]) -> list[tuple[str, list[str]]]:
    """(concept id, its terms in every language) for each concept of ``families``.

    Raises:
        ParamsError: A family is not in the lexicon.
    """
    seeds: list[tuple[str, list[str]]] = []
    for family in families:
        if family not in lexicon.families:
            known = ", ".join(sorted(lexicon.families))
            raise ParamsError(
                f"topics.guided_families: {family!r} is not a lexicon family; known: {known}"
            )
        for concept_id in lexicon.families[family]:
            concept = lexicon.concepts[concept_id]
            terms = [t for lang in sorted(concept.terms) for t in concept.terms_for(lang)]
            seeds.append((concept_id, sorted(set(terms), key=terms.index)))
    return seeds


def guide_step(
    families: Sequence[str],
    *,
    lexicon: Path,
    embedder: Embedder,
    lsa: bool,
    means: Mapping[str, npt.NDArray[np.float32]] | None,
) -> Guide | None:
    """The guided-topics step of ``topics.guided_families``, or None when it is empty.

    Args:
        families: Lexicon families whose concepts are the seed topics.
        lexicon: The lexicon file.
        embedder: Embeds the seed topics (their terms joined).
        lsa: Whether the embedder is LSA (it cannot embed seed topics: an error).
        means: Language means the units were centred on (``topics.center_languages``);
            the seeds, of every language, are centred on their average. None: uncentred.

    Raises:
        ParamsError: LSA, or a family not in the lexicon.
    """
    if not families:
        return None
    seeds = seed_topics(load_lexicon(lexicon), families)
    if lsa:
        raise ParamsError("topics.guided_families: needs a neural embedder, not 'lsa'")
    vectors = embedder.embed([" ".join(terms) for _, terms in seeds])
    if means is not None:
        vectors = center_neutral(vectors, means)
    return lambda embeddings: guide(embeddings, vectors)


def guide(
    embeddings: npt.NDArray[np.float32], seeds: npt.NDArray[np.float32]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """Labels for a semi-supervised reducer and the nudged embeddings.

    Args:
        embeddings: Units' vectors (L2-normalised rows).
        seeds: One vector per seed topic.

    Returns:
        Each unit's seed topic or -1 (closer to the corpus mean than to any seed), and the
        embeddings with labelled rows moved towards their seed.
    """
    anchors = np.vstack([seeds, embeddings.mean(axis=0, keepdims=True)])
    anchors = anchors / np.maximum(np.linalg.norm(anchors, axis=1, keepdims=True), 1e-12)
    units = embeddings / np.maximum(np.linalg.norm(embeddings, axis=1, keepdims=True), 1e-12)
    labels = np.argmax(units @ anchors.T, axis=1)
    labels[labels == len(seeds)] = -1
    nudged = embeddings.copy()
    for seed in range(len(seeds)):
        rows = labels == seed
        nudged[rows] = embeddings[rows] * (1 - _PULL) + seeds[seed] * _PULL
    return labels.astype(np.int64), nudged.astype(np.float32)
