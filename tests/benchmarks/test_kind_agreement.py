"""Agreement between two keys of kinds and years, on tiny data written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import load_benchmark

ka = load_benchmark("kind_agreement")


def page(pid: str, split: str, kind: str, year: int | None) -> dict:
    return {
        "id": pid, "url": f"https://example.org/{pid}", "query": "q", "lang": "en",
        "kind": kind, "year": year, "year_stated": year is not None,
        "date_evidence": "dateline" if year else None, "theme": "other", "split": split,
    }  # fmt: skip


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    pages = [
        page("en-001-a", "held", "news", 2019),
        page("en-002-b", "held", "report", None),
        page("en-003-c", "fresh", "institutional", None),
        page("en-004-d", "fresh", "news", 2021),
        page("en-005-e", "tune", "abstract", None),
    ]
    first = tmp_path / "pages_en.jsonl"
    first.write_text("".join(json.dumps(p) + "\n" for p in pages))
    second = tmp_path / "kinds.jsonl"
    rows = [
        {"id": "en-001-a", "kind": "news", "year": 2019},
        {"id": "en-002-b", "kind": "institutional", "year": None},
        {"id": "en-003-c", "kind": "institutional", "year": 2020},
        {"id": "en-004-d", "kind": "news", "year": 2021},
    ]
    second.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return first, second


def test_only_held_and_fresh_pages_have_a_first_key(keys):
    first = ka.first_labels([keys[0]])
    assert sorted(first) == ["en-001-a", "en-002-b", "en-003-c", "en-004-d"]
    assert first["en-001-a"] == ("held", ka.Label("news", 2019))


def test_a_tune_page_or_an_unknown_kind_in_the_second_key_is_named(keys, tmp_path):
    first = ka.first_labels([keys[0]])
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "en-005-e", "kind": "abstract", "year": None}) + "\n")
    with pytest.raises(ValueError, match=r"bad\.jsonl:1: page 'en-005-e' is not a held"):
        ka.second_labels(bad, first)
    bad.write_text(json.dumps({"id": "en-001-a", "kind": "blog", "year": None}) + "\n")
    with pytest.raises(ValueError, match=r"bad\.jsonl:1: kind 'blog' is not one of report"):
        ka.second_labels(bad, first)


def test_kappa_discounts_the_agreement_of_chance():
    assert ka.cohen_kappa(["a", "b", "a", "b"], ["a", "b", "a", "b"]) == 1.0
    # margins 3/4 "a" each: chance agreement 0.625, observed 0.5 -> below chance
    assert ka.cohen_kappa(["a", "a", "a", "b"], ["b", "a", "a", "a"]) == pytest.approx(-1 / 3)
    assert ka.cohen_kappa(["a", "a"], ["a", "a"]) == 1.0  # one kind only: no chance to beat


def test_agreement_per_split(keys):
    first = ka.first_labels([keys[0]])
    rows = ka.agreement_rows(first, ka.second_labels(keys[1], first))
    by_name = {row["pages"]: row for row in rows}
    assert by_name["held (2)"]["kind agreement"] == "1/2 (50%)"
    assert by_name["fresh (2)"]["kind agreement"] == "2/2 (100%)"
    assert by_name["fresh (2)"]["year agreement"] == "1/2 (50%)"  # 2020 given to an undated page
    assert by_name["all (4)"]["kind agreement"] == "3/4 (75%)"


def test_the_stage_against_each_key_where_both_agree_and_either(keys):
    first = ka.first_labels([keys[0]])
    second = ka.second_labels(keys[1], first)
    kinds = {"en-001-a": "news", "en-002-b": "institutional", "en-003-c": "news"}
    (held, fresh, total) = ka.pipeline_rows(first, second, kinds)
    assert held == {
        "pages": "held (2)",
        "vs first": "1/2 (50%)",
        "vs second": "2/2 (100%)",
        "where both agree": "1/1 (100%)",
        "either": "2/2 (100%)",
    }
    assert fresh["pages"] == "fresh (1)"  # a page the stage did not read is left out
    assert total["where both agree"] == "1/2 (50%)"


def test_the_table_of_the_two_keys_has_counts_only(keys):
    first = ka.first_labels([keys[0]])
    table = ka.key_table(first, ka.second_labels(keys[1], first))
    lines = table.splitlines()
    report_row = next(line for line in lines if line.startswith("report"))
    assert report_row.split()[1:] == ["0", "0", "1", "1"]  # report -> institutional, total
    assert "example.org" not in table
