"""Rows of the topic tables, built from a fitted model's results (no I/O here)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from corpus_mining.topics.representation import label_terms, topic_label


def topic_rows(
    topics: Sequence[int],
    top_terms: Mapping[int, list[str]],
    by_lang: Mapping[tuple[int, str], list[tuple[str, float]]],
    shares: Mapping[int, Mapping[str, float]],
    docs: Mapping[int, set[str]],
    assigned: Mapping[int, Any],
) -> list[dict[str, Any]]:
    """One row per topic (-1 = outliers): labels, sizes, terms and share per language."""
    sizes = Counter(topics)
    rows = []
    for topic in sorted(sizes):
        applied = assigned.get(topic)
        overall = top_terms.get(topic, [])
        rows.append(
            {
                "topic_id": topic,
                "label": "outliers" if topic == -1 else topic_label(overall),
                "human_label": applied.label if applied else None,
                "label_fr": topic_label(label_terms(by_lang.get((topic, "fr"), []))) or None,
                "label_en": topic_label(label_terms(by_lang.get((topic, "en"), []))) or None,
                "size": sizes[topic],
                "top_terms": overall,
                "top_terms_fr": [term for term, _ in by_lang.get((topic, "fr"), [])],
                "top_terms_en": [term for term, _ in by_lang.get((topic, "en"), [])],
                "n_docs": len(docs.get(topic, ())),
                "langs": sorted(shares.get(topic, {})),
                "lang_shares": [
                    {"lang": lang, "share": share}
                    for lang, share in sorted(shares.get(topic, {}).items())
                ],
                "note": applied.note if applied else None,
            }
        )
    return rows


def per_class_rows(frames: Mapping[str, tuple[Sequence[str], Any]]) -> list[dict[str, Any]]:
    """Rows from BERTopic ``topics_per_class`` frames, keyed by class type (kind, lang)."""
    rows = []
    for class_type, (classes, frame) in frames.items():
        totals = Counter(classes)
        for record in frame.to_dict("records"):
            frequency = int(record["Frequency"])
            rows.append(
                {
                    "topic_id": int(record["Topic"]),
                    "class_type": class_type,
                    "class": str(record["Class"]),
                    "frequency": frequency,
                    "share_of_class": round(frequency / totals[str(record["Class"])], 6),
                    "words": str(record["Words"]),
                }
            )
    return sorted(rows, key=lambda row: (row["class_type"], row["class"], row["topic_id"]))
