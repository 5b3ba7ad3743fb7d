"""Topic lineages on the shipped sample corpus: the planted drift, a placebo, stable bytes."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from corpus_mining.io import read_csv
from corpus_mining.schemas import TREND_LINEAGE_PASSAGES, TREND_PERIODS, TREND_TOPIC_LINEAGES
from corpus_mining.stages.evolution_lineages import _embeddings, _passages, topic_lineages

from helpers import project_params

pytestmark = [pytest.mark.slow(cost=2), pytest.mark.xdist_group("sample-project")]

# The two sides of the drift the sample corpus README describes (folded top terms).
CLUSTER_SIDE = {"cluster", "pôle", "pole", "grappe", "compétitivité", "competitiveness"}
HUB_SIDE = {"hub", "network", "réseau", "ecosystem", "écosystème", "tiers-lieu", "third"}


@pytest.fixture(scope="module")
def sample(sample_project):
    params = project_params(sample_project)
    trends = params.paths.trends
    lineages = read_csv(TREND_TOPIC_LINEAGES, trends / TREND_TOPIC_LINEAGES.file).to_pandas()
    return params, lineages


def _side(terms) -> str:
    words = {w for term in terms for w in str(term).lower().split()}
    cluster, hub = len(words & CLUSTER_SIDE), len(words & HUB_SIDE)
    return "cluster" if cluster > hub else "hub" if hub > cluster else ""


def _start(period: str) -> int:
    return int(str(period)[:4])


def test_lineages_hold_continue_and_other_relations(sample):
    params, lineages = sample
    relations = set(lineages["relation"])
    assert "continue" in relations and len(relations - {"continue"}) >= 2
    assert relations <= {"continue", "split", "merge", "emerge", "fade"}
    metrics = json.loads(params.paths.evolution_metrics.read_text())["topic_lineages"]
    assert metrics["threshold_chosen_by"] == "stability"
    assert str(metrics["threshold"]) in metrics["threshold_kappa"]
    shown = read_csv(TREND_LINEAGE_PASSAGES, params.paths.trends / TREND_LINEAGE_PASSAGES.file)
    ends = {(r.period_from, r.topic_from) for r in lineages.itertuples()} - {(None, -1)}
    have = set(
        zip(shown.column("period").to_pylist(), shown.column("topic_id").to_pylist(), strict=True)
    )
    assert {e for e in ends if e[1] != -1} <= have  # every end of a link has its passages


def test_early_cluster_themes_flow_into_later_hub_themes(sample):
    params, lineages = sample
    topics = pd.read_parquet(params.paths.topics)
    side = {
        int(t): _side(terms)
        for t, terms in zip(topics["topic_id"], topics["top_terms"], strict=True)
    }
    # A link carries the earlier topic's passages forward whether it continues, splits or
    # merges into the later one (a merge is two branches joining, seen from the later end).
    links = lineages[lineages["relation"].isin(["continue", "split", "merge"])]
    successors: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for row in links.itertuples():
        successors.setdefault((row.period_from, row.topic_from), []).append(
            (row.period_to, row.topic_to)
        )
    reached = set()
    frontier = [n for n in successors if _start(n[0]) <= 2011 and side[n[1]] == "cluster"]
    assert frontier, "no cluster/pôle topic in 2005-2011"
    while frontier:
        node = frontier.pop()
        for nxt in successors.get(node, []):
            if nxt not in reached:
                reached.add(nxt)
                frontier.append(nxt)
    assert any(_start(p) >= 2013 and side[t] == "hub" for p, t in reached), reached


def test_placebo_shuffled_years_show_no_more_change_than_the_null(sample):
    """The sample corpus with its documents' years shuffled (seeded): one draw of the null."""
    params, _ = sample
    periods = read_csv(TREND_PERIODS, params.paths.trends / TREND_PERIODS.file).to_pandas()
    order = list(dict.fromkeys(periods.sort_values(["year", "doc_id"])["period"]))
    rng = np.random.default_rng(20)
    shuffled = dict(
        zip(periods["doc_id"], rng.permutation(periods["period"].to_numpy()), strict=True)
    )
    placebo = topic_lineages(params, shuffled, order).metrics["placebo"]
    assert placebo["p_value"] > params.evolution.alpha
    assert placebo["observed"] <= placebo["null_p95"]


def test_lineages_are_the_same_on_a_rerun(sample):
    params, lineages = sample
    periods = read_csv(TREND_PERIODS, params.paths.trends / TREND_PERIODS.file).to_pandas()
    order = list(dict.fromkeys(periods.sort_values(["year", "doc_id"])["period"]))
    again = topic_lineages(
        params, dict(zip(periods["doc_id"], periods["period"], strict=True)), order
    )
    frame = pd.DataFrame(again.rows, columns=TREND_TOPIC_LINEAGES.schema.names)
    pd.testing.assert_frame_equal(
        frame.astype(lineages.dtypes.to_dict()), lineages, check_dtype=False
    )


def test_lineage_vectors_are_centred_on_each_language_as_the_topics_were(sample):
    """Centroid cosines compare themes: neither language keeps its offset in the vectors."""
    params, _ = sample
    periods = read_csv(TREND_PERIODS, params.paths.trends / TREND_PERIODS.file).to_pandas()
    frame = _passages(params, dict(zip(periods["doc_id"], periods["period"], strict=True)))
    vectors = _embeddings(params, frame)
    langs = frame["lang"].to_numpy()
    assert {"en", "fr"} <= set(langs) and params.topics.center_languages
    means = {lang: vectors[langs == lang].mean(axis=0) for lang in ("en", "fr")}
    # Uncentred, the two languages' means sit far apart; centred, both are near the origin.
    assert all(np.linalg.norm(m) < 0.1 for m in means.values()), {
        lang: float(np.linalg.norm(m)) for lang, m in means.items()
    }
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
