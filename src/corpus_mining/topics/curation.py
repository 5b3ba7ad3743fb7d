"""Reviewers' splits of topics (``splits:`` in ``corpus/topic_labels.yaml``), kept across runs.

A split names its topic by content, like a label (top terms and representative passage
ids, scored by ``labels.signature_score``), and says into how many parts to cut it. Each
run finds the topic that matches the signature best and cuts its passages into ``into``
parts by k-means on their embeddings (seeded): the first part (the one holding the
topic's first passage id) keeps the topic's id, the others take new ids. Splits apply
after the merges and before the labels are matched again, so the parts can be labelled
and every downstream table sees them. A split that matches no topic is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from corpus_mining.config import describe_validation_error
from corpus_mining.errors import ParamsError
from corpus_mining.topics.labels import (
    OUTLIER_TOPIC,
    LabelReportRow,
    LabelSignature,
    TopicSignature,
    signature_score,
)


class TopicSplit(LabelSignature):
    """One entry of ``splits:``: the topic's signature and the number of parts."""

    into: int = Field(default=2, ge=2, le=20)
    note: str | None = None

    def name(self) -> str:
        """How the label report names the split: its first top terms or passages."""
        return "split: " + ", ".join((self.top_terms or self.passages)[:3])


class _CurationFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    labels: list[Any] = Field(default_factory=list)  # validated by labels.parse_topic_labels
    splits: list[TopicSplit] = Field(default_factory=list)


@dataclass(frozen=True)
class SplitOutcome:
    """Which topic each split cut (None: unmatched), into which ids, and why not."""

    split: TopicSplit
    topic: int | None
    parts: tuple[int, ...]
    score: float
    reason: str

    @property
    def label(self) -> str:
        """The split's name in the label report."""
        return self.split.name()


def load_topic_splits(path: Path) -> list[TopicSplit]:
    """The ``splits:`` of ``topic_labels.yaml``; a missing file or key means none.

    Raises:
        ParamsError: The file is not YAML or a split is invalid (file and key named).
    """
    if not path.is_file():
        return []
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ParamsError(f"{path}: not valid YAML: {' '.join(str(error).split())}") from None
    if not isinstance(raw, dict):
        return []
    try:
        return _CurationFile.model_validate(raw).splits
    except ValidationError as error:
        raise ParamsError(describe_validation_error(error, path)) from None


def match_splits(
    splits: Sequence[TopicSplit], topics: Sequence[TopicSignature], *, threshold: float
) -> list[tuple[TopicSplit, int | None, float, str]]:
    """The topic each split claims: best score first, one split per topic, outliers never.

    Returns:
        ``(split, topic or None, best score, reason when None)`` in file order.
    """
    candidates = [t for t in topics if t.topic_id != OUTLIER_TOPIC]
    known = {p for t in topics for p in (*t.members, *t.passages)}
    scored = sorted(
        (-signature_score(s, t, known_passages=known), i, t.topic_id)
        for i, s in enumerate(splits)
        for t in candidates
    )
    owner: dict[int, int] = {}
    chosen: dict[int, tuple[int, float]] = {}
    for negative, index, topic in scored:
        if -negative >= threshold and index not in chosen and topic not in owner:
            owner[topic], chosen[index] = index, (topic, -negative)
    result: list[tuple[TopicSplit, int | None, float, str]] = []
    for index, split in enumerate(splits):
        best = min((c for c in scored if c[1] == index), default=None)
        if index in chosen:
            result.append((split, chosen[index][0], chosen[index][1], ""))
        elif best is None:
            result.append((split, None, 0.0, "there are no topics to split"))
        elif -best[0] < threshold:
            reason = f"no topic reaches the threshold (best {-best[0]:.2f} for topic {best[2]})"
            result.append((split, None, -best[0], reason))
        else:
            reason = f"its topic {best[2]} was taken by a better-matching split"
            result.append((split, None, -best[0], reason))
    return result


def cut(
    topics: Sequence[int], embeddings: np.ndarray, topic: int, into: int, *, seed: int
) -> list[int]:
    """``topics`` with ``topic``'s units cut into ``into`` parts by k-means (seeded)."""
    from sklearn.cluster import KMeans

    members = [i for i, t in enumerate(topics) if t == topic]
    parts = KMeans(n_clusters=into, n_init=10, random_state=seed).fit_predict(
        np.asarray(embeddings[members], dtype=np.float64)
    )
    # Part order by first member, so ids do not depend on k-means' arbitrary labels.
    order = list(dict.fromkeys(int(p) for p in parts))
    fresh = max(topics) + 1
    ids = {part: topic if rank == 0 else fresh + rank - 1 for rank, part in enumerate(order)}
    result = list(topics)
    for i, part in zip(members, parts, strict=True):
        result[i] = ids[int(part)]
    return result


def apply_splits(
    splits: Sequence[TopicSplit],
    signatures: Sequence[TopicSignature],
    topics: list[int],
    embeddings: np.ndarray,
    *,
    threshold: float,
    seed: int,
) -> tuple[list[int], list[SplitOutcome]]:
    """Every unit's topic after the matched splits, and what became of each split."""
    outcomes = []
    for split, topic, score, reason in match_splits(splits, signatures, threshold=threshold):
        size = sum(t == topic for t in topics)
        if topic is not None and size < split.into:
            topic, reason = None, f"topic {topic} has {size} passages, fewer than {split.into}"
        if topic is None:
            outcomes.append(SplitOutcome(split, None, (), score, reason))
            continue
        before = set(topics)
        topics = cut(topics, embeddings, topic, split.into, seed=seed)
        parts = (topic, *sorted(set(topics) - before))
        outcomes.append(SplitOutcome(split, topic, parts, score, ""))
    return topics, outcomes


def split_topics(
    splits: Sequence[TopicSplit],
    model: Any,
    lemmas: Sequence[str],
    fitted: Sequence[int],
    topics: list[int],
    embeddings: np.ndarray,
    *,
    threshold: float,
    seed: int,
    vectorizer: Callable[[int], Any],
    describe: Callable[[list[int]], list[TopicSignature]],
) -> tuple[list[int], list[TopicSignature], list[SplitOutcome]]:
    """Apply ``splits`` to the run's topics and to the model's c-TF-IDF.

    Args:
        splits: The reviewers' splits.
        model: The fitted BERTopic model (its representation is recomputed after a cut).
        lemmas: Every unit's lemmas.
        fitted: Indices of the units the model was fitted on.
        topics: Every unit's topic.
        embeddings: Every unit's embedding.
        threshold: Lowest signature score at which a split claims a topic.
        seed: Seed of the k-means cuts.
        vectorizer: The CountVectorizer for a number of topics.
        describe: The signatures of the topics of a new assignment.

    Returns:
        Every unit's topic, the topics' signatures and what became of each split.
    """
    if not splits:
        return topics, describe(topics), []
    new, outcomes = apply_splits(
        splits, describe(topics), topics, embeddings, threshold=threshold, seed=seed
    )
    if new != topics:
        sample = [new[i] for i in fitted]
        model.update_topics(
            [lemmas[i] for i in fitted],
            topics=sample,
            vectorizer_model=vectorizer(len(set(sample))),
        )
    return new, describe(new), outcomes


def split_report_rows(outcomes: Sequence[SplitOutcome]) -> list[LabelReportRow]:
    """Rows of the label report: ``split`` with the parts' ids, or ``unmatched``."""
    return [
        LabelReportRow(
            label=o.label,
            status="split" if o.topic is not None else "unmatched",
            topic_ids=";".join(str(t) for t in o.parts),
            score=round(o.score, 3),
            reason=f"topic {o.topic} is split into {len(o.parts)}"
            if o.topic is not None
            else o.reason,
        )
        for o in outcomes
    ]
