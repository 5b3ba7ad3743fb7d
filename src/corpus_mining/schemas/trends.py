"""The evolution stage's tables, written as CSV under ``paths.trends``.

Each carries its file name; an interval's bounds are ``ci_low`` / ``ci_high``
(``<estimate>_ci_low`` / ``_ci_high`` when a table has two).
"""

from __future__ import annotations

import pyarrow as pa

from corpus_mining.tableschema import TableSchema, columns

_S, _I32, _I64, _F64 = pa.string(), pa.int32(), pa.int64(), pa.float64()

TREND_PERIODS = TableSchema(
    name="trend_periods", file="periods.csv", key=("doc_id",),
    description="The period of every dated document; ties each trend cell to its documents.",
    schema=columns(("doc_id", _S), ("year", _I32), ("period", _S)),
)  # fmt: skip

TREND_CONCEPTS = TableSchema(
    name="trend_concepts", file="concepts.csv",
    key=("concept", "term", "period", "group", "group_value"),
    description="Rate per 10,000 words and share of documents of each concept (term *) and "
    "surface term, per period and group (all, lang, kind), with document-bootstrap intervals.",
    schema=columns(
        ("concept", _S), ("term", _S), ("period", _S), ("group", _S), ("group_value", _S),
        ("n_docs", _I32), ("n_words", _I64), ("occurrences", _I64),
        ("rate_per_10k", _F64), ("rate_ci_low", _F64), ("rate_ci_high", _F64),
        ("doc_share", _F64), ("doc_share_ci_low", _F64), ("doc_share_ci_high", _F64),
    ),
)  # fmt: skip

TREND_CONCEPT_TESTS = TableSchema(
    name="trend_concept_tests", file="concept_tests.csv", key=("concept",),
    description="A trend test per concept over dated documents: slope per year, interval, p, "
    "Benjamini-Hochberg q over the table; direction is flat unless q < alpha.",
    schema=columns(
        ("concept", _S), ("slope", _F64), ("ci_low", _F64), ("ci_high", _F64),
        ("p_value", _F64), ("q_value", _F64), ("direction", _S), ("method", _S),
        ("n_docs", _I32), ("occurrences", _I64),
    ),
)  # fmt: skip

TREND_FAMILIES = TableSchema(
    name="trend_families", file="families.csv", key=("family", "concept", "period"),
    description="Each member's share of its lexicon family's mentions per period.",
    schema=columns(
        ("family", _S), ("concept", _S), ("period", _S), ("occurrences", _I64),
        ("family_occurrences", _I64), ("share", _F64), ("ci_low", _F64), ("ci_high", _F64),
    ),
)  # fmt: skip

TREND_SPECIFICITIES = TableSchema(
    name="trend_specificities", file="specificities.csv", key=("part", "term"),
    description="Lafon specificity and G² of each frequent lemma in each period (part), with "
    "the Lafon test's two-sided p and its Benjamini-Hochberg q over the table.",
    schema=columns(
        ("part", _S), ("term", _S), ("frequency", _I64), ("corpus_frequency", _I64),
        ("part_size", _I64), ("corpus_size", _I64), ("expected", _F64),
        ("specificity", _F64), ("g2", _F64), ("p_value", _F64), ("q_value", _F64),
    ),
)  # fmt: skip

TREND_EMERGING_FADING = TableSchema(
    name="trend_emerging_fading", file="emerging_fading.csv", key=("list", "rank"),
    description="Ranked lists of emerging and fading terms.",
    schema=columns(("list", _S), ("rank", _I32), ("term", _S)),
)  # fmt: skip

TREND_TOPICS = TableSchema(
    name="trend_topics", file="topics.csv", key=("topic_id", "period"),
    description="Topic prevalence per period (share of the period's passages), with terms.",
    schema=columns(
        ("topic_id", _I32), ("period", _S), ("passages", _I32), ("prevalence", _F64),
        ("ci_low", _F64), ("ci_high", _F64), ("top_terms", _S),
    ),
)  # fmt: skip

TREND_ACTORS = TableSchema(
    name="trend_actors", file="actors.csv", key=("entity_id", "period"),
    description="Mentions per period of each actor, its first and last period and its trend "
    "(flat unless its Benjamini-Hochberg q over the actors is below alpha).",
    schema=columns(
        ("entity_id", _S), ("canonical", _S), ("label", _S), ("actor_type", _S),
        ("period", _S), ("mentions", _I32), ("first_period", _S), ("last_period", _S),
        ("trend", _S), ("slope", _F64), ("p_value", _F64), ("q_value", _F64),
    ),
)  # fmt: skip

TREND_ACTOR_VOCABULARY = TableSchema(
    name="trend_actor_vocabulary", file="actor_vocabulary.csv",
    key=("entity_id", "concept", "period"),
    description="Lafon specificity of each concept in the passages that mention an actor "
    "(outside references), against all passages of the period (or 'all'), with two-sided p "
    "and Benjamini-Hochberg q over the table.",
    schema=columns(
        ("entity_id", _S), ("canonical", _S), ("concept", _S), ("family", _S), ("period", _S),
        ("n_passages", _I32), ("count", _I64), ("expected", _F64), ("specificity", _F64),
        ("p_value", _F64), ("q_value", _F64),
    ),
)  # fmt: skip

TREND_ACTOR_FAMILIES = TableSchema(
    name="trend_actor_families", file="actor_families.csv",
    key=("entity_id", "family", "concept", "period"),
    description="Each member's share of its lexicon family's mentions in the passages that "
    "mention an actor, per period (or 'all'), with bootstrap intervals over its documents.",
    schema=columns(
        ("entity_id", _S), ("canonical", _S), ("family", _S), ("concept", _S), ("period", _S),
        ("n_docs", _I32), ("occurrences", _I64), ("family_occurrences", _I64),
        ("share", _F64), ("ci_low", _F64), ("ci_high", _F64),
    ),
)  # fmt: skip

TREND_TOPIC_LINEAGES = TableSchema(
    name="trend_topic_lineages", file="topic_lineages.csv",
    key=("period_from", "topic_from", "period_to", "topic_to"),
    description="Links between topics of adjacent periods (continue, split, merge) and "
    "topics that emerge or fade (their missing end is topic -1 with 0 passages).",
    schema=columns(
        ("period_from", _S), ("topic_from", _I32), ("period_to", _S), ("topic_to", _I32),
        ("similarity", _F64), ("relation", _S), ("shared_terms", _S),
        ("n_passages_from", _I32), ("n_passages_to", _I32), ("centroid_cosine", _F64),
        ("term_jaccard", _F64),
    ),
)  # fmt: skip

TREND_LINEAGE_PASSAGES = TableSchema(
    name="trend_lineage_passages", file="topic_lineage_passages.csv",
    key=("period", "topic_id", "rank"),
    description="Representative passages of each topic in each period of the lineages.",
    schema=columns(
        ("period", _S), ("topic_id", _I32), ("rank", _I32), ("passage_id", _S),
        ("similarity", _F64),
    ),
)  # fmt: skip

# Wide tables that `dvc plots` draws: one column per member of evolution.plot_family.
TREND_PLOT_CONCEPT_RATES = TableSchema(
    name="trend_plot_concept_rates", file="plot_concept_rates.csv", key=("period",),
    description="Occurrences per 10,000 words of each plotted concept, per period.",
    schema=columns(("period", _S)), open_type=_F64,
)  # fmt: skip

TREND_PLOT_FAMILY_SHARES = TableSchema(
    name="trend_plot_family_shares", file="plot_family_shares.csv", key=("period",),
    description="Share of the family's mentions of each plotted concept, per period.",
    schema=columns(("period", _S)), open_type=_F64,
)  # fmt: skip


TREND_TERM_TESTS = TableSchema(
    name="trend_term_tests", file="term_tests.csv", key=("source", "concept", "term", "lang"),
    description="A trend test per lexicon surface form (source lexicon, lang all) and per top "
    "C-value term (source cvalue, its language): slope per year, interval, p, "
    "Benjamini-Hochberg q over the table; direction is flat unless q < alpha.",
    schema=columns(
        ("source", _S), ("concept", _S), ("term", _S), ("lang", _S), ("slope", _F64),
        ("ci_low", _F64), ("ci_high", _F64), ("p_value", _F64), ("q_value", _F64),
        ("direction", _S), ("method", _S), ("n_docs", _I32), ("occurrences", _I64),
    ),
)  # fmt: skip


TREND_TABLES: tuple[TableSchema, ...] = (
    TREND_PERIODS, TREND_CONCEPTS, TREND_CONCEPT_TESTS, TREND_FAMILIES, TREND_SPECIFICITIES,
    TREND_EMERGING_FADING, TREND_TOPICS, TREND_ACTORS, TREND_PLOT_CONCEPT_RATES,
    TREND_PLOT_FAMILY_SHARES, TREND_TOPIC_LINEAGES, TREND_LINEAGE_PASSAGES,
    TREND_ACTOR_VOCABULARY, TREND_ACTOR_FAMILIES, TREND_TERM_TESTS,
)  # fmt: skip
