"""End to end: `dvc repro` on the shipped sample corpus, in a copy of the repository.

The first run has PYTHONHASHSEED=1; the forced re-run another seed, and every output (the
topic model included; DuckDB compared by table contents) must come out identical.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from helpers import dvc, store_fingerprint

ROOT = Path(__file__).resolve().parents[1]
# The project (conftest's ``sample_project``) is shared with the report test modules.
pytestmark = [pytest.mark.slow(cost=5), pytest.mark.xdist_group("sample-project")]


def _dvc(*args: str, cwd: Path, hash_seed: str = "1") -> subprocess.CompletedProcess[str]:
    result = dvc(*args, cwd=cwd, hash_seed=hash_seed)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


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


@pytest.fixture(scope="module")
def project(sample_project: Path) -> Path:
    return sample_project


def test_repro_fills_outputs_and_accounts_for_every_file(project):
    documents = pd.read_parquet(project / "outputs" / "documents.parquet")
    passages = pd.read_parquet(project / "outputs" / "passages.parquet")
    with (project / "outputs" / "manifest.csv").open(encoding="utf-8") as handle:
        manifest = list(csv.DictReader(handle))
    corpus = project / "corpus" / "documents"
    files = {str(p.relative_to(corpus)) for p in corpus.rglob("*") if p.is_file()}
    assert {row["path"] for row in manifest} == files
    assert all(row["status"] in {"ok", "duplicate"} for row in manifest)
    assert len(documents) >= 30 and len(passages) > len(documents)
    text = dict(zip(documents["doc_id"], documents["text"], strict=True))
    assert all(text[p.doc_id][p.char_start : p.char_end] == p.text for p in passages.itertuples())
    metrics = json.loads((project / "outputs" / "metrics" / "ingest.json").read_text())
    assert metrics["files_skipped"] == 0 and len(metrics["years"]) >= 12


def test_sample_corpus_meets_its_contract(project):
    documents = pd.read_parquet(project / "outputs" / "documents.parquet")
    kept = documents[documents["duplicate_of"].isna()]
    assert (kept["lang"] == "en").sum() >= 10 and (kept["lang"] == "fr").sum() >= 15
    assert set(kept["kind"]) >= {"report", "interview", "abstract"}
    assert all(
        count >= 2
        for count in kept["format"].value_counts().reindex(["txt", "md", "html", "pdf", "docx"])
    )
    assert kept["year"].between(2005, 2025).sum() >= len(kept) - 2
    assert {"metadata_csv", "file_metadata", "text:dateline"} <= set(kept["date_source"])


def test_rerun_is_clean_and_force_under_another_hash_seed_gives_identical_bytes(project):
    status = _dvc("status", cwd=project)
    assert "up to date" in status.stdout or status.stdout.strip() in ("", "{}")
    before = _digests(project)
    assert any(k.startswith("models/topics/") for k in before)
    assert "outputs/corpus.duckdb" in before and "outputs/report/index.html" in before
    _dvc("repro", "--force", cwd=project, hash_seed="2718281")
    after = _digests(project)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert not changed, f"outputs differ between PYTHONHASHSEED=1 and 2718281: {changed}"
    shown = _dvc("metrics", "show", cwd=project).stdout
    assert "files_ok" in shown


def test_extract_outputs_trace_to_passages(project):
    out = project / "outputs"
    passages = pd.read_parquet(out / "passages.parquet")
    text = dict(zip(passages["passage_id"], passages["text"], strict=True))
    mentions = pd.read_parquet(out / "mentions.parquet")
    concepts = pd.read_parquet(out / "concepts.parquet")
    entities = pd.read_parquet(out / "entities.parquet")
    for table in (mentions, concepts):
        assert len(table) > 0
        assert all(text[r.passage_id][r.start : r.end] == r.text for r in table.itertuples())
    assert set(mentions["entity_id"]) == set(entities["entity_id"])
    # the drift planted in the sample corpus is visible in the concept mentions
    years = pd.read_parquet(out / "documents.parquet")[["doc_id", "year"]]
    dated = concepts.merge(years, on="doc_id").dropna(subset=["year"])
    early, late = dated[dated["year"] <= 2011], dated[dated["year"] >= 2017]
    assert (early["concept_id"] == "CLUSTER").sum() > (early["concept_id"] == "HUB").sum()
    assert (late["concept_id"] == "HUB").sum() > (late["concept_id"] == "CLUSTER").sum()
    metrics = json.loads((out / "metrics" / "extract.json").read_text())
    assert metrics["passages_by_lang"].keys() == {"en", "fr"}


def test_evolution_finds_the_planted_drift_with_evidence(project):
    trends = project / "outputs" / "trends"
    tests = pd.read_csv(trends / "concept_tests.csv").set_index("concept")
    assert tests.loc["HUB", "direction"] == "rising" and tests.loc["HUB", "p_value"] < 0.05
    assert tests.loc["CLUSTER", "direction"] == "falling"
    families = pd.read_csv(trends / "families.csv")
    periods = pd.read_csv(trends / "periods.csv", dtype=str)
    order = list(dict.fromkeys(periods.sort_values("year")["period"]))
    hub = families[(families["concept"] == "HUB")].set_index("period")["share"]
    cluster = families[(families["concept"] == "CLUSTER")].set_index("period")["share"]
    assert hub[order[-1]] > hub[order[0]] and cluster[order[-1]] < cluster[order[0]]
    rates = pd.read_csv(trends / "concepts.csv")
    row = rates[
        (rates["concept"] == "HUB") & (rates["term"] == "*") & (rates["group"] == "all")
    ].iloc[-1]
    assert row["rate_ci_low"] <= row["rate_per_10k"] <= row["rate_ci_high"]
    # the cell traces back to its passages: counts rebuilt from concepts.parquet agree
    concepts = pd.read_parquet(project / "outputs" / "concepts.parquet")
    concepts = concepts[~concepts["in_reference"]].merge(periods, on="doc_id")
    assert (
        (
            concepts[
                (concepts["concept_id"] == "HUB") & (concepts["period"] == row["period"])
            ].shape[0]
        )
        == row["occurrences"]
    )
    from corpus_mining.evolution.evidence import evidence_passages

    out = project / "outputs"
    found = evidence_passages(
        out / "concepts.parquet",
        out / "passages.parquet",
        out / "documents.parquet",
        trends / "periods.csv",
        concept="HUB",
        period=row["period"],
        limit=500,
    )
    assert found and all(r["period"] == row["period"] for r in found)
    metrics = json.loads((project / "outputs" / "metrics" / "evolution.json").read_text())
    assert metrics["significant_trends"] >= 2 and metrics["undated_documents"] == 1
    for name in (
        "specificities.csv",
        "emerging_fading.csv",
        "topics.csv",
        "actors.csv",
        "plot_family_shares.csv",
    ):
        assert (trends / name).stat().st_size > 0


def test_evidence_command_prints_passages_and_fails_clearly_without_outputs(project, tmp_path):
    exe = str(Path(sys.executable).parent / "corpus-mining")
    shown = subprocess.run(
        [exe, "evidence", "--concept", "HUB", "--limit", "3"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.count("matches:") == 3 and "hub" in shown.stdout.lower()
    shutil.copy(project / "params.yaml", tmp_path / "params.yaml")
    missing = subprocess.run(
        [exe, "evidence", "--concept", "HUB"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (
        missing.returncode == 1
        and "run `dvc repro` first" in missing.stderr
        and "Traceback" not in missing.stderr
    )


def _cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = str(Path(sys.executable).parent / "corpus-mining")
    return subprocess.run([exe, *args], cwd=project, capture_output=True, text=True, check=False)


def _app(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The same command through the CLI's typer app, in this process: no interpreter start
    per call (the installed entry point is run by ``_cli`` once per test)."""
    from typer.testing import CliRunner

    from corpus_mining.cli import app

    with contextlib.chdir(project):
        result = CliRunner().invoke(app, list(args))
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, result.stderr)


def test_query_commands_in_every_format(project):
    for args in (
        ["entities", "--label", "ORG", "--min-docs", "2"],
        ["kwic", "réseaux", "--width", "30"],
        ["kwic", "--concept", "HUB"],
        ["cooccur", "HUB"],
        ["sql", "SELECT kind, count(*) AS n FROM documents GROUP BY kind ORDER BY kind"],
    ):
        table = _app(project, *args)
        assert table.returncode == 0, (args, table.stderr)
        assert "rows" in table.stdout
        as_csv = _app(project, *args, "--format", "csv")
        header = as_csv.stdout.splitlines()[0]
        assert as_csv.returncode == 0 and "," in header
        as_json = _app(project, *args, "--format", "json")
        records = json.loads(as_json.stdout)
        assert records and set(records[0]) == set(header.split(","))
    kwic = json.loads(
        _cli(project, "kwic", "--concept", "HUB", "--format", "json", "--limit", "500").stdout
    )
    passages = pd.read_parquet(project / "outputs" / "passages.parquet").set_index("passage_id")[
        "text"
    ]
    assert all(passages[r["passage_id"]][r["start"] : r["end"]] == r["match"] for r in kwic)
    entities = json.loads(
        _app(project, "entities", "--type", "eu_institution", "--format", "json").stdout
    )
    assert {r["actor_type"] for r in entities} == {"eu_institution"}


ATTACKS = [
    "DROP TABLE documents",
    "DELETE FROM passages",
    "INSERT INTO documents SELECT * FROM documents",
    "UPDATE entities SET canonical = 'x'",
    "CREATE TABLE t AS SELECT 1",
    "COPY documents TO '/tmp/stolen.csv'",
    "ATTACH '/tmp/other.duckdb' AS other",
    "INSTALL fts",
    "LOAD fts",
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('/etc/hostname')",
    "SELECT * FROM glob('/etc/*')",
    "SELECT * FROM read_parquet('/tmp/x.parquet')",
    "PRAGMA threads=8",
    "SET enable_external_access = true",
    "SELECT 1; DROP TABLE documents",
    "EXPORT DATABASE '/tmp/dump'",
]


def test_sql_refuses_writes_and_file_access(project):
    for attack in ATTACKS:
        result = _app(project, "sql", attack)
        assert result.returncode == 1, attack
        assert result.stderr.startswith("error:") and "Traceback" not in result.stderr, (
            attack,
            result.stderr,
        )
    assert _app(project, "sql", "SELECT count(*) FROM documents").returncode == 0
    # and once through the installed command
    refused = _cli(project, "sql", ATTACKS[0])
    assert refused.returncode == 1 and refused.stderr.startswith("error:")
    assert _cli(project, "sql", "SELECT count(*) FROM documents").returncode == 0


def test_missing_store_is_a_clear_error(tmp_path):
    shutil.copy(ROOT / "params.yaml", tmp_path / "params.yaml")
    result = _cli(tmp_path, "entities")
    assert (
        result.returncode == 1 and "not found" in result.stderr and "Traceback" not in result.stderr
    )
