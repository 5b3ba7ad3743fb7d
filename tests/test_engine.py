"""Engines run work in order, with a bounded number of items in flight."""

from __future__ import annotations

import time

import pytest

from corpus_mining.config import DaskParams
from corpus_mining.engine import DaskEngine, PoolEngine, SerialEngine, on_code_path, open_engine
from corpus_mining.errors import StageError
from corpus_mining.portable_numerics import code_path


def _slow_square(n: int) -> int:
    time.sleep(0.05 * (n % 3))  # later items often finish first
    return n * n


@pytest.mark.parametrize("engine", [SerialEngine(), PoolEngine(2)], ids=["serial", "pool"])
def test_results_come_in_input_order(engine):
    assert list(engine.map(_slow_square, range(20))) == [n * n for n in range(20)]
    if isinstance(engine, PoolEngine):
        engine.close()


def test_a_pool_pulls_only_a_few_items_ahead():
    pulled: list[int] = []

    def items():
        for n in range(100):
            pulled.append(n)
            yield n

    engine = PoolEngine(2)
    results = engine.map(_slow_square, items())
    assert next(results) == 0
    assert len(pulled) <= 2 * 2  # not the whole corpus
    engine.close()


def test_the_engine_kind_and_workers_choose_the_engine():
    with open_engine("local", local_workers=1) as engine:
        assert isinstance(engine, SerialEngine)
    with open_engine("local", local_workers=3) as engine:
        assert isinstance(engine, PoolEngine) and engine.workers == 3
    with open_engine("dask", dask=DaskParams(workers=2)) as engine:
        assert isinstance(engine, DaskEngine) and engine.workers == 2
        assert list(engine.map(_slow_square, range(6))) == [0, 1, 4, 9, 16, 25]


def test_dask_without_its_settings_is_one_clear_error():
    with pytest.raises(StageError, match="dask settings"), open_engine("dask"):
        pass


def test_an_unreachable_scheduler_is_one_clear_error():
    with pytest.raises(StageError, match=r"cannot reach the dask scheduler .*dask.scheduler"):
        DaskEngine(DaskParams(scheduler="tcp://127.0.0.1:9", connect_timeout="2s"))


def test_a_task_runs_only_on_a_worker_of_the_same_numeric_code_path():
    assert on_code_path(_slow_square, 4, code_path()) == 16
    with pytest.raises(StageError, match=r"native-x86_64-0123abcd.*corpus-mining numerics"):
        on_code_path(_slow_square, 4, "native-x86_64-0123abcd")


def test_dask_tasks_check_their_worker_and_keep_the_order():
    with open_engine("dask", dask=DaskParams(workers=1, threads_per_worker=1)) as engine:
        assert list(engine.map(_slow_square, range(6))) == [n * n for n in range(6)]
