"""Stage ``extract``: passages -> mentions, entities, concepts, acronyms, terms, co-occurrence.

Documents stream through in ``documents.parquet`` order, duplicates left out. Each one's
rows come from the cache (``paths.cache``) when its text, passages, models, lexicon,
gazetteer and the extraction code are unchanged; the others go in batches to the engine
(this process, ``extract.n_process`` processes, or dask), each passage to the spaCy
pipeline of its language. Rows are written as they come; what needs the whole corpus
(entities, acronym links, terms, co-occurrence) is computed from compact tallies at the
end. Every row carries its ``doc_id``, ``passage_id`` and character offsets.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from corpus_mining.cache import DocumentCache, code_digest, digest, file_digest, versions
from corpus_mining.config import ExtractParams, Params
from corpus_mining.engine import open_engine
from corpus_mining.errors import StageError
from corpus_mining.extract.reading import CorpusFiles, Planned, batches, one, plan
from corpus_mining.extract.tables import CorpusTables, corpus_tables, metrics
from corpus_mining.extract.tallies import Tallies
from corpus_mining.io import ParquetStream, scratch_dir, write_json, write_parquet
from corpus_mining.nlp.datafiles import data_digest
from corpus_mining.nlp.extractor import DocumentResult, ExtractRecipe, extract_batch, extractor_for
from corpus_mining.nlp.gazetteer import Gazetteer
from corpus_mining.nlp.lexicon import Lexicon, load_lexicon
from corpus_mining.nlp.models import model_version
from corpus_mining.nlp.registries import full_gazetteer
from corpus_mining.nlp.resolve import Surface
from corpus_mining.progress import progress
from corpus_mining.schemas import (
    ACRONYMS,
    CONCEPTS,
    COOCCURRENCE,
    ENTITIES,
    LEMMAS,
    MENTIONS,
    TERMS,
    TableSchema,
)

log = logging.getLogger(__name__)

_READ_ROWS = 5_000

# Mentions as first written: entity ids are set once the whole corpus is resolved.
_DRAFT = TableSchema(
    name="mentions (draft)",
    schema=MENTIONS.schema.append(pa.field("gazetteer_id", pa.string())),
    key=MENTIONS.key,
    description="mentions before entity resolution",
)


def recipe(params: Params) -> ExtractRecipe:
    """What each worker builds its pipelines from."""
    cfg = params.extract
    return ExtractRecipe(
        models=tuple(sorted(cfg.models.items())),
        lexicon=params.paths.lexicon.absolute(),
        actors=params.paths.actors.absolute() if cfg.use_gazetteer else None,
        places=cfg.place_lists,
        batch_size=cfg.batch_size,
    )


def fingerprint(params: Params) -> str:
    """What every document's result depends on besides the document itself."""
    cfg, paths = params.extract, params.paths
    return digest(
        {lang: [name, model_version(name)] for lang, name in sorted(cfg.models.items())},
        file_digest(paths.lexicon) if paths.lexicon.is_file() else None,
        file_digest(paths.actors) if cfg.use_gazetteer and paths.actors.is_file() else None,
        data_digest("gazetteer") if cfg.use_gazetteer else None,
        data_digest("places") if cfg.place_lists else None,
        code_digest("nlp", "terms"),
        versions("spacy"),
    )


def _results(
    params: Params, files: CorpusFiles, planned: list[Planned], cache: DocumentCache
) -> Iterator[DocumentResult]:
    """Every planned document's result in order: cached, or computed on the engine."""
    task = recipe(params)
    workers = params.extract.n_process
    with open_engine(params.engine, dask=params.dask, local_workers=workers) as engine:
        computed: Iterator[DocumentResult] = (
            result
            for batch in engine.map(extract_batch, ((task, b) for b in batches(files, planned)))
            for result in batch
        )
        for item in progress(planned, len(planned), "extract"):
            result = cache.get(item.key) if item.cached else None
            if result is None:
                if item.cached:  # listed in the cache but unreadable: compute it here
                    result = extractor_for(task).extract([one(files, item.doc_id)])[0]
                else:
                    result = next(computed)
                cache.put(item.key, result)
            yield result


def run_extract(params: Params) -> dict[str, Any]:
    """Run the stage with ``params``; return its metrics and the cache's hits and misses."""
    paths = params.paths
    lexicon = load_lexicon(paths.lexicon, missing_ok=True)  # a bad file fails before compute
    gazetteer = full_gazetteer(paths.actors) if params.extract.use_gazetteer else Gazetteer()
    files = CorpusFiles(documents=paths.documents, passages=paths.passages)
    cache = DocumentCache(paths.cache, "extract", fingerprint(params))
    planned, years = plan(files, cache)
    if not planned:
        raise StageError("no passages to process: run `corpus-mining ingest` on a non-empty corpus")
    tallies = Tallies()
    with contextlib.ExitStack() as stack:
        scratch = stack.enter_context(scratch_dir(paths.mentions.parent, "extract"))
        streams = {
            "draft": ParquetStream(_DRAFT, scratch / "mentions.parquet"),
            "concepts": ParquetStream(CONCEPTS, paths.concepts),
            "lemmas": ParquetStream(LEMMAS, paths.lemmas),
        }
        stack.callback(_abort_unclosed, streams)
        for result in _results(params, files, planned, cache):
            _write_rows(result, streams)
            tallies.add(result)
        streams["draft"].close()
        log.info(cache.stats.line("extract"))
        tables = _tables(params.extract, tallies, lexicon, gazetteer, years)
        _write_tables(params, tables, scratch, streams)
    found = metrics(tallies, tables)
    write_json(found, paths.extract_metrics)
    return {**found, "cache": asdict(cache.stats)}  # the file holds no run-dependent count


def _tables(
    cfg: ExtractParams,
    tallies: Tallies,
    lexicon: Lexicon,
    gazetteer: Gazetteer,
    years: dict[str, int | None],
) -> CorpusTables:
    return corpus_tables(
        tallies,
        lexicon=lexicon,
        gazetteer=gazetteer,
        years=years,
        min_term_frequency=cfg.min_term_frequency,
        max_terms_per_language=cfg.max_terms_per_language,
        min_cooccurrence=cfg.min_cooccurrence,
    )


def _abort_unclosed(streams: dict[str, ParquetStream]) -> None:
    for stream in streams.values():
        stream.abort()


def _write_rows(result: DocumentResult, streams: dict[str, ParquetStream]) -> None:
    """Stream one document's mentions (as drafts), concepts and lemmas."""
    for name, rows in (
        ("draft", result.mentions),
        ("concepts", result.concepts),
        ("lemmas", result.lemmas),
    ):
        for row in rows:
            streams[name].write(row)


def _write_tables(
    params: Params, tables: CorpusTables, scratch: Path, streams: dict[str, ParquetStream]
) -> None:
    """Write every table; the streamed ones are moved in last."""
    paths = params.paths
    streams["mentions"] = ParquetStream(MENTIONS, paths.mentions)  # aborted if anything fails
    _resolve_mentions(scratch / "mentions.parquet", streams["mentions"], tables.assigned)
    _write(ENTITIES, tables.entities, paths.entities)
    _write(ACRONYMS, tables.acronyms, paths.acronyms)
    _write(TERMS, tables.terms, paths.terms)
    _write(COOCCURRENCE, tables.cooccurrence, paths.cooccurrence)
    for name in ("mentions", "concepts", "lemmas"):
        streams.pop(name).close()


def _resolve_mentions(
    draft: Path, out: ParquetStream, assigned: dict[Surface, tuple[str, str]]
) -> None:
    """Copy the draft's mentions to ``out`` with their entity id and label."""
    for batch in pq.ParquetFile(draft).iter_batches(_READ_ROWS):
        for row in batch.to_pylist():
            surface = (row["text"], row["label"], row.pop("gazetteer_id") or "")
            row["entity_id"], row["label"] = assigned[surface]
            out.write(row)


def _write(spec: TableSchema, rows: list[dict[str, Any]], target: Path) -> None:
    write_parquet(pa.Table.from_pylist(rows, schema=spec.schema), spec, target)
