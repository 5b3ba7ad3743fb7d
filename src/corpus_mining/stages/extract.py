"""Stage ``extract``: passages -> mentions, entities, concepts, acronyms, terms, co-occurrence.

Each passage goes to the spaCy pipeline of its language (``extract.models``), streamed
with ``nlp.pipe``. Duplicate documents are left out. Every output row carries the
``doc_id`` and ``passage_id`` it comes from, and character offsets into the passage.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from corpus_mining.config import ExtractParams, Params
from corpus_mining.errors import StageError
from corpus_mining.io import write_json, write_parquet
from corpus_mining.nlp.acronyms import find_definitions, find_mentions
from corpus_mining.nlp.annotate import ConceptSpan, Mention, annotate
from corpus_mining.nlp.concepts import build_matchers
from corpus_mining.nlp.cooccurrence import Node, cooccurrence_rows
from corpus_mining.nlp.entity_rules import names_an_actor
from corpus_mining.nlp.gazetteer import Gazetteer, load_gazetteer
from corpus_mining.nlp.lemmas import passage_lemmas
from corpus_mining.nlp.lexicon import Lexicon, load_lexicon
from corpus_mining.nlp.names import fold
from corpus_mining.nlp.pipeline import build_pipeline
from corpus_mining.nlp.references import citation_spans, reference_flags
from corpus_mining.nlp.resolve import resolve_entities
from corpus_mining.progress import progress
from corpus_mining.schemas import (
    ACRONYMS,
    CONCEPTS,
    COOCCURRENCE,
    ENTITIES,
    LEMMAS,
    MENTIONS,
    TERMS,
)
from corpus_mining.terms.cvalue import extract_candidates, rank_candidates

UNDETERMINED = "und"  # ISO 639-2 code for passages without a detected language


@dataclass
class _Corpus:
    """Documents and passages the stage works on (duplicates excluded)."""

    years: dict[str, int | None]
    texts: dict[str, str]
    passages: list[dict[str, Any]]
    in_reference: dict[str, bool] = field(default_factory=dict)


@dataclass
class _Collected:
    mentions: list[dict[str, Any]] = field(default_factory=list)
    concepts: list[dict[str, Any]] = field(default_factory=list)
    lemmas: list[dict[str, Any]] = field(default_factory=list)
    term_candidates: dict[str, list[tuple[str, str, Any]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    passages_by_lang: Counter[str] = field(default_factory=Counter)
    skipped_langs: Counter[str] = field(default_factory=Counter)


def _load(params: Params) -> _Corpus:
    documents = pq.read_table(
        params.paths.documents, columns=["doc_id", "year", "duplicate_of", "text"]
    ).to_pylist()
    kept = {d["doc_id"]: d for d in documents if d["duplicate_of"] is None}
    passages = [
        p
        for p in pq.read_table(
            params.paths.passages, columns=["passage_id", "doc_id", "position", "lang", "text"]
        ).to_pylist()
        if p["doc_id"] in kept
    ]
    corpus = _Corpus(
        years={d: row["year"] for d, row in kept.items()},
        texts={d: row["text"] for d, row in kept.items()},
        passages=passages,
    )
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for passage in passages:
        by_doc[passage["doc_id"]].append(passage)
    for rows in by_doc.values():
        for row, flag in zip(rows, reference_flags([r["text"] for r in rows]), strict=True):
            corpus.in_reference[row["passage_id"]] = flag
    return corpus


def _acronym_rules(lexicon: Lexicon, definitions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Per document: which all-caps words are not actors (concept terms, common-noun acronyms)."""
    concept_terms = {term for lang in lexicon.languages for term, _ in lexicon.terms(lang)}
    rules: dict[str, Any] = {}
    for doc_id, found in definitions.items():
        common = {a for a, d in found.items() if not names_an_actor(a, d.expansion)}

        def not_actor(text: str, common: set[str] = common) -> bool:
            singular = text[:-1] if text.endswith("s") else text
            return bool({text, singular} & (concept_terms | common))

        rules[doc_id] = not_actor
    return rules


def run_extract(params: Params) -> dict[str, Any]:
    """Run the stage with ``params``; return its metrics."""
    cfg = params.extract
    lexicon = load_lexicon(params.paths.lexicon)
    gazetteer = load_gazetteer(params.paths.actors) if cfg.use_gazetteer else Gazetteer()
    corpus = _load(params)
    if not corpus.passages:
        raise StageError("no passages to process: run `corpus-mining ingest` on a non-empty corpus")
    definitions = {
        doc_id: {d.acronym: d for d in reversed(find_definitions(text))}
        for doc_id, text in sorted(corpus.texts.items())
    }
    rules = _acronym_rules(lexicon, definitions)
    collected = _Collected()
    for lang in sorted({p["lang"] or UNDETERMINED for p in corpus.passages}):
        rows = [p for p in corpus.passages if (p["lang"] or UNDETERMINED) == lang]
        if lang not in cfg.models:
            collected.skipped_langs[lang] += len(rows)
            continue
        _process_language(lang, rows, cfg, lexicon, gazetteer, corpus, rules, collected)
    return _finish(params, lexicon, gazetteer, corpus, definitions, collected)


def _process_language(
    lang: str,
    rows: list[dict[str, Any]],
    cfg: ExtractParams,
    lexicon: Lexicon,
    gazetteer: Gazetteer,
    corpus: _Corpus,
    rules: dict[str, Any],
    collected: _Collected,
) -> None:
    nlp = build_pipeline(cfg.models[lang], gazetteer)
    matcher = build_matchers(lexicon, {lang: nlp})[lang]
    docs = nlp.pipe(
        (row["text"] for row in rows), batch_size=cfg.batch_size, n_process=cfg.n_process
    )
    for row, doc in progress(zip(rows, docs, strict=True), len(rows), f"extract {lang}"):
        hits = matcher(doc)
        mentions, concepts = annotate(
            doc,
            hits,
            not_actor_acronym=rules[row["doc_id"]],
            is_common_phrase=partial(_written_lowercase, text=corpus.texts[row["doc_id"]]),
            bibliography=corpus.in_reference.get(row["passage_id"], False),
        )
        _collect(row, mentions, concepts, corpus, collected)
        lemmas, shared = passage_lemmas(doc, hits)
        collected.lemmas.append(
            {
                "passage_id": row["passage_id"],
                "doc_id": row["doc_id"],
                "lang": lang,
                "lemmas": lemmas,
                "shared": shared,
            }
        )
        candidates = extract_candidates(doc)
        collected.term_candidates[lang].append((row["doc_id"], row["passage_id"], candidates))
        collected.passages_by_lang[lang] += 1


def _written_lowercase(phrase: str, text: str) -> bool:
    """Whether ``phrase`` also occurs in ``text`` entirely in lower case."""
    return phrase.lower() in text and phrase.lower() != phrase


def _collect(
    row: dict[str, Any],
    mentions: list[Mention],
    concepts: list[ConceptSpan],
    corpus: _Corpus,
    collected: _Collected,
) -> None:
    passage_ref = corpus.in_reference.get(row["passage_id"], False)
    cited = citation_spans(row["text"])

    def in_reference(start: int, end: int) -> bool:
        return passage_ref or any(a <= start and end <= b for a, b in cited)

    base = {"doc_id": row["doc_id"], "passage_id": row["passage_id"], "lang": row["lang"]}
    for i, m in enumerate(mentions):
        collected.mentions.append(
            {
                **base,
                "mention_id": f"{row['passage_id']}-m{i:03d}",
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "label": m.label,
                "entity_id": None,
                "source": m.source,
                "gazetteer_id": m.gazetteer_id,
                "in_reference": in_reference(m.start, m.end),
            }
        )
    for i, c in enumerate(concepts):
        collected.concepts.append(
            {
                **base,
                "concept_mention_id": f"{row['passage_id']}-c{i:03d}",
                "concept_id": c.concept_id,
                "start": c.start,
                "end": c.end,
                "text": c.text,
                "source": c.source,
                "in_reference": in_reference(c.start, c.end),
            }
        )


def _finish(
    params: Params,
    lexicon: Lexicon,
    gazetteer: Gazetteer,
    corpus: _Corpus,
    definitions: dict[str, dict[str, Any]],
    collected: _Collected,
) -> dict[str, Any]:
    pairs = sorted({(a, d.expansion) for found in definitions.values() for a, d in found.items()})
    entities = resolve_entities(
        collected.mentions, gazetteer=gazetteer, definitions=pairs, years=corpus.years
    )
    acronyms = _acronym_rows(lexicon, corpus, definitions, collected)
    terms = _term_rows(params.extract, lexicon, collected)
    names: dict[Node, str] = {("entity", e["entity_id"]): e["canonical"] for e in entities}
    names.update({("concept", cid): cid for cid in lexicon.concepts})
    cooccurrence = cooccurrence_rows(
        _units(collected), names, min_count=params.extract.min_cooccurrence
    )
    paths = params.paths
    mention_rows = [{k: v for k, v in m.items() if k != "gazetteer_id"} for m in collected.mentions]
    write_parquet(_table(mention_rows, MENTIONS.schema), MENTIONS, paths.mentions)
    write_parquet(_table(entities, ENTITIES.schema), ENTITIES, paths.entities)
    write_parquet(_table(collected.concepts, CONCEPTS.schema), CONCEPTS, paths.concepts)
    write_parquet(_table(acronyms, ACRONYMS.schema), ACRONYMS, paths.acronyms)
    write_parquet(_table(terms, TERMS.schema), TERMS, paths.terms)
    write_parquet(_table(cooccurrence, COOCCURRENCE.schema), COOCCURRENCE, paths.cooccurrence)
    lemmas = sorted(collected.lemmas, key=lambda row: row["passage_id"])
    write_parquet(_table(lemmas, LEMMAS.schema), LEMMAS, paths.lemmas)
    metrics = _metrics(collected, entities, acronyms, terms, cooccurrence)
    write_json(metrics, paths.extract_metrics)
    return metrics


def _table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema)


def _units(collected: _Collected) -> list[tuple[str, str, set[Node]]]:
    nodes: dict[tuple[str, str], set[Node]] = defaultdict(set)
    for m in collected.mentions:
        if not m["in_reference"]:
            nodes[(m["passage_id"], m["doc_id"])].add(("entity", m["entity_id"]))
    for c in collected.concepts:
        if not c["in_reference"]:
            nodes[(c["passage_id"], c["doc_id"])].add(("concept", c["concept_id"]))
    return [(pid, did, found) for (pid, did), found in sorted(nodes.items())]


def _acronym_rows(
    lexicon: Lexicon,
    corpus: _Corpus,
    definitions: dict[str, dict[str, Any]],
    collected: _Collected,
) -> list[dict[str, Any]]:
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for passage in corpus.passages:
        by_doc[passage["doc_id"]].append(passage)
    entity_of = {(m["doc_id"], m["text"]): m["entity_id"] for m in collected.mentions}
    concept_terms = {fold(t): cid for lang in lexicon.languages for t, cid in lexicon.terms(lang)}
    rows = []
    for doc_id, found in sorted(definitions.items()):
        text = corpus.texts[doc_id]
        offsets = _passage_offsets(text, by_doc[doc_id])
        for acronym, definition in sorted(found.items()):
            passage_id, start = _locate(offsets, definition.start)
            linked = (
                entity_of.get((doc_id, acronym))
                or concept_terms.get(fold(acronym))
                or concept_terms.get(fold(definition.expansion))
            )
            rows.append(
                {
                    "doc_id": doc_id,
                    "acronym": acronym,
                    "expansion": definition.expansion,
                    "passage_id": passage_id,
                    "start": start,
                    "end": start + len(acronym),
                    "pattern": definition.pattern,
                    "n_mentions": len(find_mentions(text, [acronym])),
                    "linked_id": linked,
                }
            )
    return rows


def _passage_offsets(text: str, passages: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """Start offset of each passage in the document text (passages are in order)."""
    offsets, cursor = [], 0
    for passage in passages:
        start = text.find(passage["text"], cursor)
        offsets.append((start, passage["passage_id"]))
        cursor = start + len(passage["text"])
    return offsets


def _locate(offsets: list[tuple[int, str]], position: int) -> tuple[str | None, int]:
    found: tuple[str | None, int] = (None, 0)
    for start, passage_id in offsets:
        if start <= position:
            found = (passage_id, position - start)
    return found


def _term_rows(cfg: ExtractParams, lexicon: Lexicon, collected: _Collected) -> list[dict[str, Any]]:
    concept_terms = sorted(
        ((fold(t), cid) for lang in lexicon.languages for t, cid in lexicon.terms(lang)),
        key=lambda pair: -len(pair[0]),
    )
    rows = []
    for lang, candidates in sorted(collected.term_candidates.items()):
        ranked = rank_candidates(candidates, min_freq=cfg.min_term_frequency)
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
    collected: _Collected,
    entities: list[dict[str, Any]],
    acronyms: list[dict[str, Any]],
    terms: list[dict[str, Any]],
    cooccurrence: list[dict[str, Any]],
) -> dict[str, Any]:
    known = sum(1 for e in entities if e["actor_type"] != "unknown")
    return {
        "passages_by_lang": dict(sorted(collected.passages_by_lang.items())),
        "passages_without_model": dict(sorted(collected.skipped_langs.items())),
        "mentions": len(collected.mentions),
        "mentions_by_label": dict(sorted(Counter(m["label"] for m in collected.mentions).items())),
        "mentions_in_references": sum(m["in_reference"] for m in collected.mentions),
        "entities": len(entities),
        "entities_by_label": dict(sorted(Counter(e["label"] for e in entities).items())),
        "entities_by_type": dict(sorted(Counter(e["actor_type"] for e in entities).items())),
        "known_actor_type_share": round(known / max(1, len(entities)), 4),
        "concept_mentions": len(collected.concepts),
        "concept_mentions_by_lang": dict(
            sorted(Counter(c["lang"] for c in collected.concepts).items())
        ),
        "concepts_found": len({c["concept_id"] for c in collected.concepts}),
        "acronym_definitions": len(acronyms),
        "terms_by_lang": dict(sorted(Counter(t["lang"] for t in terms).items())),
        "cooccurrence_pairs": len(cooccurrence),
    }
