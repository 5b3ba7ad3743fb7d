"""One schema per output table: column names, types and primary key.

Every write is validated against its schema; the analytical store's tables and views are
generated from the same declarations. ``doc_id`` and ``passage_id`` are the keys shared by
every table; offsets point into the stored passage or document text. The evolution stage's
CSV tables (``TREND_TABLES``) carry their file name here too; an interval's bounds are
``ci_low`` / ``ci_high`` (``<estimate>_ci_low`` / ``_ci_high`` when a table has two).
"""

from __future__ import annotations

import pyarrow as pa

from corpus_mining.tableschema import TableSchema

__all__ = ["TableSchema"]  # the type of every declaration below, importable from here


def _schema(*fields: tuple[str, pa.DataType]) -> pa.Schema:
    return pa.schema([pa.field(name, dtype) for name, dtype in fields])


DOCUMENTS = TableSchema(
    name="documents",
    description="One row per distinct document read; duplicates are flagged, not dropped.",
    key=("doc_id",),
    schema=_schema(
        ("doc_id", pa.string()),
        ("path", pa.string()),
        ("format", pa.string()),
        ("encoding", pa.string()),
        ("title", pa.string()),
        ("title_source", pa.string()),
        ("date", pa.string()),
        ("year", pa.int32()),
        ("date_source", pa.string()),
        ("lang", pa.string()),
        ("lang_source", pa.string()),
        ("kind", pa.string()),
        ("kind_source", pa.string()),
        ("authors", pa.string()),
        ("source", pa.string()),
        ("n_chars", pa.int64()),
        ("n_words", pa.int64()),
        ("n_passages", pa.int32()),
        ("content_hash", pa.string()),
        ("duplicate_of", pa.string()),
        ("duplicate_similarity", pa.float64()),
        ("text", pa.large_string()),
    ),
)

PASSAGES = TableSchema(
    name="passages",
    description="Paragraph-level segments; text == document text[char_start:char_end].",
    key=("passage_id",),
    schema=_schema(
        ("passage_id", pa.string()),
        ("doc_id", pa.string()),
        ("position", pa.int32()),
        ("char_start", pa.int64()),
        ("char_end", pa.int64()),
        ("lang", pa.string()),
        ("lang_confidence", pa.float64()),
        ("n_words", pa.int32()),
        ("text", pa.large_string()),
    ),
)

MANIFEST = TableSchema(
    name="manifest",
    description="One row per file found under the corpus folder, with what happened to it.",
    key=("path",),
    schema=_schema(
        ("path", pa.string()),
        ("status", pa.string()),
        ("reason", pa.string()),
        ("doc_id", pa.string()),
    ),
)

ENTITY_LABELS = ("LOC", "MISC", "ORG", "PER")
"""The values of ``label`` in mentions and entities."""

METADATA_ISSUES = TableSchema(
    name="metadata_issues",
    description="metadata.csv values not used (unreadable, repeated row, missing file).",
    key=("line", "column"),
    schema=_schema(
        ("line", pa.int32()),  # line of metadata.csv (the header is line 1)
        ("file", pa.string()),  # the document path the row names
        ("column", pa.string()),  # file, date, lang or kind
        ("value", pa.string()),
        ("problem", pa.string()),
        ("used_instead", pa.string()),  # the value and its source, or "nothing: ..."
    ),
)

MENTIONS = TableSchema(
    name="mentions",
    description="Named-entity mentions; text == passages.text[start:end].",
    key=("mention_id",),
    schema=_schema(
        ("mention_id", pa.string()),
        ("doc_id", pa.string()),
        ("passage_id", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("text", pa.string()),
        ("label", pa.string()),  # ORG, PER, LOC, MISC
        ("entity_id", pa.string()),
        ("lang", pa.string()),
        ("source", pa.string()),  # model, gazetteer, acronym, rule
        ("rule", pa.string()),  # the rules that produced and changed it, "+"-joined
        ("in_reference", pa.bool_()),  # inside a bibliography entry or an author-year citation
    ),
)

ENTITIES = TableSchema(
    name="entities",
    description="One row per real-world actor after merging name variants.",
    key=("entity_id",),
    schema=_schema(
        ("entity_id", pa.string()),
        ("canonical", pa.string()),
        ("label", pa.string()),
        ("actor_type", pa.string()),
        ("actor_type_rule", pa.string()),  # which gazetteer entry or rule decided
        ("aliases", pa.list_(pa.string())),
        ("n_mentions", pa.int32()),
        ("n_docs", pa.int32()),
        ("first_year", pa.int32()),
        ("last_year", pa.int32()),
    ),
)

CONCEPTS = TableSchema(
    name="concepts",
    description="Lexicon concept mentions; text == passages.text[start:end].",
    key=("concept_mention_id",),
    schema=_schema(
        ("concept_mention_id", pa.string()),
        ("concept_id", pa.string()),
        ("doc_id", pa.string()),
        ("passage_id", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("text", pa.string()),
        ("lang", pa.string()),
        ("source", pa.string()),  # lexicon, acronym
        ("in_reference", pa.bool_()),
    ),
)

ACRONYMS = TableSchema(
    name="acronyms",
    description="Acronym definitions found in each document, with their first offset.",
    key=("doc_id", "acronym"),
    schema=_schema(
        ("doc_id", pa.string()),
        ("acronym", pa.string()),
        ("expansion", pa.string()),
        ("passage_id", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("pattern", pa.string()),  # which definition pattern matched
        ("n_mentions", pa.int32()),
        ("linked_id", pa.string()),  # entity_id or concept_id the acronym stands for
    ),
)

TERMS = TableSchema(
    name="terms",
    description="Multiword candidate terms per language, ranked by C-value.",
    key=("lang", "term"),
    schema=_schema(
        ("term", pa.string()),
        ("lang", pa.string()),
        ("n_words", pa.int32()),
        ("frequency", pa.int32()),
        ("doc_frequency", pa.int32()),
        ("cvalue", pa.float64()),
        ("concept_id", pa.string()),  # the lexicon concept it contains, if any
        ("example_passage_id", pa.string()),
    ),
)

COOCCURRENCE = TableSchema(
    name="cooccurrence",
    description="Actor-actor and actor-concept pairs within passages, with association scores.",
    key=("source_id", "target_id"),
    schema=_schema(
        ("source_id", pa.string()),
        ("source_kind", pa.string()),  # entity or concept
        ("source_name", pa.string()),
        ("target_id", pa.string()),
        ("target_kind", pa.string()),
        ("target_name", pa.string()),
        ("n_passages", pa.int32()),
        ("n_docs", pa.int32()),
        ("pmi", pa.float64()),
        ("g2", pa.float64()),
        ("example_passage_id", pa.string()),
    ),
)

LEMMAS = TableSchema(
    name="passage_lemmas",
    description="Content lemmas of each passage; `shared` has concept tokens for concept terms.",
    key=("passage_id",),
    schema=_schema(
        ("passage_id", pa.string()),
        ("doc_id", pa.string()),
        ("lang", pa.string()),
        ("lemmas", pa.large_string()),
        ("shared", pa.large_string()),
    ),
)

TOPICS = TableSchema(
    name="topics",
    description=(
        "One row per topic (-1 holds the outliers), with labels per language; model_version"
        " names the fit, run_path whether this run refitted it (refit) or assigned changed"
        " passages with it (assigned), drift_share the changed share that decided (null"
        " when not measured)."
    ),
    key=("topic_id",),
    schema=_schema(
        ("topic_id", pa.int32()),
        ("label", pa.string()),
        ("human_label", pa.string()),
        ("label_fr", pa.string()),
        ("label_en", pa.string()),
        ("size", pa.int32()),
        ("top_terms", pa.list_(pa.string())),
        ("top_terms_fr", pa.list_(pa.string())),
        ("top_terms_en", pa.list_(pa.string())),
        ("n_docs", pa.int32()),
        ("langs", pa.list_(pa.string())),
        ("lang_shares", pa.list_(pa.struct([("lang", pa.string()), ("share", pa.float64())]))),
        ("note", pa.string()),
        ("model_version", pa.string()),
        ("run_path", pa.string()),
        ("drift_share", pa.float64()),
    ),
)

PASSAGE_TOPICS = TableSchema(
    name="passage_topics",
    description="Each modelled passage's topic; probability: cosine similarity to its centroid.",
    key=("passage_id",),
    schema=_schema(
        ("passage_id", pa.string()),
        ("topic_id", pa.int32()),
        ("probability", pa.float64()),
    ),
)

TOPIC_PASSAGES = TableSchema(
    name="topic_passages",
    description="Representative passages of each topic, per language, with their document.",
    key=("topic_id", "lang", "rank"),
    schema=_schema(
        ("topic_id", pa.int32()),
        ("lang", pa.string()),
        ("rank", pa.int32()),
        ("passage_id", pa.string()),
        ("similarity", pa.float64()),
        ("doc_id", pa.string()),
        ("title", pa.string()),
        ("date", pa.string()),
        ("text", pa.large_string()),
    ),
)

TOPICS_PER_CLASS = TableSchema(
    name="topics_per_class",
    description="Topic frequency and words per document kind and per language.",
    key=("class_type", "class", "topic_id"),
    schema=_schema(
        ("topic_id", pa.int32()),
        ("class_type", pa.string()),
        ("class", pa.string()),
        ("frequency", pa.int32()),
        ("share_of_class", pa.float64()),
        ("words", pa.string()),
    ),
)

TOPIC_LABEL_REPORT = TableSchema(
    name="topic_label_report",
    description="What happened to each reviewer label of corpus/topic_labels.yaml on this run.",
    key=("label", "status", "reason"),
    schema=_schema(
        ("label", pa.string()),
        ("status", pa.string()),
        ("topic_ids", pa.string()),
        ("score", pa.float64()),
        ("reason", pa.string()),
    ),
)

ALL_TABLES: tuple[TableSchema, ...] = (
    DOCUMENTS,
    PASSAGES,
    MANIFEST,
    METADATA_ISSUES,
    MENTIONS,
    ENTITIES,
    CONCEPTS,
    ACRONYMS,
    TERMS,
    COOCCURRENCE,
    LEMMAS,
    TOPICS,
    PASSAGE_TOPICS,
    TOPIC_PASSAGES,
    TOPICS_PER_CLASS,
    TOPIC_LABEL_REPORT,
)


# The evolution stage's tables, written as CSV under ``paths.trends``.
_S, _I32, _I64, _F64 = pa.string(), pa.int32(), pa.int64(), pa.float64()

TREND_PERIODS = TableSchema(
    name="trend_periods", file="periods.csv", key=("doc_id",),
    description="The period of every dated document; ties each trend cell to its documents.",
    schema=_schema(("doc_id", _S), ("year", _I32), ("period", _S)),
)  # fmt: skip

TREND_CONCEPTS = TableSchema(
    name="trend_concepts", file="concepts.csv",
    key=("concept", "term", "period", "group", "group_value"),
    description="Rate per 10,000 words and share of documents of each concept (term *) and "
    "surface term, per period and group (all, lang, kind), with document-bootstrap intervals.",
    schema=_schema(
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
    schema=_schema(
        ("concept", _S), ("slope", _F64), ("ci_low", _F64), ("ci_high", _F64),
        ("p_value", _F64), ("q_value", _F64), ("direction", _S), ("method", _S),
        ("n_docs", _I32), ("occurrences", _I64),
    ),
)  # fmt: skip

TREND_FAMILIES = TableSchema(
    name="trend_families", file="families.csv", key=("family", "concept", "period"),
    description="Each member's share of its lexicon family's mentions per period.",
    schema=_schema(
        ("family", _S), ("concept", _S), ("period", _S), ("occurrences", _I64),
        ("family_occurrences", _I64), ("share", _F64), ("ci_low", _F64), ("ci_high", _F64),
    ),
)  # fmt: skip

TREND_SPECIFICITIES = TableSchema(
    name="trend_specificities", file="specificities.csv", key=("part", "term"),
    description="Lafon specificity and G² of each frequent lemma in each period (part), with "
    "the Lafon test's two-sided p and its Benjamini-Hochberg q over the table.",
    schema=_schema(
        ("part", _S), ("term", _S), ("frequency", _I64), ("corpus_frequency", _I64),
        ("part_size", _I64), ("corpus_size", _I64), ("expected", _F64),
        ("specificity", _F64), ("g2", _F64), ("p_value", _F64), ("q_value", _F64),
    ),
)  # fmt: skip

TREND_EMERGING_FADING = TableSchema(
    name="trend_emerging_fading", file="emerging_fading.csv", key=("list", "rank"),
    description="Ranked lists of emerging and fading terms.",
    schema=_schema(("list", _S), ("rank", _I32), ("term", _S)),
)  # fmt: skip

TREND_TOPICS = TableSchema(
    name="trend_topics", file="topics.csv", key=("topic_id", "period"),
    description="Topic prevalence per period (share of the period's passages), with terms.",
    schema=_schema(
        ("topic_id", _I32), ("period", _S), ("passages", _I32), ("prevalence", _F64),
        ("ci_low", _F64), ("ci_high", _F64), ("top_terms", _S),
    ),
)  # fmt: skip

TREND_ACTORS = TableSchema(
    name="trend_actors", file="actors.csv", key=("entity_id", "period"),
    description="Mentions per period of each actor, its first and last period and its trend "
    "(flat unless its Benjamini-Hochberg q over the actors is below alpha).",
    schema=_schema(
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
    schema=_schema(
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
    schema=_schema(
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
    schema=_schema(
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
    schema=_schema(
        ("period", _S), ("topic_id", _I32), ("rank", _I32), ("passage_id", _S),
        ("similarity", _F64),
    ),
)  # fmt: skip

# Wide tables that `dvc plots` draws: one column per member of evolution.plot_family.
TREND_PLOT_CONCEPT_RATES = TableSchema(
    name="trend_plot_concept_rates", file="plot_concept_rates.csv", key=("period",),
    description="Occurrences per 10,000 words of each plotted concept, per period.",
    schema=_schema(("period", _S)), open_type=_F64,
)  # fmt: skip

TREND_PLOT_FAMILY_SHARES = TableSchema(
    name="trend_plot_family_shares", file="plot_family_shares.csv", key=("period",),
    description="Share of the family's mentions of each plotted concept, per period.",
    schema=_schema(("period", _S)), open_type=_F64,
)  # fmt: skip

TREND_TABLES: tuple[TableSchema, ...] = (
    TREND_PERIODS, TREND_CONCEPTS, TREND_CONCEPT_TESTS, TREND_FAMILIES, TREND_SPECIFICITIES,
    TREND_EMERGING_FADING, TREND_TOPICS, TREND_ACTORS, TREND_PLOT_CONCEPT_RATES,
    TREND_PLOT_FAMILY_SHARES, TREND_TOPIC_LINEAGES,
    TREND_LINEAGE_PASSAGES,
)  # fmt: skip
TREND_TERM_TESTS = TableSchema(
    name="trend_term_tests", file="term_tests.csv", key=("source", "concept", "term", "lang"),
    description="A trend test per lexicon surface form (source lexicon, lang all) and per top "
    "C-value term (source cvalue, its language): slope per year, interval, p, "
    "Benjamini-Hochberg q over the table; direction is flat unless q < alpha.",
    schema=_schema(
        ("source", _S), ("concept", _S), ("term", _S), ("lang", _S), ("slope", _F64),
        ("ci_low", _F64), ("ci_high", _F64), ("p_value", _F64), ("q_value", _F64),
        ("direction", _S), ("method", _S), ("n_docs", _I32), ("occurrences", _I64),
    ),
)  # fmt: skip

TREND_TABLES += (TREND_ACTOR_VOCABULARY, TREND_ACTOR_FAMILIES, TREND_TERM_TESTS)
