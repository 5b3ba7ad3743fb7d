"""Shared fixtures and the test run's layout under pytest-xdist.

Helpers importable by test modules live in helpers.py and builders.py.

Under ``pytest -n N --dist loadgroup`` (``make test``) every module runs on one worker, so
its module-scoped fixtures (a pipeline run, a loaded model) are built once; modules that
share an expensive build name a common ``xdist_group`` (e.g. ``sample-project``: the one
``dvc repro`` of the sample corpus). Slow modules are started first, costliest first, so
that no long module is left to run alone at the end; xdist's own reordering (groups with
the most tests first) is turned off, else a one-test module that runs the whole pipeline
would start last.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from helpers import copy_project, dvc, reused_pipelines


def pytest_configure(config: pytest.Config) -> None:
    """Keep the collection's order of groups under ``--dist loadgroup`` (xdist >= 3.6)."""
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False


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


@pytest.fixture(scope="session", autouse=True)
def _french_tokenizer_compiled_factored() -> None:
    """``spacy.blank("fr")`` in tests compiles spaCy's French token match factored too."""
    from corpus_mining.nlp.token_match import fast_token_match

    with fast_token_match():
        import spacy.lang.fr  # noqa: F401


@pytest.fixture(scope="session", autouse=True)
def _extract_pipelines_built_once() -> Iterator[None]:
    """The extract stage, run in this process, reuses its spaCy pipelines across tests."""
    from corpus_mining.nlp import extractor

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(extractor, "build_pipeline", reused_pipelines(extractor.build_pipeline))
        yield


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus" / "documents"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture(scope="session")
def sample_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository where ``dvc repro`` ran on the sample corpus (hash seed 1).

    Built once per worker; the modules that use it share the ``sample-project`` xdist
    group, so it is built once per test run. They only read its outputs, except
    test_pipeline's forced re-run, which must give the same bytes.
    """
    project = copy_project(tmp_path_factory.mktemp("project"))
    run = dvc("repro", cwd=project)
    assert run.returncode == 0, run.stdout + run.stderr
    return project
