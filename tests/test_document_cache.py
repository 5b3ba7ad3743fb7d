"""The per-document cache: round trips, keys, damage and unwritable folders."""

from __future__ import annotations

import logging

from corpus_mining.cache import DocumentCache, code_digest, digest, versions


def test_a_stored_result_comes_back_and_is_counted(tmp_path):
    cache = DocumentCache(tmp_path, "extract", digest("params"))
    key = digest("doc", "text")
    assert not cache.has(key) and cache.get(key) is None
    cache.put(key, {"rows": [1, 2, 3]})
    assert cache.has(key) and cache.get(key) == {"rows": [1, 2, 3]}
    assert (cache.stats.hits, cache.stats.misses) == (1, 1)
    assert not list(cache.folder.rglob("*.tmp"))  # written through a temp file, then moved


def test_another_fingerprint_never_reads_the_results(tmp_path):
    key = digest("doc")
    DocumentCache(tmp_path, "extract", digest("model 3.8.0")).put(key, "old")
    assert DocumentCache(tmp_path, "extract", digest("model 3.9.0")).get(key) is None
    assert DocumentCache(tmp_path, "ingest", digest("model 3.8.0")).get(key) is None


def test_a_damaged_entry_is_a_miss_with_a_warning(tmp_path, caplog):
    cache = DocumentCache(tmp_path, "ingest", digest("p"))
    key = digest("doc")
    cache.put(key, "value")
    next(cache.folder.rglob("*.pickle")).write_bytes(b"\x80\x05truncated")
    with caplog.at_level(logging.WARNING):
        assert cache.get(key) is None
    assert "unreadable" in caplog.text


def test_an_unwritable_cache_only_warns(tmp_path, caplog):
    (tmp_path / "ingest").write_text("a file where the folder should be")
    cache = DocumentCache(tmp_path, "ingest", digest("p"))
    with caplog.at_level(logging.WARNING):
        cache.put(digest("doc"), "value")
    assert "not cached" in caplog.text
    assert cache.get(digest("doc")) is None


def test_digests_are_canonical_and_tell_inputs_apart():
    assert digest({"a": 1, "b": [1, 2]}) == digest({"b": [1, 2], "a": 1})
    assert digest("a", "b") != digest("ab") != digest("b", "a")
    assert code_digest("ingest") == code_digest("ingest") != code_digest("nlp")
    assert code_digest("nlp", "terms") != code_digest("nlp")
    import spacy

    assert versions("spacy", "no-such-distribution") == {
        "spacy": spacy.__version__,
        "no-such-distribution": "missing",
    }


def test_editing_a_data_file_shipped_beside_the_code_changes_its_digest(tmp_path, monkeypatch):
    from corpus_mining import cache

    data = tmp_path / "nlp" / "data"
    data.mkdir(parents=True)
    (tmp_path / "nlp" / "rules.py").write_text("RULE = 1\n", encoding="utf-8")
    monkeypatch.setattr(cache, "_PACKAGE", tmp_path)
    for name in ("heads.yaml", "names.txt"):
        before = code_digest("nlp")
        (data / name).write_text("alpha\n", encoding="utf-8")
        assert code_digest("nlp") != before, name
