"""Fixed colours, so a concept, topic, language or actor type looks the same in every chart."""

from __future__ import annotations

from collections.abc import Iterable

# Colour-blind-aware qualitative palette (Tableau 10, then darker and lighter variants).
PALETTE: tuple[str, ...] = (
    "#4e79a7",
    "#e15759",
    "#59a14f",
    "#f28e2b",
    "#b07aa1",
    "#76b7b2",
    "#edc948",
    "#9c755f",
    "#ff9da7",
    "#bab0ac",
    "#1f3f6e",
    "#8c1c13",
    "#2e6b30",
    "#a65c00",
    "#6b3d7a",
    "#2f7f7a",
    "#8a7300",
    "#5c3d2e",
    "#c2577a",
    "#6e6e6e",
)

LANGUAGE_COLOURS: dict[str, str] = {"fr": "#1f5fa8", "en": "#c0392b"}
"""French in blue, English in red; other languages take the palette in sorted order."""

NEUTRAL = "#6e6e6e"


def colour_map(keys: Iterable[str]) -> dict[str, str]:
    """Assign palette colours to ``keys`` in the order given (cycling when there are many).

    Args:
        keys: Keys in a stable order, e.g. concept ids in lexicon order; repeats are ignored.

    Returns:
        ``{key: "#rrggbb"}``.
    """
    unique = list(dict.fromkeys(keys))
    return {key: PALETTE[i % len(PALETTE)] for i, key in enumerate(unique)}


def language_colours(languages: Iterable[str]) -> dict[str, str]:
    """Fixed colours for French and English, palette colours for any other language."""
    others = sorted({lang for lang in languages if lang not in LANGUAGE_COLOURS})
    extra = {lang: PALETTE[(i + 3) % len(PALETTE)] for i, lang in enumerate(others)}
    return {**LANGUAGE_COLOURS, **extra}


def rgba(colour: str, alpha: float) -> str:
    """``"#rrggbb"`` as a CSS ``rgba(...)`` string with opacity ``alpha``."""
    if len(colour) != 7 or not colour.startswith("#"):
        raise ValueError(f"expected a #rrggbb colour, got {colour!r}")
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha:g})"
