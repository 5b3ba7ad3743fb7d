"""Bad filter values through the installed ``corpus-mining`` entry point."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tiny_store import build_tiny_store


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    build_tiny_store(folder)
    return folder


def _cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("corpus-mining") or str(Path(sys.executable).parent / "corpus-mining")
    return subprocess.run([exe, *args], cwd=cwd, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    ("args", "listed"),
    [
        (["entities", "--label", "ORGX"], "LOC, MISC, ORG, PER"),
        (["entities", "--type", "network"], "cluster, place, public_body, sse_network"),
        (["entities", "--kind", "book"], "interview, report"),
        (["entities", "--lang", "es"], "en, fr"),
        (["kwic", "alpha", "--lang", "es"], "en, fr"),
    ],
)
def test_unknown_filter_value_exits_non_zero_with_one_line_listing_valid_values(
    project, args, listed
):
    result = _cli(project, *args)
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: --") and result.stderr.rstrip().endswith(listed)


def test_known_values_still_answer(project):
    result = _cli(project, "entities", "--label", "ORG", "--lang", "fr", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert {r["entity_id"] for r in json.loads(result.stdout)} == {"e_alpha", "e_region", "e_beta"}


def test_kwic_rows_stay_on_one_line(project):
    result = _cli(project, "kwic", "leeds", "--width", "25", "--format", "csv")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and "a hub in ,Leeds, with the City" in lines[1]
    assert "\t" not in result.stdout
