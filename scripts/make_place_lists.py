"""Write the country and world-region place lists from the Unicode CLDR names in Babel.

The lists ship as package data (``src/corpus_mining/data/places``); this script is how
they were made, so a newer CLDR can refresh them. Names are CLDR's French and English
territory names, apostrophes straightened; a few common variants CLDR does not give
(``USA``, ``Holland``) are added below. Pseudo-territories and groupings that are
institutions, not places (EU, UN, eurozone), are left out. Output is sorted: running it
twice gives the same bytes.

Usage: python scripts/make_place_lists.py
"""

from __future__ import annotations

import csv
from pathlib import Path

import babel
from babel import Locale

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "corpus_mining" / "data" / "places"
COLUMNS = ["key", "kind", "name_fr", "name_en", "aliases", "country", "valid_from", "valid_to"]
# Not places, or not places a text names: institutions, currency zones, test codes.
EXCLUDED = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "001"}
ALIASES = {
    "US": ["USA", "U.S.", "United States of America", "États-Unis d'Amérique"],
    "GB": ["UK", "U.K.", "Great Britain", "Britain", "Grande-Bretagne"],
    "DE": ["Federal Republic of Germany", "République fédérale d'Allemagne"],
    "NL": ["Holland", "Hollande"],
    "KR": ["South Korea", "Corée du Sud"],
    "KP": ["North Korea", "Corée du Nord"],
    "CZ": ["Czech Republic", "République tchèque"],
    "RU": ["Russian Federation", "Fédération de Russie"],
    "CI": ["Ivory Coast"],
    "MK": ["Macedonia", "Macédoine"],
}
SOURCE = (
    f"Unicode CLDR territory names (fr, en) via Babel {babel.__version__}; "
    "ISO 3166-1 alpha-2 / UN M49 codes"
)


def _straight(text: str) -> str:
    return text.replace("’", "'")


def rows() -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Country rows and world-region rows."""
    fr, en = Locale("fr"), Locale("en")
    countries, regions = [], []
    for code in sorted(en.territories):
        if code in EXCLUDED or code not in fr.territories:
            continue
        row = {
            "key": code.lower() if code.isalpha() else f"m49_{code}",
            "kind": "country" if code.isalpha() else "world_region",
            "name_fr": _straight(fr.territories[code]),
            "name_en": _straight(en.territories[code]),
            "aliases": "|".join(ALIASES.get(code, [])),
            "country": code if code.isalpha() else "",
            "valid_from": "",
            "valid_to": "",
            "source": SOURCE,
        }
        (countries if code.isalpha() else regions).append(row)
    return countries, regions


def write(path: Path, table: list[dict[str, str]]) -> None:
    """Write one place list as UTF-8 CSV with Unix line ends."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*COLUMNS, "source"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)


def main() -> None:
    """Write ``countries.csv`` and ``world_regions.csv``."""
    countries, regions = rows()
    write(OUT / "countries.csv", countries)
    write(OUT / "world_regions.csv", regions)
    print(f"{len(countries)} countries, {len(regions)} world regions -> {OUT}")


if __name__ == "__main__":
    main()
