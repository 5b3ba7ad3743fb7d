"""Latency of analysts' queries on a synthetic store of 1,000,000 mentions and 100,000 passages.

Generates seeded tables with the project's schemas, builds the DuckDB store with the
stage's own code, then times the `entities` filter query and a `kwic` search (p50/p95
over repeated runs). Goals: entity filter p50 < 50 ms, KWIC p50 < 200 ms.

Usage: python benchmarks/store_latency.py [--mentions 1000000] [--passages 100000] [--runs 30]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from corpus_mining.schemas import DOCUMENTS, ENTITIES, MENTIONS, PASSAGES  # noqa: E402
from corpus_mining.store import query  # noqa: E402
from corpus_mining.store.build import build_store  # noqa: E402

WORDS = (
    "cluster pôle réseau hub écosystème tiers-lieu coopération territoire innovation sociale "
    "économie solidaire entreprise association collectivité transition gouvernance projet "
    "acteur région développement local emploi formation recherche université politique"
).split()


def _write(rows: dict[str, object], schema: pa.Schema, path: Path) -> None:
    pq.write_table(pa.Table.from_pydict(rows, schema=schema), path)


def generate(folder: Path, n_passages: int, n_mentions: int, seed: int = 7) -> dict[str, Path]:
    """Seeded synthetic tables with the output schemas."""
    rng = np.random.default_rng(seed)
    n_docs, n_entities = n_passages // 10, max(100, n_mentions // 50)
    doc_ids = [f"{i:016x}" for i in range(n_docs)]
    years = rng.integers(2005, 2026, n_docs)
    paths = {
        name: folder / f"{name}.parquet"
        for name in ("documents", "passages", "mentions", "entities")
    }
    _write(
        {
            "doc_id": doc_ids, "path": [f"d{i}.txt" for i in range(n_docs)], "format": ["txt"] * n_docs,
            "encoding": ["utf-8"] * n_docs, "title": [f"Document {i}" for i in range(n_docs)],
            "title_source": ["text"] * n_docs, "date": [str(y) for y in years], "year": years.astype("int32"),
            "date_source": ["text"] * n_docs, "lang": rng.choice(["fr", "en"], n_docs).tolist(),
            "lang_source": ["text"] * n_docs, "kind": rng.choice(["report", "interview", "abstract"], n_docs).tolist(),
            "kind_source": ["text"] * n_docs, "authors": [None] * n_docs, "source": [None] * n_docs,
            "n_chars": [0] * n_docs, "n_words": [0] * n_docs, "n_passages": [10] * n_docs,
            "content_hash": doc_ids, "duplicate_of": [None] * n_docs, "duplicate_similarity": [None] * n_docs,
            "text": [""] * n_docs,
        },
        DOCUMENTS.schema, paths["documents"],
    )  # fmt: skip
    passage_doc = np.repeat(np.arange(n_docs), 10)[:n_passages]
    texts = [" ".join(rng.choice(WORDS, 40)) for _ in range(n_passages)]
    _write(
        {
            "passage_id": [f"{doc_ids[d]}-{i % 10:04d}" for i, d in enumerate(passage_doc)],
            "doc_id": [doc_ids[d] for d in passage_doc], "position": (np.arange(n_passages) % 10).astype("int32"),
            "char_start": [0] * n_passages, "char_end": [len(t) for t in texts], "lang": ["fr"] * n_passages,
            "lang_confidence": [1.0] * n_passages, "n_words": [40] * n_passages, "text": texts,
        },
        PASSAGES.schema, paths["passages"],
    )  # fmt: skip
    entity_ids = [f"E{i:012x}" for i in range(n_entities)]
    _write(
        {
            "entity_id": entity_ids, "canonical": [f"Organisation {i}" for i in range(n_entities)],
            "label": rng.choice(["ORG", "PER", "LOC"], n_entities).tolist(),
            "actor_type": rng.choice(["sse_network", "public_body", "cluster_or_company", "unknown"], n_entities).tolist(),
            "actor_type_rule": ["rule"] * n_entities, "aliases": [[f"Organisation {i}"] for i in range(n_entities)],
            "n_mentions": [0] * n_entities, "n_docs": [0] * n_entities, "first_year": [2005] * n_entities,
            "last_year": [2025] * n_entities,
        },
        ENTITIES.schema, paths["entities"],
    )  # fmt: skip
    which = rng.zipf(1.3, n_mentions) % n_entities
    in_passage = rng.integers(0, n_passages, n_mentions)
    _write(
        {
            "mention_id": [f"m{i:09d}" for i in range(n_mentions)],
            "doc_id": [doc_ids[passage_doc[p]] for p in in_passage],
            "passage_id": [f"{doc_ids[passage_doc[p]]}-{p % 10:04d}" for p in in_passage],
            "start": [0] * n_mentions, "end": [5] * n_mentions, "text": ["Orga"] * n_mentions,
            "label": ["ORG"] * n_mentions, "entity_id": [entity_ids[e] for e in which], "lang": ["fr"] * n_mentions,
            "source": ["model"] * n_mentions, "in_reference": [False] * n_mentions,
        },
        MENTIONS.schema, paths["mentions"],
    )  # fmt: skip
    return paths


def _time(call: object, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main() -> None:
    """Generate, build, time and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        tables = generate(folder, args.passages, args.mentions)
        generated = time.perf_counter() - start
        store = folder / "corpus.duckdb"
        start = time.perf_counter()
        build_store(tables, folder / "no-trends", store)
        built = time.perf_counter() - start
        filt = _time(
            lambda: query.entities(
                store,
                actor_type="sse_network",
                lang="fr",
                year_from=2010,
                year_to=2020,
                min_docs=2,
                limit=50,
            ),
            args.runs,
        )
        kwic = _time(lambda: query.kwic(store, "tiers-lieu coopération", limit=50), args.runs)
        concept = _time(
            lambda: query.run_sql(store, "SELECT count(*) FROM passage_terms WHERE term = 'hub'"),
            args.runs,
        )
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(
        f"synthetic store: {args.mentions:,} mentions, {args.passages:,} passages (generated in {generated:.1f} s, store built in {built:.1f} s)"
    )
    print(
        f"entities filter (type, language, years, min docs): p50 {filt[0]:.1f} ms, p95 {filt[1]:.1f} ms (goal p50 < 50 ms)"
    )
    print(
        f"kwic 'tiers-lieu coopération' (index then regex): p50 {kwic[0]:.1f} ms, p95 {kwic[1]:.1f} ms (goal p50 < 200 ms)"
    )
    print(f"index lookup (one term): p50 {concept[0]:.1f} ms, p95 {concept[1]:.1f} ms")


if __name__ == "__main__":
    main()
