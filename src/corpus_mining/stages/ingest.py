"""Stage ``ingest``: corpus folder -> documents, passages, manifest and metrics.

Reads every file once, in a stable order; writes passages as they come; accounts for
every file in the manifest; fails only when more than ``ingest.max_skip_ratio`` of the
files had to be skipped, after writing the manifest that says why.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from corpus_mining.config import IngestParams, Params
from corpus_mining.errors import DocumentError, StageError
from corpus_mining.ingest.dedup import DuplicateLink, find_duplicates, minhash
from corpus_mining.ingest.discover import Entry, discover
from corpus_mining.ingest.document import IngestedDocument, read_document
from corpus_mining.ingest.metadata import load_metadata_csv
from corpus_mining.io import ParquetStream, write_csv, write_json, write_parquet
from corpus_mining.progress import progress
from corpus_mining.schemas import DOCUMENTS, MANIFEST, PASSAGES

log = logging.getLogger(__name__)


@dataclass
class _Tally:
    """What the stage accumulates while streaming documents."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    manifest: list[dict[str, Any]] = field(default_factory=list)
    by_doc_id: dict[str, str] = field(default_factory=dict)
    signatures: list[tuple[str, str, Any]] = field(default_factory=list)
    n_passages: int = 0
    passage_langs: Counter[str] = field(default_factory=Counter)

    def record(self, path: str, status: str, reason: str, doc_id: str | None) -> None:
        self.manifest.append({"path": path, "status": status, "reason": reason, "doc_id": doc_id})


def _read(
    job: tuple[Entry, IngestParams, dict[str, str]],
) -> IngestedDocument | str:
    entry, params, csv_meta = job
    try:
        return read_document(entry.path, entry.relpath, params, csv_meta)
    except DocumentError as error:
        return str(error)
    except Exception as error:  # a reader bug must not stop the corpus; say what broke
        log.debug("unexpected error reading %s", entry.relpath, exc_info=True)
        return f"could not be read ({type(error).__name__}: {error}); please report this file"


def _results(
    entries: list[Entry], params: IngestParams, metadata: dict[str, dict[str, str]]
) -> Iterator[tuple[Entry, IngestedDocument | str]]:
    jobs = [(entry, params, metadata.get(entry.relpath, {})) for entry in entries]
    if params.workers == 1:
        yield from zip(entries, map(_read, jobs), strict=True)
        return
    with ProcessPoolExecutor(max_workers=params.workers) as pool:
        yield from zip(entries, pool.map(_read, jobs, chunksize=4), strict=True)


def run_ingest(params: Params) -> dict[str, Any]:
    """Run the stage with ``params``; return its metrics."""
    paths, cfg = params.paths, params.ingest
    if not paths.corpus.is_dir():
        raise StageError(f"corpus folder {paths.corpus} not found: create it and add documents")
    metadata = load_metadata_csv(paths.metadata)
    entries = list(
        discover(paths.corpus, max_bytes=int(cfg.max_file_mb * 2**20), metadata=paths.metadata)
    )
    tally = _Tally()
    to_read = [entry for entry in entries if entry.skip is None]
    for entry in entries:
        if entry.skip is not None:
            tally.record(entry.relpath, "skipped", entry.skip, None)
    stream = ParquetStream(PASSAGES, paths.passages)
    try:
        for entry, result in progress(_results(to_read, cfg, metadata), len(to_read), "ingest"):
            _account(entry, result, tally, stream, cfg)
    except BaseException:
        stream.abort()
        raise
    stream.close()
    links = find_duplicates(
        tally.signatures,
        threshold=cfg.near_duplicate_threshold,
        permutations=cfg.minhash_permutations,
    )
    _apply_duplicates(links, tally)
    _write(paths.documents, paths.manifest, tally)
    metrics = _metrics(entries, tally, set(metadata))
    write_json(metrics, paths.ingest_metrics)
    _check_skip_ratio(metrics, cfg.max_skip_ratio, paths.manifest)
    return metrics


def _account(
    entry: Entry,
    result: IngestedDocument | str,
    tally: _Tally,
    stream: ParquetStream,
    cfg: IngestParams,
) -> None:
    if isinstance(result, str):
        tally.record(entry.relpath, "skipped", result, None)
        return
    if result.doc_id in tally.by_doc_id:
        original = tally.by_doc_id[result.doc_id]
        tally.record(entry.relpath, "duplicate", f"identical bytes to {original}", result.doc_id)
        return
    tally.by_doc_id[result.doc_id] = entry.relpath
    tally.record(entry.relpath, "ok", result.note, result.doc_id)
    tally.documents.append(result.row)
    text = result.row["text"]
    signature = minhash(
        text, shingle_words=cfg.shingle_words, permutations=cfg.minhash_permutations
    )
    tally.signatures.append((result.doc_id, result.row["content_hash"], signature))
    for passage in result.passages:
        stream.write(passage)
        tally.passage_langs[passage["lang"] or "unknown"] += 1
    tally.n_passages += len(result.passages)


def _apply_duplicates(links: list[DuplicateLink], tally: _Tally) -> None:
    rows = {row["doc_id"]: row for row in tally.documents}
    manifest = {row["doc_id"]: row for row in tally.manifest if row["status"] == "ok"}
    for link in links:
        rows[link.doc_id]["duplicate_of"] = link.original
        rows[link.doc_id]["duplicate_similarity"] = link.similarity
        kind = "same text as" if link.similarity == 1.0 else "near-duplicate of"
        entry = manifest[link.doc_id]
        entry["status"] = "duplicate"
        entry["reason"] = (
            f"{kind} {rows[link.original]['path']} (similarity {link.similarity:.2f}); "
            "kept in documents.parquet, excluded from later stages"
        )


def _write(documents: Path, manifest: Path, tally: _Tally) -> None:
    doc_table = pa.Table.from_pylist(
        sorted(tally.documents, key=lambda row: row["path"]), schema=DOCUMENTS.schema
    )
    write_parquet(doc_table, DOCUMENTS, documents)
    manifest_table = pa.Table.from_pylist(
        sorted(tally.manifest, key=lambda row: row["path"]), schema=MANIFEST.schema
    )
    write_csv(manifest_table, MANIFEST, manifest)


def _metrics(entries: list[Entry], tally: _Tally, csv_files: set[str]) -> dict[str, Any]:
    status = Counter(row["status"] for row in tally.manifest)
    docs = [row for row in tally.documents if row["duplicate_of"] is None]
    dated = sum(1 for row in docs if row["year"] is not None)
    found = {entry.relpath for entry in entries}
    return {
        "files_found": len(tally.manifest),
        "files_ok": status["ok"],
        "files_skipped": status["skipped"],
        "files_duplicate": status["duplicate"],
        "skip_ratio": round(status["skipped"] / max(1, len(tally.manifest)), 4),
        "documents": len(docs),
        "passages": tally.n_passages,
        "words": sum(row["n_words"] for row in docs),
        "documents_by_lang": dict(sorted(Counter(str(r["lang"]) for r in docs).items())),
        "documents_by_kind": dict(sorted(Counter(str(r["kind"]) for r in docs).items())),
        "documents_by_format": dict(sorted(Counter(r["format"] for r in docs).items())),
        "passages_by_lang": dict(sorted(tally.passage_langs.items())),
        "date_source": dict(sorted(Counter(r["date_source"] for r in docs).items())),
        "dated_share": round(dated / max(1, len(docs)), 4),
        "years": sorted({r["year"] for r in docs if r["year"] is not None}),
        "metadata_rows_unmatched": sorted(csv_files - found),
    }


def _check_skip_ratio(metrics: dict[str, Any], max_ratio: float, manifest: Path) -> None:
    if metrics["files_found"] and metrics["skip_ratio"] > max_ratio:
        raise StageError(
            f"{metrics['files_skipped']} of {metrics['files_found']} files skipped "
            f"({metrics['skip_ratio']:.0%} > ingest.max_skip_ratio {max_ratio:.0%}); "
            f"see the reasons in {manifest}"
        )
