"""Tiny hand-written pipeline tables for the report's unit tests (French, English, hostile text)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from corpus_mining.report import ReportInputs

HOSTILE = '<script>alert("x")</script> & Cie'
PERIODS = ["2009-2012", "2013-2016"]


def _documents() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["d1", "d2", "d3", "d4"],
            "title": ["Les pôles de compétitivité", f"Hubs {HOSTILE}", "Copie", "Sans date"],
            "date": ["2010-05-01", "2014", "2010-05-02", None],
            "year": [2010.0, 2014.0, 2010.0, np.nan],
            "lang": ["fr", "en", "fr", "fr"],
            "kind": ["report", "interview", "report", None],
            "format": ["pdf", "txt", "pdf", "md"],
            "n_words": [100, 80, 100, 50],
            "n_passages": [2, 2, 2, 1],
            "path": ["fr/a.pdf", "en/b.txt", "fr/c.pdf", "fr/d.md"],
            "duplicate_of": [None, None, "d1", None],
        }
    )


def _passages() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "passage_id": ["d1-0000", "d1-0001", "d2-0000", "d2-0001", "d4-0000"],
            "doc_id": ["d1", "d1", "d2", "d2", "d4"],
            "position": [0, 1, 0, 1, 0],
            "char_start": [0, 42, 0, 30, 0],
            "char_end": [40, 90, 28, 70, 20],
            "lang": ["fr", "fr", "en", "en", "fr"],
            "text": [
                "Le pôle de compétitivité réunit les PME.",
                "La coopération économique du territoire.",
                f"The hub of {HOSTILE}.",
                "Clusters become networks and hubs.",
                "Écosystème coopératif.",
            ],
        }
    )


def _manifest() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "path": ["fr/a.pdf", "en/b.txt", "fr/c.pdf", "fr/d.md", "fr/scan.pdf"],
            "status": ["ok", "ok", "duplicate", "ok", "skipped"],
            "reason": [
                None,
                None,
                "near-duplicate of fr/a.pdf",
                None,
                "no text layer: OCR it first",
            ],
            "doc_id": ["d1", "d2", "d3", "d4", None],
        }
    )


def _topics() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "topic_id": [0, 1],
            "label": ["pôle · compétitivité", "hub · network"],
            "human_label": ["Pôles & clusters", None],
            "label_fr": ["pôle · compétitivité", None],
            "label_en": ["cluster · pole", "hub · network"],
            "size": [12, 8],
            "top_terms": [np.array(["pôle", "cluster"]), np.array(["hub", "network"])],
            "top_terms_fr": [np.array(["pôle", "compétitivité"]), np.array([], dtype=object)],
            "top_terms_en": [np.array(["cluster", "pole"]), np.array(["hub", "network"])],
            "n_docs": [2, 1],
            "langs": [np.array(["en", "fr"]), np.array(["en"])],
            "lang_shares": [
                np.array([{"lang": "en", "share": 0.25}, {"lang": "fr", "share": 0.75}]),
                np.array([{"lang": "en", "share": 1.0}]),
            ],
            "note": ["Revu par l'équipe", None],
            "model_version": ["0123456789abcdef"] * 2,
            "run_path": ["refit"] * 2,
            "drift_share": [None, None],
        }
    )


def _topic_passages() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "topic_id": [0, 0, 1],
            "lang": ["fr", "en", "en"],
            "rank": [1, 1, 1],
            "passage_id": ["d1-0000", "d2-0001", "d2-0000"],
            "similarity": [0.9, 0.8, 0.7],
            "doc_id": ["d1", "d2", "d2"],
            "title": ["Les pôles de compétitivité", f"Hubs {HOSTILE}", f"Hubs {HOSTILE}"],
            "date": ["2010-05-01", "2014", "2014"],
            "text": [
                "Le pôle de compétitivité réunit les PME.",
                "Clusters become networks and hubs.",
                f"The hub of {HOSTILE}.",
            ],
        }
    )


def _topics_per_class() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "topic_id": [0, 1, 0, 1],
            "class_type": ["kind", "kind", "lang", "lang"],
            "class": ["report", "interview", "fr", "en"],
            "frequency": [3, 2, 3, 2],
            "share_of_class": [1.0, 1.0, 1.0, 1.0],
            "words": ["pôle", "hub", "pôle", "hub"],
        }
    )


def _entities() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "entity_id": ["E1", "E2", "E3"],
            "canonical": ["Commission européenne", HOSTILE, "Lyon"],
            "label": ["ORG", "ORG", "LOC"],
            "actor_type": ["eu_institution", None, "place"],
        }
    )


def _cooccurrence() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source_id": ["E1", "HUB", "E1"],
            "source_kind": ["entity", "concept", "entity"],
            "source_name": ["Commission européenne", "HUB", "Commission européenne"],
            "target_id": ["CLUSTER", "E2", "E3"],
            "target_kind": ["concept", "entity", "entity"],
            "target_name": ["CLUSTER", HOSTILE, "Lyon"],
            "n_passages": [3, 2, 4],
            "n_docs": [2, 1, 2],
            "pmi": [1.5, 2.0, 3.0],
            "g2": [12.0, 8.0, 30.0],
            "example_passage_id": ["d1-0000", "d2-0000", "d1-0001"],
        }
    )


def _families() -> pd.DataFrame:
    rows = []
    for period, counts in zip(PERIODS, [(6, 4, 0), (2, 1, 7)], strict=True):
        total = sum(counts)
        for concept, n in zip(["CLUSTER", "COMPETITIVENESS_POLE", "HUB"], counts, strict=True):
            rows.append(("organisational_form", concept, period, n, total, n / total))
    rows.append(("organisational_form", "NETWORK", PERIODS[0], 0, 10, 0.0))
    frame = pd.DataFrame(
        rows, columns=["family", "concept", "period", "occurrences", "family_occurrences", "share"]
    )
    return frame.assign(ci_low=frame["share"] / 2, ci_high=(frame["share"] + 1) / 2)


def _concept_trends() -> pd.DataFrame:
    rows = []
    for concept, rates in [
        ("CLUSTER", (60.0, 20.0)),
        ("HUB", (0.0, 70.0)),
        ("NETWORK", (0.0, 0.0)),
    ]:
        for period, rate in zip(PERIODS, rates, strict=True):
            n = int(rate / 10)
            rows.append((concept, "*", period, "all", "all", 2, 1000, n, rate, rate / 2, rate * 2))
            rows.append((concept, "cluster", period, "all", "all", 2, 1000, n, rate, 0.0, 1.0))
            rows.append((concept, "*", period, "lang", "fr", 1, 500, n, rate, 0.0, 1.0))
    columns = ["concept", "term", "period", "group", "group_value", "n_docs", "n_words"]
    columns += ["occurrences", "rate_per_10k", "rate_ci_low", "rate_ci_high"]
    return pd.DataFrame(rows, columns=columns)


def _concept_tests() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "concept": ["HUB", "CLUSTER", "SSE"],
            "slope": [0.3, -0.2, 0.0],
            "ci_low": [0.1, -0.3, np.nan],
            "ci_high": [0.5, -0.1, np.nan],
            "p_value": [0.001, 0.01, 1.0],
            "q_value": [0.003, 0.015, 1.0],
            "direction": ["rising", "falling", "flat"],
            "method": ["quasi-poisson", "quasi-poisson", "no occurrences"],
            "n_docs": [3, 3, 3],
            "occurrences": [7, 8, 0],
        }
    )


def _topic_trends() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "topic_id": [1, 1, 0, 0],
            "period": [PERIODS[1], PERIODS[0], PERIODS[1], PERIODS[0]],
            "passages": [2, 0, 1, 3],
            "prevalence": [0.66, 0.0, 0.33, 1.0],
            "ci_low": [0.3, 0.0, 0.0, 1.0],
            "ci_high": [1.0, 0.0, 0.7, 1.0],
            "top_terms": ["hub, network", None, "pôle", "pôle, cluster"],
        }
    )


def _actor_trends() -> pd.DataFrame:
    rows = []
    for entity, name, kind, counts, trend in [
        ("E1", "Commission européenne", "eu_institution", (1, 4), "rising"),
        ("E2", HOSTILE, "unknown", (2, 0), "fading"),
        ("E3", "Lyon", "place", (1, 1), "flat"),
    ]:
        for period, n in zip(PERIODS, counts, strict=True):
            rows.append(
                (entity, name, "ORG", kind, period, n, PERIODS[0], PERIODS[1], trend, 0.1, 0.5, 0.6)
            )
    columns = ["entity_id", "canonical", "label", "actor_type", "period", "mentions"]
    columns += ["first_period", "last_period", "trend", "slope", "p_value", "q_value"]
    return pd.DataFrame(rows, columns=columns)


def _specificities() -> pd.DataFrame:
    rows = [
        (PERIODS[0], "pôle", 9, 10, 50, 100, 5.0, 4.2, 10.0),
        (PERIODS[1], "pôle", 1, 10, 50, 100, 5.0, -3.1, -8.0),
        (PERIODS[0], "hub", 1, 10, 50, 100, 5.0, -2.5, -7.0),
        (PERIODS[1], "hub", 9, 10, 50, 100, 5.0, 3.3, 9.0),
        (PERIODS[0], "autre", 5, 10, 50, 100, 5.0, 0.0, 0.0),
    ]
    columns = ["part", "term", "frequency", "corpus_frequency", "part_size", "corpus_size"]
    return pd.DataFrame(rows, columns=[*columns, "expected", "specificity", "g2"])


def _topic_lineages() -> pd.DataFrame:
    """Pôles continue into hubs (topic 0 -> 1); topic 1 emerges in the first period's wake."""
    return pd.DataFrame(
        {
            "period_from": PERIODS[:1] * 2,
            "topic_from": [-1, 0],
            "period_to": PERIODS[1:] * 2,
            "topic_to": [0, 1],
            "similarity": [0.05, 0.4],
            "relation": ["emerge", "continue"],
            "shared_terms": ["", f"network; {HOSTILE}"],
            "n_passages_from": [0, 2],
            "n_passages_to": [3, 2],
            "centroid_cosine": [np.nan, 0.6],
            "term_jaccard": [np.nan, 0.2],
        }
    )


def _lineage_passages() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": [PERIODS[0], PERIODS[1], PERIODS[1]],
            "topic_id": [0, 0, 1],
            "rank": [1, 1, 1],
            "passage_id": ["d1-0001", "d2-0001", "d2-0000"],
            "similarity": [0.9, 0.8, 0.7],
        }
    )


def _actor_vocabulary() -> pd.DataFrame:
    """E1 says hub, E2 says cluster, E3 says both (rising HUB, falling CLUSTER)."""
    rows = []
    for entity, name, counts in [
        ("E1", "Commission européenne", {"CLUSTER": 0, "HUB": 5}),
        ("E2", HOSTILE, {"CLUSTER": 6, "HUB": 0}),
        ("E3", "Lyon", {"CLUSTER": 2, "HUB": 2}),
    ]:
        for concept, n in counts.items():
            spec = 3.0 if n >= 5 else -2.5 if n == 0 else 0.1
            for period in ("all", PERIODS[0]):
                q = 0.01 if abs(spec) > 2 else 0.9
                rows.append(
                    (entity, name, concept, "organisational_form", period, 3, n, 2.0, spec, q, q)
                )
        rows.append((entity, name, "SSE", "economic_model", "all", 3, 1, 1.0, 0.0, 1.0, 1.0))
    columns = ["entity_id", "canonical", "concept", "family", "period", "n_passages", "count"]
    columns += ["expected", "specificity", "p_value", "q_value"]
    return pd.DataFrame(rows, columns=columns)


def _actor_families() -> pd.DataFrame:
    rows = []
    for entity, name, hub_share in [("E1", "Commission européenne", 1.0), ("E2", HOSTILE, 0.0)]:
        for period in ("all", PERIODS[1], PERIODS[0]):
            for concept, share in (("CLUSTER", 1 - hub_share), ("HUB", hub_share)):
                bounds = (share / 2, (share + 1) / 2)
                head = (entity, name, "organisational_form", concept, period, 2)
                rows.append((*head, 5 * share, 5, share, *bounds))
    columns = ["entity_id", "canonical", "family", "concept", "period", "n_docs"]
    columns += ["occurrences", "family_occurrences", "share", "ci_low", "ci_high"]
    return pd.DataFrame(rows, columns=columns)


def make_inputs() -> ReportInputs:
    """A complete, tiny set of report inputs."""
    return ReportInputs(
        documents=_documents(),
        passages=_passages(),
        manifest=_manifest(),
        topics=_topics(),
        topic_passages=_topic_passages(),
        topics_per_class=_topics_per_class(),
        entities=_entities(),
        cooccurrence=_cooccurrence(),
        families=_families(),
        concept_trends=_concept_trends(),
        concept_tests=_concept_tests(),
        topic_trends=_topic_trends(),
        actor_trends=_actor_trends(),
        specificities=_specificities(),
        emerging_fading=pd.DataFrame(
            {"list": ["emerging", "fading"], "rank": [1, 1], "term": ["hub", "pôle"]}
        ),
        concept_labels={
            "CLUSTER": {"fr": "cluster", "en": "cluster"},
            "COMPETITIVENESS_POLE": {"fr": "pôle de compétitivité", "en": "competitiveness pole"},
            "HUB": {"fr": "hub", "en": "hub"},
            "NETWORK": {"fr": "réseau", "en": "network"},
            "SSE": {"fr": "économie sociale et solidaire", "en": "social and solidarity economy"},
        },
        family="organisational_form",
        family_members=("CLUSTER", "COMPETITIVENESS_POLE", "HUB", "NETWORK"),
        topic_metrics={"n_topics": 2, "coherence_npmi": 0.25},
        topic_lineages=_topic_lineages(),
        lineage_passages=_lineage_passages(),
        lineage_metrics={"threshold": 0.3, "threshold_chosen_by": "stability"},
        actor_vocabulary=_actor_vocabulary(),
        actor_families=_actor_families(),
    )
