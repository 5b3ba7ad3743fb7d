"""Determinism: `dvc repro` then `dvc repro --force` under another PYTHONHASHSEED give
identical outputs (DuckDB compared by table contents), in a copy of the repository."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import copy_project, store_fingerprint

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent


def _dvc(*args: str, cwd: Path, hash_seed: str) -> None:
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "PYTHONHASHSEED": hash_seed,
    }
    result = subprocess.run(
        [str(BIN / "dvc"), *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _digests(project: Path) -> dict[str, str]:
    files = [
        p
        for folder in (project / "outputs", project / "models" / "topics")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    ]
    return {
        str(p.relative_to(project)): store_fingerprint(p)
        if p.suffix == ".duckdb"
        else hashlib.sha256(p.read_bytes()).hexdigest()
        for p in files
    }


def test_forced_rerun_under_another_hash_seed_gives_identical_outputs(tmp_path):
    copy_project(tmp_path)
    _dvc("repro", cwd=tmp_path, hash_seed="1")
    first = _digests(tmp_path)
    assert any(k.startswith("models/topics/") for k in first)
    assert "outputs/corpus.duckdb" in first and "outputs/report/index.html" in first
    _dvc("repro", "--force", cwd=tmp_path, hash_seed="2718281")
    second = _digests(tmp_path)
    changed = sorted(k for k in first.keys() | second.keys() if first.get(k) != second.get(k))
    assert not changed, f"outputs differ between PYTHONHASHSEED=1 and 2718281: {changed}"
