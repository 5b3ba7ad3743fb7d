"""Registries of actors built from public facts, shipped with the package.

One CSV per registry in ``corpus_mining/data/gazetteer`` (the pôles de compétitivité,
the CRESS, SSE networks, the French State's bodies, EU institutions, international
organisations, cluster networks); each entry cites the public list or official text it
comes from. They extend the user's ``corpus/actors.yaml`` when ``extract.use_gazetteer``
is on, and the user's file wins: a registry entry that shares a name with a user entry
is that entry (its other names join it, its type and canonical name are the user's).

A name two registry entries share (``CESE``: the French council and the EU committee) is
allowed only when ``shared_aliases.csv`` documents it; it is then matched as an
organisation linked to neither.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from corpus_mining.nlp.datafiles import DATA_DIR, Problem, raise_for, read_rows, split_list
from corpus_mining.nlp.gazetteer import Actor, ActorType, Gazetteer, load_gazetteer
from corpus_mining.nlp.names import name_key

REGISTRY_DIR = DATA_DIR / "gazetteer"
SHARED_FILE = "shared_aliases.csv"


class RegistryEntry(BaseModel):
    """One row of a registry file."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    key: str = Field(pattern=r"^[a-z0-9][a-z0-9_]*$")
    canonical: str = Field(min_length=1)
    type: ActorType
    label: Literal["ORG", "PER", "LOC"]
    aliases_fr: str
    aliases_en: str
    acronyms: str
    valid_from: int | None = Field(ge=1800, le=2100)
    valid_to: int | None = Field(ge=1800, le=2100)
    source: str = Field(min_length=1)

    @field_validator("valid_from", "valid_to", mode="before")
    @classmethod
    def _empty_year(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("acronyms")
    @classmethod
    def _no_spaces(cls, value: str) -> str:
        if any(" " in acronym for acronym in split_list(value)):
            raise ValueError("an acronym has a space: separate acronyms with |")
        return value

    @model_validator(mode="after")
    def _years_in_order(self) -> RegistryEntry:
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ValueError("valid_from is after valid_to")
        return self

    def names(self) -> list[str]:
        """Canonical name, French and English aliases, acronyms; without repeats."""
        every = [self.canonical, *split_list(self.aliases_fr), *split_list(self.aliases_en)]
        every += split_list(self.acronyms)
        unique: dict[str, str] = {}
        for name in every:
            unique.setdefault(name_key(name), name)
        return [name for key, name in unique.items() if key]


class SharedAlias(BaseModel):
    """A name that several registry entries carry, and why that is right."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    alias: str = Field(min_length=1)
    keys: str = Field(min_length=1)
    reason: str = Field(min_length=1)


@dataclass(frozen=True)
class Registries:
    """Every registry entry (with its file) and the documented shared names."""

    entries: tuple[tuple[str, RegistryEntry], ...] = ()
    shared: frozenset[str] = field(default_factory=frozenset)  # name keys


def registry_files(folder: Path = REGISTRY_DIR) -> list[Path]:
    """The registry CSV files of ``folder``, sorted."""
    return sorted(path for path in folder.glob("*.csv") if path.name != SHARED_FILE)


def check_registries(folder: Path = REGISTRY_DIR) -> tuple[Registries, list[Problem]]:
    """Read and validate every registry of ``folder``; return them and every problem."""
    located: list[tuple[Path, int, RegistryEntry]] = []
    problems: list[Problem] = []
    for path in registry_files(folder):
        rows, found = read_rows(path, RegistryEntry)
        problems += found
        located += [(path, line, entry) for line, entry in rows]
    problems += _duplicate_keys(located)
    shared, found = _shared_names(folder / SHARED_FILE, located)
    problems += found
    entries = tuple((path.stem, entry) for path, _, entry in located)
    return Registries(entries, frozenset(shared)), problems


def _duplicate_keys(located: Sequence[tuple[Path, int, RegistryEntry]]) -> list[Problem]:
    first: dict[str, tuple[Path, int]] = {}
    problems = []
    for path, line, entry in located:
        if entry.key in first:
            where = f"{first[entry.key][0].name}:{first[entry.key][1]}"
            fix = f"give this entry another key, or merge it with the one at {where}"
            problems.append(Problem(path, line, "key", f"duplicate key {entry.key!r}", fix))
        else:
            first[entry.key] = (path, line)
    return problems


def _shared_names(
    documented_path: Path, located: Sequence[tuple[Path, int, RegistryEntry]]
) -> tuple[set[str], list[Problem]]:
    """Names of several entries: each must be documented with exactly those keys."""
    owners: dict[str, dict[str, tuple[Path, int, str]]] = defaultdict(dict)
    for path, line, entry in located:
        for name in entry.names():
            owners[name_key(name)].setdefault(entry.key, (path, line, name))
    documented: dict[str, tuple[int, set[str]]] = {}
    problems: list[Problem] = []
    if documented_path.is_file():
        rows, problems = read_rows(documented_path, SharedAlias)
        documented = {name_key(r.alias): (line, set(split_list(r.keys))) for line, r in rows}
    for key, entries in sorted(owners.items()):
        if len(entries) > 1 and documented.get(key, (0, set()))[1] != set(entries):
            path, line, name = sorted(entries.values(), key=lambda v: (v[0].name, v[1]))[-1]
            joined = "|".join(sorted(entries))
            fix = f"keep {name!r} in one entry, or document it in {SHARED_FILE} with keys {joined}"
            problems.append(Problem(path, line, "", f"{name!r} names entries {joined}", fix))
    for key, (line, _) in sorted(documented.items()):
        if len(owners.get(key, {})) < 2:
            fix = "remove the line: the name is no longer shared"
            problems.append(Problem(documented_path, line, "alias", "not a shared name", fix))
    return set(documented), problems


@functools.cache
def load_registries(folder: Path = REGISTRY_DIR) -> Registries:
    """Validated registries of ``folder``; raises ``DataFileError`` listing every problem."""
    registries, problems = check_registries(folder)
    raise_for(problems)
    return registries


def with_registries(user: Gazetteer, registries: Registries) -> Gazetteer:
    """The user's gazetteer extended by the registries; the user's entries win.

    A registry entry sharing a name with a user entry adds its other names to that
    entry; otherwise it becomes an actor of its own (``origin`` = ``registry/key``).
    Shared registry names the user does not claim become ``ambiguous`` names.
    """
    actors = list(user.actors)
    claimed = {name_key(n): i for i in reversed(range(len(actors))) for n in actors[i].names()}
    for registry, entry in registries.entries:
        names = [n for n in entry.names() if name_key(n) not in registries.shared]
        owners = sorted({claimed[name_key(n)] for n in names if name_key(n) in claimed})
        free = [n for n in names if name_key(n) not in claimed]
        if owners:
            owner = actors[owners[0]]
            actors[owners[0]] = owner.model_copy(update={"aliases": [*owner.aliases, *free]})
        elif free:
            owners = [len(actors)]
            actors.append(_actor(registry, entry, free))
        claimed.update((name_key(n), owners[0]) for n in free)
    ambiguous = _ambiguous(registries, claimed)
    return Gazetteer(actors=actors, ambiguous=sorted({*user.ambiguous, *ambiguous}))


def _actor(registry: str, entry: RegistryEntry, names: list[str]) -> Actor:
    canonical = entry.canonical if entry.canonical in names else names[0]
    return Actor(
        canonical=canonical,
        type=entry.type,
        label=entry.label,
        aliases=[name for name in names if name != canonical],
        origin=f"{registry}/{entry.key}",
    )


def _ambiguous(registries: Registries, claimed: Iterable[str]) -> list[str]:
    taken = set(claimed)
    return [
        name
        for _, entry in registries.entries
        for name in entry.names()
        if name_key(name) in registries.shared and name_key(name) not in taken
    ]


def full_gazetteer(actors: Path, *, registries: bool = True) -> Gazetteer:
    """The user's ``actors.yaml`` and, if asked, the shipped registries."""
    user = load_gazetteer(actors)
    return with_registries(user, load_registries()) if registries else user
