"""End to end: `dvc repro` on a corpus that has none of the optional input files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from helpers import copy_project

pytestmark = pytest.mark.slow
OPTIONAL = ("metadata.csv", "lexicon.yaml", "actors.yaml", "topic_labels.yaml")


def _dvc(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        [str(Path(sys.executable).parent / "dvc"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_repro_runs_without_any_optional_input_and_notices_one_added(tmp_path):
    project = copy_project(tmp_path / "project")
    for name in OPTIONAL:
        (project / "corpus" / name).unlink()
    run = _dvc("repro", cwd=project)
    assert run.returncode == 0, run.stdout + run.stderr
    documents = pd.read_parquet(project / "outputs" / "documents.parquet")
    assert len(documents) >= 30
    for column in ("title_source", "date_source", "lang_source", "kind_source"):
        assert not documents[column].eq("metadata_csv").any()
    assert pd.read_csv(project / "outputs" / "metadata_issues.csv").empty
    metrics = json.loads((project / "outputs" / "metrics" / "ingest.json").read_text())
    assert metrics["metadata_values_rejected"] == 0
    assert (project / "outputs" / "report" / "index.html").is_file()
    # Adding an optional file later makes the stages that read it stale.
    (project / "corpus" / "metadata.csv").write_text(
        "file;kind\nen/basque_cluster_manager_interview.txt;Rapport\n", encoding="utf-8"
    )
    status = _dvc("status", cwd=project)
    assert "ingest" in status.stdout, status.stdout
