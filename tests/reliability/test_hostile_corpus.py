"""The whole pipeline on good documents mixed with a seeded corpus of hostile files.

Properties: the pipeline completes; every entry under the corpus has exactly one
manifest row with the expected status or reason; the good documents' rows are the same
with and without hostile neighbours; and no single hostile file stops ingest.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from corpus_mining.config import Params
from corpus_mining.stages.evolution import run_evolution
from corpus_mining.stages.extract import run_extract
from corpus_mining.stages.ingest import run_ingest
from corpus_mining.stages.report import run_report
from corpus_mining.stages.store import run_store
from corpus_mining.stages.topics import run_topics

sys.path.insert(0, str(Path(__file__).parent))

from hostile import MAX_FILE_MB, MAX_UNZIPPED_MB, display, write_hostile

from builders import bilingual_corpus, docx_bytes, html_page, pdf_bytes
from helpers import make_params

pytestmark = pytest.mark.slow(cost=3)

SEED = 20240601
STAGES = (run_ingest, run_extract, run_topics, run_evolution, run_store, run_report)
TABLES = {
    "documents": ["doc_id"],
    "passages": ["passage_id"],
    "mentions": ["mention_id"],
    "concepts": ["concept_mention_id"],
}
DUPLICATE_REASONS = ("identical bytes", "same text as", "near-duplicate of")


def _good_files() -> dict[str, bytes]:
    """The good documents, built once so both corpora hold the very same bytes."""
    scratch = Path(os.environ.get("TMPDIR", "/tmp")) / f"hostile-good-{os.getpid()}"
    scratch.mkdir(parents=True, exist_ok=True)
    bilingual_corpus(scratch)
    files = {p.name: p.read_bytes() for p in sorted(scratch.iterdir())}
    shutil.rmtree(scratch)
    files["rapport_clusters.pdf"] = pdf_bytes(
        [
            ["Lyon, mars 2016", "Les clusters industriels de la vallée soutiennent l'export."],
            ["Le pôle de compétitivité finance des projets avec la Commission européenne."],
        ]
    )
    files["survey_hubs.docx"] = docx_bytes(
        [
            "Innovation hubs connect coworking spaces, fablabs and local firms.",
            "The survey, funded by the European Commission, covers forty third places.",
            "Claire Duvernois of the Agence Lumière in Lyon led the survey for Bpifrance.",
        ],
        table=[["Region", "Hubs"], ["Brittany", "12"]],
        title="Survey of innovation hubs",
    )
    article = (
        "<p>Les tiers-lieux ruraux deviennent des lieux de coopération entre associations.</p>"
        "<p>Le réseau régional, soutenu par la Commission européenne et Bpifrance, accompagne "
        "les porteurs de projets. Claire Duvernois dirige l'Agence Lumière à Lyon.</p>"
    )
    files["page_tiers_lieux.html"] = html_page(
        article, "Les tiers-lieux en réseau", "2021-03-02"
    ).encode()
    files["note_ess.md"] = (
        "---\ntitle: Note sur l'ESS\ndate: 2014-09-01\nlang: fr\n---\n"
        "# L'économie sociale et solidaire\n\nLes pôles territoriaux de coopération "
        "économique réunissent des entreprises de l'ESS et des collectivités.\n\n"
        "La Commission européenne et Bpifrance financent l'Agence Lumière à Lyon.\n"
    ).encode()
    return files


def _params(root: Path) -> Params:
    params = make_params(
        root, max_skip_ratio=1.0, max_file_mb=MAX_FILE_MB, max_unzipped_mb=MAX_UNZIPPED_MB
    )
    topics = params.topics.model_copy(
        update={"reducer": "pca", "clusterer": "kmeans", "n_clusters": 4, "min_df": 1}
    )
    evolution = params.evolution.model_copy(update={"n_boot": 100})
    return params.model_copy(update={"topics": topics, "evolution": evolution})


def _write_good(root: Path, good: dict[str, bytes]) -> Path:
    corpus = root / "corpus" / "documents"
    corpus.mkdir(parents=True)
    for name, data in good.items():
        (corpus / name).write_bytes(data)
    years = [2008 + i % 14 for i in range(len(good))]
    lines = ["file,date"] + [f"{name},{year}-06-01" for name, year in zip(good, years, strict=True)]
    (root / "corpus" / "metadata.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return corpus


def _run(params: Params) -> dict[str, Any]:
    return {stage.__name__: stage(params) for stage in STAGES}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    good = _good_files()
    clean, dirty = tmp_path_factory.mktemp("clean"), tmp_path_factory.mktemp("dirty")
    _write_good(clean, good)
    corpus = _write_good(dirty, good)
    expected = write_hostile(corpus, SEED, good=good, outside=dirty / "outside")
    clean_params, dirty_params = _params(clean), _params(dirty)
    return {
        "good": good,
        "expected": expected,
        "corpus": corpus,
        "clean": (clean_params, _run(clean_params)),
        "dirty": (dirty_params, _run(dirty_params)),
    }


def raw_entries(root: Path) -> dict[str, str]:
    """Every entry under ``root`` (files, symlinks, unreadable folders), walked without
    following links: {name as the manifest shows it: path on disk}."""
    found: list[str] = []
    errors: list[OSError] = []
    for folder, dirnames, filenames in os.walk(root, followlinks=False, onerror=errors.append):
        links = [d for d in dirnames if os.path.islink(os.path.join(folder, d))]
        found += [os.path.join(folder, name) for name in links + filenames]
    found += [str(error.filename) for error in errors]
    return {display(os.path.relpath(path, root)): path for path in found}


def _manifest(params: Params) -> pd.DataFrame:
    return pd.read_csv(params.paths.manifest, keep_default_na=False, dtype=str)


def test_hostile_corpus_has_at_least_thirty_kinds(runs):
    assert len(runs["expected"]) >= 30
    assert {"ok", "over ingest.max_file_mb", "encrypted PDF", "symlinked folder"} <= set(
        runs["expected"].values()
    )


def test_whole_pipeline_completes_with_hostile_files(runs):
    params, metrics = runs["dirty"]
    assert set(metrics) == {stage.__name__ for stage in STAGES}
    assert metrics["run_ingest"]["files_skipped"] > 20
    assert params.paths.store.is_file()
    assert (params.paths.report / "index.html").is_file()


def test_every_entry_has_exactly_one_manifest_row_with_its_reason(runs):
    params, _ = runs["dirty"]
    manifest = _manifest(params)
    assert not manifest["path"].duplicated().any()
    assert sorted(manifest["path"]) == sorted(raw_entries(runs["corpus"]))
    rows = manifest.set_index("path")
    not_ok = rows[rows["status"] != "ok"]
    assert (not_ok["reason"].str.strip() != "").all(), not_ok
    wrong = {}
    for path, expected in runs["expected"].items():
        status, reason = rows.loc[path, "status"], rows.loc[path, "reason"]
        if expected == "ok":
            good = status == "ok"
        elif expected in DUPLICATE_REASONS:
            good = status == "duplicate" and expected in reason
        elif expected.startswith("read as"):
            good = status == "ok" and expected in reason
        else:
            good = status == "skipped" and expected in reason
        if not good:
            wrong[path] = (expected, status, reason)
    assert not wrong


def test_good_documents_keep_their_manifest_rows(runs):
    clean = _manifest(runs["clean"][0]).set_index("path")
    dirty = _manifest(runs["dirty"][0]).set_index("path")
    names = sorted(runs["good"])
    pd.testing.assert_frame_equal(clean.loc[names], dirty.loc[names])
    assert (clean["status"] == "ok").all()


@pytest.mark.parametrize("table", sorted(TABLES))
def test_good_documents_rows_identical_with_hostile_neighbours(runs, table):
    clean_params, dirty_params = runs["clean"][0], runs["dirty"][0]
    # nullable dtypes: the hostile run has undated documents, the clean one has none
    clean = pd.read_parquet(getattr(clean_params.paths, table), dtype_backend="pyarrow")
    dirty = pd.read_parquet(getattr(dirty_params.paths, table), dtype_backend="pyarrow")
    good_ids = set(pd.read_parquet(clean_params.paths.documents)["doc_id"])
    assert len(clean) > 0
    key = TABLES[table]
    dirty = dirty[dirty["doc_id"].isin(good_ids)].sort_values(key).reset_index(drop=True)
    clean = clean.sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(clean, dirty)


def test_ingested_texts_are_clean(runs):
    docs = pd.read_parquet(runs["dirty"][0].paths.documents)
    control = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
    assert not docs["text"].str.contains(control).any()
    assert not docs["text"].str.contains("\ufffd|Ã", regex=True).any()  # no mojibake
    assert set(docs["lang"]) <= {"fr", "en"}
    text = docs.set_index("path")["text"]
    assert "12 € pour l'œuvre « commune »" in text["enc/cp1252.txt"]
    assert text["enc/utf8_invalid_bytes.txt"].endswith("ÿþú fin")
    for name in ("utf16le_nobom", "utf16be_nobom", "utf32", "latin1", "utf8_sig"):
        assert "é" in text[f"enc/{name}.txt"] or "è" in text[f"enc/{name}.txt"], name
    assert len(text["html/billion_laughs.html"]) < 2_000  # entities never expanded
    for deep in ("html/nested_1000.html", "html/unclosed_font_tags.html"):
        assert text[deep].count("(note") >= 3, deep  # text past lxml's default depth kept


def _copy_entry(source: Path, target: Path) -> None:
    """Copy one entry as it is: symlinks as symlinks, pipes as pipes, modes kept."""
    target.parent.mkdir(parents=True, exist_ok=True)
    info = source.lstat()
    if stat.S_ISLNK(info.st_mode):
        os.symlink(os.readlink(source), target)
    elif stat.S_ISFIFO(info.st_mode):
        os.mkfifo(target)
    elif stat.S_ISDIR(info.st_mode):  # an unreadable folder
        target.mkdir()
    elif os.access(source, os.R_OK):
        shutil.copyfile(source, target)
    else:
        target.touch()
    if not stat.S_ISLNK(info.st_mode):
        target.chmod(stat.S_IMODE(info.st_mode))


def test_no_single_hostile_file_stops_ingest(runs, tmp_path):
    corpus = runs["corpus"]
    full = _manifest(runs["dirty"][0]).set_index("path")
    raw_paths = raw_entries(corpus)
    problems = {}
    for i, name in enumerate(sorted(runs["expected"])):
        root = tmp_path / f"alone{i:03d}"
        alone = root / "corpus" / "documents"
        _copy_entry(Path(raw_paths[name]), alone / os.path.relpath(raw_paths[name], corpus))
        params = make_params(
            root, max_skip_ratio=1.0, max_file_mb=MAX_FILE_MB, max_unzipped_mb=MAX_UNZIPPED_MB
        )
        try:
            run_ingest(params)
        except Exception as error:
            problems[name] = f"raised {error!r}"
            continue
        rows = _manifest(params)
        if rows["path"].tolist() != [name]:
            problems[name] = f"manifest rows {rows['path'].tolist()}"
        elif rows["status"][0] == "skipped" and not rows["reason"][0].strip():
            problems[name] = "skipped without a reason"
        elif (
            full.loc[name, "status"] == "skipped"
            and not os.path.islink(raw_paths[name])
            and rows["reason"][0] != full.loc[name, "reason"]
        ):  # a regular file's verdict does not depend on its neighbours
            problems[name] = f"{rows['reason'][0]!r} != {full.loc[name, 'reason']!r}"
        shutil.rmtree(root, ignore_errors=True)
    assert not problems


def test_unreadable_file_is_skipped_with_its_reason(runs):
    if os.geteuid() == 0:
        pytest.skip("running as root: file permissions do not block reads")
    rows = _manifest(runs["dirty"][0]).set_index("path")
    assert "permission denied" in rows.loc["perm/locked.txt", "reason"]
    assert "folder cannot be read" in rows.loc["perm/locked_folder", "reason"]
