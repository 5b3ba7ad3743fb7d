"""Rows of the topic tables, built from a fitted model's results (no I/O here)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from corpus_mining.topics.quality import language_shares
from corpus_mining.topics.representation import topic_label


def topic_rows(
    topics: Sequence[int],
    top_terms: Mapping[int, list[str]],
    by_lang: Mapping[tuple[int, str], list[tuple[str, float]]],
    shares: Mapping[int, Mapping[str, float]],
    docs: Mapping[int, set[str]],
    assigned: Mapping[int, Any],
    *,
    closest: Mapping[tuple[int, str], list[tuple[str, float]]],
) -> list[dict[str, Any]]:
    """One row per topic (-1 = outliers): labels, sizes, terms and share per language.

    ``by_lang`` gives the published terms (c-TF-IDF order); labels are made from
    ``closest`` (the label candidates reranked by closeness to the topic, ``keyterms``).
    """
    sizes = Counter(topics)
    rows = []
    for topic in sorted(sizes):
        applied = assigned.get(topic)
        overall = top_terms.get(topic, [])
        by_language = {
            lang: topic_label([term for term, _ in closest.get((topic, lang), [])]) or None
            for lang in ("fr", "en")
        }
        main = _majority_language(shares.get(topic, {}))
        rows.append(
            {
                "topic_id": topic,
                "label": "outliers" if topic == -1 else _main_label(by_language, main, overall),
                "human_label": applied.label if applied else None,
                "label_fr": by_language["fr"],
                "label_en": by_language["en"],
                "top_terms": overall,
                "top_terms_fr": [term for term, _ in by_lang.get((topic, "fr"), [])],
                "top_terms_en": [term for term, _ in by_lang.get((topic, "en"), [])],
                **_counts(topic, sizes, docs, shares),
                "note": applied.note if applied else None,
            }
        )
    return rows


def _majority_language(shares: Mapping[str, float]) -> str | None:
    """The language holding most of a topic's units (ties: the first name), None if none."""
    return min(shares, key=lambda lang: (-shares[lang], lang)) if shares else None


def _main_label(by_language: Mapping[str, str | None], main: str | None, overall: list[str]) -> str:
    """The label in the topic's majority language, else one from its overall terms."""
    return (by_language.get(main) if main else None) or topic_label(overall)


def refresh_topic_rows(
    kept: Sequence[Mapping[str, Any]],
    topics: Sequence[int],
    langs: Sequence[str],
    doc_ids: Sequence[str],
) -> list[dict[str, Any]]:
    """The kept fit's topic rows with this run's sizes, documents and language shares.

    Terms and labels stay the kept fit's; a topic left without units is dropped.

    Args:
        kept: The kept fit's rows of the topics table.
        topics: Each unit's topic in this run.
        langs: Each unit's language.
        doc_ids: Each unit's document.
    """
    sizes, shares = Counter(topics), language_shares(topics, langs)
    docs = docs_per_topic(topics, doc_ids)
    return [
        {**row, **_counts(int(row["topic_id"]), sizes, docs, shares)}
        for row in kept
        if sizes[int(row["topic_id"])]
    ]


def _counts(
    topic: int,
    sizes: Mapping[int, int],
    docs: Mapping[int, set[str]],
    shares: Mapping[int, Mapping[str, float]],
) -> dict[str, Any]:
    return {
        "size": sizes[topic],
        "n_docs": len(docs.get(topic, ())),
        "langs": sorted(shares.get(topic, {})),
        "lang_shares": [
            {"lang": lang, "share": share} for lang, share in sorted(shares.get(topic, {}).items())
        ],
    }


def per_class_rows(
    model: Any,
    docs: Sequence[str],
    classes: Mapping[str, Sequence[str]],
    fitted: Sequence[int],
) -> list[dict[str, Any]]:
    """Rows of BERTopic's ``topics_per_class`` for each class type (e.g. kind, lang).

    Args:
        model: The fitted BERTopic model.
        docs: The fitted units' documents (lemmas).
        classes: Every unit's class, by class type.
        fitted: Indices of the fitted units.
    """
    rows = []
    for class_type, all_classes in classes.items():
        chosen = [all_classes[i] for i in fitted]
        rows += _per_class(class_type, chosen, model.topics_per_class(list(docs), classes=chosen))
    return sorted(rows, key=lambda row: (row["class_type"], row["class"], row["topic_id"]))


def _per_class(class_type: str, classes: Sequence[str], frame: Any) -> list[dict[str, Any]]:
    totals = Counter(classes)
    return [
        {
            "topic_id": int(record["Topic"]),
            "class_type": class_type,
            "class": str(record["Class"]),
            "frequency": int(record["Frequency"]),
            "share_of_class": round(int(record["Frequency"]) / totals[str(record["Class"])], 6),
            "words": str(record["Words"]),
        }
        for record in frame.to_dict("records")
    ]


def passage_topic_rows(
    ids: Sequence[str],
    topics: Sequence[int],
    scores: Sequence[float] | npt.NDArray[np.float64],
    passages: Sequence[Mapping[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """One row per passage, sorted by id: its topic and score.

    Args:
        ids: Unit ids.
        topics: Each unit's topic.
        scores: Each unit's similarity to its topic's centroid.
        passages: With unit=document, every passage (passage_id, doc_id): each takes its
            document's topic; passages of documents not modelled are left out.
    """
    by_unit = dict(zip(ids, zip(topics, scores, strict=True), strict=True))
    pairs = (
        [(p["passage_id"], p["doc_id"]) for p in passages]
        if passages is not None
        else [(uid, uid) for uid in ids]
    )
    rows = [
        {
            "passage_id": pid,
            "topic_id": by_unit[uid][0],
            "probability": round(float(by_unit[uid][1]), 6),
        }
        for pid, uid in pairs
        if uid in by_unit
    ]
    return sorted(rows, key=lambda row: row["passage_id"])


def example_rows(
    chosen: Sequence[Mapping[str, Any]],
    *,
    ids: Sequence[str],
    doc_ids: Sequence[str],
    texts: Sequence[str],
    docs: Mapping[str, Mapping[str, Any]],
) -> list[dict[str, Any]]:
    """Representative units (``representation.representative``) with document and text."""
    index = {unit_id: i for i, unit_id in enumerate(ids)}
    rows = []
    for row in chosen:
        i = index[row["passage_id"]]
        doc = docs[doc_ids[i]]
        rows.append(
            {
                **row,
                "doc_id": doc_ids[i],
                "title": doc["title"],
                "date": doc["date"],
                "text": texts[i],
            }
        )
    return rows


def docs_per_topic(topics: Sequence[int], doc_ids: Sequence[str]) -> dict[int, set[str]]:
    """The documents each topic's units come from."""
    docs: dict[int, set[str]] = defaultdict(set)
    for topic, doc_id in zip(topics, doc_ids, strict=True):
        docs[topic].add(doc_id)
    return docs
