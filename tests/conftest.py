"""Shared fixtures; helpers importable by test modules live in helpers.py and builders.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus" / "documents"
    folder.mkdir(parents=True)
    return folder
