"""Speed, cross-language ranking and determinism of ``use-static`` against use-multilingual.

``use-static`` (``corpus_mining.topics.use_static``) is USE multilingual v3 made static:
each sentencepiece piece embedded alone once through the packaged model, into a per-user
cached table. This script ingests the sample corpus in a temp folder and prints both
embedders' words/s (one process, one thread), the rank of each true translation among
candidate pairs written here, and whether a table rebuilt now is byte-identical to the
cached one. Figures: benchmarks/README.md, "use_static.py".

Usage: python benchmarks/use_static.py   (prints the load)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from corpus_mining.topics.use_multilingual import loaded_model, package_version  # noqa: E402
from corpus_mining.topics.use_static import (  # noqa: E402
    UseStaticEmbedder,
    build_table,
    piece_table,
)

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
