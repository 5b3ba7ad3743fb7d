"""What describes a fitted model's topics: terms, representative units and signatures."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

from corpus_mining.topics.labels import TopicSignature
from corpus_mining.topics.representation import is_substantive, representative
from corpus_mining.topics.units import Units


def overall_terms(model: Any, topic: int) -> list[str]:
    """The topic's c-TF-IDF terms with a positive score, best first."""
    words = model.get_topic(topic) or []
    return [str(word) for word, score in words if word and score > 0]


def examples(
    units: Units,
    topics: Sequence[int],
    similarity: np.ndarray,
    *,
    per_language: int,
    min_words: int,
) -> list[dict[str, Any]]:
    """The representative units of each topic and language (running prose first).

    Args:
        units: The units.
        topics: Each unit's topic.
        similarity: Each unit's similarity to its topic's centroid.
        per_language: Units per topic and language.
        min_words: Fewest words of a unit shown as an example (``is_substantive``).
    """
    eligible = [is_substantive(text, min_words=min_words) for text in units.texts]
    return representative(
        similarity, topics, units.langs, units.ids, per_language=per_language, eligible=eligible
    )


def signatures(
    model: Any, units: Units, topics: Sequence[int], chosen: Sequence[dict[str, Any]]
) -> list[TopicSignature]:
    """Each topic's signature: its terms, representative units (``chosen``) and members."""
    passages: dict[int, list[str]] = defaultdict(list)
    for row in chosen:
        passages[row["topic_id"]].append(row["passage_id"])
    members: dict[int, set[str]] = defaultdict(set)
    for unit_id, topic in zip(units.ids, topics, strict=True):
        members[topic].add(unit_id)
    return [
        TopicSignature(
            topic, overall_terms(model, topic), sorted(passages[topic]), frozenset(members[topic])
        )
        for topic in sorted(set(topics))
    ]
