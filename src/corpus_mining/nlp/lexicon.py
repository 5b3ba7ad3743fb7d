"""The bilingual concept lexicon: load ``lexicon.yaml`` into frozen, validated objects.

The file is user-edited, so every problem (an unknown family member, a concept without
terms, an id written twice) fails at load time with the file name and the key to fix.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from corpus_mining.config import describe_validation_error
from corpus_mining.errors import ParamsError

ConceptId = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]*$")]
FamilyName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


@dataclass(frozen=True, slots=True)
class Concept:
    """One concept: its id, family, label and surface terms per language."""

    id: str
    family: str
    label: Mapping[str, str]
    terms: Mapping[str, tuple[str, ...]]

    def terms_for(self, lang: str) -> tuple[str, ...]:
        """The concept's terms in ``lang`` (empty when it has none in that language)."""
        return self.terms.get(lang, ())


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Concepts by id (in file order) and the concept ids of each family."""

    concepts: Mapping[str, Concept]
    families: Mapping[str, tuple[str, ...]]

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language that has at least one term, sorted."""
        return tuple(sorted({lang for c in self.concepts.values() for lang in c.terms}))

    def terms(self, lang: str) -> list[tuple[str, str]]:
        """``(term, concept_id)`` pairs of ``lang``, in file order."""
        return [(term, c.id) for c in self.concepts.values() for term in c.terms_for(lang)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _ConceptSpec(_Strict):
    label: dict[LanguageCode, Text] = Field(min_length=1)
    family: FamilyName
    terms: dict[LanguageCode, Annotated[list[Text], Field(min_length=1)]] = Field(min_length=1)


class _LexiconSpec(_Strict):
    concepts: dict[ConceptId, _ConceptSpec] = Field(min_length=1)
    families: dict[FamilyName, Annotated[list[ConceptId], Field(min_length=1)]] = Field(
        min_length=1
    )


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a key written twice in one mapping (PyYAML keeps the last)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        seen: set[Hashable] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                line = key_node.start_mark.line + 1
                raise _DuplicateKeyError(f"{key}: duplicate key (line {line})")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class _DuplicateKeyError(Exception):
    pass


def _check_families(spec: _LexiconSpec, source: Path) -> None:
    listed: dict[str, str] = {}
    for family, members in spec.families.items():
        for concept_id in members:
            key = f"{source}: families.{family}"
            if concept_id not in spec.concepts:
                raise ParamsError(f"{key}: unknown concept {concept_id!r}")
            if concept_id in listed:
                raise ParamsError(f"{key}: {concept_id} is already in {listed[concept_id]}")
            listed[concept_id] = family
    for concept_id, concept in spec.concepts.items():
        key = f"{source}: concepts.{concept_id}.family"
        if concept.family not in spec.families:
            raise ParamsError(f"{key}: unknown family {concept.family!r}")
        if listed.get(concept_id) != concept.family:
            raise ParamsError(f"{key}: {concept_id} is not listed in families.{concept.family}")


def _check_terms(spec: _LexiconSpec, source: Path) -> None:
    for concept_id, concept in spec.concepts.items():
        for lang, terms in concept.terms.items():
            seen: set[str] = set()
            for term in terms:
                if term in seen:
                    key = f"concepts.{concept_id}.terms.{lang}"
                    raise ParamsError(f"{source}: {key}: duplicate term {term!r}")
                seen.add(term)


def _build(spec: _LexiconSpec) -> Lexicon:
    concepts = {
        concept_id: Concept(
            id=concept_id,
            family=c.family,
            label=MappingProxyType(dict(c.label)),
            terms=MappingProxyType({lang: tuple(terms) for lang, terms in c.terms.items()}),
        )
        for concept_id, c in spec.concepts.items()
    }
    families = {family: tuple(members) for family, members in spec.families.items()}
    return Lexicon(concepts=MappingProxyType(concepts), families=MappingProxyType(families))


def parse_lexicon(raw: object, source: Path = Path("lexicon.yaml")) -> Lexicon:
    """Validate an already-loaded lexicon mapping.

    Args:
        raw: The parsed YAML content.
        source: The file it came from, named in error messages.

    Returns:
        The validated lexicon.

    Raises:
        ParamsError: A key is missing, unknown or invalid; a family lists an unknown
            concept; a concept's family does not list it; a term is repeated.
    """
    try:
        spec = _LexiconSpec.model_validate(raw)
    except ValidationError as error:
        raise ParamsError(describe_validation_error(error, source)) from None
    _check_families(spec, source)
    _check_terms(spec, source)
    return _build(spec)


def load_lexicon(path: Path, *, missing_ok: bool = False) -> Lexicon:
    """Read and validate a lexicon YAML file (see ``corpus/lexicon.yaml``).

    Args:
        path: The lexicon file.
        missing_ok: An absent file is an empty lexicon (the pipeline's lexicon is optional).

    Raises:
        ParamsError: The file is missing (unless ``missing_ok``), not YAML, repeats a key
            or has invalid content.
    """
    if not path.is_file():
        if missing_ok:
            return Lexicon(concepts={}, families={})
        raise ParamsError(f"{path}: lexicon not found")
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    except _DuplicateKeyError as error:
        raise ParamsError(f"{path}: {error}") from None
    except yaml.YAMLError as error:
        raise ParamsError(f"{path}: not valid YAML: {error}") from None
    return parse_lexicon(raw, path)
