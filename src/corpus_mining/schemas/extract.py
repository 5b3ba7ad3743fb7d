"""The extract stage's tables: mentions, entities, concepts, acronyms, terms, pairs, lemmas."""

from __future__ import annotations

import pyarrow as pa

from corpus_mining.tableschema import TableSchema, columns

ENTITY_LABELS = ("LOC", "MISC", "ORG", "PER")
"""The values of ``label`` in mentions and entities."""

MENTIONS = TableSchema(
    name="mentions",
    description="Named-entity mentions; text == passages.text[start:end].",
    key=("mention_id",),
    schema=columns(
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
    schema=columns(
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
    schema=columns(
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
    schema=columns(
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
    schema=columns(
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
    schema=columns(
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
    schema=columns(
        ("passage_id", pa.string()),
        ("doc_id", pa.string()),
        ("lang", pa.string()),
        ("lemmas", pa.large_string()),
        ("shared", pa.large_string()),
    ),
)
