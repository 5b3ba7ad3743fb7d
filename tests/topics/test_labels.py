import dataclasses
import random
import textwrap
from pathlib import Path

import pytest
import yaml

from corpus_mining.errors import ParamsError
from corpus_mining.topics.labels import (
    HumanLabel,
    LabelSignature,
    TopicSignature,
    label_report_rows,
    load_topic_labels,
    match_labels,
    parse_topic_labels,
    signature_score,
    signature_template,
)

SHIPPED = Path(__file__).resolve().parents[2] / "corpus" / "topic_labels.yaml"
THRESHOLD = 0.3

SSE_TERMS = ["économie sociale", "solidaire", "ESS", "coopérative", "insertion", "emploi"]
CLUSTER_TERMS = ["cluster", "pôle de compétitivité", "innovation", "filière", "entreprises"]
THIRD_PLACE_TERMS = ["tiers-lieu", "coworking", "fablab", "communauté", "espace"]
OUTLIER_TERMS = ["rapport", "annexe", "page", "tableau"]


def pid(doc: str, n: int) -> str:
    return f"{doc * 16}-{n:04d}"


def topic(topic_id: int, terms: list[str], doc: str, reps: range, members: range) -> TopicSignature:
    return TopicSignature(
        topic_id=topic_id,
        top_terms=terms,
        passages=[pid(doc, n) for n in reps],
        members=frozenset(pid(doc, n) for n in members),
    )


def run_one() -> list[TopicSignature]:
    return [
        topic(-1, OUTLIER_TERMS, "f", range(3), range(10)),
        topic(0, SSE_TERMS, "a", range(6), range(12)),
        topic(1, CLUSTER_TERMS, "b", range(6), range(9)),
        topic(2, THIRD_PLACE_TERMS, "c", range(6), range(8)),
    ]


def label_for(t: TopicSignature, text: str, **extra: object) -> HumanLabel:
    return HumanLabel.model_validate(
        {"label": text, "top_terms": list(t.top_terms), "passages": list(t.passages), **extra}
    )


def run_one_labels() -> list[HumanLabel]:
    topics = {t.topic_id: t for t in run_one()}
    return [
        label_for(topics[0], "Social economy", note="SSE broadly"),
        label_for(topics[1], "Clusters"),
        label_for(topics[2], "Third places"),
    ]


def renumber(topics: list[TopicSignature], mapping: dict[int, int]) -> list[TopicSignature]:
    return [dataclasses.replace(t, topic_id=mapping.get(t.topic_id, t.topic_id)) for t in topics]


def labels_by_topic(topics: list[TopicSignature], labels: list[HumanLabel]) -> dict[int, str]:
    matches = match_labels(labels, topics, threshold=THRESHOLD)
    return {topic_id: applied.label for topic_id, applied in matches.assigned.items()}


def test_labels_follow_renumbered_topics() -> None:
    topics = renumber(run_one(), {0: 2, 1: 0, 2: 1})
    matches = match_labels(run_one_labels(), topics, threshold=THRESHOLD)
    assert {t: a.label for t, a in matches.assigned.items()} == {
        2: "Social economy",
        0: "Clusters",
        1: "Third places",
    }
    assert matches.assigned[2].note == "SSE broadly"
    assert all(a.score == pytest.approx(1.0) for a in matches.assigned.values())
    assert matches.merges == []
    assert matches.unmatched == []


def test_label_follows_topic_that_grew_and_drifted() -> None:
    grown = TopicSignature(
        topic_id=5,
        # Two terms replaced, case and accents changed: still the same topic.
        top_terms=["Economie sociale", "SOLIDAIRE", "ess", "coopérative", "utilité", "territoire"],
        passages=[pid("a", n) for n in (0, 1, 2, 3)] + [pid("d", 0), pid("d", 1)],
        members=frozenset([pid("a", n) for n in range(11)] + [pid("d", n) for n in range(4)]),
    )
    topics = [grown if t.topic_id == 0 else t for t in renumber(run_one(), {1: 3, 2: 4})]
    matches = match_labels(run_one_labels(), topics, threshold=THRESHOLD)
    assert matches.assigned[5].label == "Social economy"
    assert THRESHOLD <= matches.assigned[5].score < 1
    assert {matches.assigned[3].label, matches.assigned[4].label} == {"Clusters", "Third places"}


def test_vanished_topic_leaves_its_label_unmatched_with_reason() -> None:
    # The third-places documents were removed and their remaining passages became outliers.
    outliers, sse, clusters, _ = run_one()
    outliers = dataclasses.replace(outliers, members=outliers.members | {pid("c", 0), pid("c", 1)})
    topics = [outliers, sse, clusters]
    matches = match_labels(run_one_labels(), topics, threshold=THRESHOLD)
    assert "Third places" not in {a.label for a in matches.assigned.values()}
    [miss] = matches.unmatched
    assert miss.label == "Third places"
    assert miss.signature == "primary"
    assert miss.best_score < THRESHOLD
    assert miss.reason.startswith("no topic reaches the threshold (best ")
    assert f"for topic {miss.best_topic})" in miss.reason
    rows = label_report_rows(matches, run_one_labels())
    assert [r["status"] for r in rows if r["label"] == "Third places"] == ["unmatched"]


def test_better_label_wins_a_contested_topic_and_the_other_is_reported() -> None:
    topics = run_one()
    weaker = HumanLabel(
        label="Cooperatives",
        top_terms=["coopérative", "solidaire", "ess", "scop"],
        passages=[pid("a", 0), pid("a", 1), pid("f", 0), pid("f", 1)],
    )
    stronger = label_for(topics[1], "Social economy")
    matches = match_labels([weaker, stronger], topics, threshold=THRESHOLD)
    assert matches.assigned[0].label == "Social economy"
    [miss] = matches.unmatched
    assert miss.label == "Cooperatives"
    assert miss.best_topic == 0
    assert THRESHOLD <= miss.best_score < matches.assigned[0].score
    assert miss.reason.startswith("its topic was taken by a better-matching label")
    assert "'Social economy'" in miss.reason


def test_equal_scores_go_to_the_earlier_label() -> None:
    topics = run_one()
    first, second = label_for(topics[1], "First"), label_for(topics[1], "Second")
    matches = match_labels([first, second], topics, threshold=THRESHOLD)
    assert matches.assigned[0].label == "First"
    assert "equally matching earlier label" in matches.unmatched[0].reason


def test_merge_entries_produce_a_merge_group() -> None:
    topics = run_one()
    merged = label_for(
        topics[1],
        "Social economy and clusters",
        merge=[{"top_terms": CLUSTER_TERMS, "passages": list(topics[2].passages)}],
    )
    matches = match_labels([merged, label_for(topics[3], "Third places")], topics, threshold=0.3)
    assert matches.merges == [[0, 1]]
    assert matches.assigned[0].signature == "primary"
    assert matches.assigned[1].signature == "merge.0"
    assert {matches.assigned[t].label for t in (0, 1)} == {"Social economy and clusters"}
    rows = label_report_rows(matches, [merged])
    assert rows[0]["status"] == "merged"
    assert rows[0]["topic_ids"] == "0;1"


def test_unmatched_merge_signature_is_reported_under_its_name() -> None:
    topics = run_one()
    label = label_for(topics[1], "Social economy", merge=[{"top_terms": ["agriculture"]}])
    matches = match_labels([label], topics, threshold=THRESHOLD)
    assert matches.merges == []
    [miss] = matches.unmatched
    assert miss.signature == "merge.0"
    assert miss.reason.startswith("merge.0: no topic reaches the threshold")
    statuses = [r["status"] for r in label_report_rows(matches, [label])]
    assert statuses == ["applied", "unmatched"]


def test_outlier_topic_is_never_labelled() -> None:
    topics = run_one()
    outliers = label_for(topics[0], "Noise")
    matches = match_labels([outliers], topics, threshold=THRESHOLD)
    assert -1 not in matches.assigned
    assert [m.label for m in matches.unmatched] == ["Noise"]
    only_outliers = match_labels([outliers], topics[:1], threshold=THRESHOLD)
    assert only_outliers.assigned == {}
    assert only_outliers.unmatched[0].best_topic is None
    assert only_outliers.unmatched[0].reason.startswith("there are no topics to match")


def test_output_does_not_depend_on_topic_order() -> None:
    topics = run_one()
    labels = [
        *run_one_labels(),
        HumanLabel(label="Cooperatives", top_terms=["coopérative", "solidaire", "ess"]),
        HumanLabel(label="Nothing", top_terms=["agriculture"]),
    ]
    expected = match_labels(labels, topics, threshold=THRESHOLD)
    rows = label_report_rows(expected, labels)
    for seed in range(5):
        shuffled = random.Random(seed).sample(topics, len(topics))
        again = match_labels(labels, shuffled, threshold=THRESHOLD)
        assert again == expected
        assert list(again.assigned) == list(expected.assigned)
        assert label_report_rows(again, labels) == rows
        assert signature_template(shuffled) == signature_template(topics)


def test_report_rows_cover_every_label_in_a_stable_order() -> None:
    labels = run_one_labels()
    topics = [t for t in run_one() if t.topic_id != 1]
    rows = label_report_rows(match_labels(labels, topics, threshold=THRESHOLD), labels)
    assert [(r["label"], r["status"], r["topic_ids"]) for r in rows] == [
        ("Clusters", "unmatched", ""),
        ("Social economy", "applied", "0"),
        ("Third places", "applied", "2"),
    ]
    assert set(rows[0]) == {"label", "status", "topic_ids", "score", "reason"}


def test_empty_inputs_and_bad_threshold() -> None:
    empty = match_labels([], run_one(), threshold=THRESHOLD)
    assert (empty.assigned, empty.merges, empty.unmatched) == ({}, [], [])
    assert label_report_rows(empty, []) == []
    for bad in (0.0, 1.5):
        with pytest.raises(ValueError, match="threshold"):
            match_labels([], [], threshold=bad)
    with pytest.raises(ValueError, match="unique"):
        match_labels([], run_one() + run_one()[:1], threshold=THRESHOLD)


def test_score_properties() -> None:
    t = run_one()[1]
    known = {p for other in run_one() for p in other.members}
    same = LabelSignature(top_terms=list(t.top_terms), passages=list(t.passages))
    assert signature_score(same, t, known_passages=known) == pytest.approx(1.0)
    folded = LabelSignature(top_terms=["ECONOMIE SOCIALE", "Solidaire", "ess"])
    assert signature_score(folded, t, known_passages=known) == pytest.approx(3 / 6)
    disjoint = LabelSignature(top_terms=["agriculture"], passages=[pid("b", 0)])
    assert signature_score(disjoint, t, known_passages=known) == 0.0
    # Passages gone from the corpus are not evidence either way: terms decide alone.
    gone = LabelSignature(top_terms=list(t.top_terms), passages=[pid("e", 0)])
    assert signature_score(gone, t, known_passages=known) == pytest.approx(1.0)
    # Sharing vocabulary without the passages cannot outweigh the passages.
    terms_only = LabelSignature(top_terms=list(t.top_terms), passages=[pid("b", 0)])
    passages_only = LabelSignature(top_terms=["agriculture"], passages=list(t.passages))
    weak = signature_score(terms_only, t, known_passages=known)
    assert weak < signature_score(passages_only, t, known_passages=known)


def test_signature_template_round_trips() -> None:
    topics = renumber(run_one(), {0: 7})
    text = signature_template(topics)
    assert "rapport" not in text  # the outliers are left out
    entries = [line[2:] for line in text.splitlines() if line.startswith("#   ")]
    raw = "labels:\n" + "\n".join(entries).replace('label: ""', 'label: "T"', 1)
    raw = raw.replace('label: ""', 'label: "U"', 1).replace('label: ""', 'label: "V"', 1)
    labels = parse_topic_labels(yaml.safe_load(raw))
    matches = match_labels(labels, topics, threshold=THRESHOLD)
    assert {t: a.label for t, a in matches.assigned.items()} == {1: "T", 2: "U", 7: "V"}
    assert all(a.score == pytest.approx(1.0) for a in matches.assigned.values())


def test_shipped_file_and_its_example_load(tmp_path: Path) -> None:
    assert load_topic_labels(SHIPPED) == []
    lines = SHIPPED.read_text(encoding="utf-8").split("# Example", 1)[1].splitlines()
    example = "labels:\n" + "\n".join(line[2:] for line in lines if line.startswith("#   "))
    [entry] = parse_topic_labels(yaml.safe_load(example))
    assert entry.label and len(entry.signatures()) == 2


def test_missing_or_empty_file_means_no_labels(tmp_path: Path) -> None:
    assert load_topic_labels(tmp_path / "absent.yaml") == []
    (tmp_path / "empty.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert load_topic_labels(tmp_path / "empty.yaml") == []


@pytest.mark.parametrize(
    ("content", "key"),
    [
        ("- label: x\n    top_terms: [a]\n    pasages: [p]", "labels.0.pasages: unknown key"),
        ("- top_terms: [a]\n    passages: [p]", "labels.0.label: Field required"),
        ("- label: x\n    top_terms: [a]\n  - note: y\n    passages: [p]", "labels.1.label"),
        ("- label: ''\n    top_terms: [a]", "labels.0.label"),
        ("- label: x", "labels.0: Value error, give top_terms or passages"),
        ("- label: x\n    top_terms: [a]\n    merge: [{top_terms: [b], note: n}]", "merge.0.note"),
        ("- label: x\n    top_terms: [a]\n  - label: X\n    passages: [p]", "labels.1.label"),
    ],
)
def test_bad_file_names_file_and_key_on_one_line(tmp_path: Path, content: str, key: str) -> None:
    path = tmp_path / "topic_labels.yaml"
    path.write_text("labels:\n  " + textwrap.dedent(content) + "\n", encoding="utf-8")
    with pytest.raises(ParamsError) as caught:
        load_topic_labels(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert key in message
    assert "\n" not in message


@pytest.mark.parametrize("content", ["labels: [unclosed\n", "- label: x\n"])
def test_unreadable_file_is_one_line(tmp_path: Path, content: str) -> None:
    path = tmp_path / "topic_labels.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ParamsError) as caught:
        load_topic_labels(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert "\n" not in str(caught.value)
