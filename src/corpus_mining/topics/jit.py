"""Keep numba's compiled code of UMAP between runs, in one folder per user.

UMAP's numba functions are compiled in every new process (tens of seconds on a busy
machine, more than the fit of a small corpus) because they are not declared
``cache=True``. ``cache_umap_jit`` turns numba's own on-disk cache on for them, in a
folder of ``paths.cache``: a later run loads the machine code instead of compiling it. The
cache is keyed by numba on each function's source file, signature and CPU, so an upgrade
of umap or numba, or another machine, compiles again; the compiled code is the same, so
results do not change. Deleting the folder only costs the compilation. The folder
(``compiled_code_folder``) is per user, not per project: the compiled code does not depend
on the corpus, so a new project, a copy or a test project does not compile it again.
"""

from __future__ import annotations

import importlib
import os
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


def compiled_code_folder() -> Path:
    """Where UMAP's compiled code is kept: ``$NUMBA_CACHE_DIR`` if set, else the user's cache.

    The user's cache is ``$XDG_CACHE_HOME/corpus-mining/numba`` (``~/.cache`` by default).
    """
    if os.environ.get("NUMBA_CACHE_DIR"):
        return Path(os.environ["NUMBA_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "corpus-mining" / "numba"


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
