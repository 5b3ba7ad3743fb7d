"""Peak memory of ``ingest`` and ``extract`` at N and factor x N documents.

For each size, a throw-away project with a generated corpus runs ``corpus-mining ingest``
then ``corpus-mining extract``, each in its own child process. Prints each stage's peak
resident memory: the largest single process (``os.wait4``; with ``extract.n_process`` > 1
or dask, one worker, not their sum) and, with psutil, the sampled sum over the process
tree. Then the ratio of the larger size's peak to the smaller's (goal: at most 1.5, so
memory does not grow with the corpus).

Usage: python benchmarks/memory.py --docs 500 --factor 10 [--seed 42] [--keep DIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import _scale as S

STAGES = ("ingest", "extract")
GOAL = 1.5


def measure(parent: Path, n_docs: int, seed: int, fr_share: float) -> dict[str, S.Run]:
    """Each stage's run on a fresh project of ``n_docs`` documents."""
    project = S.new_project(parent, f"docs{n_docs}", n_docs, seed, fr_share)
    return {name: S.stage(project, name) for name in STAGES}


def _max_peak(runs: dict[str, S.Run]) -> float:
    return max(r.peak_rss_mb for r in runs.values())


def _max_tree(runs: dict[str, S.Run]) -> float | None:
    values = [r.tree_rss_mb for r in runs.values() if r.tree_rss_mb is not None]
    return max(values) if len(values) == len(runs) else None


def _ratio(big: float | None, small: float | None) -> str:
    return "-" if big is None or not small else f"{big / small:.2f}"


def main() -> None:
    """Measure both sizes and print the table and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=500, help="the smaller corpus size N")
    parser.add_argument("--factor", type=int, default=10, help="the larger size is factor x N")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--fr-share", type=float, default=0.6)
    parser.add_argument("--keep", type=Path, help="build the projects here and keep them")
    args = parser.parse_args()
    sizes = (args.docs, args.docs * args.factor)
    print(S.machine())
    with S.workdir(args.keep) as parent:
        results = {n: measure(parent, n, args.seed, args.fr_share) for n in sizes}
    print(f"{'docs':>8} {'stage':<8} {'wall s':>8} {'peak MiB':>8} {'tree MiB':>8}")
    for n, runs in results.items():
        for name, run in runs.items():
            print(
                f"{n:8,} {name:<8} {run.seconds:8.1f} {S.fmt_mb(run.peak_rss_mb):>8} {S.fmt_mb(run.tree_rss_mb):>8}"
            )
        print(
            f"{n:8,} {'max':<8} {'':>8} {S.fmt_mb(_max_peak(runs)):>8} {S.fmt_mb(_max_tree(runs)):>8}"
        )
    small, big = (results[n] for n in sizes)
    for name in STAGES:
        print(
            f"{name}: {args.factor}x / 1x peak {_ratio(big[name].peak_rss_mb, small[name].peak_rss_mb)}"
            f" (tree {_ratio(big[name].tree_rss_mb, small[name].tree_rss_mb)})"
        )
    ratio = _max_peak(big) / _max_peak(small)
    verdict = "met" if ratio <= GOAL else "not met"
    tree = _ratio(_max_tree(big), _max_tree(small))
    print(
        f"max over stages: {args.factor}x / 1x peak {ratio:.2f} (tree {tree}; goal <= {GOAL}: {verdict})"
    )


if __name__ == "__main__":
    S.run_main(main)
