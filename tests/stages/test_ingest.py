"""The ingest stage on corpora we write: good documents, hostile files, the seeds."""

from __future__ import annotations

import codecs
import csv
import hashlib
import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from corpus_mining.errors import StageError
from corpus_mining.stages.ingest import run_ingest

from builders import docx_bytes, html_page, pdf_bytes, zip_bomb_docx
from helpers import SEEDS, make_params

FR = (
    "Les pôles territoriaux de coopération économique (PTCE) rassemblent des entreprises de "
    "l’économie sociale et solidaire, des collectivités et des habitants autour d’un projet commun."
)
EN = (
    "Cluster organisations in the Basque Country have become innovation hubs that connect small "
    "firms, universities and regional agencies across the whole territory."
)


def _write_good(folder: Path) -> None:
    (folder / "rapports").mkdir()
    (folder / "rapports" / "ptce.txt").write_text(f"Lyon, décembre 2011\n\n{FR}", encoding="utf-8")
    (folder / "basque.md").write_text(
        f"---\ntitle: Basque hubs\ndate: 2019-05-14\n---\n{EN}\n", encoding="utf-8"
    )
    article = (
        "<p>Les tiers-lieux ruraux deviennent des lieux de coopération entre associations.</p>" * 3
    )
    (folder / "page.html").write_text(
        html_page(article, "Les tiers-lieux", "2018-06-02"), encoding="utf-8"
    )
    (folder / "study.pdf").write_bytes(
        pdf_bytes([[EN[:80], EN[80:]], ["Second page of the study on hubs."]])
    )
    (folder / "etude.docx").write_bytes(
        docx_bytes([FR, "Deuxième paragraphe sur les tiers-lieux."], title="Étude")
    )


def _hostile(folder: Path) -> dict[str, str]:
    """Write hostile files; return {relative path: expected reason fragment}."""
    expected: dict[str, str] = {}

    def put(name: str, data: bytes, reason: str) -> None:
        (folder / name).write_bytes(data)
        expected[name] = reason

    put("empty.txt", b"", "empty file")
    put("blank.txt", b"   \n\n\t  \n", "no text found")
    put("junk.txt", os.urandom(4096), "binary content")
    put("image_only.pdf", pdf_bytes([[], [], []]), "no text layer: OCR it first")
    put("truncated.pdf", pdf_bytes([[EN]])[:300], "PDF")
    put("fake.pdf", b"<html>not a pdf at all</html>", "not a real PDF")
    put("corrupt.docx", b"PK\x03\x04garbage", "corrupt DOCX")
    put("bomb.docx", zip_bomb_docx(expanded_mb=30), "zip bomb")
    put("big.txt", b"x" * (2 * 2**20 + 10), "over ingest.max_file_mb")
    put("data.xlsx", b"PK\x03\x04", "unsupported extension")
    put(".DS_Store", b"\x00\x00\x00\x01Bud1", "hidden or system file")
    put("~$lock.docx", b"lock", "hidden or system file")
    outside = folder.parent / "outside.txt"
    outside.write_text(EN, encoding="utf-8")
    (folder / "link_out.txt").symlink_to(outside)
    expected["link_out.txt"] = "outside the corpus"
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    expected["loop.txt"] = "broken or looping symlink"
    return expected


def _manifest(params) -> dict[str, dict[str, str]]:
    with params.paths.manifest.open(encoding="utf-8", newline="") as handle:
        return {row["path"]: row for row in csv.DictReader(handle)}


def test_good_documents_are_read_with_offsets_metadata_and_languages(tmp_path, corpus_dir):
    _write_good(corpus_dir)
    params = make_params(tmp_path)
    metrics = run_ingest(params)
    docs = pd.read_parquet(params.paths.documents).set_index("path")
    passages = pd.read_parquet(params.paths.passages)
    assert metrics["files_ok"] == 5 and metrics["files_skipped"] == 0
    assert docs.loc["rapports/ptce.txt", "date"] == "2011-12"
    assert docs.loc["rapports/ptce.txt", "date_source"] == "text:dateline"
    assert docs.loc["basque.md", ["date", "date_source", "lang"]].tolist() == [
        "2019-05-14",
        "file_metadata",
        "en",
    ]
    assert docs.loc["page.html", "date_source"] == "file_metadata"
    assert docs.loc["etude.docx", "title"] == "Étude"
    assert set(docs["lang"]) == {"fr", "en"}
    text_by_doc = dict(zip(docs["doc_id"], docs["text"], strict=True))
    for row in passages.itertuples():
        assert text_by_doc[row.doc_id][row.char_start : row.char_end] == row.text
    assert "’" not in "".join(passages["text"])
    assert metrics["dated_share"] == 1.0


def test_every_hostile_file_is_in_the_manifest_with_its_reason(tmp_path, corpus_dir):
    _write_good(corpus_dir)
    expected = _hostile(corpus_dir)
    params = make_params(tmp_path, max_file_mb=2, max_unzipped_mb=10, max_skip_ratio=1.0)
    run_ingest(params)
    manifest = _manifest(params)
    found = {
        str(p.relative_to(corpus_dir))
        for p in corpus_dir.rglob("*")
        if p.is_file() or p.is_symlink()
    }
    assert found <= set(manifest)
    for name, reason in expected.items():
        assert manifest[name]["status"] == "skipped", name
        assert reason in manifest[name]["reason"], (name, manifest[name]["reason"])
    assert sum(row["status"] == "ok" for row in manifest.values()) == 5


def test_good_outputs_unchanged_by_hostile_neighbours(tmp_path):
    clean, dirty = tmp_path / "clean", tmp_path / "dirty"
    for root in (clean, dirty):
        (root / "corpus" / "documents").mkdir(parents=True)
        _write_good(root / "corpus" / "documents")
    _hostile(dirty / "corpus" / "documents")
    outputs = []
    for root in (clean, dirty):
        params = make_params(root, max_file_mb=2, max_unzipped_mb=10, max_skip_ratio=1.0)
        run_ingest(params)
        outputs.append(
            (pd.read_parquet(params.paths.documents), pd.read_parquet(params.paths.passages))
        )
    pd.testing.assert_frame_equal(outputs[0][0], outputs[1][0])
    pd.testing.assert_frame_equal(outputs[0][1], outputs[1][1])


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("cp1252", b""),
        ("latin-1", b""),
        ("utf-16", b""),
        ("utf-8", codecs.BOM_UTF8),
    ],
)
def test_encodings_decoded_not_skipped(tmp_path, corpus_dir, encoding, prefix):
    text = (
        "Les coopératives d'économie sociale et solidaire à Besançon créent des emplois durables."
    )
    (corpus_dir / "doc.txt").write_bytes(prefix + text.encode(encoding))
    params = make_params(tmp_path)
    run_ingest(params)
    docs = pd.read_parquet(params.paths.documents)
    assert docs["text"].tolist() == [text]


def test_duplicates_flagged_not_dropped(tmp_path, corpus_dir):
    body = " ".join(
        f"Le pôle numéro {i} associe des entreprises et des associations." for i in range(40)
    )
    (corpus_dir / "a.txt").write_text(body, encoding="utf-8")
    (corpus_dir / "b.txt").write_text(body, encoding="utf-8")  # identical bytes
    (corpus_dir / "c.md").write_text(
        f"---\ntitle: Copie\n---\n{body}", encoding="utf-8"
    )  # same text
    (corpus_dir / "d.html").write_text(
        html_page(f"<p>Repris du site. {body}</p>"), encoding="utf-8"
    )
    params = make_params(tmp_path)
    metrics = run_ingest(params)
    manifest = _manifest(params)
    docs = pd.read_parquet(params.paths.documents).set_index("path")
    assert (
        manifest["b.txt"]["status"] == "duplicate"
        and "identical bytes" in manifest["b.txt"]["reason"]
    )
    assert manifest["c.md"]["status"] == "duplicate" and "same text" in manifest["c.md"]["reason"]
    assert (
        manifest["d.html"]["status"] == "duplicate"
        and "near-duplicate" in manifest["d.html"]["reason"]
    )
    assert docs.loc["c.md", "duplicate_of"] == docs.loc["a.txt", "doc_id"]
    assert docs.loc["d.html", "duplicate_of"] == docs.loc["a.txt", "doc_id"]
    assert metrics["documents"] == 1


def test_mixed_language_document_keeps_passage_languages(tmp_path, corpus_dir):
    (corpus_dir / "mixte.txt").write_text(f"{FR}\n\n{FR}\n\n{EN}", encoding="utf-8")
    params = make_params(tmp_path)
    run_ingest(params)
    passages = pd.read_parquet(params.paths.passages)
    assert passages["lang"].tolist() == ["fr", "fr", "en"]
    assert pd.read_parquet(params.paths.documents)["lang"].tolist() == ["fr"]


def test_too_many_skipped_fails_after_writing_the_manifest(tmp_path, corpus_dir):
    (corpus_dir / "ok.txt").write_text(FR, encoding="utf-8")
    for i in range(3):
        (corpus_dir / f"empty{i}.txt").write_bytes(b"")
    params = make_params(tmp_path, max_skip_ratio=0.5)
    with pytest.raises(StageError, match=r"3 of 4 files skipped .*manifest"):
        run_ingest(params)
    assert len(_manifest(params)) == 4


def test_outputs_are_byte_identical_across_runs_and_workers(tmp_path, corpus_dir):
    _write_good(corpus_dir)
    digests = []
    for workers in (1, 1, 2):
        params = make_params(tmp_path, workers=workers)
        shutil.rmtree(params.paths.cache, ignore_errors=True)  # every run reads every file
        assert run_ingest(params)["cache"]["hits"] == 0
        files = [
            params.paths.documents,
            params.paths.passages,
            params.paths.manifest,
            params.paths.ingest_metrics,
        ]
        digests.append([hashlib.sha256(f.read_bytes()).hexdigest() for f in files])
    assert digests[0] == digests[1] == digests[2]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_seed_documents_honour_their_metadata_csv(tmp_path):
    corpus = tmp_path / "corpus" / "documents"
    shutil.copytree(SEEDS, corpus)
    (tmp_path / "corpus" / "metadata.csv").write_bytes((SEEDS / "metadata.csv").read_bytes())
    params = make_params(tmp_path)
    metrics = run_ingest(params)
    with (SEEDS / "metadata.csv").open(encoding="utf-8") as handle:
        expected = {row["file"]: row for row in csv.DictReader(handle)}
    docs = pd.read_parquet(params.paths.documents).set_index("path")
    for name, row in expected.items():
        assert docs.loc[name, "title"] == row["title"]
        assert docs.loc[name, "year"] == int(row["date"][:4])
        assert docs.loc[name, "date_source"] == "metadata_csv"
        assert docs.loc[name, "lang"] == row["lang"]
        assert docs.loc[name, "kind"] == row["kind"]
    assert metrics["metadata_rows_unmatched"] == []
    english = docs[docs["lang"] == "en"]["doc_id"]
    passages = pd.read_parquet(params.paths.passages)
    body = passages[passages["doc_id"].isin(english) & (passages["n_words"] >= 40)]
    assert len(body) and (body["lang"] == "en").all()  # its reference list is French
    assert json.loads(params.paths.ingest_metrics.read_text())["files_ok"] == len(expected)


def test_a_french_spreadsheet_metadata_file_is_used_and_its_bad_values_reported(
    tmp_path, corpus_dir, caplog
):
    (corpus_dir / "a.txt").write_text(f"Lyon, le 3 mars 2016\n\n{FR}", encoding="utf-8")
    (corpus_dir / "b.txt").write_text(EN, encoding="utf-8")
    rows = [
        "Fichier;Titre;Date;Langue;Type",
        "a.txt;Étude régionale;14/06/2007;français;Rapport",
        "b.txt;Hubs;bientôt;klingon;poème",
        "absent.txt;Perdu;2010;fr;report",
    ]
    metadata = tmp_path / "corpus" / "metadata.csv"
    metadata.write_bytes(("\r\n".join(rows) + "\r\n").encode("cp1252"))
    params = make_params(tmp_path)
    with caplog.at_level("WARNING"):
        metrics = run_ingest(params)
    docs = pd.read_parquet(params.paths.documents).set_index("path")
    assert docs.loc["a.txt", ["title", "date", "date_source", "lang", "kind"]].tolist() == [
        "Étude régionale",
        "2007-06-14",
        "metadata_csv",
        "fr",
        "report",
    ]
    assert docs.loc["b.txt", ["lang", "lang_source"]].tolist() == ["en", "text"]
    assert metrics["metadata_values_rejected"] == 3
    assert metrics["metadata_rows_unmatched"] == ["absent.txt"]
    issues = pd.read_csv(params.paths.metadata_issues, keep_default_na=False)
    assert issues[["line", "file", "column", "value"]].to_numpy().tolist() == [
        [3, "b.txt", "date", "bientôt"],
        [3, "b.txt", "kind", "poème"],
        [3, "b.txt", "lang", "klingon"],
        [4, "absent.txt", "file", "absent.txt"],
    ]
    used = dict(zip(issues["column"], issues["used_instead"], strict=True))
    assert used["lang"] == "en (from text)"
    assert used["date"].startswith("no date")
    assert used["kind"].startswith(docs.loc["b.txt", "kind"] + " (from text:")
    assert used["file"] == "nothing: the row is ignored"
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any(
        "line 3 (b.txt), column lang: 'klingon'" in w and "en (from text)" in w for w in warnings
    )
    assert sum("metadata.csv line" in w for w in warnings) == 4


def test_without_metadata_file_the_issues_table_is_empty(tmp_path, corpus_dir):
    (corpus_dir / "a.txt").write_text(FR, encoding="utf-8")
    params = make_params(tmp_path)
    metrics = run_ingest(params)
    assert metrics["metadata_values_rejected"] == 0
    assert pd.read_csv(params.paths.metadata_issues).empty


def test_front_matter_languages_and_kinds_are_read_like_the_metadata_file(tmp_path, corpus_dir):
    (corpus_dir / "a.md").write_text(
        f"---\nlang: French\nkind: Entretien\ndate: 14/06/2007\n---\n{FR}\n", encoding="utf-8"
    )
    (corpus_dir / "b.md").write_text(
        f"---\nlang: klingon\nkind: poème\n---\n{EN}\n", encoding="utf-8"
    )
    params = make_params(tmp_path)
    run_ingest(params)
    docs = pd.read_parquet(params.paths.documents).set_index("path")
    assert docs.loc["a.md", ["lang", "lang_source", "kind", "kind_source", "date"]].tolist() == [
        "fr",
        "file_metadata",
        "interview",
        "file_metadata",
        "2007-06-14",
    ]
    assert docs.loc["b.md", ["lang", "lang_source"]].tolist() == ["en", "text"]
    assert docs.loc["b.md", "kind_source"].startswith("text:")


def test_a_page_address_in_metadata_csv_names_its_kind(tmp_path, corpus_dir):
    body = f"Le réseau régional des tiers-lieux\n\n{FR}\n\n{FR}"
    (corpus_dir / "a.txt").write_text(body, encoding="utf-8")
    (corpus_dir / "b.txt").write_text(body + "\n\nFin.", encoding="utf-8")  # no address
    (tmp_path / "corpus" / "metadata.csv").write_text(
        "file;url\na.txt;https://reseau.example.fr/actualites/2016/tiers-lieux\nb.txt;\n",
        encoding="utf-8",
    )
    params = make_params(tmp_path)
    run_ingest(params)
    docs = pd.read_parquet(params.paths.documents).set_index("path")
    assert docs.loc["a.txt", ["kind", "kind_source"]].tolist() == ["news", "url:news:actualites"]
    assert docs.loc["a.txt", "source"].endswith("/actualites/2016/tiers-lieux")
    assert not docs.loc["b.txt", "kind_source"].startswith("url:")
