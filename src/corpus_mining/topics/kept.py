"""The kept fit, saved beside the BERTopic model (``<topic_model>/state/``) for ``on_drift``.

It holds what a run needs to assign changed units without refitting: the fit's version and
params key, every unit's content key, topic and score, the topics' centroids in the
embedding space, the language means its vectors were centred on (``topics.center_languages``:
new units are centred on the same means before they are assigned), the fit's metrics, and
copies of the outputs that describe the model rather than the units (topic terms and
labels, topics per class, label report, template). No pickle: JSON, Parquet and ``.npy`` only.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.parquet as pq

from corpus_mining.io import atomic_path
from corpus_mining.topics.refit import KeptFit
from corpus_mining.topics.representation import topic_centroids

STATE = "state"
FORMAT = 2
_UNITS = pa.schema(
    [
        ("unit_id", pa.string()),
        ("key", pa.string()),
        ("topic_id", pa.int32()),
        ("probability", pa.float64()),
    ]
)


@dataclass(frozen=True)
class KeptModel:
    """A fit as the next ``on_drift`` run reads it."""

    version: str
    params_key: str
    embedder_id: str
    units: dict[str, tuple[str, int, float]]  # unit id -> (content key, topic, score)
    topic_ids: list[int]
    centroids: npt.NDArray[np.float32]
    metrics: dict[str, Any]
    # Language -> mean vector the fit's vectors were centred on; None: not centred.
    language_means: dict[str, npt.NDArray[np.float32]] | None = None

    def fit(self) -> KeptFit:
        """What ``refit.decide`` compares."""
        return KeptFit(
            self.params_key, self.embedder_id, {uid: row[0] for uid, row in self.units.items()}
        )


def kept_model(
    version: str,
    key: str,
    embedder_id: str,
    unit_keys: Mapping[str, str],
    *,
    topics: Sequence[int],
    scores: Sequence[float] | npt.NDArray[np.float64],
    embeddings: npt.NDArray[np.float32],
    metrics: dict[str, Any],
    language_means: Mapping[str, npt.NDArray[np.float32]] | None = None,
) -> KeptModel:
    """A fit as a later run reads it; outliers (-1) get no centroid, so none is assigned them.

    Args:
        version: The fit's version.
        key: Its params key.
        embedder_id: Its embedder.
        unit_keys: Unit id -> content key, in the order of ``topics``.
        topics: Each unit's topic.
        scores: Each unit's score.
        embeddings: Each unit's embedding (the topics' centroids are their means).
        metrics: The fit's metrics.
        language_means: The means ``embeddings`` were centred on, or None.
    """
    topic_ids, centroids = topic_centroids(embeddings, topics)
    real = [i for i, topic in enumerate(topic_ids) if topic != -1]
    rows = zip(unit_keys.items(), topics, scores, strict=True)
    return KeptModel(
        version,
        key,
        embedder_id,
        {uid: (unit_key, int(topic), float(score)) for (uid, unit_key), topic, score in rows},
        [int(topic_ids[i]) for i in real],
        np.asarray(centroids, dtype=np.float32)[real],
        metrics,
        None if language_means is None else dict(language_means),
    )


def save_kept(
    folder: Path,
    kept: KeptModel,
    *,
    outputs: Mapping[str, Path],
) -> None:
    """Write ``kept`` and copies of ``outputs`` (name -> written file) to ``folder/state``.

    Args:
        folder: The model folder being written (e.g. inside ``io.atomic_folder``).
        kept: The fit.
        outputs: Output files to keep a copy of, by name.
    """
    state = folder / STATE
    state.mkdir(parents=True, exist_ok=True)
    header = {
        "format": FORMAT,
        "version": kept.version,
        "params_key": kept.params_key,
        "embedder_id": kept.embedder_id,
        "topic_ids": kept.topic_ids,
        "metrics": kept.metrics,
        "centred_languages": None if kept.language_means is None else sorted(kept.language_means),
    }
    (state / "state.json").write_text(json.dumps(header, indent=2, sort_keys=True) + "\n")
    ids = sorted(kept.units)
    rows = [kept.units[uid] for uid in ids]
    table = pa.table(
        [ids, [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]],
        schema=_UNITS,
    )
    pq.write_table(table, state / "units.parquet", compression="zstd")
    np.save(state / "centroids.npy", np.ascontiguousarray(kept.centroids, dtype=np.float32))
    if kept.language_means is not None:
        means = [kept.language_means[lang] for lang in sorted(kept.language_means)]
        np.save(state / "language_means.npy", _rows(means, kept.centroids.shape[1]))
    for name, path in outputs.items():
        shutil.copyfile(path, state / name)


def load_kept(folder: Path) -> KeptModel | None:
    """The kept fit in ``folder``, or None when there is none or it is unreadable."""
    state = folder / STATE
    try:
        header = json.loads((state / "state.json").read_text())
        if header.get("format") != FORMAT:
            return None
        table = pq.read_table(state / "units.parquet", schema=_UNITS).to_pydict()
        centroids = np.load(state / "centroids.npy", allow_pickle=False)
        means = _load_means(state, header["centred_languages"])
    except (OSError, ValueError, KeyError, pa.ArrowException):
        return None
    units = {
        uid: (key, int(topic), float(score))
        for uid, key, topic, score in zip(
            table["unit_id"], table["key"], table["topic_id"], table["probability"], strict=True
        )
    }
    return KeptModel(
        header["version"],
        header["params_key"],
        header["embedder_id"],
        units,
        [int(t) for t in header["topic_ids"]],
        np.asarray(centroids, dtype=np.float32),
        header["metrics"],
        means,
    )


def kept_language_means(
    folder: Path, embedder_id: str
) -> dict[str, npt.NDArray[np.float32]] | None:
    """The language means the kept fit in ``folder`` centred ``embedder_id``'s vectors on.

    None when there is no readable kept fit, it used another embedder, or it was not centred.
    Reads only the fit's header and its means, not its units.
    """
    state = folder / STATE
    try:
        header = json.loads((state / "state.json").read_text())
        if header.get("format") != FORMAT or header.get("embedder_id") != embedder_id:
            return None
        return _load_means(state, header["centred_languages"])
    except (OSError, ValueError, KeyError):
        return None


def _rows(vectors: list[npt.NDArray[np.float32]], width: int) -> npt.NDArray[np.float32]:
    if not vectors:
        return np.zeros((0, width), dtype=np.float32)
    return np.ascontiguousarray(np.vstack(vectors), dtype=np.float32)


def _load_means(
    state: Path, languages: list[str] | None
) -> dict[str, npt.NDArray[np.float32]] | None:
    """The kept language means by language (None: the fit was not centred)."""
    if languages is None:
        return None
    rows = np.load(state / "language_means.npy", allow_pickle=False)
    if len(rows) != len(languages):
        raise ValueError("language_means.npy does not match state.json")
    return {
        lang: np.asarray(row, dtype=np.float32) for lang, row in zip(languages, rows, strict=True)
    }


def restore(folder: Path, name: str, target: Path) -> None:
    """Copy the kept copy of output ``name`` to ``target`` (atomically)."""
    with atomic_path(target) as tmp:
        shutil.copyfile(folder / STATE / name, tmp)


def kept_path(folder: Path, name: str) -> Path:
    """Where the kept copy of output ``name`` lives."""
    return folder / STATE / name
