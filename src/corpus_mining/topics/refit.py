"""Refit the topic model, or assign changed passages with the kept one (``topics.refit``).

With ``on_drift``, a run compares its units with those the kept model was fitted on: a unit
is new (its id is not kept), removed (a kept id is gone) or edited (same id, other content).
While that share stays under ``topics.drift_share``, and the kept model was fitted with the
same params, labels file and embedder, the run keeps every unchanged unit's topic and score
and assigns the others to the nearest kept topic centroid (cosine, in the embedding space):
what BERTopic itself does with a model saved without its clusterer. Nothing is refitted, so
the number of topics, their terms and labels stay those of the kept fit.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from corpus_mining.topics.units import Units

# Settings that change neither the fit nor its outputs (threads and workers only change the
# speed; refit and drift_share choose between fitting and assigning).
NOT_IN_MODEL = frozenset({"refit", "drift_share", "threads", "workers"})
_SEPARATOR = "\x1f"

Path_ = Literal["refit", "assigned"]


def unit_keys(units: Units) -> list[str]:
    """A content hash of each unit: everything the fit reads of it (text, lemmas, language)."""
    fields = zip(
        units.ids, units.doc_ids, units.langs, units.kinds, units.texts, units.lemmas,
        units.shared, strict=True,
    )  # fmt: skip
    return [hashlib.sha256(_SEPARATOR.join(row).encode("utf-8")).hexdigest() for row in fields]


def params_key(
    topics: Mapping[str, Any], *, languages: Sequence[str], inputs: Sequence[bytes]
) -> str:
    """A hash of what the fit depends on besides the units: params and input files' bytes.

    Args:
        topics: The ``topics`` params as plain values (``model_dump(mode="json")``).
        languages: ``ingest.languages`` (the metrics' language mix reads them).
        inputs: Bytes of the files the fit reads (topic labels, lexicon when guided).
    """
    kept = {name: value for name, value in topics.items() if name not in NOT_IN_MODEL}
    digest = hashlib.sha256(
        json.dumps({"topics": kept, "languages": list(languages)}, sort_keys=True).encode()
    )
    for blob in inputs:
        digest.update(hashlib.sha256(blob).digest())
    return digest.hexdigest()[:16]


def model_version(key: str, embedder_id: str, ids: Sequence[str], keys: Sequence[str]) -> str:
    """The version of a fit: a hash of its params key, embedder and units' contents."""
    digest = hashlib.sha256(f"{key}{_SEPARATOR}{embedder_id}".encode())
    for unit_id, unit_key in sorted(zip(ids, keys, strict=True)):
        digest.update(f"{_SEPARATOR}{unit_id}{_SEPARATOR}{unit_key}".encode())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Drift:
    """How the current units differ from those the kept model was fitted on."""

    kept: int
    new: int
    removed: int
    edited: int

    @property
    def share(self) -> float:
        """Changed units (new + removed + edited) over the kept units."""
        return round((self.new + self.removed + self.edited) / max(1, self.kept), 6)

    def as_metrics(self) -> dict[str, Any]:
        """A JSON-ready record of the counts and the share."""
        return {
            "kept_units": self.kept,
            "new": self.new,
            "removed": self.removed,
            "edited": self.edited,
            "share": self.share,
        }


def measure_drift(kept: Mapping[str, str], ids: Sequence[str], keys: Sequence[str]) -> Drift:
    """Compare units (``ids`` with content ``keys``) with ``kept`` (id -> key)."""
    current = dict(zip(ids, keys, strict=True))
    new = sum(1 for unit_id in current if unit_id not in kept)
    removed = sum(1 for unit_id in kept if unit_id not in current)
    edited = sum(1 for unit_id, key in current.items() if kept.get(unit_id, key) != key)
    return Drift(len(kept), new, removed, edited)


@dataclass(frozen=True)
class Decision:
    """Which path the run takes, why, and the drift that decided (None: not measured)."""

    path: Path_
    reason: str
    drift: Drift | None = None


@dataclass(frozen=True)
class KeptFit:
    """What ``decide`` needs to know of the kept model."""

    params_key: str
    embedder_id: str
    units: Mapping[str, str]  # unit id -> content key


def decide(
    kept: KeptFit | None,
    *,
    mode: str,
    force: bool,
    key: str,
    embedder_id: str,
    ids: Sequence[str],
    keys: Sequence[str],
    threshold: float,
) -> Decision:
    """Refit or assign with the kept model.

    Args:
        kept: The kept model, or None when there is none (or it cannot be read).
        mode: ``topics.refit``: ``always`` or ``on_drift``.
        force: Refit whatever the drift (``corpus-mining topics --refit``).
        key: This run's ``params_key``.
        embedder_id: This run's embedder id (its vectors live in that space).
        ids: This run's unit ids.
        keys: Their content keys (``unit_keys``).
        threshold: ``topics.drift_share``: assign only while the share is under it.
    """
    if mode == "always":
        return Decision("refit", "topics.refit is always")
    if kept is None:
        return Decision("refit", "no kept model")
    drift = measure_drift(kept.units, ids, keys)
    if force:
        return Decision("refit", "--refit was given", drift)
    if kept.params_key != key:
        return Decision("refit", "topics params or topic labels changed since the kept fit", drift)
    if kept.embedder_id != embedder_id:
        return Decision("refit", f"the embedder is {embedder_id}, not {kept.embedder_id}", drift)
    if drift.share >= threshold:
        return Decision("refit", f"changed share {drift.share} reaches {threshold}", drift)
    return Decision("assigned", f"changed share {drift.share} is under {threshold}", drift)


def assign_nearest(
    embeddings: npt.NDArray[np.float32],
    topic_ids: Sequence[int],
    centroids: npt.NDArray[np.float32],
) -> tuple[list[int], npt.NDArray[np.float64]]:
    """Each unit's nearest centroid by cosine (ties: the first), and its clipped similarity.

    Args:
        embeddings: L2-normalised rows.
        topic_ids: The topic of each centroid row.
        centroids: L2-normalised topic centroids (``representation.topic_centroids``).
    """
    if not len(embeddings) or not len(topic_ids):
        return [], np.zeros(0, dtype=np.float64)
    similarity = embeddings @ centroids.T
    best = np.argmax(similarity, axis=1)
    scores = np.clip(similarity[np.arange(len(best)), best], 0.0, 1.0).astype(np.float64)
    return [int(topic_ids[i]) for i in best], np.round(scores, 6)


def carry_over(
    kept: Mapping[str, tuple[str, int, float]],
    ids: Sequence[str],
    keys: Sequence[str],
    embeddings: npt.NDArray[np.float32],
    *,
    topic_ids: Sequence[int],
    centroids: npt.NDArray[np.float32],
) -> tuple[list[int], npt.NDArray[np.float64], int]:
    """Every unit's topic and score: kept when its content is unchanged, else assigned.

    Args:
        kept: The kept fit's units: id -> (content key, topic, score).
        ids: This run's unit ids.
        keys: Their content keys.
        embeddings: Their embeddings, one row per unit.
        topic_ids: The kept topics' ids, one per centroid row.
        centroids: The kept topics' centroids.

    Returns:
        Topics, scores, and how many units were assigned (new or edited).
    """
    todo = [
        i
        for i, (uid, key) in enumerate(zip(ids, keys, strict=True))
        if kept.get(uid, ("",))[0] != key
    ]
    assigned, assigned_scores = assign_nearest(embeddings[todo], topic_ids, centroids)
    topics = [kept[uid][1] if uid in kept else -1 for uid in ids]
    scores = np.array([kept[uid][2] if uid in kept else 0.0 for uid in ids], dtype=np.float64)
    for index, topic, score in zip(todo, assigned, assigned_scores, strict=True):
        topics[index], scores[index] = topic, score
    return topics, scores, len(todo)


def model_record(version: str, decision: Decision, **extra: Any) -> dict[str, Any]:
    """The ``model`` entry of the metrics: version, path, reason, drift and ``extra``."""
    drift = decision.drift.as_metrics() if decision.drift else None
    return {
        "version": version,
        "path": decision.path,
        "reason": decision.reason,
        "drift": drift,
        **extra,
    }


def model_columns(version: str, decision: Decision) -> dict[str, Any]:
    """The columns every row of ``topics.parquet`` carries about the model."""
    share = decision.drift.share if decision.drift else None
    return {"model_version": version, "run_path": decision.path, "drift_share": share}
