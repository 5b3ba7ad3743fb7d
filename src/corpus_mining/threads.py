"""A fixed number of compute threads, so floating-point results do not depend on the machine.

BLAS and torch split matrix products across threads; with another thread count (a dask
worker runs with one, a laptop with all its cores, a busy machine with whatever the runtime
picks) the sums are added in another order and vectors differ in their last bits. Work whose
bytes are cached or compared runs inside ``fixed_threads``.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def fixed_threads(threads: int) -> Iterator[None]:
    """Run the block with ``threads`` BLAS threads, and ``threads`` torch threads if loaded.

    Args:
        threads: Thread count, at least 1.

    Raises:
        ValueError: ``threads`` is below 1.
    """
    if threads < 1:
        raise ValueError(f"threads must be at least 1, got {threads}")
    from threadpoolctl import threadpool_limits

    torch = sys.modules.get("torch")
    previous = torch.get_num_threads() if torch is not None else None
    try:
        with threadpool_limits(limits=threads):
            if torch is not None:
                torch.set_num_threads(threads)
            yield
    finally:
        if torch is not None and previous is not None:
            torch.set_num_threads(previous)
