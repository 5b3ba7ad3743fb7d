"""Cost of adding one document: incremental re-run of ingest, extract and topics versus cold.

In a throw-away project with a generated corpus of N documents (and so an empty
per-document cache, ``paths.cache``), runs ``corpus-mining ingest``, ``extract`` and
``topics`` cold; adds document N (``synthetic_corpus.generate(start_index=N)``, its
metadata row appended) and runs them again. Prints each stage's cold and incremental wall
time, the embedding step inside topics (``embedding_seconds`` in the metrics the command
prints) and the ratio incremental / cold of ingest + extract + embedding (the goal: at
most 10%), and of the three stages whole. The cache hits and misses each stage printed
show what was recomputed. Then runs
the same stages cold in a second project holding the same N+1 documents and checks that
every ``outputs/**/*.parquet`` is the same as the incremental run's.

Usage: python benchmarks/incremental.py --docs 2000 [--seed 42] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import _scale as S

STAGES = ("ingest", "extract", "topics")
GOAL = 0.10


def _run_stages(project: Path) -> dict[str, float]:
    """Wall seconds of each stage command, in order, and of the embedding step of topics."""
    seconds = {}
    for name in STAGES:
        run = S.stage(project, name)
        seconds[name] = run.seconds
        metrics = json.loads(run.stdout.strip().splitlines()[-1])
        cache = metrics.get("cache") or metrics.get("embedding_cache")
        print(f"  {name}: {run.seconds:.1f} s, cache {cache}")
        if name == "topics":
            seconds["embedding"] = float(metrics["embedding_seconds"])
    return seconds


def _cache_size(project: Path) -> str:
    """The cache folder named by ``paths.cache`` and its size, when the params have one."""
    folder = S.read_params(project)["paths"].get("cache")
    if folder is None:
        return "no paths.cache in params.yaml"
    path = project / folder
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else 0
    return f"{folder}: {size / 1e6:,.1f} MB"


def _same_corpus(a: Path, b: Path) -> bool:
    """Whether both projects hold byte-identical corpus files and metadata."""
    root_a, root_b = S.corpus_root(a), S.corpus_root(b)
    files_a = sorted(p.relative_to(root_a) for p in root_a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(root_b) for p in root_b.rglob("*") if p.is_file())
    return files_a == files_b and all(
        (root_a / f).read_bytes() == (root_b / f).read_bytes() for f in files_a
    )


def _report(cold: dict[str, float], incremental: dict[str, float], fresh: dict[str, float]) -> None:
    print(f"{'step':<10} {'cold N s':>9} {'+1 doc s':>9} {'ratio':>7} {'cold N+1 s':>11}")
    for name in (*STAGES, "embedding"):
        ratio = incremental[name] / max(cold[name], 1e-9)
        print(
            f"{name:<10} {cold[name]:9.1f} {incremental[name]:9.1f} {ratio:7.1%} {fresh.get(name, float('nan')):11.1f}"
        )
    for label, names in (
        ("ingest+extract+embedding", ("ingest", "extract", "embedding")),
        ("ingest+extract+topics", STAGES),
    ):
        total_cold = sum(cold[n] for n in names)
        total_inc = sum(incremental[n] for n in names)
        ratio = total_inc / max(total_cold, 1e-9)
        verdict = "met" if ratio <= GOAL else "not met"
        print(
            f"{label}: cold {total_cold:.1f} s, +1 doc {total_inc:.1f} s, ratio {ratio:.1%}"
            f" (goal <= {GOAL:.0%}: {verdict})"
        )


def main() -> None:
    """Cold run, one more document, incremental run, then a cold run to compare outputs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="documents before the addition")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--fr-share", type=float, default=0.6)
    parser.add_argument("--keep", type=Path, help="build the projects here and keep them")
    args = parser.parse_args()
    n = args.docs
    print(S.machine())
    with S.workdir(args.keep) as parent:
        project = S.new_project(parent, "incremental", n, args.seed, args.fr_share)
        print(f"{n:,} documents; stages {', '.join(STAGES)} run by their commands")
        cold = _run_stages(project)
        print(f"after the cold run, cache {_cache_size(project)}")
        added = S.add_documents(project, 1, start_index=n, seed=args.seed, fr_share=args.fr_share)
        print(f"added {added[0].path.relative_to(project)} ({added[0].words:,} words)")
        incremental = _run_stages(project)
        fresh_project = S.new_project(parent, "cold", n + 1, args.seed, args.fr_share)
        same = _same_corpus(project, fresh_project)
        print(
            f"second project, {n + 1:,} documents cold (same corpus files: {'yes' if same else 'NO'})"
        )
        fresh = _run_stages(fresh_project)
        _report(cold, incremental, fresh)
        S.print_comparison(S.compare_parquet(project, fresh_project))


if __name__ == "__main__":
    S.run_main(main)
