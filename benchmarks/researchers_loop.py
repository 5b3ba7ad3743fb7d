"""The researcher's loop: one document added, then the whole ``dvc repro``, against a cold run.

For each ``topics.refit`` mode asked for, in a throw-away project holding the sample corpus
(``--sample``) or ``--docs N`` generated documents: ``dvc repro`` cold (empty caches), one
generated document added (its ``metadata.csv`` row appended), ``dvc repro`` again. Each is
timed as a whole process, DVC included. Prints both wall times, the ratio (goals: 10% with
``on_drift``, 30% with ``always``; the sample corpus: 15 s) and the load average.

Then checks that unchanged documents kept their outputs: for every parquet output with a
``doc_id`` (``passage_topics`` through its passages), the rows of the documents present
before the addition, before and after. With ``always`` the topic model is refitted, so
topic assignments may move: their share is printed, not hidden.

With ``--one-cold`` the cold run happens once (with the first mode; a cold run fits the
topics in either mode) and each mode's loop runs on a copy of that project.

Usage: python benchmarks/researchers_loop.py (--sample | --docs 2000) [--refit always]
       [--refit on_drift] [--one-cold] [--seed 42] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

import _scale as S
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

GOALS = {"on_drift": 0.10, "always": 0.30}
SAMPLE_GOAL_SECONDS = 15.0


def _snapshot(project: Path, dest: Path) -> Path:
    """Copy the project's parquet outputs to ``dest`` (the state before the addition)."""
    for name, path in S.parquet_files(project).items():
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    return dest


def _with_doc_ids(outputs: Path, name: str) -> pa.Table | None:
    """The table ``name`` under ``outputs`` with a ``doc_id`` column, or None without one."""
    table = pq.read_table(outputs / name)
    if "doc_id" in table.column_names:
        return table
    if "passage_id" not in table.column_names:
        return None
    passages = pq.read_table(outputs / "passages.parquet", columns=["passage_id", "doc_id"])
    return table.join(passages, "passage_id", join_type="left outer")


def unchanged_documents(before: Path, after: Path) -> dict[str, str]:
    """Per table: whether the rows of the documents of ``before`` are the same ``after``."""
    docs = pq.read_table(before / "documents.parquet", columns=["doc_id"]).column("doc_id")
    verdicts: dict[str, str] = {}
    for name in sorted(str(p.relative_to(before)) for p in before.rglob("*.parquet")):
        if not (after / name).is_file():
            verdicts[name] = "missing after"
            continue
        old, new = _with_doc_ids(before, name), _with_doc_ids(after, name)
        if old is None or new is None:
            continue
        order = [(f.name, "ascending") for f in old.schema if not pa.types.is_nested(f.type)]
        old = old.filter(pc.is_in(old["doc_id"], docs)).sort_by(order)
        new = new.filter(pc.is_in(new["doc_id"], docs)).sort_by(order)
        verdicts[name] = _compare_rows(old, new)
    return verdicts


def _compare_rows(old: pa.Table, new: pa.Table) -> str:
    if old.equals(new):
        return "identical"
    if old.num_rows != new.num_rows:
        return f"differ ({old.num_rows:,} rows before, {new.num_rows:,} after)"
    moved = sum(1 for a, b in zip(old.to_pylist(), new.to_pylist(), strict=True) if a != b)
    return f"differ ({moved:,} of {old.num_rows:,} rows)"


def _cold(parent: Path, n_docs: int | None, refit: str, seed: int) -> tuple[Path, int, float]:
    """A project after a cold ``dvc repro`` with ``refit``: its path, size and seconds."""
    name = f"{'sample' if n_docs is None else n_docs}-{refit}"
    if n_docs is None:
        project = S.make_project(parent / name)
        start = sum(
            1 for p in S.corpus_root(project).joinpath("documents").rglob("*") if p.is_file()
        )
    else:
        project = S.new_project(parent, name, n_docs, seed, 0.6)
        start = n_docs
    S.set_params(project, {"topics.refit": refit})
    return project, start, S.run([S.BIN / "dvc", "repro"], project).check().seconds


def _loop(project: Path, start: int, cold: float, refit: str, seed: int, sample: bool) -> None:
    """One document added to a cold ``project``, repro again; print times and unchanged rows."""
    S.set_params(project, {"topics.refit": refit})
    before = _snapshot(project, project.with_name(f"{project.name}-before"))
    added = S.add_documents(project, 1, start_index=start, seed=seed)
    warm = S.run([S.BIN / "dvc", "repro"], project).check()
    ratio = warm.seconds / cold
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"{project.name}: cold {cold:.1f} s, +1 document ({added[0].words:,} words) "
        f"{warm.seconds:.1f} s, ratio {ratio:.1%} (goal <= {GOALS.get(refit, float('nan')):.0%});"
        f" load after {load}"
    )
    if sample:
        verdict = "met" if warm.seconds <= SAMPLE_GOAL_SECONDS else "not met"
        print(f"  sample corpus goal <= {SAMPLE_GOAL_SECONDS:.0f} s: {verdict}")
    for table, verdict in unchanged_documents(before, project / "outputs").items():
        print(f"  unchanged documents in {table}: {verdict}")


def main() -> None:
    """Each refit mode in turn, in its own project."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--sample", action="store_true", help="the repository's sample corpus")
    size.add_argument("--docs", type=int, help="generated documents before the addition")
    parser.add_argument("--refit", action="append", choices=sorted(GOALS))
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--keep", type=Path, help="build the projects here and keep them")
    parser.add_argument(
        "--one-cold",
        action="store_true",
        help="one cold run (with the first --refit); each mode's loop runs on a copy of it",
    )
    args = parser.parse_args()
    print(S.machine())
    n_docs = None if args.sample else args.docs
    modes = args.refit or ["on_drift", "always"]
    with S.workdir(args.keep) as parent:
        if args.one_cold:
            project, start, cold = _cold(parent, n_docs, modes[0], args.seed)
            copies = {mode: parent / f"{project.name}-then-{mode}" for mode in modes}
            for copy in copies.values():
                shutil.copytree(project, copy, symlinks=True)
            for mode, copy in copies.items():
                _loop(copy, start, cold, mode, args.seed, args.sample)
            return
        for refit in modes:
            project, start, cold = _cold(parent, n_docs, refit, args.seed)
            _loop(project, start, cold, refit, args.seed, args.sample)


if __name__ == "__main__":
    S.run_main(main)
