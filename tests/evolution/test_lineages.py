"""Topic lineages on small made-up periods: relations, no look-ahead, threshold, placebo."""

from __future__ import annotations

import dataclasses

import numpy as np

from corpus_mining.evolution.lineage_cells import (
    Cells,
    cells_of,
    describe,
    describe_cells,
    topic_terms,
)
from corpus_mining.evolution.lineage_checks import (
    THRESHOLD_GRID,
    bootstrap_weights,
    change_share,
    choose_threshold,
    placebo_test,
    shuffle_periods,
)
from corpus_mining.evolution.lineages import (
    NO_TOPIC,
    Units,
    count_words,
    lineage_rows,
    make_units,
    steps,
)
from corpus_mining.topics.representation import (
    make_vectorizer,
    stop_words,
    top_terms_by_language,
)

ORDER = ["p1", "p2", "p3"]
DIM = 12
# topic -> (embedding direction(s), words); topic 3 in p1 is what splits into 3 and 4.
WORDS = {
    0: "harbour crane dock",
    1: "orchard cider apple",
    2: "violin concert score",
    3: "glacier summit rope",
    4: "glacier summit ski",
    5: "bakery bread oven",
}
# period -> [(topic, direction, units)]: 0 continues; 1 fades after p1; 2 emerges in p2;
# 3 splits into 3 and 4 in p2; 3 and 4 merge into 3 in p3; 5 stays as a bystander.
PLAN = {
    "p1": [(0, [0], 6), (1, [1], 6), (3, [3, 4], 8), (5, [5], 6)],
    "p2": [(0, [0], 6), (2, [2], 6), (3, [3], 6), (4, [4], 6), (5, [5], 6)],
    "p3": [(0, [0], 6), (2, [2], 6), (3, [3, 4], 8), (5, [5], 6)],
}


def _units(
    plan: dict[str, list[tuple[int, list[int], int]]] = PLAN, seed: int = 0
) -> tuple[Units, list[str]]:
    rng = np.random.default_rng(seed)
    rows, topics, periods, lemmas, docs = [], [], [], [], []
    for period, groups in plan.items():
        for topic, axes, n in groups:
            for k in range(n):
                vector = np.zeros(DIM)
                vector[axes] = 1.0
                rows.append(vector + rng.normal(0, 0.15, DIM))
                topics.append(topic)
                periods.append(period)
                lemmas.append(
                    f"{WORDS.get(topic, 'static noise hum')} {WORDS[axes[-1]] if k % 2 else ''}"
                )
                docs.append(f"{period}-{topic}-{k % 3}")
    units = make_units(np.asarray(rows), topics, periods, lemmas, stop_words=stop_words([]))
    return units, docs


def _lineage(units: Units, *, min_passages: int = 3):
    nodes = describe(units, ORDER, min_passages=min_passages, top_n=5)
    return steps(nodes, ORDER, weight=0.7)


def _weighted(cells: Cells):
    """The lineage of a weighting of ``cells``' documents, as the stage builds it."""

    def lineage(weights: np.ndarray):
        nodes = describe_cells(cells, weights, min_passages=3, top_n=5)
        return steps(nodes, ORDER, weight=0.7)

    return lineage


def _relations(rows):
    return {
        (r["period_from"], r["topic_from"], r["period_to"], r["topic_to"]): r["relation"]
        for r in rows
    }


def test_each_relation_is_found_where_it_was_planted():
    units, _ = _units()
    rows = lineage_rows(_lineage(units), threshold=0.3)
    found = _relations(rows)
    assert found[("p1", 0, "p2", 0)] == "continue" and found[("p2", 5, "p3", 5)] == "continue"
    assert found[("p1", 3, "p2", 3)] == found[("p1", 3, "p2", 4)] == "split"
    assert found[("p2", 3, "p3", 3)] == found[("p2", 4, "p3", 3)] == "merge"
    assert found[("p1", 1, "p2", NO_TOPIC)] == "fade"
    assert found[("p1", NO_TOPIC, "p2", 2)] == "emerge"
    assert ("p1", 1, "p2", 2) not in found  # unrelated topics are not linked
    assert {r["relation"] for r in rows} == {"continue", "split", "merge", "emerge", "fade"}
    split = next(r for r in rows if r["topic_from"] == 3 and r["topic_to"] == 4)
    assert "glacier" in split["shared_terms"] and split["n_passages_from"] == 8


def test_rows_are_sorted_keyed_and_deterministic():
    rows = lineage_rows(_lineage(_units()[0]), threshold=0.3)
    keys = [(r["period_from"], r["topic_from"], r["period_to"], r["topic_to"]) for r in rows]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert rows == lineage_rows(_lineage(_units()[0]), threshold=0.3)


def test_a_period_is_described_by_its_own_passages_only():
    """No look-ahead: changing the last period leaves the earlier periods' nodes unchanged."""
    before = describe(_units()[0], ORDER, min_passages=3, top_n=5)
    changed = {**PLAN, "p3": [(1, [1], 9), (2, [0, 2], 9)]}
    after = describe(_units(changed)[0], ORDER, min_passages=3, top_n=5)
    for period in ("p1", "p2"):
        assert [(n.topic, n.n_passages, n.terms) for n in before[period]] == [
            (n.topic, n.n_passages, n.terms) for n in after[period]
        ]
        for a, b in zip(before[period], after[period], strict=True):
            np.testing.assert_allclose(a.centroid, b.centroid)


def test_small_topics_and_outliers_are_not_nodes():
    plan = {**PLAN, "p2": [*PLAN["p2"], (NO_TOPIC, [1], 9), (1, [1], 2)]}
    nodes = describe(_units(plan)[0], ORDER, min_passages=3, top_n=5)
    assert {n.topic for n in nodes["p2"]} == {0, 2, 3, 4, 5}


def test_threshold_is_chosen_by_stability_from_the_grid():
    units, docs = _units()
    cells = cells_of(units, ORDER, docs)
    choice = choose_threshold(cells, _weighted(cells), n_boot=5, seed=3)
    assert choice.threshold in THRESHOLD_GRID and set(choice.kappa) == set(THRESHOLD_GRID)
    assert choice.kappa[choice.threshold] == max(choice.kappa.values()) > 0.5
    assert choice == choose_threshold(cells, _weighted(cells), n_boot=5, seed=3)


def test_shuffling_keeps_each_documents_passages_together_and_period_sizes():
    units, docs = _units()
    shuffled = shuffle_periods(docs, units.periods, np.random.default_rng(0))
    by_doc: dict[str, str | None] = {}
    for doc, period in zip(docs, shuffled, strict=True):
        assert by_doc.setdefault(doc, period) == period
    original = dict(zip(docs, units.periods, strict=True))
    assert sorted(map(str, by_doc.values())) == sorted(map(str, original.values()))
    assert by_doc != original


def test_placebo_shuffled_dates_are_rejected_no_more_often_than_alpha():
    """Each corpus with shuffled dates is one draw of the null: its p-value is uniform, so at
    most about alpha of them look like change (binomial: 40 draws, 2 expected, 7 allowed)."""
    units, docs = _units()
    rejected = 0
    for draw in range(40):
        shuffled = shuffle_periods(docs, units.periods, np.random.default_rng(1000 + draw))
        cells = cells_of(dataclasses.replace(units, periods=shuffled), ORDER, docs)
        result = placebo_test(cells, _weighted(cells), threshold=0.3, permutations=19, seed=draw)
        rejected += result.p_value <= 0.05
    assert rejected <= 6


def test_placebo_reports_the_observed_change_share_and_its_null():
    units, docs = _units()
    cells = cells_of(units, ORDER, docs)
    result = placebo_test(cells, _weighted(cells), threshold=0.3, permutations=9, seed=0)
    assert result.observed == round(change_share(_lineage(units), threshold=0.3), 6)
    assert 0 < result.p_value <= 1 and result.permutations == 9
    assert result == placebo_test(cells, _weighted(cells), threshold=0.3, permutations=9, seed=0)


def test_change_share_counts_the_rows_lineage_rows_writes():
    found = _lineage(_units()[0])
    for threshold in (0.1, 0.3, 0.6, 0.95):
        rows = lineage_rows(found, threshold=threshold)
        share = sum(r["relation"] != "continue" for r in rows) / len(rows)
        assert change_share(found, threshold=threshold) == share


def test_weighted_cells_describe_what_the_resampled_passages_describe():
    """A bootstrap weight of k on a document gives the nodes of its passages repeated k times."""
    units, docs = _units()
    cells = cells_of(units, ORDER, docs)
    weights = bootstrap_weights(cells, np.random.default_rng(7))
    rows = [
        i
        for d, doc in enumerate(cells.docs)
        for i in np.flatnonzero(np.asarray(docs) == doc)
        for _ in range(int(weights[:, d].sum()))
    ]
    repeated = Units(
        units.embeddings[rows],
        [units.topics[i] for i in rows],
        [units.periods[i] for i in rows],
        units.counts[rows],
        units.vocabulary,
    )
    expected = describe(repeated, ORDER, min_passages=3, top_n=5)
    found = describe_cells(cells, weights, min_passages=3, top_n=5)
    assert set(found) == set(expected)
    for period, nodes in found.items():
        assert [(n.topic, n.n_passages, n.terms) for n in nodes] == [
            (n.topic, n.n_passages, n.terms) for n in expected[period]
        ]
        for a, b in zip(nodes, expected[period], strict=True):
            np.testing.assert_allclose(a.centroid, b.centroid, atol=1e-12)


TEXTS = [
    "Les tiers-lieux ruraux et le Hub numérique d'Occitanie",
    "the cluster's l'économie sociale, clusters 2021 and a_b x",
    "",
    "le la les et",
    "Réseau réseau RÉSEAU pôles-de-compétitivité",
]


def test_word_counts_are_count_vectorizers_single_words():
    stops = stop_words(["hub"])
    vectorizer = make_vectorizer(min_df=1, ngram_max=1, extra_stop_words=["hub"], n_docs=1)
    expected = vectorizer.fit_transform(TEXTS)
    counts, vocabulary = count_words(TEXTS, stop_words=stops)
    assert list(vocabulary) == list(vectorizer.get_feature_names_out())
    assert (counts != expected).nnz == 0


def test_period_terms_are_top_terms_by_language_with_periods_for_languages():
    units, _ = _units()
    vectorizer = make_vectorizer(min_df=1, ngram_max=1, extra_stop_words=[], n_docs=1)
    rows = [units.counts[i] for i in range(len(units.topics))]
    lemmas = [
        " ".join(
            f"{units.vocabulary[j]} " * int(n) for j, n in zip(row.indices, row.data, strict=True)
        )
        for row in rows
    ]
    periods = [str(p) for p in units.periods]
    expected = top_terms_by_language(lemmas, units.topics, periods, vectorizer, top_n=5)
    found = topic_terms(cells_of(units, ORDER), top_n=5)
    assert found == {key: tuple(term for term, _ in ranked) for key, ranked in expected.items()}


def test_nodes_without_any_term_have_empty_terms():
    units, docs = _units()
    silent = make_units(
        units.embeddings, units.topics, units.periods, ["le la et"] * len(docs),
        stop_words=stop_words([]),
    )  # fmt: skip
    nodes = describe(silent, ORDER, min_passages=3, top_n=5)
    assert nodes["p1"] and all(node.terms == () for period in ORDER for node in nodes[period])
