"""Shared helpers of the scale benchmarks: throw-away projects, synthetic corpora, timed runs.

A project is a copy of the repository's tracked (and untracked, not ignored) files, as
``tests/helpers.py::copy_project`` makes it, with its corpus replaced by a generated one.
Commands run from the project folder with the environment's ``bin`` first on ``PATH`` and
``HF_HUB_OFFLINE=1``; each is timed (wall clock) and its peak resident memory read from
``os.wait4`` (the largest single process among the command and the children it waited
for) and, when psutil is installed, sampled as the sum over the live process tree.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_corpus import Written, write_corpus

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from helpers import copy_project  # the tests' copy of a project

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin" if (ROOT / ".venv" / "bin").is_dir() else Path(sys.executable).parent
SAMPLE_SECONDS = 0.2


class RunError(RuntimeError):
    """A command exited non-zero; the message holds the end of its error output."""


@dataclass(frozen=True)
class Run:
    """One finished command."""

    command: tuple[str, ...]
    seconds: float
    peak_rss_mb: float  # MiB, largest single process (os.wait4)
    tree_rss_mb: float | None  # MiB, sampled sum over the process tree (psutil); None without it
    returncode: int
    stdout: str
    stderr: str

    def check(self) -> Run:
        """This run, or RunError with the last lines of its error output."""
        if self.returncode != 0:
            tail = "\n".join((self.stderr or self.stdout).strip().splitlines()[-5:])
            raise RunError(f"`{' '.join(self.command)}` exited {self.returncode}:\n{tail}")
        return self


# --- machine -----------------------------------------------------------------------------------
def _total_ram_gb() -> float:
    try:
        import psutil

        return float(psutil.virtual_memory().total) / 1e9
    except ImportError:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9


def machine() -> str:
    """Platform, cores, RAM, Python, date and load: the figures mean little without them."""
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"machine: {platform.platform()}, {os.cpu_count()} cores, {_total_ram_gb():.1f} GB RAM, "
        f"Python {platform.python_version()}; {dt.datetime.now().isoformat(timespec='minutes')}; "
        f"load average {load}"
    )


# --- projects ----------------------------------------------------------------------------------
def make_project(dest: Path) -> Path:
    """Copy the repository's tracked (and untracked, not ignored) files to ``dest``, git-init it."""
    return copy_project(dest)


def read_params(project: Path) -> dict[str, Any]:
    """The project's ``params.yaml`` as a mapping."""
    loaded: dict[str, Any] = yaml.safe_load((project / "params.yaml").read_text(encoding="utf-8"))
    return loaded


def set_params(project: Path, updates: dict[str, Any]) -> None:
    """Set ``params.yaml`` values by dotted key, e.g. ``{"extract.n_process": 2}``.

    Missing sections are created. Comments are lost (the project is a throw-away copy).
    """
    params = read_params(project)
    for dotted, value in updates.items():
        *parents, last = dotted.split(".")
        node = params
        for key in parents:
            node = node.setdefault(key, {})
            if not isinstance(node, dict):
                raise ValueError(f"params.yaml: {dotted}: {key} is not a section")
        node[last] = value
    text = yaml.safe_dump(params, allow_unicode=True, sort_keys=False, width=100)
    (project / "params.yaml").write_text(text, encoding="utf-8")


def check_params(project: Path) -> str | None:
    """None when the installed corpus-mining accepts the project's params, else its message."""
    code = "from pathlib import Path; from corpus_mining.config import load_params; load_params(Path('params.yaml'))"
    result = subprocess.run(
        [str(BIN / "python"), "-c", code], cwd=project, capture_output=True, text=True, env=env()
    )
    if result.returncode == 0:
        return None
    lines = result.stderr.strip().splitlines()
    return lines[-1] if lines else f"exit status {result.returncode}"


def corpus_root(project: Path) -> Path:
    """The folder holding ``documents/`` and ``metadata.csv``, the generator's layout."""
    paths = read_params(project)["paths"]
    corpus: Path = project / paths["corpus"]
    metadata: Path = project / paths["metadata"]
    if corpus.name != "documents" or metadata != corpus.parent / "metadata.csv":
        raise ValueError(
            f"params.yaml: paths.corpus={paths['corpus']!r}, paths.metadata={paths['metadata']!r}: "
            "the benchmarks expect DIR/documents and DIR/metadata.csv"
        )
    return corpus.parent


def install_corpus(
    project: Path, n_docs: int, seed: int = 42, fr_share: float = 0.6
) -> list[Written]:
    """Replace the project's corpus and metadata with ``n_docs`` generated documents."""
    root = corpus_root(project)
    shutil.rmtree(root / "documents", ignore_errors=True)
    (root / "metadata.csv").unlink(missing_ok=True)
    return write_corpus(root, n_docs, seed=seed, fr_share=fr_share)


def add_documents(
    project: Path, n_docs: int, start_index: int, seed: int = 42, fr_share: float = 0.6
) -> list[Written]:
    """Add generated documents ``start_index..`` to the project's corpus and metadata."""
    return write_corpus(corpus_root(project), n_docs, seed, fr_share, start_index)


def stage_names(project: Path) -> list[str]:
    """Stage names in ``dvc.yaml`` order."""
    dvc = yaml.safe_load((project / "dvc.yaml").read_text(encoding="utf-8"))
    return list(dvc["stages"])


def new_project(parent: Path, name: str, n_docs: int, seed: int, fr_share: float) -> Path:
    """A throw-away project under ``parent`` with a generated corpus of ``n_docs``."""
    project = make_project(parent / name)
    install_corpus(project, n_docs, seed, fr_share)
    return project


@contextmanager
def workdir(keep: Path | None) -> Iterator[Path]:
    """A temporary folder, or ``keep`` (created, left in place) to inspect the projects."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="corpus-mining-bench-") as tmp:
        yield Path(tmp)


# --- running -----------------------------------------------------------------------------------
def env() -> dict[str, str]:
    """The environment of every command: this venv first on PATH, Hugging Face offline."""
    return {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "HF_HUB_OFFLINE": "1",
    }


def _sample_tree(pid: int, done: threading.Event, peak: list[float]) -> None:
    """Record the largest sum of RSS over ``pid`` and its descendants until ``done``."""
    import psutil

    try:
        root = psutil.Process(pid)
        while not done.is_set():
            total = 0
            for proc in [root, *root.children(recursive=True)]:
                with suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                    total += proc.memory_info().rss
            peak[0] = max(peak[0], total / 2**20)
            done.wait(SAMPLE_SECONDS)
    except psutil.NoSuchProcess:
        return


def run(command: Iterable[str | Path], cwd: Path) -> Run:
    """Run ``command`` in ``cwd``; wall time, peak RSS (wait4; sampled tree sum with psutil)."""
    argv = tuple(str(part) for part in command)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env(), stdout=out, stderr=err)
        done, peak = threading.Event(), [0.0]
        sampler = None
        try:
            import psutil  # noqa: F401

            sampler = threading.Thread(
                target=_sample_tree, args=(proc.pid, done, peak), daemon=True
            )
            sampler.start()
        except ImportError:
            pass
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        if sampler is not None:
            sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            command=argv,
            seconds=seconds,
            peak_rss_mb=usage.ru_maxrss / 1024,  # KiB on Linux; MiB here
            tree_rss_mb=peak[0] if sampler is not None else None,
            returncode=proc.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


def run_main(main: Callable[[], None]) -> None:
    """Call a benchmark's ``main``; a failed command ends it with one readable message."""
    try:
        main()
    except RunError as error:
        sys.exit(f"stopped: {error}")


def stage(project: Path, name: str) -> Run:
    """``corpus-mining NAME --params params.yaml`` in ``project``, checked."""
    return run([BIN / "corpus-mining", name, "--params", "params.yaml"], project).check()


def dvc_stage(project: Path, name: str) -> Run:
    """``dvc repro --single-item --force NAME`` in ``project``, checked."""
    return run([BIN / "dvc", "repro", "--single-item", "--force", name], project).check()


# --- outputs -----------------------------------------------------------------------------------
def parquet_files(project: Path) -> dict[str, Path]:
    """Every parquet file under ``outputs/``, by path relative to it."""
    outputs = project / "outputs"
    return {str(p.relative_to(outputs)): p for p in sorted(outputs.rglob("*.parquet"))}


def compare_parquet(a: Path, b: Path) -> dict[str, str]:
    """Per parquet file of either project: identical, same rows (other bytes), differ, missing."""
    import pyarrow.parquet as pq

    left, right = parquet_files(a), parquet_files(b)
    verdicts: dict[str, str] = {}
    for name in sorted(left.keys() | right.keys()):
        if name not in left or name not in right:
            verdicts[name] = f"only in {a.name if name in left else b.name}"
        elif left[name].read_bytes() == right[name].read_bytes():
            verdicts[name] = "identical"
        elif pq.read_table(left[name]).equals(pq.read_table(right[name])):
            verdicts[name] = "same table, different bytes"
        else:
            verdicts[name] = "differ"
    return verdicts


def print_comparison(verdicts: dict[str, str]) -> None:
    """One line when every file is identical, else one line per other file."""
    others = {name: v for name, v in verdicts.items() if v != "identical"}
    if not verdicts:
        print("no parquet outputs to compare")
    elif not others:
        print(f"outputs: identical ({len(verdicts)} parquet files byte for byte)")
    else:
        print(
            f"outputs: {len(verdicts) - len(others)} of {len(verdicts)} parquet files identical; others:"
        )
        for name, verdict in others.items():
            print(f"  {name}: {verdict}")


def fmt_mb(value: float | None) -> str:
    """Megabytes, or a dash."""
    return "-" if value is None else f"{value:,.0f}"
