"""Agreement between two annotations of the devset, on tiny data written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import load_benchmark

aa = load_benchmark("annotator_agreement")


def first_page(pid: str, split: str, orgs: list[str], people: list[str]) -> dict:
    return {
        "id": pid, "url": f"https://example.org/{pid}", "query": "q", "lang": "fr",
        "kind": "news", "year": None, "year_stated": False, "date_evidence": None,
        "theme": "other", "split": split,
        "organisations": [{"text": t, "canonical": t} for t in orgs],
        "people": [{"text": t, "canonical": t} for t in people],
    }  # fmt: skip


def second_page(pid: str, orgs: list[str], people: list[str]) -> dict:
    return {
        "id": pid,
        "organisations": [{"text": t, "canonical": t} for t in orgs],
        "people": [{"text": t, "canonical": t} for t in people],
    }


@pytest.fixture
def devset(tmp_path: Path) -> Path:
    pages = [
        first_page("fr-001-a", "held", ["Réseau Alpha", "Agence Beta", "CRESS"], ["Léa Roux"]),
        first_page("fr-002-b", "tune", ["Union Gamma"], []),
    ]
    (tmp_path / "pages_fr.jsonl").write_text("".join(json.dumps(p) + "\n" for p in pages))
    second = tmp_path / "second"
    second.mkdir()
    (second / "held.jsonl").write_text(
        json.dumps(second_page("fr-001-a", ["réseau alpha", "Agence Beta Sud", "CRESS"], [])) + "\n"
    )
    return tmp_path


def test_the_second_annotation_takes_language_and_split_from_the_first(devset):
    first = aa.load_devset(devset)
    (page,) = aa.load_second(devset / "second", first)
    assert (page.id, page.lang, page.split) == ("fr-001-a", "fr", "held")
    assert page.names["ORG"] == ("réseau alpha", "Agence Beta Sud", "CRESS")


def test_a_page_unknown_to_the_devset_is_named(devset):
    (devset / "second" / "more.jsonl").write_text(json.dumps(second_page("fr-404-z", [], [])))
    with pytest.raises(ValueError, match=r"more\.jsonl:1: page 'fr-404-z'"):
        aa.load_second(devset / "second", aa.load_devset(devset))


def test_agreement_and_the_lenient_score(devset):
    first = aa.load_devset(devset)
    (second,) = aa.load_second(devset / "second", first)
    one = next(p for p in first if p.id == second.id)
    both, either = aa.agreed(one, second, "ORG")
    assert both == {"reseau alpha", "cress"}
    assert either == both | {"agence beta", "agence beta sud"}
    # a name either annotator wrote is right; only names both wrote count as missed
    score = aa.lenient_score({"agence beta sud", "cress", "delta"}, one, second, "ORG")
    assert (score.tp, score.fp, score.fn) == (2, 1, 1)


def test_the_report_scores_only_pages_annotated_twice(devset):
    first = aa.load_devset(devset)
    second = aa.load_second(devset / "second", first)
    pred = aa.Predictions("system")
    pred.add("fr-001-a", "ORG", "Réseau Alpha")
    pred.add("fr-002-b", "ORG", "Union Gamma")
    text = aa.report(first, second, pred)
    assert "1 pages annotated twice" in text
    assert "held fr (1)" in text and "tune fr" not in text
    # second vs first on organisations: 2 shared, 1 only second, 1 only first
    org_row = next(line for line in text.splitlines() if line.startswith("held fr (1)"))
    assert "0.67 0.67 0.67 (2/1/1)" in org_row
    assert "Réseau" not in text  # counts only, never a page's strings
