"""Wall time of every pipeline stage on synthetic corpora of growing size.

For each ``--docs`` size: generates a corpus (``synthetic_corpus.py``), puts it in a
throw-away copy of the project, and runs ``dvc repro --single-item --force STAGE`` for each
stage in ``dvc.yaml`` order. Prints per stage the wall time, its share of the total and the
peak memory (largest single process; sampled sum over the process tree with psutil), then
the total, with the corpus size and the machine. DVC's own work (hashing, caching outputs)
is counted: it is what a user waits for.

Usage: python benchmarks/scale_repro.py --docs 1000 [--docs 10000] [--seed 42] [--keep DIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import _scale as S


def bench(parent: Path, n_docs: int, seed: int, fr_share: float) -> None:
    """Generate, run every stage, print one table for ``n_docs`` documents."""
    project = S.make_project(parent / f"docs{n_docs}")
    written = S.install_corpus(project, n_docs, seed, fr_share)
    words = sum(w.words for w in written)
    print(f"\n{n_docs:,} documents, {words:,} words (seed {seed}, French share {fr_share})")
    runs: list[tuple[str, S.Run]] = []
    for name in S.stage_names(project):
        try:
            runs.append((name, S.dvc_stage(project, name)))
        except S.RunError as error:
            print(f"stage {name} failed, later stages not run:\n{error}")
            break
    total = sum(run.seconds for _, run in runs) or 1e-9
    print(f"{'stage':<12} {'wall s':>9} {'share':>6} {'peak MiB':>8} {'tree MiB':>8} {'docs/s':>8}")
    for name, run in runs:
        print(
            f"{name:<12} {run.seconds:9.1f} {run.seconds / total:6.0%} {S.fmt_mb(run.peak_rss_mb):>8}"
            f" {S.fmt_mb(run.tree_rss_mb):>8} {n_docs / run.seconds:8.1f}"
        )
    print(f"{'total':<12} {total:9.1f} {'100%':>6}   ({words / total:,.0f} words/s end to end)")


def main() -> None:
    """Parse arguments, run each size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, action="append", help="corpus size (repeatable)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--fr-share", type=float, default=0.6)
    parser.add_argument("--keep", type=Path, help="build the projects here and keep them")
    args = parser.parse_args()
    sizes = args.docs or [1000]
    print(S.machine())
    with S.workdir(args.keep) as parent:
        for n_docs in sizes:
            bench(parent, n_docs, args.seed, args.fr_share)


if __name__ == "__main__":
    main()
