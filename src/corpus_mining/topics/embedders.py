"""The embedder seam of the ``topics`` stage: a Protocol and a registry of implementations.

An embedder turns texts into L2-normalised float32 vectors. Its ``id`` names the model *and*
its settings, so vectors cached under one id are never reused for another model or fit.
Implementations are registered by name in ``embedders`` (a ``catalogue`` registry, as spaCy
registers its components); ``topics.embedder`` in params picks one.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Protocol, TypeGuard, runtime_checkable

import catalogue
import numpy as np
import numpy.typing as npt

from corpus_mining.errors import ParamsError
from corpus_mining.topics.cache import EmbeddingCache

if TYPE_CHECKING:
    from corpus_mining.engine import Engine

embedders = catalogue.create("corpus_mining", "embedders")


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


@runtime_checkable
class DistributedEmbedder(Embedder, Protocol):
    """An embedder whose vectors do not depend on where its batches run."""

    def embed(  # noqa: D102 - the Protocol above documents it
        self, texts: Sequence[str], engine: Engine | None = None
    ) -> npt.NDArray[np.float32]: ...


def takes_engine(embedder: Embedder) -> TypeGuard[DistributedEmbedder]:
    """Whether ``embedder.embed`` accepts an engine (a ``DistributedEmbedder``).

    A runtime-checkable Protocol only checks that ``embed`` exists, so the signature is
    read: LSA's ``embed`` takes texts alone (its vectors come from one corpus-wide fit).
    """
    return "engine" in inspect.signature(embedder.embed).parameters


def _use_multilingual(*, threads: int, **_: Any) -> Embedder:
    from corpus_mining.topics.use_multilingual import UseMultilingualEmbedder

    return UseMultilingualEmbedder(threads=threads)


def _use_static(*, threads: int, **_: Any) -> Embedder:
    from corpus_mining.topics.use_static import UseStaticEmbedder

    return UseStaticEmbedder(threads=threads)


def _lsa(*, dimensions: int, seed: int, corpus: Sequence[str], **_: Any) -> Embedder:
    from corpus_mining.topics.lsa import LsaEmbedder

    return LsaEmbedder(corpus, dimensions=dimensions, seed=seed)


def _sentence_transformers(*, model: str, seed: int, threads: int, **_: Any) -> Embedder:
    from corpus_mining.topics.sentence import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(model, seed=seed, threads=threads)


def embedder_names() -> list[str]:
    """The registered embedder names, sorted."""
    return sorted(embedders.get_all())


def check_embedder(kind: str) -> None:
    """Stop with one line when ``kind`` is not a registered embedder.

    Raises:
        ParamsError: ``kind`` is not registered; the message lists the registered names.
    """
    if kind not in embedders.get_all():
        allowed = ", ".join(repr(name) for name in embedder_names())
        raise ParamsError(f"topics.embedder: unknown embedder {kind!r}; allowed values: {allowed}")


def make_embedder(
    kind: str,
    *,
    model: str,
    dimensions: int,
    seed: int,
    corpus: Sequence[str],
    threads: int = 1,
) -> Embedder:
    """Build the embedder that ``topics.embedder`` names.

    Args:
        kind: A registered name: ``"use-multilingual"``, ``"use-static"``, ``"lsa"`` or
            ``"sentence-transformers"``.
        model: Sentence-transformers model name or local path (used by that embedder only).
        dimensions: Number of LSA dimensions wanted (LSA only).
        seed: Random seed of the SVD or of torch.
        threads: Compute threads of neural embedders (the vectors do not depend on it).
        corpus: Texts the LSA model is fitted on (LSA only).

    Returns:
        The embedder, ready to use.

    Raises:
        ParamsError: ``kind`` is not registered, or the model cannot load.
    """
    check_embedder(kind)
    factory: Callable[..., Embedder] = embedders.get(kind)
    return factory(model=model, dimensions=dimensions, seed=seed, threads=threads, corpus=corpus)


# Registered by name; params pick them (topics.embedder, topics.reducer, topics.clusterer).
embedders.register("use-multilingual", func=_use_multilingual)
embedders.register("use-static", func=_use_static)
embedders.register("lsa", func=_lsa)
embedders.register("sentence-transformers", func=_sentence_transformers)


def embed_cached(
    embedder: Embedder,
    texts: Sequence[str],
    cache: EmbeddingCache,
    *,
    engine: Callable[[], AbstractContextManager[Engine]],
    chunk: int,
) -> npt.NDArray[np.float32]:
    """Vectors of ``texts``: cached ones read, the others embedded and cached.

    Args:
        embedder: The embedder (its id must be the cache's).
        texts: Texts to embed.
        cache: The embedder's cache.
        engine: Opens the engine a ``DistributedEmbedder`` runs its tasks on; only called
            when there is something to embed.
        chunk: Texts per task batch (each batch's vectors are cached as they come).
    """
    if not takes_engine(embedder):  # LSA is one fit over the whole corpus: run here
        return np.asarray(cache.get_or_compute(texts, embedder.embed), dtype=np.float32)
    opened: list[Engine] = []
    with contextlib.ExitStack() as stack:
        # The engine (processes, a dask cluster) starts only when a text is not cached.
        def compute(batch: list[str]) -> npt.NDArray[np.floating]:
            if batch and not opened:
                opened.append(stack.enter_context(engine()))
            return embedder.embed(batch, opened[0] if opened else None)

        return np.asarray(cache.get_or_compute(texts, compute, chunk=chunk), dtype=np.float32)
