"""Wall time of every pipeline stage on synthetic corpora of growing size.

For each ``--docs`` size: generates a corpus (``synthetic_corpus.py``), puts it in a
throw-away copy of the project, and runs ``dvc repro --single-item --force STAGE`` for each
stage in ``dvc.yaml`` order. Prints per stage the wall time, its share of the total and the
peak memory (largest single process; sampled sum over the process tree with psutil), then
the total, with the corpus size and the machine. DVC's own work (hashing, caching outputs)
is counted: it is what a user waits for.

Rows are printed as each stage ends. ``--set extract.n_process=2`` (repeatable) changes a
param of the copied project first.

Usage: python benchmarks/scale_repro.py --docs 1000 [--docs 10000] [--seed 42] [--keep DIR]
                                        [--set KEY=VALUE ...]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import _scale as S
import yaml


def bench(parent: Path, n_docs: int, seed: int, fr_share: float, updates: dict[str, Any]) -> None:
    """Generate, run every stage, print one table for ``n_docs`` documents."""
    project = S.make_project(parent / f"docs{n_docs}")
    if updates:
        S.set_params(project, updates)
    written = S.install_corpus(project, n_docs, seed, fr_share)
    words = sum(w.words for w in written)
    print(f"\n{n_docs:,} documents, {words:,} words (seed {seed}, French share {fr_share})")
    print(f"params changed: {updates or 'none'}")
    print(f"{'stage':<12} {'wall s':>9} {'peak MiB':>8} {'tree MiB':>8} {'docs/s':>8}", flush=True)
    runs: list[tuple[str, S.Run]] = []
    for name in S.stage_names(project):
        try:
            run = S.dvc_stage(project, name)
        except S.RunError as error:
            print(f"stage {name} failed, later stages not run:\n{error}")
            break
        runs.append((name, run))
        print(
            f"{name:<12} {run.seconds:9.1f} {S.fmt_mb(run.peak_rss_mb):>8}"
            f" {S.fmt_mb(run.tree_rss_mb):>8} {n_docs / run.seconds:8.1f}",
            flush=True,
        )
    total = sum(run.seconds for _, run in runs) or 1e-9
    print("share of the total: " + ", ".join(f"{n} {r.seconds / total:.0%}" for n, r in runs))
    print(f"{'total':<12} {total:9.1f}   ({words / total:,.0f} words/s end to end)")


def main() -> None:
    """Parse arguments, run each size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, action="append", help="corpus size (repeatable)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--fr-share", type=float, default=0.6)
    parser.add_argument("--keep", type=Path, help="build the projects here and keep them")
    parser.add_argument("--set", action="append", default=[], help="KEY=VALUE param change")
    args = parser.parse_args()
    updates = {k: yaml.safe_load(v) for k, v in (item.split("=", 1) for item in args.set)}
    sizes = args.docs or [1000]
    print(S.machine())
    with S.workdir(args.keep) as parent:
        for n_docs in sizes:
            bench(parent, n_docs, args.seed, args.fr_share, updates)


if __name__ == "__main__":
    main()
