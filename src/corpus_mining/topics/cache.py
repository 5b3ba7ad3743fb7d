"""On-disk cache of text embeddings, keyed by the text's sha256, one folder per embedder id.

Under the embedder's folder, one folder per floating-point code path
(``portable_numerics.code_path``): vectors computed with other vector instructions differ
in their last bits, and a run never mixes them with its own.

Each write adds one immutable shard (``<content hash>.npz`` holding ``keys`` and float32
``vectors``), written to a temporary file and moved into place with ``os.replace``, so a
reader never sees half a shard and concurrent writers never clobber each other. Reading
loads every shard. When shards pile up they are merged into one. Deleting the folder only
costs recomputation.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from corpus_mining.portable_numerics import code_path
from corpus_mining.progress import progress

Vectors = npt.NDArray[np.float32]
MAX_SHARDS = 64
_KEY_DTYPE = "S64"
_MAX_NAME = 80


@dataclass
class CacheStats:
    """Distinct texts served from the cache (hits) and computed (misses), over all calls."""

    hits: int = 0
    misses: int = 0


def text_key(text: str) -> str:
    """The cache key of a text: the hex sha256 of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def folder_name(embedder_id: str) -> str:
    """A safe, collision-free folder name for an embedder id.

    Ids made of letters, digits, ``.``, ``_`` and ``-`` are used as they are; any other id
    is cleaned and suffixed with a hash of the original so two ids never share a folder.
    """
    clean = re.sub(r"[^A-Za-z0-9._-]+", "_", embedder_id).lstrip(".")
    if clean == embedder_id and 0 < len(clean) <= _MAX_NAME:
        return clean
    return f"{clean[:_MAX_NAME]}-{hashlib.sha256(embedder_id.encode()).hexdigest()[:12]}"


class EmbeddingCache:
    """Vectors of texts for one embedder, persisted under ``folder/<embedder id>/``.

    Args:
        folder: Cache root, shared by all embedders; created on first write.
        embedder_id: The embedder's ``id``; vectors of other ids are never read.
    """

    def __init__(self, folder: Path, embedder_id: str) -> None:
        self.embedder_id = embedder_id
        self.folder = Path(folder) / folder_name(embedder_id) / code_path()
        self.stats = CacheStats()
        self._vectors: dict[str, Vectors] = {}
        self._read_shards: set[str] = set()

    def get_or_compute(
        self,
        texts: Sequence[str],
        compute: Callable[[list[str]], npt.NDArray[np.floating]],
        *,
        chunk: int | None = None,
    ) -> Vectors:
        """Vectors of ``texts`` in input order, computing and storing only the uncached ones.

        Args:
            texts: Texts to embed; duplicates are fine.
            compute: Embeds a list of distinct texts, returning one row per text. It is called
                only with texts not cached (or with ``[]`` when ``texts`` is empty, to get the
                right empty shape).
            chunk: Texts per call of ``compute``, each call's vectors stored as one shard
                (an interrupted run keeps what it computed); None: one call for all.

        Returns:
            Float32 array ``(len(texts), dim)``; the same inputs give the same bytes.

        Raises:
            ValueError: ``compute`` returned the wrong number of rows or a width that differs
                from the cached vectors'.
        """
        if not texts:
            empty = np.ascontiguousarray(compute([]), dtype=np.float32)
            return empty if empty.ndim == 2 else empty.reshape(0, 0)
        self._refresh()
        keys = [text_key(text) for text in texts]
        missing: dict[str, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in self._vectors:
                missing.setdefault(key, text)
        self.stats.hits += len(set(keys)) - len(missing)
        self.stats.misses += len(missing)
        todo = list(missing.items())
        size = chunk or max(1, len(todo))
        parts = [todo[start : start + size] for start in range(0, len(todo), size)]
        for part in progress(parts, len(parts), f"embedding {len(todo)} texts"):
            computed = self._checked(compute([text for _, text in part]), len(part))
            self._write([key for key, _ in part], computed)
            self._vectors.update(zip((key for key, _ in part), computed, strict=True))
        if len(self._read_shards) > MAX_SHARDS:
            self.compact()
        return np.stack([self._vectors[key] for key in keys])

    def compact(self) -> None:
        """Merge every shard read so far into one, then delete the merged shards."""
        self._refresh()
        if len(self._read_shards) < 2:
            return
        keys = sorted(self._vectors)
        merged = self._write(keys, np.stack([self._vectors[key] for key in keys]))
        for name in self._read_shards - {merged}:
            (self.folder / name).unlink(missing_ok=True)
        self._read_shards = {merged}

    def _dimension(self) -> int | None:
        return next((len(row) for row in self._vectors.values()), None)

    def _checked(self, vectors: npt.NDArray[np.floating], rows: int) -> Vectors:
        array = np.ascontiguousarray(vectors, dtype=np.float32)
        dimension = self._dimension()
        if array.ndim != 2 or array.shape[0] != rows:
            raise ValueError(f"compute returned shape {array.shape} for {rows} texts")
        if dimension is not None and array.shape[1] != dimension:
            raise ValueError(
                f"compute returned {array.shape[1]}-d vectors but the cache of "
                f"{self.embedder_id!r} holds {dimension}-d ones"
            )
        return array

    def _refresh(self) -> None:
        """Load the shards written since the last call (by this or another process)."""
        if not self.folder.is_dir():
            return
        for path in sorted(self.folder.glob("*.npz")):
            if path.name in self._read_shards:
                continue
            shard = _read_shard(path)
            self._read_shards.add(path.name)
            dimension = self._dimension()
            if shard is None or dimension not in (None, shard[1].shape[1]):
                continue
            for key, row in zip(*shard, strict=True):
                self._vectors.setdefault(key, row)

    def _write(self, keys: list[str], vectors: Vectors) -> str:
        """Write one shard atomically; its name is a hash of its content."""
        self.folder.mkdir(parents=True, exist_ok=True)
        key_array = np.array(keys, dtype=_KEY_DTYPE)
        digest = hashlib.sha256(key_array.tobytes())
        digest.update(vectors.tobytes())
        name = f"{digest.hexdigest()[:32]}.npz"
        if not (self.folder / name).exists():
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as stream:
                    np.savez(stream, keys=key_array, vectors=vectors)
                    stream.flush()
                    os.fsync(stream.fileno())
                os.replace(temporary, self.folder / name)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        self._read_shards.add(name)
        return name


def _read_shard(path: Path) -> tuple[list[str], Vectors] | None:
    """Keys and vectors of one shard, or None if it vanished or is not a valid shard."""
    try:
        with np.load(path, allow_pickle=False) as data:
            keys = [key.decode("ascii") for key in data["keys"]]
            vectors = np.ascontiguousarray(data["vectors"], dtype=np.float32)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        return None
    if vectors.ndim != 2 or len(keys) != len(vectors):
        return None
    return keys, vectors
