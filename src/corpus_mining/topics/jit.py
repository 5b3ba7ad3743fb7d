"""Keep numba's compiled code of UMAP between runs, under ``paths.cache``.

UMAP's numba functions are compiled in every new process (tens of seconds on a busy
machine, more than the fit of a small corpus) because they are not declared
``cache=True``. ``cache_umap_jit`` turns numba's own on-disk cache on for them, in a
folder of ``paths.cache``: a later run loads the machine code instead of compiling it. The
cache is keyed by numba on each function's source file, signature and CPU, so an upgrade
of umap or numba, or another machine, compiles again; the compiled code is the same, so
results do not change. Deleting the folder only costs the compilation.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

# UMAP's modules whose jitted functions a fit or a transform calls.
UMAP_MODULES = (
    "umap.distances",
    "umap.layouts",
    "umap.sparse",
    "umap.spectral",
    "umap.umap_",
    "umap.utils",
)


def cache_umap_jit(folder: Path) -> int:
    """Turn numba's on-disk cache on for UMAP's jitted functions, in ``folder``.

    UMAP (and pynndescent, whose functions are cached where numba puts them by default) is
    imported first; only the dispatchers enabled here read and write ``folder``.

    Returns:
        How many functions had their cache turned on (0 when it already was).
    """
    modules = [importlib.import_module(name) for name in UMAP_MODULES]
    from numba.core import config as numba_config
    from numba.core.dispatcher import Dispatcher

    config: Any = numba_config  # its settings are set at import time, unknown to mypy

    folder.mkdir(parents=True, exist_ok=True)
    previous, config.CACHE_DIR = config.CACHE_DIR, str(folder)
    enabled = 0
    try:
        for module in modules:
            for value in vars(module).values():
                if isinstance(value, Dispatcher) and not _caches(value):
                    value.enable_caching()  # the cache's folder is fixed here
                    enabled += 1
    finally:
        config.CACHE_DIR = previous
    return enabled


def _caches(dispatcher: Any) -> bool:
    from numba.core.caching import NullCache

    return not isinstance(dispatcher._cache, NullCache)
