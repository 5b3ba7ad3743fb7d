import math

from corpus_mining.nlp.cooccurrence import cooccurrence_rows


def test_counts_pmi_and_g2():
    a, b, c = ("entity", "E1"), ("entity", "E2"), ("concept", "HUB")
    units = [("p1", "d1", {a, b, c}), ("p2", "d1", {a, b}), ("p3", "d2", {a}), ("p4", "d2", {c})]
    rows = cooccurrence_rows(units, {a: "A", b: "B", c: "hub"}, min_count=1)
    pair = next(r for r in rows if {r["source_id"], r["target_id"]} == {"E1", "E2"})
    assert pair["n_passages"] == 2 and pair["n_docs"] == 1
    assert math.isclose(pair["pmi"], math.log2(2 * 4 / (3 * 2)), abs_tol=1e-5)
    assert pair["g2"] > 0
    concept_pairs = [r for r in rows if r["target_kind"] == "concept"]
    assert all(r["source_kind"] == "entity" for r in concept_pairs)
    assert not any(r["source_kind"] == r["target_kind"] == "concept" for r in rows)


def test_min_count_and_empty_input():
    a, b = ("entity", "E1"), ("entity", "E2")
    assert cooccurrence_rows([("p1", "d1", {a, b})], {}, min_count=2) == []
    assert cooccurrence_rows([], {}, min_count=1) == []
