"""The report stage on the shipped sample corpus: a self-contained page whose data resolve."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd
import plotly.offline
import pytest

from corpus_mining.errors import ParamsError, StageError
from corpus_mining.stages.report import run_report

from helpers import project_params

# The sample corpus's outputs come from conftest's ``sample_project`` (one `dvc repro`),
# shared with test_pipeline.py and test_report_browser.py.
pytestmark = [pytest.mark.slow(cost=5), pytest.mark.xdist_group("sample-project")]

SECTIONS = ("corpus", "topics", "time", "actors", "lineages")
CHARTS = (
    "documents-by-year",
    "documents-by-language",
    "documents-by-kind",
    "topic-sizes",
    "topics-by-class",
    "family-shares",
    "concept-rates",
    "topic-prevalence",
    "emerging-fading-terms",
    "top-actors-by-type",
    "actor-trajectories",
    "actor-concept-network",
    "topic-lineages",
    "actor-vocabulary",
)


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(sample_project, tmp_path_factory):
    params = project_params(sample_project)
    out = tmp_path_factory.mktemp("report")
    metrics = run_report(params, out)
    return params, out, metrics


def test_page_has_every_section_and_chart(built):
    _, out, metrics = built
    html = (out / "index.html").read_text(encoding="utf-8")
    assert metrics["sections"] == list(SECTIONS) and metrics["charts"] == len(CHARTS)
    assert metrics["documents"] >= 30 and metrics["topics"] >= 2
    for anchor in SECTIONS:
        assert html.count(f'<section id="{anchor}">') == 1
    for chart in CHARTS:
        assert html.count(f'<div id="fig-{chart}" class="plotly-graph-div"') == 1, chart
    assert "pôles de compétitivité" in html  # French text kept as UTF-8


def test_plotly_embedded_once_and_nothing_fetched_from_the_network(built):
    _, out, _ = built
    html = (out / "index.html").read_text(encoding="utf-8")
    assert html.count(plotly.offline.get_plotlyjs()[:400]) == 1
    assert html.index("plotly.js v") < html.index("</head>")
    external = re.findall(r"<(?:script|link|img|iframe)\b[^>]*(?:src|href)=\"(?:https?:)?//", html)
    assert external == []
    # the bundle, one call per chart, and the lineage chart's click handler
    assert html.count("<script") == 2 + len(CHARTS)
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", html)


def test_every_csv_link_resolves_and_every_data_file_is_linked(built):
    _, out, metrics = built
    html = (out / "index.html").read_text(encoding="utf-8")
    linked = set(re.findall(r'href="(data/[^"]+)"', html))
    files = {str(p.relative_to(out)) for p in (out / "data").iterdir()}
    assert linked == files and len(files) == metrics["data_files"]
    for name in ("family_shares", "concept_rates", "topic_prevalence", "actor_concept_network"):
        frame = pd.read_csv(out / "data" / f"{name}.csv")
        assert len(frame) > 0, name
    shares = pd.read_csv(out / "data" / "family_shares.csv")
    assert {"CLUSTER", "HUB"} <= set(shares["concept"])
    assert shares[["share", "ci_low", "ci_high"]].notna().all().all()


def test_example_passages_point_at_their_text(built):
    params, out, _ = built
    examples = pd.read_csv(out / "data" / "topic_passages.csv")
    docs = pd.read_parquet(params.paths.documents, columns=["doc_id", "text"])
    text = dict(zip(docs["doc_id"], docs["text"], strict=True))
    assert len(examples) > 0 and examples["title"].notna().all()
    for row in examples.itertuples():
        assert text[row.doc_id][row.char_start : row.char_end] == row.text
        assert row.passage_id == f"{row.doc_id}-{row.position:04d}"
    network = pd.read_csv(out / "data" / "actor_concept_network.csv")
    assert network[["title", "char_start", "char_end", "example_passage_id"]].notna().all().all()


def test_same_outputs_give_identical_bytes_and_stale_data_is_removed(built, tmp_path):
    params, out, _ = built
    before = _digests(out)
    run_report(params, tmp_path / "again")
    assert _digests(tmp_path / "again") == before
    (out / "data" / "old_chart.csv").write_text("x\n1\n", encoding="utf-8")
    run_report(params, out)
    assert _digests(out) == before


def test_params_folder_by_default_and_clear_errors(built, tmp_path):
    params, _, _ = built
    # paths.report moved out of the shared project, which the other modules read
    paths = params.paths.model_copy(update={"report": tmp_path / "default"})
    params = params.model_copy(update={"paths": paths})
    assert run_report(params)["report"] == str(params.paths.report / "index.html")
    assert (params.paths.report / "index.html").is_file()
    missing = params.model_copy(
        update={"paths": params.paths.model_copy(update={"trends": tmp_path / "nowhere"})}
    )
    with pytest.raises(StageError, match=r"nowhere.*not found"):
        run_report(missing, tmp_path / "r")
    wrong = params.model_copy(
        update={"evolution": params.evolution.model_copy(update={"plot_family": "nope"})}
    )
    with pytest.raises(ParamsError, match=r"evolution\.plot_family"):
        run_report(wrong, tmp_path / "r")
