"""The evolution stage on the sample corpus: an added document, a warm cache, the same bytes."""

from __future__ import annotations

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from corpus_mining.stages.evolution import run_evolution

from helpers import project_params

pytestmark = [pytest.mark.slow(cost=2), pytest.mark.xdist_group("sample-project")]


def test_adding_a_document_to_a_warm_cache_gives_the_cold_run_bytes(sample_project, tmp_path):
    """The cache is filled on the corpus without one document, then the whole corpus runs:
    every table equals the one the sample project's cold `dvc repro` wrote."""
    params = project_params(sample_project)
    passages = pq.read_table(params.paths.passages)
    left_out = sorted(set(passages.column("doc_id").to_pylist()))[-1]
    fewer = tmp_path / "passages.parquet"
    pq.write_table(passages.filter(pc.not_equal(passages["doc_id"], left_out)), fewer)

    def paths(**changed):
        return params.model_copy(update={"paths": params.paths.model_copy(update=changed)})

    cache = tmp_path / "cache"
    run_evolution(
        paths(passages=fewer, cache=cache, trends=tmp_path / "before",
              evolution_metrics=tmp_path / "before.json")
    )  # fmt: skip
    assert (cache / "evolution").is_dir()
    metrics = run_evolution(
        paths(cache=cache, trends=tmp_path / "after", evolution_metrics=tmp_path / "after.json")
    )
    cold = params.paths.trends
    written = sorted(p.name for p in (tmp_path / "after").iterdir())
    assert written == sorted(p.name for p in cold.iterdir() if p.suffix == ".csv")
    for name in written:
        assert (tmp_path / "after" / name).read_bytes() == (cold / name).read_bytes(), name
    assert metrics["dated_documents"] > 0
