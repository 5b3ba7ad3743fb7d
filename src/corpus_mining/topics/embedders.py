"""The embedder seam of the ``topics`` stage: a Protocol and a factory over its implementations.

An embedder turns texts into L2-normalised float32 vectors. Its ``id`` names the model *and*
its settings, so vectors cached under one id are never reused for another model or fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from corpus_mining.errors import ParamsError

EMBEDDER_KINDS = ("lsa", "sentence-transformers")


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into vectors, deterministically."""

    @property
    def id(self) -> str:
        """Stable identifier of the model and its settings, safe as a file name."""
        ...

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Embed ``texts``.

        Args:
            texts: The texts, in any language the model handles.

        Returns:
            A float32 array of shape ``(len(texts), dim)`` with L2-normalised rows (a text
            the model cannot represent at all gets a zero row).
        """
        ...


def make_embedder(
    kind: str, *, model: str, dimensions: int, seed: int, corpus: Sequence[str]
) -> Embedder:
    """Build the embedder that ``topics.embedder`` names.

    Args:
        kind: ``"lsa"`` or ``"sentence-transformers"``.
        model: Sentence-transformers model name or local path (unused by ``"lsa"``).
        dimensions: Number of LSA dimensions wanted (unused by sentence-transformers).
        seed: Random seed of the SVD or of torch.
        corpus: Texts the LSA model is fitted on (unused by sentence-transformers).

    Returns:
        The embedder, ready to use.

    Raises:
        ParamsError: ``kind`` is not one of the allowed values, or the model cannot load.
    """
    if kind == "lsa":
        from corpus_mining.topics.lsa import LsaEmbedder

        return LsaEmbedder(corpus, dimensions=dimensions, seed=seed)
    if kind == "sentence-transformers":
        from corpus_mining.topics.sentence import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(model, seed=seed)
    allowed = ", ".join(repr(k) for k in EMBEDDER_KINDS)
    raise ParamsError(f"topics.embedder: unknown embedder {kind!r}; allowed values: {allowed}")
