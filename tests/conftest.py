"""Shared fixtures and the test run's layout under pytest-xdist.

Helpers importable by test modules live in helpers.py and builders.py.

Under ``pytest -n N --dist loadgroup`` (``make test``) every module runs on one worker, so
its module-scoped fixtures (a pipeline run, a loaded model) are built once; modules that
share an expensive build name a common ``xdist_group``. Slow modules are started first so
that no long module is left to run alone at the end.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Group each module's tests for xdist, and move slow modules to the front."""
    for item in items:
        if item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))
    # costliest first (``@pytest.mark.slow(cost=...)``, default 1); the sort is stable, so
    # the order within a module and among fast modules stays as collected
    items.sort(key=lambda item: -_cost(item))


def _cost(item: pytest.Item) -> float:
    marker = item.get_closest_marker("slow")
    return 0.0 if marker is None else float(marker.kwargs.get("cost", 1.0))


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus" / "documents"
    folder.mkdir(parents=True)
    return folder
