"""The same corpus through ``engine: local`` and ``engine: dask``: wall times and outputs.

Two throw-away projects hold the same generated corpus; one sets ``engine: local``, the
other ``engine: dask`` with a LocalCluster of ``dask.workers`` processes of
``dask.threads_per_worker`` threads (``dask.scheduler`` as in params.yaml: null starts
the LocalCluster). Each runs ``corpus-mining ingest``, ``extract`` and ``topics`` with
empty caches. Prints wall times and peak memory per stage and engine, and whether every
``outputs/**/*.parquet`` is byte-identical between the two. ``--local-processes K`` also
sets ``ingest.workers`` and ``extract.n_process`` of the local run to K (default: as in
params.yaml), for a comparison at equal parallelism.

Usage: python benchmarks/engines.py --docs 500 [--workers 2] [--threads-per-worker 1]
       [--local-processes K] [--seed 42] [--keep DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import _scale as S

STAGES = ("ingest", "extract", "topics")


def _settings(args: argparse.Namespace) -> dict[str, dict[str, Any]]:
    local: dict[str, Any] = {"engine": "local"}
    if args.local_processes:
        local.update(
            {"ingest.workers": args.local_processes, "extract.n_process": args.local_processes}
        )
    dask = {
        "engine": "dask",
        "dask.workers": args.workers,
        "dask.threads_per_worker": args.threads_per_worker,
    }
    return {"local": local, "dask": dask}


def _prepare(parent: Path, args: argparse.Namespace) -> dict[str, Path]:
    """One project per engine, params set and checked; exits with a clear line if refused."""
    projects = {}
    for engine, updates in _settings(args).items():
        project = S.new_project(parent, engine, args.docs, args.seed, args.fr_share)
        problem = S.check_params(project)
        if problem:
            sys.exit(f"the installed corpus-mining refuses the repository's params.yaml: {problem}")
        S.set_params(project, updates)
        problem = S.check_params(project)
        if problem:
            sys.exit(
                f"corpus-mining refuses the {engine} engine's params {sorted(updates)}: {problem}\n"
                "(this version of src may not have the `engine`/`dask` keys yet)"
            )
        projects[engine] = project
    return projects


def _describe(project: Path, engine: str) -> str:
    params = S.read_params(project)
    if engine == "dask":
        return f"dask: {params.get('dask')}"
    ingest, extract = params["ingest"], params["extract"]
    return f"local: ingest.workers={ingest.get('workers')}, extract.n_process={extract.get('n_process')}"


def _print_table(runs: dict[str, dict[str, S.Run]]) -> None:
    """Wall time and memory per stage and engine, then the totals."""
    print(
        f"{'stage':<8} {'local s':>8} {'dask s':>8} {'dask/local':>10} {'local MiB':>10} {'dask MiB':>9}"
    )
    for name in STAGES:
        local, dask = runs["local"][name], runs["dask"][name]
        print(
            f"{name:<8} {local.seconds:8.1f} {dask.seconds:8.1f} {dask.seconds / local.seconds:10.2f}"
            f" {S.fmt_mb(local.tree_rss_mb or local.peak_rss_mb):>10}"
            f" {S.fmt_mb(dask.tree_rss_mb or dask.peak_rss_mb):>9}"
        )
    local_s, dask_s = (sum(r.seconds for r in runs[e].values()) for e in ("local", "dask"))
    print(f"{'total':<8} {local_s:8.1f} {dask_s:8.1f} {dask_s / local_s:10.2f}")
    print("(MiB: sum over the process tree, sampled, with psutil; else the largest process)")


def main() -> None:
    """Run both engines and compare."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2, help="dask.workers")
    parser.add_argument("--threads-per-worker", type=int, default=1, help="dask.threads_per_worker")
    parser.add_argument(
        "--local-processes", type=int, help="ingest.workers and extract.n_process of the local run"
    )
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--fr-share", type=float, default=0.6)
    parser.add_argument("--keep", type=Path, help="build the projects here and keep them")
    args = parser.parse_args()
    print(S.machine())
    with S.workdir(args.keep) as parent:
        projects = _prepare(parent, args)
        print(f"{args.docs:,} documents (seed {args.seed})")
        runs: dict[str, dict[str, S.Run]] = {}
        for engine, project in projects.items():
            print(_describe(project, engine))
            runs[engine] = {name: S.stage(project, name) for name in STAGES}
        _print_table(runs)
        S.print_comparison(S.compare_parquet(projects["local"], projects["dask"]))


if __name__ == "__main__":
    S.run_main(main)
