"""spaCy and BERTopic without PyTorch: their optional imports of torch are skipped.

thinc (spaCy's machine-learning layer) imports PyTorch whenever it is installed, and it is
installed here for sentence-transformers. That import costs about 5 s per process and buys
nothing: the spaCy pipelines this project runs (``fr_core_news_*``, ``en_core_web_*``) are
thinc CNNs on numpy. Every stage and test process that loads spaCy paid it.

BERTopic imports sentence-transformers, transformers and PyTorch when it is imported, for
backends and representations this project never uses (its models get precomputed
embeddings, no embedding model, and are saved as safetensors through numpy). That costs
10 to 20 s in every topics stage, a third of the stage on the sample corpus. It also
imports spaCy (1.5 to 2.5 s) for its part-of-speech representation, which the topics
stage never uses: the lemmas come from the extract stage.

``install()`` puts a finder on ``sys.meta_path`` that, when ``thinc.compat`` or ``bertopic``
is first imported, runs that module with those packages marked missing (the ones not loaded
yet), so they record them as absent (thinc's ``has_torch = False``, BERTopic's
``NotInstalled`` placeholders, ``PartOfSpeech`` among them). The packages stay
importable afterwards (the sentence-transformers embedder imports them normally). thinc's
PyTorch wrappers and BERTopic's transformer backends are then unavailable in that process;
nothing here uses them.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Sequence
from types import ModuleType

# Module whose first import runs with packages hidden -> the packages hidden.
_HIDDEN: dict[str, tuple[str, ...]] = {
    "thinc.compat": ("torch",),
    "bertopic": ("torch", "transformers", "sentence_transformers", "spacy"),
}


class _Blocker(importlib.abc.MetaPathFinder):
    """Makes ``import name`` (and its submodules) fail as if ``name`` were not installed.

    Nothing is put in ``sys.modules``: a ``None`` entry there would look like a loaded
    module to libraries that probe it (scipy's array API checks).
    """

    def __init__(self, names: list[str]) -> None:
        self._names = set(names)

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname.partition(".")[0] in self._names:
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


class _HidingLoader(importlib.abc.Loader):
    """Runs the wrapped loader with ``hidden`` packages missing, unless already loaded."""

    def __init__(self, loader: importlib.abc.Loader, hidden: tuple[str, ...]) -> None:
        self._loader = loader
        self._hidden = hidden

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        blocker = _Blocker([name for name in self._hidden if name not in sys.modules])
        sys.meta_path.insert(0, blocker)
        try:
            self._loader.exec_module(module)
        finally:
            sys.meta_path.remove(blocker)


class _HidingFinder(importlib.abc.MetaPathFinder):
    """Finds ``thinc.compat`` and ``bertopic`` as usual and wraps their loaders."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in _HIDDEN:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return None
        spec.loader = _HidingLoader(spec.loader, _HIDDEN[fullname])
        return spec


def install() -> None:
    """Put the finder first on ``sys.meta_path`` (once); a no-op if both modules are loaded."""
    if all(name in sys.modules for name in _HIDDEN):
        return
    if not any(isinstance(finder, _HidingFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _HidingFinder())
