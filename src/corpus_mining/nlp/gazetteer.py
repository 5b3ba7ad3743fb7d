"""The optional actors gazetteer (``corpus/actors.yaml``) and its entity-ruler patterns."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from corpus_mining.config import describe_validation_error
from corpus_mining.errors import ParamsError
from corpus_mining.nlp.entity_rules import is_acronym

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

    def names(self) -> list[str]:
        """The canonical name and every alias, without repeats."""
        return list(dict.fromkeys([self.canonical, *self.aliases]))


class Gazetteer(BaseModel):
    """The whole ``actors.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    actors: list[Actor] = Field(default_factory=list)


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


def ruler_patterns(gazetteer: Gazetteer, nlp: Any) -> list[dict[str, Any]]:
    """Entity-ruler patterns: acronyms exact, other names case-insensitive by token."""
    patterns: list[dict[str, Any]] = []
    for actor in gazetteer.actors:
        for name in actor.names():
            if is_acronym(name) and " " not in name:
                tokens: list[dict[str, Any]] = [{"ORTH": name}]
            else:
                tokens = [{"LOWER": token.lower_} for token in nlp.make_doc(name)]
            patterns.append({"label": actor.label, "pattern": tokens, "id": actor.canonical})
    return patterns
