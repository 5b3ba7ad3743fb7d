"""What the report reads, as frames, and the small lookups every section shares."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from corpus_mining.report.colours import colour_map
from corpus_mining.schemas import (
    TREND_ACTOR_FAMILIES,
    TREND_ACTOR_VOCABULARY,
    TREND_LINEAGE_PASSAGES,
    TREND_TOPIC_LINEAGES,
)


@dataclass(frozen=True)
class ReportInputs:
    """The pipeline's tables, as read by the report stage (or written by a test).

    Attributes:
        documents: ``documents.parquet`` (the ``text`` column is not needed).
        passages: ``passages.parquet``: id, document, position, offsets, language, text.
        manifest: ``manifest.csv``: one row per file found, with status and reason.
        topics: ``topics.parquet``.
        topic_passages: ``topic_passages.parquet`` (representative passages).
        topics_per_class: ``topics_per_class.parquet``.
        entities: ``entities.parquet``.
        cooccurrence: ``cooccurrence.parquet``.
        families: ``schemas.TREND_FAMILIES``.
        concept_trends: ``schemas.TREND_CONCEPTS``.
        concept_tests: ``schemas.TREND_CONCEPT_TESTS``.
        topic_trends: ``schemas.TREND_TOPICS``.
        actor_trends: ``schemas.TREND_ACTORS``.
        specificities: ``schemas.TREND_SPECIFICITIES``.
        emerging_fading: ``schemas.TREND_EMERGING_FADING``.
        concept_labels: Label per language of each lexicon concept, in lexicon order.
        family: Name of the lexicon family drawn as "hubs vs clusters".
        family_members: Concept ids of that family, in lexicon order.
        topic_metrics: ``metrics/topics.json`` (optional figures shown with the topics).
        topic_lineages: ``schemas.TREND_TOPIC_LINEAGES``.
        lineage_passages: ``schemas.TREND_LINEAGE_PASSAGES``.
        lineage_metrics: ``topic_lineages`` of ``metrics/evolution.json`` (threshold, placebo).
        actor_vocabulary: ``schemas.TREND_ACTOR_VOCABULARY``.
        actor_families: ``schemas.TREND_ACTOR_FAMILIES``.
        alpha: False discovery rate under which a test's q-value is marked significant.
    """

    documents: pd.DataFrame
    passages: pd.DataFrame
    manifest: pd.DataFrame
    topics: pd.DataFrame
    topic_passages: pd.DataFrame
    topics_per_class: pd.DataFrame
    entities: pd.DataFrame
    cooccurrence: pd.DataFrame
    families: pd.DataFrame
    concept_trends: pd.DataFrame
    concept_tests: pd.DataFrame
    topic_trends: pd.DataFrame
    actor_trends: pd.DataFrame
    specificities: pd.DataFrame
    emerging_fading: pd.DataFrame
    concept_labels: Mapping[str, Mapping[str, str]]
    family: str
    family_members: tuple[str, ...]
    topic_metrics: Mapping[str, Any] = field(default_factory=dict)
    topic_lineages: pd.DataFrame = field(
        default_factory=lambda: _empty(TREND_TOPIC_LINEAGES.schema.names)
    )
    lineage_passages: pd.DataFrame = field(
        default_factory=lambda: _empty(TREND_LINEAGE_PASSAGES.schema.names)
    )
    lineage_metrics: Mapping[str, Any] = field(default_factory=dict)
    actor_vocabulary: pd.DataFrame = field(
        default_factory=lambda: _empty(TREND_ACTOR_VOCABULARY.schema.names)
    )
    actor_families: pd.DataFrame = field(
        default_factory=lambda: _empty(TREND_ACTOR_FAMILIES.schema.names)
    )
    alpha: float = 0.05


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({name: [] for name in columns})


def concept_name(concept_id: str, labels: Mapping[str, Mapping[str, str]]) -> str:
    """``"english / français"`` (one label when both agree); the id for an unknown concept."""
    label = labels.get(concept_id, {})
    names = [label[lang] for lang in ("en", "fr") if lang in label]
    names += [label[lang] for lang in sorted(label) if lang not in ("en", "fr")]
    unique = list(dict.fromkeys(names))
    return " / ".join(unique) if unique else concept_id


def concept_short_name(concept_id: str, labels: Mapping[str, Mapping[str, str]]) -> str:
    """The English label (else the first one, else the id), for crowded charts."""
    label = labels.get(concept_id, {})
    if "en" in label:
        return label["en"]
    return label[sorted(label)[0]] if label else concept_id


def concept_colours(inputs: ReportInputs) -> dict[str, str]:
    """One colour per concept id, in lexicon order (organisational forms come first)."""
    return colour_map(inputs.concept_labels)


def topic_colours(topic_ids: Iterable[int]) -> dict[str, str]:
    """One colour per topic id (as a string key), in ascending id order."""
    return colour_map(str(t) for t in sorted(set(topic_ids)))


def period_order(labels: Iterable[Any]) -> list[str]:
    """Period labels in chronological order, by the first year they contain."""
    unique = {str(label) for label in labels if not pd.isna(label)}

    def key(label: str) -> tuple[int, str]:
        found = re.search(r"\d{3,4}", label)
        return (int(found.group()) if found else 10**6, label)

    return sorted(unique, key=key)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of ``frame`` as dicts keyed by column name, in order."""
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def unique_labels(names: pd.Series, ids: pd.Series) -> pd.Series:
    """``names`` with the id appended where two different ids share a name."""
    frame = pd.DataFrame({"name": names.astype(str), "id": ids.astype(str)})
    shared = frame.groupby("name")["id"].transform("nunique") > 1
    return frame["name"].where(~shared, frame["name"] + " (" + frame["id"] + ")")
