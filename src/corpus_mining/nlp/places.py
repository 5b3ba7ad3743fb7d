"""Place lists shipped with the package, and the question "is this string a place name?".

One CSV per list in ``corpus_mining/data/places``: countries and world regions (Unicode
CLDR names in French and English), French regions (current and before 2016) and
departments (INSEE), regions of large EU countries (Eurostat NUTS), large cities. Each
row cites its source. A string is a place when its key (``place_key``: the project's
name key, hyphens read as spaces) is the key of a name or alias of some row: "Basque
Country", "la Nouvelle Aquitaine" and "Nouvelle-Aquitaine" are places; "CRESS
Nouvelle-Aquitaine" and "Région Occitanie" are not (they name organisations).
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from corpus_mining.nlp.datafiles import DATA_DIR, Problem, raise_for, read_rows, split_list
from corpus_mining.nlp.names import name_key

PLACES_DIR = DATA_DIR / "places"


class PlaceEntry(BaseModel):
    """One row of a place list."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    key: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_]+$")
    kind: Literal["country", "world_region", "region", "department", "eu_region", "city"]
    name_fr: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    aliases: str
    country: str = Field(pattern=r"^(?:[A-Z]{2})?$")
    valid_from: int | None = Field(ge=1800, le=2100)
    valid_to: int | None = Field(ge=1800, le=2100)
    source: str = Field(min_length=1)

    @field_validator("name_en", mode="before")
    @classmethod
    def _english_defaults_to_french(cls, value: object, info: ValidationInfo) -> object:
        return value or info.data.get("name_fr", value)

    @field_validator("valid_from", "valid_to", mode="before")
    @classmethod
    def _empty_year(cls, value: object) -> object:
        return None if value == "" else value

    def names(self) -> list[str]:
        """French and English names and the aliases."""
        return list(dict.fromkeys([self.name_fr, self.name_en, *split_list(self.aliases)]))


def place_key(text: str) -> str:
    """The key two spellings of one place share: ``name_key`` with hyphens as spaces."""
    return name_key(text.replace("-", " "))


@dataclass(frozen=True)
class PlaceIndex:
    """The keys of every listed place name."""

    keys: frozenset[str] = frozenset()

    def is_place(self, text: str) -> bool:
        """Whether ``text`` is, as a whole, the name of a listed place."""
        key = place_key(text)
        return bool(key) and key in self.keys


def place_files(folder: Path = PLACES_DIR) -> list[Path]:
    """The place-list CSV files of ``folder``, sorted."""
    return sorted(folder.glob("*.csv"))


def check_places(folder: Path = PLACES_DIR) -> tuple[PlaceIndex, list[Problem]]:
    """Read and validate every place list; return the index and every problem."""
    keys: set[str] = set()
    problems: list[Problem] = []
    for path in place_files(folder):
        rows, found = read_rows(path, PlaceEntry)
        problems += found
        seen = Counter(entry.key for _, entry in rows)
        for line, entry in rows:
            if seen[entry.key] > 1:
                fix = "give each row its own key (an official code where there is one)"
                problems.append(Problem(path, line, "key", f"duplicate key {entry.key!r}", fix))
            keys.update(place_key(name) for name in entry.names())
    keys.discard("")
    return PlaceIndex(frozenset(keys)), problems


@functools.cache
def load_places(folder: Path = PLACES_DIR) -> PlaceIndex:
    """The validated place index of ``folder``; raises ``DataFileError`` on any problem."""
    index, problems = check_places(folder)
    raise_for(problems)
    return index
