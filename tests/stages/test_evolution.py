"""Time analyses on a corpus where nothing is dated: empty tables with headers, no crash."""

from __future__ import annotations

import pandas as pd
import pytest

from corpus_mining.io import read_csv
from corpus_mining.schemas import TREND_CONCEPT_TESTS, TREND_TABLES
from corpus_mining.stages.evolution import run_evolution
from corpus_mining.stages.extract import run_extract
from corpus_mining.stages.ingest import run_ingest
from corpus_mining.stages.report import run_report
from corpus_mining.stages.store import run_store
from corpus_mining.stages.topics import run_topics

from helpers import make_params

pytestmark = pytest.mark.slow  # every stage, in one test
TEXTS = [
    "Le hub régional du réseau relie les tiers-lieux ruraux et leurs habitants du territoire.",
    "The regional hub of the network links rural third places and their residents today.",
    "Les coopératives de l'économie sociale mutualisent emplois, ressources et savoir-faire locaux.",
    "Cooperatives of the social economy pool jobs, resources and practical skills together.",
]


def test_undated_corpus_runs_through_every_stage(tmp_path):
    corpus = tmp_path / "corpus" / "documents"
    corpus.mkdir(parents=True)
    for i, text in enumerate(TEXTS):
        (corpus / f"d{i}.txt").write_text(text, encoding="utf-8")
    params = make_params(tmp_path)
    for stage in (run_ingest, run_extract, run_topics):
        stage(params)
    metrics = run_evolution(params)
    assert metrics["n_periods"] == 0 and metrics["undated_documents"] == 4
    concepts = pd.read_csv(params.paths.trends / "concepts.csv")
    assert concepts.empty and "rate_per_10k" in concepts.columns
    assert "mentions" in pd.read_csv(params.paths.trends / "actors.csv").columns
    for spec in TREND_TABLES:  # every table is written, with its header, through its schema
        rows = read_csv(spec, params.paths.trends / spec.file).num_rows
        assert rows == 0 or spec is TREND_CONCEPT_TESTS, spec.name  # a test says "no data"
    tables = run_store(params)["tables"]
    assert tables["documents"] == 4 and {s.name for s in TREND_TABLES} <= set(tables)
    assert run_report(params)["charts"] > 0 and (params.paths.report / "index.html").is_file()
