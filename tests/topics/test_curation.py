"""Reviewers' splits of topics on small made-up topics: matching by content, cuts, reports."""

from __future__ import annotations

import numpy as np
import pytest

from corpus_mining.errors import ParamsError
from corpus_mining.topics.curation import (
    TopicSplit,
    apply_splits,
    cut,
    load_topic_splits,
    match_splits,
    split_report_rows,
)
from corpus_mining.topics.labels import TopicSignature, load_topic_labels

from helpers import ROOT

SPLIT_YAML = """\
labels:
  - label: "Harbours"
    top_terms: [harbour, dock]
splits:
  - top_terms: [glacier, summit, rope]
    passages: [m-01, m-02]
    into: 2
    note: "rock and ice are two themes"
"""


def _signatures(ids: dict[int, int]) -> list[TopicSignature]:
    """Three topics; ``ids`` renames them (a re-run numbers topics differently)."""
    content = {
        0: (["harbour", "dock", "crane"], [f"h-{i:02d}" for i in range(6)]),
        1: (["glacier", "summit", "rope"], [f"m-{i:02d}" for i in range(8)]),
        2: (["bakery", "bread", "oven"], [f"b-{i:02d}" for i in range(6)]),
    }
    return [
        TopicSignature(ids[k], terms, members[:2], frozenset(members))
        for k, (terms, members) in content.items()
    ]


def test_splits_are_read_next_to_labels(tmp_path):
    path = tmp_path / "topic_labels.yaml"
    path.write_text(SPLIT_YAML, encoding="utf-8")
    (split,) = load_topic_splits(path)
    assert split.into == 2 and split.passages == ["m-01", "m-02"]
    assert [label.label for label in load_topic_labels(path)] == ["Harbours"]
    assert load_topic_splits(tmp_path / "absent.yaml") == []


@pytest.mark.parametrize(
    ("entry", "key"),
    [
        ("  - top_terms: [a]\n    into: 1\n", "into"),
        ("  - top_terms: [a]\n    parts: 2\n", "parts"),
    ],
)
def test_a_bad_split_names_the_file_and_key(tmp_path, entry, key):
    path = tmp_path / "topic_labels.yaml"
    path.write_text("splits:\n" + entry, encoding="utf-8")
    with pytest.raises(ParamsError, match=rf"topic_labels.yaml.*splits\.0\.{key}"):
        load_topic_splits(path)


def test_a_split_follows_its_topic_by_content_across_reruns():
    split = TopicSplit(top_terms=["glacier", "summit", "rope"], passages=["m-01", "m-02"])
    for ids in ({0: 0, 1: 1, 2: 2}, {0: 2, 1: 0, 2: 1}):
        ((_, topic, score, reason),) = match_splits([split], _signatures(ids), threshold=0.4)
        assert topic == ids[1] and score == 1.0 and reason == ""


def test_a_split_that_matches_nothing_is_reported_with_its_best_candidate():
    stale = TopicSplit(top_terms=["violin", "concert"], passages=["gone-1"])
    taken = TopicSplit(top_terms=["glacier", "summit"])
    best = TopicSplit(top_terms=["glacier", "summit", "rope"])
    matched = match_splits([stale, taken, best], _signatures({0: 0, 1: 1, 2: 2}), threshold=0.4)
    assert matched[0][1] is None and "no topic reaches the threshold" in matched[0][3]
    assert matched[1][1] is None and "taken by a better-matching split" in matched[1][3]
    assert matched[2][1] == 1
    rows = split_report_rows(
        apply_splits(
            [stale], _signatures({0: 0, 1: 1, 2: 2}), [0, 1], np.eye(2), threshold=0.4, seed=0
        )[1]
    )
    assert [(r["status"], r["label"]) for r in rows] == [("unmatched", "split: violin, concert")]


def _blobs() -> tuple[list[int], np.ndarray]:
    """Topic 1 holds two well-separated groups of units; topics 0 and 2 are one group each."""
    rng = np.random.default_rng(0)
    centres = {0: [5, 0, 0, 0], 1: [0, 5, 0, 0], 2: [0, 0, 5, 0], 3: [0, 0, 0, 5]}
    topics, rows = [], []
    for topic, centre in ((0, 0), (1, 1), (1, 3), (2, 2), (1, 1), (1, 3)):
        for _ in range(4):
            topics.append(topic)
            rows.append(np.asarray(centres[centre], dtype=float) + rng.normal(0, 0.2, 4))
    return topics, np.asarray(rows)


def test_cut_separates_the_groups_keeps_the_id_of_the_first_and_is_deterministic():
    topics, embeddings = _blobs()
    new = cut(topics, embeddings, 1, 2, seed=7)
    assert new == cut(topics, embeddings, 1, 2, seed=7)
    assert [t for t, old in zip(new, topics, strict=True) if old != 1] == [0] * 4 + [2] * 4
    assert new[4:8] == [1] * 4 and new[8:12] == [3] * 4  # first part keeps 1, the other is 3
    assert new[16:20] == [1] * 4 and new[20:24] == [3] * 4


def test_apply_splits_cuts_matched_topics_and_reports_them():
    topics, embeddings = _blobs()
    members = {1: [f"m-{i:02d}" for i, t in enumerate(topics) if t == 1]}
    signatures = [
        TopicSignature(0, ["harbour"], [], frozenset()),
        TopicSignature(1, ["glacier"], members[1][:2], frozenset(members[1])),
        TopicSignature(2, ["bakery"], [], frozenset()),
    ]
    split = TopicSplit(passages=members[1][:2], into=2)
    too_many = TopicSplit(top_terms=["harbour"], into=5)
    new, outcomes = apply_splits(
        [split, too_many], signatures, topics, embeddings, threshold=0.4, seed=0
    )
    assert sorted(set(new)) == [0, 1, 2, 3] and outcomes[0].parts == (1, 3)
    assert outcomes[1].topic is None and "4 passages, fewer than 5" in outcomes[1].reason
    rows = split_report_rows(outcomes)
    assert [(r["status"], r["topic_ids"]) for r in rows] == [("split", "1;3"), ("unmatched", "")]


def test_the_shipped_split_example_loads(tmp_path):
    shipped = ROOT / "corpus" / "topic_labels.yaml"
    assert load_topic_splits(shipped) == []
    block = shipped.read_text(encoding="utf-8").split("# Splits", 1)[1].split("# Example", 1)[0]
    example = "\n".join(line[2:] for line in block.splitlines() if line.startswith("#   "))
    (tmp_path / "topic_labels.yaml").write_text(example, encoding="utf-8")
    (split,) = load_topic_splits(tmp_path / "topic_labels.yaml")
    assert split.into == 2 and split.top_terms and split.passages
