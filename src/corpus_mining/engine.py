"""Where per-document work runs: this process, a local process pool, or a dask cluster.

Every engine maps a picklable function over items and yields the results **in input
order**, holding only a bounded number of items in flight, so a stage streams the same
rows whatever runs the work. ``engine: dask`` in params sends the tasks to
``dask.scheduler`` (e.g. a cluster started with dask-jobqueue on SLURM, see the README)
or, when no address is given, to a ``LocalCluster`` of ``dask.workers`` processes.
"""

from __future__ import annotations

import contextlib
import logging
import socket
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol, TypeVar, cast

from corpus_mining.config import DaskParams, EngineKind
from corpus_mining.errors import StageError
from corpus_mining.portable_numerics import code_path

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

_IN_FLIGHT_PER_WORKER = 2


class Engine(Protocol):
    """Runs ``fn`` over items, yielding results in input order."""

    @property
    def workers(self) -> int:
        """How many tasks run at once."""
        ...

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """``fn(item)`` for each item, in order."""
        ...


class SerialEngine:
    """Runs everything in this process."""

    workers = 1

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """``fn(item)`` for each item, in order."""
        return map(fn, items)


class PoolEngine:
    """A pool of local processes (one per ``workers``), started on first use."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """``fn(item)`` for each item, in order, with a bounded number in flight."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers)
        pool = self._pool
        return _ordered(lambda item: pool.submit(fn, item), items, self.workers)

    def close(self) -> None:
        """Stop the processes."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)


class DaskEngine:
    """Tasks on a dask.distributed cluster."""

    def __init__(self, cfg: DaskParams) -> None:
        from dask.distributed import Client, LocalCluster

        client: Any = Client  # dask.distributed is not typed
        self._cluster: Any = None
        if cfg.scheduler:
            try:
                self._client: Any = client(cfg.scheduler, timeout=cfg.connect_timeout)
            except OSError as error:
                raise StageError(
                    f"cannot reach the dask scheduler at {cfg.scheduler} ({error}): start it, "
                    "or set dask.scheduler to null for a local cluster"
                ) from None
        else:
            self._cluster = cast(Any, LocalCluster)(
                n_workers=cfg.workers,
                threads_per_worker=cfg.threads_per_worker,
                processes=True,
                dashboard_address=None,
                memory_limit=cfg.memory_limit,
            )
            self._client = client(self._cluster)
        self._threads = cfg.threads_per_worker
        log.info("dask: %d workers at %s", self.workers, self._client.scheduler.address)

    @property
    def workers(self) -> int:
        """Worker threads on the cluster now (workers of a batch system join over time)."""
        found = len(self._client.scheduler_info().get("workers", {}))
        return max(1, found) * self._threads

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """``fn(item)`` for each item on the cluster, in order, a bounded number in flight.

        Each task first checks that its worker computes floats on this process's code
        path (``portable_numerics``): a worker that does not would give other bytes.
        """
        client, expected = self._client, code_path()
        return _ordered(
            lambda item: client.submit(on_code_path, fn, item, expected, pure=False),
            items,
            self.workers,
        )

    def close(self) -> None:
        """Disconnect; stop the local cluster if this engine started it."""
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def on_code_path(fn: Callable[[T], R], item: T, expected: str) -> R:
    """``fn(item)``, on a worker whose floating-point code path is ``expected``.

    Raises:
        StageError: the worker computes on another code path, so its vectors and topics
            would differ from a local run's; the message says how to start workers.
    """
    found = code_path()
    if found != expected:
        raise StageError(
            f"dask worker on {socket.gethostname()} computes floats on code path {found}, "
            f"this stage on {expected}: its results would differ from a local run. Put "
            '`eval "$(corpus-mining numerics)"` in the workers\' job script before '
            "`dask worker` (dask-jobqueue: job_script_prologue)"
        )
    return fn(item)


def _ordered(submit: Callable[[T], Any], items: Iterable[T], workers: int) -> Iterator[Any]:
    """Submit items with at most ``workers * 2`` pending; yield results in input order."""
    pending: deque[Any] = deque()  # concurrent or dask futures
    limit = workers * _IN_FLIGHT_PER_WORKER
    try:
        for item in items:
            pending.append(submit(item))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


@contextlib.contextmanager
def open_engine(
    kind: EngineKind, *, dask: DaskParams | None = None, local_workers: int = 1
) -> Iterator[Engine]:
    """An engine of ``kind``: ``local_workers`` processes when local, else a dask cluster.

    Raises:
        StageError: ``kind`` is ``dask`` and no ``dask`` settings are given, or the
            scheduler cannot be reached.
    """
    engine: SerialEngine | PoolEngine | DaskEngine
    if kind == "dask":
        if dask is None:
            raise StageError("engine 'dask' needs the dask settings (params.yaml `dask:`)")
        engine = DaskEngine(dask)
    elif local_workers > 1:
        engine = PoolEngine(local_workers)
    else:
        engine = SerialEngine()
    try:
        yield engine
    finally:
        if not isinstance(engine, SerialEngine):
            engine.close()
