"""Stage ``evolution``: how terminology, topics and actors move over time.

Writes CSV tables under ``paths.trends`` (concept trajectories with bootstrap intervals,
trend tests, family shares, period specificities, topic prevalence, actors over time,
the doc -> period map that ties every cell to its passages) and the metrics.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from corpus_mining.config import Params
from corpus_mining.evolution.actor_vocabulary import (
    actor_parts,
    family_share_rows,
    vocabulary_rows,
)
from corpus_mining.evolution.lineage_cells import cells_of, topic_terms
from corpus_mining.evolution.lineages import Units, count_words
from corpus_mining.evolution.multiple_testing import add_q_values
from corpus_mining.evolution.partials import TermCounts
from corpus_mining.evolution.periods import Periods, assign_periods
from corpus_mining.evolution.specificity import emerging_and_fading, specificities
from corpus_mining.evolution.term_trends import (
    cvalue_term_counts,
    lexicon_form_counts,
    term_tests,
    top_cvalue_terms,
)
from corpus_mining.evolution.trajectories import (
    actor_rows,
    concept_rows,
    concept_tests,
    family_rows,
    topic_rows,
)
from corpus_mining.io import write_csv, write_json
from corpus_mining.nlp.lexicon import Lexicon, load_lexicon
from corpus_mining.schemas import (
    TREND_ACTOR_FAMILIES,
    TREND_ACTOR_VOCABULARY,
    TREND_ACTORS,
    TREND_CONCEPT_TESTS,
    TREND_CONCEPTS,
    TREND_EMERGING_FADING,
    TREND_FAMILIES,
    TREND_LINEAGE_PASSAGES,
    TREND_PERIODS,
    TREND_PLOT_CONCEPT_RATES,
    TREND_PLOT_FAMILY_SHARES,
    TREND_SPECIFICITIES,
    TREND_TERM_TESTS,
    TREND_TOPIC_LINEAGES,
    TREND_TOPICS,
    TableSchema,
)
from corpus_mining.stages.evolution_lineages import topic_lineages
from corpus_mining.statistics import lafon_tests
from corpus_mining.textfold import fold
from corpus_mining.topics.representation import stop_words

log = logging.getLogger(__name__)


def _read(path: Path, columns: list[str]) -> pd.DataFrame:
    frame: pd.DataFrame = pq.read_table(path, columns=columns).to_pandas()
    return frame


def _write(frame: pd.DataFrame, spec: TableSchema, folder: Path) -> None:
    """Write ``frame`` as ``spec``'s file under ``folder``, checked against ``spec``."""
    table = pa.Table.from_pandas(frame, preserve_index=False)  # NaN -> missing
    write_csv(table, spec, folder / spec.file)


def _documents(params: Params) -> tuple[pd.DataFrame, Periods]:
    docs = _read(
        params.paths.documents, ["doc_id", "year", "lang", "kind", "n_words", "duplicate_of"]
    )
    docs = docs[docs["duplicate_of"].isna()].drop(columns="duplicate_of")
    cfg = params.evolution
    years = {
        d: (None if pd.isna(y) else int(y))
        for d, y in zip(docs["doc_id"], docs["year"], strict=True)
    }
    periods = assign_periods(years, mode=cfg.period, bin_years=cfg.bin_years, n_bins=cfg.n_bins)
    docs = docs[docs["doc_id"].isin(periods.of_doc)].copy()
    docs["period"] = docs["doc_id"].map(periods.of_doc)
    docs["lang"] = docs["lang"].fillna("und")
    docs["kind"] = docs["kind"].fillna("unknown")
    return docs.sort_values("doc_id").reset_index(drop=True), periods


def _concept_counts(params: Params, docs: pd.DataFrame) -> pd.DataFrame:
    """Counts per document of each concept (term ``*``) and each folded surface term."""
    mentions = _read(params.paths.concepts, ["concept_id", "doc_id", "text", "in_reference"])
    mentions = mentions[~mentions["in_reference"] & mentions["doc_id"].isin(docs["doc_id"])]
    mentions = mentions.assign(term=mentions["text"].map(fold))
    by_term = mentions.groupby(["doc_id", "concept_id", "term"]).size().rename("n").reset_index()
    total = (
        mentions.groupby(["doc_id", "concept_id"]).size().rename("n").reset_index().assign(term="*")
    )
    return pd.concat([total, by_term], ignore_index=True)


def _specificity_tables(
    params: Params, docs: pd.DataFrame, periods: Periods
) -> tuple[pd.DataFrame, pd.DataFrame]:
    lemmas = _read(params.paths.lemmas, ["doc_id", "lemmas"]).merge(
        docs[["doc_id", "period"]], on="doc_id"
    )
    counts: dict[str, dict[str, int]] = {}
    for period, frame in lemmas.groupby("period", sort=True):
        tokens = pd.Series(" ".join(frame["lemmas"]).split())
        counts[str(period)] = {str(k): int(v) for k, v in tokens.value_counts().items()}
    cfg = params.evolution
    rows = specificities(counts, min_frequency=cfg.min_term_frequency)
    lists = emerging_and_fading(rows, periods.order, top_n=cfg.top_terms)
    listed = [
        {"list": name, "rank": i + 1, "term": term}
        for name in sorted(lists)
        for i, term in enumerate(lists[name])
    ]
    return _tested(_frame(rows, TREND_SPECIFICITIES), cfg.alpha), _frame(
        listed, TREND_EMERGING_FADING
    )


def _tested(specific: pd.DataFrame, alpha: float) -> pd.DataFrame:
    """Specificities with the two-sided p of each Lafon test and its q over the table."""
    if specific.empty:
        return specific.assign(p_value=[], q_value=[])
    columns = ["frequency", "corpus_frequency", "part_size", "corpus_size"]
    _, p_value = lafon_tests(*(specific[c].to_numpy() for c in columns))
    rows = [{"p_value": float(f"{p:.6g}")} for p in p_value]
    q_value = [row["q_value"] for row in add_q_values(rows, alpha=alpha)]
    return specific.assign(p_value=[row["p_value"] for row in rows], q_value=q_value)


def _topic_table(params: Params, docs: pd.DataFrame, periods: Periods) -> pd.DataFrame:
    cfg = params.evolution
    units = _read(params.paths.passage_topics, ["passage_id", "topic_id"])
    passages = _read(params.paths.passages, ["passage_id", "doc_id"])
    lemmas = _read(params.paths.lemmas, ["passage_id", "lemmas"])
    units = units.merge(passages, on="passage_id").merge(lemmas, on="passage_id")
    units = units[units["doc_id"].isin(docs["doc_id"])].sort_values("passage_id")
    period = units["doc_id"].map(dict(zip(docs["doc_id"], docs["period"], strict=True)))
    counts, vocabulary = count_words(
        list(units["lemmas"].fillna("")), stop_words=stop_words(params.topics.stop_words)
    )
    modelled = Units(
        np.zeros((len(units), 0)), [int(t) for t in units["topic_id"]], list(period), counts,
        vocabulary,
    )  # fmt: skip
    found = topic_terms(cells_of(modelled, periods.order), top_n=5)
    terms = {key: list(ranked) for key, ranked in found.items()}
    return _frame(
        topic_rows(docs, units, periods, terms, n_boot=cfg.n_boot, seed=cfg.seed), TREND_TOPICS
    )


def _wide(
    frame: pd.DataFrame, index: str, columns: str, values: str, order: list[str]
) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame({index: order})
    wide = frame.pivot_table(index=index, columns=columns, values=values, aggfunc="first")
    return wide.reindex(order).rename_axis(index=index, columns=None).reset_index()


def _frame(rows: Sequence[Mapping[str, Any]], spec: TableSchema) -> pd.DataFrame:
    """Rows as a frame with ``spec``'s columns, so an empty table still has its header."""
    return pd.DataFrame(rows, columns=spec.schema.names)


def run_evolution(params: Params) -> dict[str, Any]:
    """Run the stage with ``params``; return its metrics."""
    cfg, out = params.evolution, params.paths.trends
    lexicon = load_lexicon(params.paths.lexicon, missing_ok=True)
    docs, periods = _documents(params)
    if docs.empty:
        log.warning("no dated document: time tables are written empty")
    counts = _concept_counts(params, docs)
    _write(docs[list(TREND_PERIODS.schema.names)], TREND_PERIODS, out)
    concepts = _frame(
        concept_rows(docs, counts, periods, by=cfg.by, n_boot=cfg.n_boot, seed=cfg.seed),
        TREND_CONCEPTS,
    )
    _write(concepts, TREND_CONCEPTS, out)
    tested = concept_tests(docs, counts, list(lexicon.concepts), alpha=cfg.alpha)
    tests = _frame(add_q_values(tested, alpha=cfg.alpha, verdict="direction"), TREND_CONCEPT_TESTS)
    _write(tests, TREND_CONCEPT_TESTS, out)
    _write_term_tests(params, docs, counts)
    families = _frame(
        family_rows(docs, counts, lexicon.families, periods, n_boot=cfg.n_boot, seed=cfg.seed),
        TREND_FAMILIES,
    )
    _write(families, TREND_FAMILIES, out)
    specific, lists = _specificity_tables(params, docs, periods)
    _write(specific, TREND_SPECIFICITIES, out)
    _write(lists, TREND_EMERGING_FADING, out)
    _write(_topic_table(params, docs, periods), TREND_TOPICS, out)
    lineages = topic_lineages(params, periods.of_doc, periods.order)
    _write(_frame(lineages.rows, TREND_TOPIC_LINEAGES), TREND_TOPIC_LINEAGES, out)
    _write(_frame(lineages.passages, TREND_LINEAGE_PASSAGES), TREND_LINEAGE_PASSAGES, out)
    mentions = _read(
        params.paths.mentions, ["mention_id", "doc_id", "passage_id", "entity_id", "in_reference"]
    )
    entities = _read(params.paths.entities, ["entity_id", "canonical", "label", "actor_type"])
    actors = actor_rows(
        docs,
        mentions[~mentions["in_reference"]],
        entities,
        periods,
        min_mentions=cfg.min_actor_mentions,
        alpha=cfg.alpha,
    )
    actors = add_q_values(actors, alpha=cfg.alpha, verdict="trend", test_key=("entity_id",))
    _write(_frame(actors, TREND_ACTORS), TREND_ACTORS, out)
    _write_actor_vocabulary(params, lexicon, periods, mentions[~mentions["in_reference"]])
    _write_plot_tables(concepts, families, lexicon.families.get(cfg.plot_family, ()), periods, out)
    total = len(docs) + len(periods.undated)
    metrics = {
        "periods": periods.order,
        "n_periods": len(periods.order),
        "dated_documents": len(docs),
        "undated_documents": len(periods.undated),
        "dated_share": round(len(docs) / max(1, total), 4),
        "significant_trends": int((tests["direction"] != "flat").sum()) if len(tests) else 0,
        "rising": sorted(tests.loc[tests["direction"] == "rising", "concept"])
        if len(tests)
        else [],
        "falling": sorted(tests.loc[tests["direction"] == "falling", "concept"])
        if len(tests)
        else [],
        "topic_lineages": lineages.metrics,
    }
    write_json(metrics, params.paths.evolution_metrics)
    return metrics


def _write_term_tests(params: Params, docs: pd.DataFrame, counts: pd.DataFrame) -> None:
    """Trend tests of the lexicon's surface forms and of the top C-value terms."""
    cfg = params.evolution
    terms = _read(params.paths.terms, ["term", "lang", "cvalue", "frequency", "concept_id"])
    passages = _read(params.paths.passages, ["doc_id", "lang", "text"])
    passages = passages[passages["doc_id"].isin(docs["doc_id"])]
    per_term = pd.concat(
        [
            lexicon_form_counts(counts, min_occurrences=cfg.min_term_frequency),
            cvalue_term_counts(
                top_cvalue_terms(terms, top=cfg.top_cvalue_terms),
                passages,
                counter=TermCounts(params.paths.cache),
            ),
        ],
        ignore_index=True,
    )
    rows = term_tests(docs, per_term, alpha=cfg.alpha)
    _write(_frame(rows, TREND_TERM_TESTS), TREND_TERM_TESTS, params.paths.trends)


def _write_actor_vocabulary(
    params: Params, lexicon: Lexicon, periods: Periods, mentions: pd.DataFrame
) -> None:
    """Actors' vocabulary tables over every distinct document, dated or not ("all")."""
    cfg, out = params.evolution, params.paths.trends
    docs = _read(params.paths.documents, ["doc_id", "duplicate_of"])
    passages = _read(params.paths.passages, ["passage_id", "doc_id", "n_words"])
    passages = passages[passages["doc_id"].isin(docs.loc[docs["duplicate_of"].isna(), "doc_id"])]
    passages = passages.assign(period=passages["doc_id"].map(periods.of_doc))
    concepts = _read(params.paths.concepts, ["concept_id", "passage_id", "in_reference"])
    entities = _read(params.paths.entities, ["entity_id", "canonical"])
    parts = actor_parts(
        passages,
        concepts[~concepts["in_reference"]],
        mentions,
        entities,
        min_mentions=cfg.min_actor_mentions,
    )
    families = {cid: concept.family for cid, concept in lexicon.concepts.items()}
    rows = vocabulary_rows(parts, families, periods.order, alpha=cfg.alpha)
    _write(_frame(rows, TREND_ACTOR_VOCABULARY), TREND_ACTOR_VOCABULARY, out)
    shares = family_share_rows(
        parts, lexicon.families, periods.order, n_boot=cfg.n_boot, seed=cfg.seed
    )
    _write(_frame(shares, TREND_ACTOR_FAMILIES), TREND_ACTOR_FAMILIES, out)


def _write_plot_tables(
    concepts: pd.DataFrame, families: pd.DataFrame, members: Any, periods: Periods, out: Path
) -> None:
    """Wide tables (one column per concept) that `dvc plots show` draws as lines."""
    overall = concepts[
        (concepts["group"] == "all") & (concepts["term"] == "*") & concepts["concept"].isin(members)
    ]
    _write(
        _wide(overall, "period", "concept", "rate_per_10k", periods.order),
        TREND_PLOT_CONCEPT_RATES,
        out,
    )
    family = families[families["concept"].isin(members)]
    _write(
        _wide(family, "period", "concept", "share", periods.order), TREND_PLOT_FAMILY_SHARES, out
    )
