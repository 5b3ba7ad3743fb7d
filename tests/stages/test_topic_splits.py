"""A reviewer's split on the shipped sample corpus: applied before every table, kept on re-run."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
import yaml

from corpus_mining.io import read_csv
from corpus_mining.schemas import TOPIC_LABEL_REPORT, TREND_TOPICS
from corpus_mining.stages.evolution import run_evolution
from corpus_mining.stages.topics import run_topics

from helpers import project_params

pytestmark = [pytest.mark.slow(cost=3), pytest.mark.xdist_group("sample-project")]


@pytest.fixture(scope="module")
def split_run(sample_project, tmp_path_factory):
    before = project_params(sample_project)
    copy = tmp_path_factory.mktemp("split-sample")
    shutil.copytree(sample_project, copy, dirs_exist_ok=True)  # corpus, outputs, cache
    params = project_params(copy)
    topics = pd.read_parquet(before.paths.topics)
    biggest = topics[topics["topic_id"] != -1].sort_values(["size", "topic_id"]).iloc[-1]
    examples = pd.read_parquet(before.paths.topic_passages)
    passages = sorted(examples.loc[examples["topic_id"] == biggest["topic_id"], "passage_id"])
    splits = [
        {"top_terms": list(biggest["top_terms"]), "passages": passages, "into": 2},
        {"top_terms": ["violon", "orchestre"], "passages": ["0000000000000000-0001"]},
    ]
    params.paths.topic_labels.write_text(yaml.safe_dump({"splits": splits}), encoding="utf-8")
    run_topics(params)
    first = params.paths.passage_topics.read_bytes()
    run_topics(params)  # a re-run finds the topic again by content
    run_evolution(params)
    return before, params, int(biggest["topic_id"]), first


def test_the_split_topic_is_cut_in_two_and_nothing_else_moves(split_run):
    before, params, topic, _ = split_run
    old = pd.read_parquet(before.paths.passage_topics).set_index("passage_id")["topic_id"]
    new = pd.read_parquet(params.paths.passage_topics).set_index("passage_id")["topic_id"]
    part = int(old.max()) + 1
    assert set(new[old == topic]) == {topic, part}
    assert (new[old != topic] == old[old != topic]).all()
    sizes = pd.read_parquet(params.paths.topics).set_index("topic_id")["size"]
    assert sizes[topic] + sizes[part] == (old == topic).sum()


def test_the_label_report_lists_the_split_and_the_stale_one(split_run):
    before, params, topic, _ = split_run
    part = int(pd.read_parquet(before.paths.topics)["topic_id"].max()) + 1
    report = read_csv(TOPIC_LABEL_REPORT, params.paths.topic_label_report).to_pandas()
    rows = dict(zip(report["status"], report["topic_ids"], strict=True))
    assert rows["split"] == f"{topic};{part}"
    unmatched = report[report["status"] == "unmatched"]
    assert list(unmatched["label"]) == ["split: violon, orchestre"]
    assert "no topic reaches the threshold" in unmatched["reason"].iloc[0]


def test_the_split_is_the_same_on_a_rerun_and_reaches_the_trend_tables(split_run):
    _, params, topic, first = split_run
    assert params.paths.passage_topics.read_bytes() == first
    trends = read_csv(TREND_TOPICS, params.paths.trends / TREND_TOPICS.file).to_pandas()
    parts = pd.read_parquet(params.paths.topics)["topic_id"]
    assert set(parts) - {-1} == set(trends["topic_id"]) and topic in set(trends["topic_id"])
