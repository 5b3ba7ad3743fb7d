"""Crash safety: a stage killed at any moment leaves the previous outputs intact.

The pipeline runs once in-process; each stage is then started again in a child process
on the same params and SIGKILLed at several moments (at shares of a whole child run's
time, when a temp file first appears, or when a final output is seen missing). After every
kill the outputs must hash as before; a re-run must give the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from corpus_mining.config import Params, load_params
from corpus_mining.stages.evolution import run_evolution
from corpus_mining.stages.extract import run_extract
from corpus_mining.stages.ingest import run_ingest
from corpus_mining.stages.store import run_store
from corpus_mining.stages.topics import run_topics

from builders import bilingual_corpus
from helpers import make_params, store_fingerprint

pytestmark = pytest.mark.slow(cost=3)

STAGES: dict[str, Callable[[Params], dict[str, Any]]] = {
    "ingest": run_ingest,
    "extract": run_extract,
    "topics": run_topics,
    "evolution": run_evolution,
    "store": run_store,
}
# Kill moments: shares of the time a whole child run takes on this machine (measured
# first, so a fast or a busy machine kills at the same points of the run), or "tmp" (first
# temp file) / "gap" (a final output missing, polled every few milliseconds).
MOMENTS: dict[str, tuple[float | str, ...]] = {
    "ingest": (0.3, 0.6, 0.9, "tmp", "gap"),
    "extract": (0.3, 0.6, 0.9, "tmp", "gap"),
    "topics": (0.3, 0.6, 0.9, "tmp", "gap"),
}


def _is_temp(path: Path, root: Path) -> bool:
    return any(
        part.startswith(".") and part.endswith((".tmp", ".old"))
        for part in path.relative_to(root).parts
    )


def _final_files(base: Path) -> list[Path]:
    roots = (base / "outputs", base / "models" / "topics")
    return sorted(
        p for root in roots for p in root.rglob("*") if p.is_file() and not _is_temp(p, base)
    )


def _digests(base: Path) -> dict[str, str]:
    return {
        str(p.relative_to(base)): store_fingerprint(p)
        if p.suffix == ".duckdb"
        else hashlib.sha256(p.read_bytes()).hexdigest()
        for p in _final_files(base)
    }


def _temp_files(base: Path) -> list[Path]:
    """The dotted temporaries under ``base``, polled while a stage runs.

    ``os.walk`` skips a folder the stage removes mid-walk (a finished ``.extract-*.tmp``);
    ``Path.rglob`` raised FileNotFoundError on it, a race of the test, not of the stage.
    """
    return [
        Path(folder) / name
        for folder, folders, files in os.walk(base)
        for name in folders + files
        if name.startswith(".") and _is_temp(Path(folder) / name, base)
    ]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    base = tmp_path_factory.mktemp("crash")
    corpus = base / "corpus" / "documents"
    corpus.mkdir(parents=True)
    bilingual_corpus(corpus, docs_per_theme=3)
    # dated documents, so the evolution stage has periods
    rows = [f"{p.name},{2008 + 2 * i % 15}-06-01" for i, p in enumerate(sorted(corpus.iterdir()))]
    (base / "corpus" / "metadata.csv").write_text("file,date\n" + "\n".join(rows) + "\n")
    params = make_params(base, near_duplicate_threshold=1.0)
    for stage in STAGES.values():
        stage(params)
    params_file = base / "params.yaml"
    params_file.write_text(yaml.safe_dump(params.model_dump(mode="json")), encoding="utf-8")
    return base, params_file, _digests(base)


def _child(stage: str, params_file: Path) -> subprocess.Popen[bytes]:
    code = (
        "from pathlib import Path\n"
        "from corpus_mining.config import load_params\n"
        f"from corpus_mining.stages.{stage} import run_{stage}\n"
        f"run_{stage}(load_params(Path({str(params_file)!r})))\n"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=params_file.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _run_seconds(stage: str, params_file: Path) -> float:
    """How long a whole child run of ``stage`` takes, start to exit."""
    start = time.monotonic()
    child = _child(stage, params_file)
    assert child.wait(timeout=600) == 0, f"{stage} failed in a child process"
    return time.monotonic() - start


def _kill_at(
    child: subprocess.Popen[bytes], moment: float | str, base: Path, run_seconds: float
) -> bool:
    """SIGKILL ``child`` at ``moment``; True if it was still running when killed."""
    finals, leftovers = _final_files(base), set(_temp_files(base))
    wait = moment * run_seconds if isinstance(moment, float) else 120.0
    deadline = time.monotonic() + wait
    while child.poll() is None and time.monotonic() < deadline:
        if moment == "tmp" and set(_temp_files(base)) - leftovers:
            break
        if moment == "gap" and not all(p.exists() for p in finals):
            break
        time.sleep(0.003)
    running = child.poll() is None
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    return running


@pytest.mark.parametrize("stage", list(MOMENTS))
def test_killed_stage_leaves_previous_outputs_and_rerun_is_identical(project, stage):
    base, params_file, before = project
    run_seconds = _run_seconds(stage, params_file)
    assert _digests(base) == before, f"{stage} run again changed its outputs"
    killed = 0
    for moment in MOMENTS[stage]:
        killed += _kill_at(_child(stage, params_file), moment, base, run_seconds)
        after = _digests(base)
        changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        assert not changed, f"{stage} killed at {moment!r}: changed or half-written {changed}"
    assert killed >= 2, f"{stage} finished before most kill moments; the test proved little"
    # leftovers of the kills (and planted ones) are never read as outputs
    for folder in (base / "outputs", base / "outputs" / "trends"):
        (folder / ".planted.csv.abc.tmp").write_text("not,an,output\n")
    params = load_params(params_file)
    for later in list(STAGES)[list(STAGES).index(stage) :]:
        STAGES[later](params)
    assert _digests(base) == before
