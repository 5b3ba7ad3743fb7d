"""Merge mentions into entities: one row per real-world actor.

Mentions meet under a normalised key (``names.name_key``; surname and initial for
people). Keys are then joined when the data says they name the same actor: a gazetteer
entry lists both, an acronym is defined by the other ("Labo de l'ESS" / "Le Labo de
l'économie sociale et solidaire"), or a surname alone matches exactly one person.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from corpus_mining.nlp.entity_rules import is_acronym
from corpus_mining.nlp.gazetteer import Actor, Gazetteer
from corpus_mining.nlp.names import name_key, parse_person
from corpus_mining.nlp.typology import actor_type

_LABEL_ORDER = {"ORG": 0, "PER": 1, "LOC": 2, "MISC": 3}


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            # The smaller key is the root, so the result does not depend on order.
            low, high = sorted((root_a, root_b))
            self.parent[high] = low


Surface = tuple[str, str, str]  # (text, label, gazetteer id or "")


@dataclass
class MentionTally:
    """Mentions counted by surface (text, label, gazetteer id), with their documents.

    Resolution needs only these counts, so a stage can stream its mentions to disk and
    keep memory proportional to the distinct names, not to the mentions.
    """

    counts: Counter[Surface] = field(default_factory=Counter)
    docs: dict[Surface, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, text: str, label: str, gazetteer_id: str | None, doc_id: str) -> Surface:
        """Count one mention; return its surface."""
        surface = (text, label, gazetteer_id or "")
        self.counts[surface] += 1
        self.docs[surface].add(doc_id)
        return surface


@dataclass
class _Group:
    label_votes: Counter[str] = field(default_factory=Counter)
    surfaces: Counter[str] = field(default_factory=Counter)
    gazetteer: str | None = None
    members: list[Surface] = field(default_factory=list)
    docs: set[str] = field(default_factory=set)


def mention_key(text: str, label: str, gazetteer_id: str) -> str:
    """The key a mention is grouped under before merging."""
    if gazetteer_id:
        return f"gaz:{gazetteer_id}"
    if label == "PER":
        return f"per:{parse_person(text).key}"
    return f"name:{name_key(text)}"


def _link_keys(
    keys: set[str], gazetteer: Gazetteer, definitions: Iterable[tuple[str, str]]
) -> _UnionFind:
    links = _UnionFind()
    for key in sorted(keys):
        links.find(key)
    for actor in gazetteer.actors:
        for name in actor.names():
            alias = f"name:{name_key(name)}"
            if alias in keys:
                links.union(alias, f"gaz:{actor.canonical}")
    for acronym, expansion in definitions:
        short, long = f"name:{name_key(acronym)}", f"name:{name_key(expansion)}"
        if short in keys and long in keys:
            links.union(short, long)
    _link_people(keys, links)
    return links


def _link_people(keys: set[str], links: _UnionFind) -> None:
    """A surname alone joins the one person with that surname, when there is only one."""
    by_surname: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        if key.startswith("per:") and not key.endswith("|"):
            by_surname[key[4:].split("|")[0]].append(key)
    for key in sorted(keys):
        if key.startswith("per:") and key.endswith("|"):
            matches = by_surname.get(key[4:-1], [])
            if len(matches) == 1:
                links.union(key, matches[0])


def _canonical(group: _Group, label: str) -> str:
    if group.gazetteer:
        return group.gazetteer
    if label == "PER":
        people = [parse_person(text) for text in group.surfaces]
        best = max(people, key=lambda p: (bool(p.given), len(p.initials), p.display()))
        return best.display()
    names = [text for text in group.surfaces if not is_acronym(text)] or list(group.surfaces)
    return max(sorted(names), key=lambda text: (group.surfaces[text], len(text)))


def resolve_entities(
    tally: MentionTally,
    *,
    gazetteer: Gazetteer,
    definitions: Iterable[tuple[str, str]],
    years: dict[str, int | None],
) -> tuple[list[dict[str, Any]], dict[Surface, tuple[str, str]]]:
    """Merge counted mentions into entities.

    Args:
        tally: every mention's surface, counted, with its documents.
        gazetteer: the actors gazetteer (canonical names and types).
        definitions: ``(acronym, expansion)`` pairs found in the corpus.
        years: each document's year, for first and last year of mention.

    Returns:
        Entity rows sorted by id, and for each surface its ``(entity_id, label)``: the
        label is the entity's, which may differ from the one the model gave the mention.
    """
    keys = {mention_key(*surface) for surface in tally.counts}
    links = _link_keys(keys, gazetteer, definitions)
    groups: dict[str, _Group] = defaultdict(_Group)
    for surface, count in sorted(tally.counts.items()):
        text, label, _ = surface
        root = links.find(mention_key(*surface))
        group = groups[root]
        group.label_votes[label] += count
        group.surfaces[text] += count
        group.gazetteer = group.gazetteer or (root[4:] if root.startswith("gaz:") else None)
        group.members.append(surface)
        group.docs |= tally.docs[surface]
    entries = {actor.canonical: actor for actor in gazetteer.actors}
    rows: list[dict[str, Any]] = []
    assigned: dict[Surface, tuple[str, str]] = {}
    for root, group in sorted(groups.items()):
        row = _entity_row(root, group, entries.get(group.gazetteer or ""), years)
        rows.append(row)
        assigned.update((surface, (row["entity_id"], row["label"])) for surface in group.members)
    return sorted(rows, key=lambda row: row["entity_id"]), assigned


def _entity_row(
    root: str, group: _Group, entry: Actor | None, years: dict[str, int | None]
) -> dict[str, Any]:
    """One entity; a gazetteer entry's label and type beat the mentions' (rule recorded)."""
    label = min(group.label_votes, key=lambda lab: (-group.label_votes[lab], _LABEL_ORDER[lab]))
    if entry is not None:
        label = entry.label
    entity_id = "E" + hashlib.sha1(f"{label}|{root}".encode()).hexdigest()[:12]
    canonical = _canonical(group, label)
    kind, rule = actor_type(canonical, label, entry.type if entry else None)
    if entry is not None and entry.origin:
        rule = f"gazetteer:{entry.origin}"
    doc_years = sorted(y for y in (years.get(d) for d in group.docs) if y is not None)
    return {
        "entity_id": entity_id,
        "canonical": canonical,
        "label": label,
        "actor_type": kind,
        "actor_type_rule": rule,
        "aliases": sorted(group.surfaces),
        "n_mentions": sum(group.surfaces.values()),
        "n_docs": len(group.docs),
        "first_year": doc_years[0] if doc_years else None,
        "last_year": doc_years[-1] if doc_years else None,
    }
