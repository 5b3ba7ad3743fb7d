"""End to end: `dvc repro` on a corpus that has none of the optional input files.

The corpus is a slice of the sample corpus (every format, both languages): what is tested
is the absence of the optional files, not the corpus's size (test_pipeline.py runs the
whole sample corpus). The topics use the lsa embedder (no model to load): the default
embedder is not what is tested here either.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from helpers import copy_project, dvc

pytestmark = pytest.mark.slow(cost=2)
OPTIONAL = ("metadata.csv", "lexicon.yaml", "actors.yaml", "topic_labels.yaml")
KEPT = {
    "en/basque_cluster_manager_interview.txt",
    "en/cluster_network_transition_abstract.html",
    "en/innovation_hub_director_interview.docx",
    "en/ptce_transition_interview.md",
    "en/regional_cluster_programmes_review.pdf",
    "fr/entretien_cooperation_economique_territoriale.txt",
    "fr/entretien_cress_bretagne.docx",
    "fr/etude_ptce_appel_a_projets.pdf",
    "fr/note_innovation_sociale_territoires.html",
    "fr/resume_tiers_lieux_ruralite.md",
}


def test_repro_runs_without_any_optional_input_and_notices_one_added(tmp_path):
    project = copy_project(tmp_path / "project")
    params = (project / "params.yaml").read_text(encoding="utf-8")
    assert "embedder: use-static" in params
    (project / "params.yaml").write_text(
        params.replace("embedder: use-static", "embedder: lsa"), encoding="utf-8"
    )
    for name in OPTIONAL:
        (project / "corpus" / name).unlink()
    corpus = project / "corpus" / "documents"
    for path in [p for p in corpus.rglob("*") if p.is_file()]:
        if str(path.relative_to(corpus)) not in KEPT:
            path.unlink()
    run = dvc("repro", cwd=project)
    assert run.returncode == 0, run.stdout + run.stderr
    documents = pd.read_parquet(project / "outputs" / "documents.parquet")
    assert set(documents["path"]) == KEPT and set(documents["format"]) >= {
        "txt", "md", "html", "pdf", "docx"
    }  # fmt: skip
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
    status = dvc("status", cwd=project)
    assert "ingest" in status.stdout, status.stdout
