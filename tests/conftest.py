"""Shared fixtures: params pointing into a temp dir, and paths of the project."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from corpus_mining.config import Params, parse_params

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(Path(__file__).parent))


def make_params(tmp: Path, corpus: Path | None = None, **ingest: object) -> Params:
    """Params whose corpus and outputs live under ``tmp``."""
    out = tmp / "outputs"
    return parse_params(
        {
            "paths": {
                "corpus": str(corpus or tmp / "corpus" / "documents"),
                "metadata": str(tmp / "corpus" / "metadata.csv"),
                "documents": str(out / "documents.parquet"),
                "passages": str(out / "passages.parquet"),
                "manifest": str(out / "manifest.csv"),
                "ingest_metrics": str(out / "metrics" / "ingest.json"),
            },
            "ingest": ingest,
        }
    )


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus" / "documents"
    folder.mkdir(parents=True)
    return folder
