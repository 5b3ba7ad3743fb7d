"""Language identification with lingua, restricted to the languages in params."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_SAMPLE_CHARS = 2_000
# Quoted terms and parentheses are often in the other language ("the law defines
# "pôles territoriaux de coopération économique""): they should not decide.
_QUOTED = re.compile(r'"[^"]{1,200}"|«[^»]{1,200}»|\([^)]{1,200}\)')


@lru_cache(maxsize=4)
def _detector(languages: tuple[str, ...]) -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in languages]
    if len(codes) == 1:  # lingua needs two candidates; a single language is a given
        return None
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def detect_language(text: str, languages: tuple[str, ...]) -> tuple[str | None, float]:
    """Return ``(iso_code, confidence)``, or ``(None, 0.0)`` when there is no evidence."""
    detector = _detector(languages)
    if detector is None:
        return languages[0], 1.0
    sample = text[:_SAMPLE_CHARS]
    unquoted = _QUOTED.sub(" ", sample)
    if sum(ch.isalpha() for ch in unquoted) >= 40:
        sample = unquoted
    if not any(ch.isalpha() for ch in sample):
        return None, 0.0
    values = detector.compute_language_confidence_values(sample)
    if not values:
        return None, 0.0
    best = values[0]
    return best.language.iso_code_639_1.name.lower(), round(float(best.value), 4)
