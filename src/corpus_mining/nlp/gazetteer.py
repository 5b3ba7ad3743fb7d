"""The optional actors gazetteer (``corpus/actors.yaml``) and its entity-ruler patterns.

How names match: a name of several words case-insensitively ("agence nationale de la
cohésion des territoires"); an all-capital acronym exactly as written ("MES" the network,
never "mes"); any other one-word name as written, capitalised or in capitals, since the
same word in lower case is a common word ("Systematic" the pôle, not "systematic").
Hyphens also match as spaces, and a word's accented initial also matches unaccented
("Ecole", "ECONOMIE"), as writers often drop accents on capitals.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from corpus_mining.config import describe_validation_error
from corpus_mining.errors import ParamsError
from corpus_mining.nlp.entity_rules import is_acronym
from corpus_mining.textfold import strip_marks

ActorType = Literal[
    "public_body",
    "eu_institution",
    "sse_network",
    "cluster_or_company",
    "research_or_university",
    "person",
    "place",
    "other",
]


class Actor(BaseModel):
    """One gazetteer entry."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    canonical: str = Field(min_length=1)
    type: ActorType
    label: Literal["ORG", "PER", "LOC", "MISC"] = "ORG"
    aliases: list[str] = Field(default_factory=list)
    # Where a shipped registry entry comes from ("registry/key"); empty for the user's.
    origin: str = ""

    def names(self) -> list[str]:
        """The canonical name and every alias, without repeats."""
        return list(dict.fromkeys([self.canonical, *self.aliases]))


class Gazetteer(BaseModel):
    """The whole ``actors.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    actors: list[Actor] = Field(default_factory=list)
    # Names of organisations that several bodies share: tagged ORG, linked to none.
    ambiguous: list[str] = Field(default_factory=list)


def load_gazetteer(path: Path) -> Gazetteer:
    """Read ``actors.yaml``; a missing file is an empty gazetteer."""
    if not path.is_file():
        return Gazetteer()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return Gazetteer.model_validate(raw)
    except yaml.YAMLError as error:
        raise ParamsError(f"{path}: not valid YAML: {error}") from None
    except ValidationError as error:
        raise ParamsError(describe_validation_error(error, path)) from None


SHARED_ID = "rule:gazetteer_shared"
_INITIAL = re.compile(r"(^|[\s'-])(\w)")


def ruler_patterns(
    gazetteer: Gazetteer, is_word: Callable[[str], bool] = lambda word: False
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Phrase patterns of every name: ``(case-insensitive, exact)``.

    The first list is for a ruler matching on ``LOWER`` (names of several words), the
    second for one matching on ``ORTH`` (acronyms and other one-word names, as
    ``written_forms`` writes them; ``is_word`` tells the language's common words).
    """
    insensitive: list[dict[str, Any]] = []
    exact: list[dict[str, Any]] = []
    entries = [(actor.label, actor.canonical, actor.names()) for actor in gazetteer.actors]
    entries.append(("ORG", SHARED_ID, list(gazetteer.ambiguous)))
    for label, ident, names in entries:
        for variant in dict.fromkeys(v for name in names for v in name_variants(name)):
            if " " in variant:
                insensitive.append({"label": label, "pattern": variant, "id": ident})
            else:
                exact += [
                    {"label": label, "pattern": f, "id": ident}
                    for f in written_forms(variant, is_word)
                ]
    return insensitive, exact


def name_variants(name: str) -> list[str]:
    """The name, with hyphens as spaces; with accented initials, or all letters, unaccented.

    Writers drop accents on capitals ("Economie"), and all-capital text often drops
    them everywhere ("REGIONALE").
    """
    name = " ".join(name.split())
    forms = [name, name.replace("-", " ")] if "-" in name else [name]
    forms += [_plain_initials(form) for form in forms] + [strip_marks(form) for form in forms]
    return list(dict.fromkeys(forms))


def written_forms(word: str, is_word: Callable[[str], bool] = lambda word: False) -> list[str]:
    """How a one-word name may be written: as it is, capitalised, in capitals.

    An acronym is written as it is and, from four letters on, as the press writes it
    ("CRESS": "Cress", "la Datar"), unless that is a common word ("ENTER": not "Enter").
    """
    if is_acronym(word):
        title = word[:1] + word[1:].lower()
        pronounced = word.isalpha() and word.isupper() and len(word) >= 4
        return [word, title] if pronounced and not is_word(title) else [word]
    return list(dict.fromkeys([word, word[:1].upper() + word[1:], word.upper()]))


def _plain_initials(text: str) -> str:
    """Accents removed from the first letter of each word, also after an elision (l', d')."""
    return _INITIAL.sub(lambda match: match[1] + strip_marks(match[2]), text)
