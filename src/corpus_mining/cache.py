"""Per-document results, kept between runs so unchanged documents are not processed again.

A stage asks the cache for a document by a key made of everything the result depends on:
the document's content, the stage's params, the versions of the models and libraries, and
the digest of the stage's own source code. A change to any of them gives a new key, so a
stale result is never served; deleting the folder only costs recomputation.

Entries are pickles written to a temp file and moved into place, so a run that is killed
never leaves half an entry, and a corrupt or unreadable entry counts as a miss. The folder
is the user's own (``paths.cache``); do not point it at files you did not write.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_PACKAGE = Path(__file__).resolve().parent


@dataclass
class CacheStats:
    """Documents served from the cache (hits) and computed (misses)."""

    hits: int = 0
    misses: int = 0

    def line(self, what: str) -> str:
        """A log line such as ``extract: 3 documents computed, 1997 from cache``."""
        return f"{what}: {self.misses} documents computed, {self.hits} from cache"


def digest(*parts: object) -> str:
    """Hex sha256 of ``parts`` serialised as canonical JSON (sorted keys, paths as text)."""
    payload = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def file_digest(path: Path) -> str:
    """Hex sha256 of a file's bytes, read in chunks."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


_SOURCE_SUFFIXES = frozenset({".py", ".yaml", ".txt"})


def code_digest(*modules: str) -> str:
    """Digest of the source of ``corpus_mining`` modules or packages (e.g. ``"nlp"``).

    Editing the code that computes a result, or the data files a package ships with it
    (``nlp/data/*.yaml``, ``nlp/data/*.txt``), invalidates its cached copies.
    """
    hasher = hashlib.sha256()
    for module in sorted(modules):
        base = _PACKAGE / module
        files = (
            sorted(p for p in base.rglob("*") if p.suffix in _SOURCE_SUFFIXES)
            if base.is_dir()
            else [base.with_suffix(".py")]
        )
        for source in files:
            hasher.update(str(source.relative_to(_PACKAGE)).encode())
            hasher.update(source.read_bytes())
    return hasher.hexdigest()


def versions(*distributions: str) -> dict[str, str]:
    """Installed versions of ``distributions`` (``"missing"`` when not installed)."""
    found = {}
    for name in distributions:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "missing"
    return found


class DocumentCache:
    """Results of one stage under ``root/<stage>/<fingerprint>/``.

    Args:
        root: The cache folder (``paths.cache``); created on first write.
        stage: The stage's name, one sub-folder each.
        fingerprint: Digest of the stage's params, model and code versions; results made
            under another fingerprint are never read.
    """

    def __init__(self, root: Path, stage: str, fingerprint: str) -> None:
        self.folder = Path(root) / stage / fingerprint[:24]
        self.stats = CacheStats()

    def has(self, key: str) -> bool:
        """Whether a result is stored under ``key`` (it may still prove unreadable)."""
        return self._path(key).is_file()

    def get(self, key: str) -> Any | None:
        """The result stored under ``key`` (counted as a hit), or None."""
        path = self._path(key)
        try:
            with path.open("rb") as handle:
                value = pickle.load(handle)
        except FileNotFoundError:
            value = None
        except Exception as error:  # a damaged entry is recomputed, never fatal
            log.warning("cache entry %s unreadable (%s): recomputing it", path, error)
            value = None
        if value is not None:
            self.stats.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        """Store a computed ``value`` (counted as a miss) atomically; failures only log."""
        self.stats.misses += 1
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        except OSError as error:
            log.warning("cannot write to cache %s (%s): results are not cached", path, error)
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(name, path)
        except OSError as error:
            log.warning("cannot write cache entry %s (%s): results are not cached", path, error)
        finally:
            Path(name).unlink(missing_ok=True)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"
