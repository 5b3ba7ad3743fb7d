"""The development set holds facts only, each page once, with ids and keys as its guide says."""

import hashlib
import json
import re
from pathlib import Path

DEVSET = Path(__file__).resolve().parents[2] / "benchmarks" / "devset"
KINDS = {"report", "interview", "abstract", "news", "institutional", "other"}
# What a page line may hold (benchmarks/devset/README.md); text fields would copy the page.
KEYS = {
    "id", "url", "query", "lang", "kind", "year", "year_stated", "date_evidence", "theme",
    "split", "organisations", "people",
}  # fmt: skip
# A second key (`second/`) gives a page's id and its kind and year, or its actors, again.
SECOND_KEYS = {"id", "kind", "year", "organisations", "people"}
MAX_FACT_CHARS = 300  # a name or a query (addresses aside); never a passage


def _normalised(url: str) -> str:
    url = re.sub(r"^https?://", "", url.strip().lower())
    return re.sub(r"^www\.", "", url).rstrip("/")


def _lines() -> list[tuple[str, dict]]:
    """Every line of every file of the devset, with the file's path inside it."""
    return [
        (path.relative_to(DEVSET).as_posix(), json.loads(line))
        for path in sorted(DEVSET.rglob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def _pages() -> list[tuple[str, dict]]:
    """The first key's pages (the second key, under ``second/``, refers to them by id)."""
    return [(name, page) for name, page in _lines() if not name.startswith("second/")]


def _text_like(record: dict) -> bool:
    """A value longer than a name or a query (addresses aside)."""
    facts = {key: value for key, value in record.items() if key != "url"}
    return any(len(text) > MAX_FACT_CHARS for text in _strings(facts))


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _problems(page: dict) -> list[str]:
    """What is wrong with one page line, by the guide's rules."""
    lang, _number, digest = page["id"].split("-")
    checks = {
        "unknown keys": set(page) <= KEYS,
        "language": lang == page["lang"] in {"fr", "en"},
        "id hash": digest == hashlib.sha256(_normalised(page["url"]).encode()).hexdigest()[:8],
        "kind": page["kind"] in KINDS,
        "year_stated": page["year_stated"] == (page["year"] is not None),
        "split": page["split"] in {"tune", "held", "fresh"},
        "text-like value": not _text_like(page),
    }
    return [f"{page['id']}: {name}" for name, ok in checks.items() if not ok]


def test_each_page_is_facts_only_with_its_id_from_its_address():
    pages = _pages()
    assert len(pages) > 800
    assert [problem for _, page in pages for problem in _problems(page)] == []


def test_a_page_that_breaks_the_guide_is_named():
    page = {"id": "fr-001-00000000", "url": "https://example.org/a", "lang": "en",
            "kind": "essay", "year": 2019, "year_stated": False, "split": "tune",
            "excerpt": "A copied passage " * 30}  # fmt: skip
    found = {problem.split(": ")[1] for problem in _problems(page)}
    assert found == {"unknown keys", "language", "id hash", "kind", "year_stated",
                     "text-like value"}  # fmt: skip


def test_no_page_or_address_is_there_twice():
    ids = [page["id"] for _, page in _pages()]
    urls = [_normalised(page["url"]) for _, page in _pages()]
    assert len(set(ids)) == len(ids)
    assert len(set(urls)) == len(urls)


def test_the_second_key_holds_facts_of_known_pages_only():
    known = {page["id"] for _, page in _pages()}
    second = [(name, line) for name, line in _lines() if name.startswith("second/")]
    assert second
    for name, line in second:
        assert set(line) <= SECOND_KEYS, (name, set(line) - SECOND_KEYS)
        assert line["id"] in known, (name, line["id"])
        assert line.get("kind", "other") in KINDS, (name, line["id"])
        assert not _text_like(line), (name, line["id"])
