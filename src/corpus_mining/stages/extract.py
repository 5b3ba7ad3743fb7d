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
import hashlib
import logging
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from corpus_mining.cache import DocumentCache, code_digest, digest, file_digest, versions
from corpus_mining.config import ExtractParams, Params
from corpus_mining.engine import open_engine
from corpus_mining.errors import StageError
from corpus_mining.io import ParquetStream, scratch_dir, write_json, write_parquet
from corpus_mining.nlp.cooccurrence import Node, cooccurrence_rows
from corpus_mining.nlp.datafiles import data_digest
from corpus_mining.nlp.extractor import (
    DocumentInput,
    DocumentResult,
    ExtractRecipe,
    extract_batch,
    extractor_for,
)
from corpus_mining.nlp.gazetteer import Gazetteer
from corpus_mining.nlp.lexicon import Lexicon, load_lexicon
from corpus_mining.nlp.models import model_version
from corpus_mining.nlp.registries import full_gazetteer
from corpus_mining.nlp.resolve import MentionTally, Surface, resolve_entities
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
from corpus_mining.terms.cvalue import CandidateTally
from corpus_mining.textfold import fold

log = logging.getLogger(__name__)

# Documents per task sent to the engine, and passages per task at most.
_BATCH_DOCS = 32
_BATCH_PASSAGES = 512
_READ_ROWS = 1_000

# Mentions as first written: entity ids are set once the whole corpus is resolved.
_DRAFT = TableSchema(
    name="mentions (draft)",
    schema=MENTIONS.schema.append(pa.field("gazetteer_id", pa.string())),
    key=MENTIONS.key,
    description="mentions before entity resolution",
)


@dataclass(frozen=True)
class _Planned:
    doc_id: str
    key: str
    cached: bool


@dataclass
class _Tallies:
    """What the stage keeps in memory: counts and ids, never the text."""

    mentions: MentionTally = field(default_factory=MentionTally)
    surface_ids: dict[Surface, int] = field(default_factory=dict)
    terms: dict[str, CandidateTally] = field(default_factory=lambda: defaultdict(CandidateTally))
    units: list[tuple[str, str, tuple[int, ...], tuple[str, ...]]] = field(default_factory=list)
    acronyms: list[tuple[dict[str, Any], Surface | None]] = field(default_factory=list)
    passages_by_lang: Counter[str] = field(default_factory=Counter)
    skipped_langs: Counter[str] = field(default_factory=Counter)
    mentions_in_references: int = 0
    concepts_by_lang: Counter[str] = field(default_factory=Counter)
    concepts_found: set[str] = field(default_factory=set)

    def surface_id(self, surface: Surface) -> int:
        return self.surface_ids.setdefault(surface, len(self.surface_ids))


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


def _documents(paths: Any) -> Iterator[tuple[dict[str, Any], tuple[dict[str, Any], ...]]]:
    """Each document row with its passages; both files are in the same (path) order."""
    columns = ["passage_id", "doc_id", "position", "lang", "char_start", "char_end", "text"]
    passage_rows = (
        row
        for batch in pq.ParquetFile(paths.passages).iter_batches(_READ_ROWS, columns=columns)
        for row in batch.to_pylist()
    )
    groups = groupby(passage_rows, key=itemgetter("doc_id"))
    pending = next(groups, None)
    columns = ["doc_id", "year", "duplicate_of", "text"]
    for batch in pq.ParquetFile(paths.documents).iter_batches(_READ_ROWS, columns=columns):
        for row in batch.to_pylist():
            passages: tuple[dict[str, Any], ...] = ()
            if pending is not None and pending[0] == row["doc_id"]:
                passages = tuple(pending[1])
                pending = next(groups, None)
            yield row, passages
    if pending is not None:
        raise StageError(
            f"{paths.passages} and {paths.documents} do not match (passages of {pending[0]} "
            "are out of place): run `corpus-mining ingest` again"
        )


def _inputs(paths: Any) -> Iterator[tuple[DocumentInput, int | None]]:
    """Kept (non-duplicate) documents as extractor inputs, with their year."""
    for row, passages in _documents(paths):
        if row["duplicate_of"] is None:
            yield DocumentInput(row["doc_id"], row["text"], passages), row["year"]


def _key(document: DocumentInput) -> str:
    layout = [
        (p["passage_id"], p["lang"], p["char_start"], p["char_end"]) for p in document.passages
    ]
    text = hashlib.sha256(document.text.encode("utf-8")).hexdigest()
    return digest(document.doc_id, text, layout)


def _plan(paths: Any, cache: DocumentCache) -> tuple[list[_Planned], dict[str, int | None]]:
    """First pass: every kept document's cache key and whether it is cached, and its year."""
    plan, years = [], {}
    for document, year in _inputs(paths):
        key = _key(document)
        plan.append(_Planned(document.doc_id, key, cache.has(key)))
        years[document.doc_id] = year
    return plan, years


def _batches(paths: Any, plan: list[_Planned]) -> Iterator[list[DocumentInput]]:
    """Second pass: the documents to compute, in order, in batches."""
    todo = {item.doc_id for item in plan if not item.cached}
    if not todo:
        return  # everything is cached: do not read the corpus again
    batch: list[DocumentInput] = []
    size = 0
    for document, _ in _inputs(paths):
        if document.doc_id not in todo:
            continue
        batch.append(document)
        size += len(document.passages)
        if len(batch) >= _BATCH_DOCS or size >= _BATCH_PASSAGES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _one(paths: Any, doc_id: str) -> DocumentInput:
    """A single document's input (to recompute a cache entry that proved unreadable)."""
    return next(document for document, _ in _inputs(paths) if document.doc_id == doc_id)


def _results(
    params: Params, plan: list[_Planned], cache: DocumentCache
) -> Iterator[DocumentResult]:
    """Every planned document's result in order: cached, or computed on the engine."""
    task = recipe(params)
    with open_engine(params, params.extract.n_process) as engine:
        batches = engine.map(extract_batch, ((task, b) for b in _batches(params.paths, plan)))
        computed: Iterator[DocumentResult] = (result for batch in batches for result in batch)
        for item in progress(plan, len(plan), "extract"):
            result = cache.get(item.key) if item.cached else None
            if result is None:
                if item.cached:  # listed in the cache but unreadable: compute it here
                    document = _one(params.paths, item.doc_id)
                    result = extractor_for(task).extract([document])[0]
                else:
                    result = next(computed)
                cache.put(item.key, result)
            yield result


def run_extract(params: Params) -> dict[str, Any]:
    """Run the stage with ``params``; return its metrics and the cache's hits and misses."""
    paths = params.paths
    lexicon = load_lexicon(paths.lexicon, missing_ok=True)
    gazetteer = full_gazetteer(paths.actors) if params.extract.use_gazetteer else Gazetteer()
    cache = DocumentCache(paths.cache, "extract", fingerprint(params))
    plan, years = _plan(paths, cache)
    if not plan:
        raise StageError("no passages to process: run `corpus-mining ingest` on a non-empty corpus")
    tallies = _Tallies()
    with contextlib.ExitStack() as stack:
        scratch = stack.enter_context(scratch_dir(paths.mentions.parent, "extract"))
        streams = {
            "draft": ParquetStream(_DRAFT, scratch / "mentions.parquet"),
            "concepts": ParquetStream(CONCEPTS, paths.concepts),
            "lemmas": ParquetStream(LEMMAS, paths.lemmas),
        }
        stack.callback(_abort_unclosed, streams)
        for result in _results(params, plan, cache):
            _consume(result, streams, tallies)
        streams["draft"].close()
        log.info(cache.stats.line("extract"))
        metrics = _finish(params, lexicon, gazetteer, years, tallies, scratch, streams)
    return {**metrics, "cache": asdict(cache.stats)}  # the file holds no run-dependent count


def _abort_unclosed(streams: dict[str, ParquetStream]) -> None:
    for stream in streams.values():
        stream.abort()


def _consume(result: DocumentResult, streams: dict[str, ParquetStream], tallies: _Tallies) -> None:
    """Write one document's rows and add it to the tallies."""
    nodes: dict[str, tuple[set[int], set[str]]] = defaultdict(lambda: (set(), set()))
    for mention in result.mentions:
        streams["draft"].write(mention)
        surface = tallies.mentions.add(
            mention["text"], mention["label"], mention["gazetteer_id"], mention["doc_id"]
        )
        if mention["in_reference"]:
            tallies.mentions_in_references += 1
        else:
            nodes[mention["passage_id"]][0].add(tallies.surface_id(surface))
    for concept in result.concepts:
        streams["concepts"].write(concept)
        tallies.concepts_by_lang[concept["lang"]] += 1
        tallies.concepts_found.add(concept["concept_id"])
        if not concept["in_reference"]:
            nodes[concept["passage_id"]][1].add(concept["concept_id"])
    for row in result.lemmas:
        streams["lemmas"].write(row)
    for lang, passage_id, candidates in result.candidates:
        tallies.terms[lang].add(result.doc_id, passage_id, candidates)
    for passage_id, (surfaces, concepts) in nodes.items():
        tallies.units.append((passage_id, result.doc_id, tuple(surfaces), tuple(concepts)))
    tallies.acronyms.extend(zip(result.acronyms, result.acronym_surfaces, strict=True))
    tallies.passages_by_lang.update(result.passages_by_lang)
    tallies.skipped_langs.update(result.skipped_langs)


def _finish(
    params: Params,
    lexicon: Lexicon,
    gazetteer: Gazetteer,
    years: dict[str, int | None],
    tallies: _Tallies,
    scratch: Path,
    streams: dict[str, ParquetStream],
) -> dict[str, Any]:
    """Resolve entities, then write every table; the streamed ones are moved in last."""
    pairs = sorted({(row["acronym"], row["expansion"]) for row, _ in tallies.acronyms})
    entities, assigned = resolve_entities(
        tallies.mentions, gazetteer=gazetteer, definitions=pairs, years=years
    )
    acronyms = [
        {**row, "linked_id": (assigned[surface][0] if surface else None) or row["linked_id"]}
        for row, surface in tallies.acronyms
    ]
    terms = _term_rows(params.extract, lexicon, tallies)
    cooccurrence = cooccurrence_rows(
        _units(tallies, assigned),
        _node_names(entities, lexicon),
        min_count=params.extract.min_cooccurrence,
    )
    paths = params.paths
    streams["mentions"] = ParquetStream(MENTIONS, paths.mentions)  # aborted if anything fails
    _resolve_mentions(scratch / "mentions.parquet", streams["mentions"], assigned)
    _write(ENTITIES, entities, paths.entities)
    _write(ACRONYMS, acronyms, paths.acronyms)
    _write(TERMS, terms, paths.terms)
    _write(COOCCURRENCE, cooccurrence, paths.cooccurrence)
    for name in ("mentions", "concepts", "lemmas"):
        streams.pop(name).close()
    metrics = _metrics(tallies, assigned, entities, acronyms, terms, cooccurrence)
    write_json(metrics, paths.extract_metrics)
    return metrics


def _resolve_mentions(
    draft: Path, out: ParquetStream, assigned: dict[Surface, tuple[str, str]]
) -> None:
    """Copy the draft's mentions to ``out`` with their entity id and label."""
    for batch in pq.ParquetFile(draft).iter_batches(_READ_ROWS * 5):
        for row in batch.to_pylist():
            surface = (row["text"], row["label"], row.pop("gazetteer_id") or "")
            row["entity_id"], row["label"] = assigned[surface]
            out.write(row)


def _write(spec: TableSchema, rows: list[dict[str, Any]], target: Path) -> None:
    write_parquet(pa.Table.from_pylist(rows, schema=spec.schema), spec, target)


def _node_names(entities: list[dict[str, Any]], lexicon: Lexicon) -> dict[Node, str]:
    names: dict[Node, str] = {("entity", e["entity_id"]): e["canonical"] for e in entities}
    names.update({("concept", cid): cid for cid in lexicon.concepts})
    return names


def _units(
    tallies: _Tallies, assigned: dict[Surface, tuple[str, str]]
) -> list[tuple[str, str, set[Node]]]:
    surfaces = list(tallies.surface_ids)
    units = []
    for passage_id, doc_id, surface_ids, concept_ids in sorted(tallies.units):
        found: set[Node] = {("entity", assigned[surfaces[i]][0]) for i in surface_ids}
        found |= {("concept", cid) for cid in concept_ids}
        units.append((passage_id, doc_id, found))
    return units


def _term_rows(cfg: ExtractParams, lexicon: Lexicon, tallies: _Tallies) -> list[dict[str, Any]]:
    concept_terms = sorted(
        ((fold(t), cid) for lang in lexicon.languages for t, cid in lexicon.terms(lang)),
        key=lambda pair: -len(pair[0]),
    )
    rows = []
    for lang, tally in sorted(tallies.terms.items()):
        ranked = tally.rank(min_freq=cfg.min_term_frequency)
        for term in ranked[: cfg.max_terms_per_language]:
            folded = f" {fold(term.term)} "
            concept = next((cid for t, cid in concept_terms if f" {t} " in folded), None)
            rows.append(
                {
                    "term": term.term,
                    "lang": lang,
                    "n_words": term.n_words,
                    "frequency": term.frequency,
                    "doc_frequency": term.doc_frequency,
                    "cvalue": round(term.cvalue, 6),
                    "concept_id": concept,
                    "example_passage_id": term.example_id,
                }
            )
    return rows


def _metrics(
    tallies: _Tallies,
    assigned: dict[Surface, tuple[str, str]],
    entities: list[dict[str, Any]],
    acronyms: list[dict[str, Any]],
    terms: list[dict[str, Any]],
    cooccurrence: list[dict[str, Any]],
) -> dict[str, Any]:
    known = sum(1 for e in entities if e["actor_type"] != "unknown")
    by_label: Counter[str] = Counter()
    for surface, count in tallies.mentions.counts.items():
        by_label[assigned[surface][1]] += count
    return {
        "passages_by_lang": dict(sorted(tallies.passages_by_lang.items())),
        "passages_without_model": dict(sorted(tallies.skipped_langs.items())),
        "mentions": sum(by_label.values()),
        "mentions_by_label": dict(sorted(by_label.items())),
        "mentions_in_references": tallies.mentions_in_references,
        "entities": len(entities),
        "entities_by_label": dict(sorted(Counter(e["label"] for e in entities).items())),
        "entities_by_type": dict(sorted(Counter(e["actor_type"] for e in entities).items())),
        "known_actor_type_share": round(known / max(1, len(entities)), 4),
        "concept_mentions": sum(tallies.concepts_by_lang.values()),
        "concept_mentions_by_lang": dict(sorted(tallies.concepts_by_lang.items())),
        "concepts_found": len(tallies.concepts_found),
        "acronym_definitions": len(acronyms),
        "terms_by_lang": dict(sorted(Counter(t["lang"] for t in terms).items())),
        "cooccurrence_pairs": len(cooccurrence),
    }
