"""spaCy without PyTorch: thinc's optional ``import torch`` is skipped.

thinc (spaCy's machine-learning layer) imports PyTorch whenever it is installed, and it is
installed here for sentence-transformers. That import costs about 5 s per process and buys
nothing: the spaCy pipelines this project runs (``fr_core_news_*``, ``en_core_web_*``) are
thinc CNNs on numpy. Every stage and test process that loads spaCy paid it.

``install()`` puts a finder on ``sys.meta_path`` that, when ``thinc.compat`` is first
imported and torch is not loaded yet, runs that module with torch marked missing, so thinc
records ``has_torch = False``. torch itself stays importable afterwards (the
sentence-transformers embedder imports it normally). thinc's PyTorch wrappers are then
unavailable in that process; no pipeline here uses them.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Sequence
from types import ModuleType

_THINC_COMPAT = "thinc.compat"


class _TorchHiddenLoader(importlib.abc.Loader):
    """Runs the wrapped loader with ``torch`` marked missing, unless torch is loaded."""

    def __init__(self, loader: importlib.abc.Loader) -> None:
        self._loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        if "torch" in sys.modules:
            self._loader.exec_module(module)
            return
        sys.modules["torch"] = None  # type: ignore[assignment]  # "import torch" fails fast
        try:
            self._loader.exec_module(module)
        finally:
            del sys.modules["torch"]


class _ThincCompatFinder(importlib.abc.MetaPathFinder):
    """Finds ``thinc.compat`` as usual and wraps its loader."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != _THINC_COMPAT:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return None
        spec.loader = _TorchHiddenLoader(spec.loader)
        return spec


def install() -> None:
    """Put the finder first on ``sys.meta_path`` (once); a no-op if thinc is loaded."""
    if _THINC_COMPAT in sys.modules:
        return
    if not any(isinstance(finder, _ThincCompatFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _ThincCompatFinder())
