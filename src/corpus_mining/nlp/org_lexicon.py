"""The words organisation names are built from, per language, read from package data.

``data/org_names.yaml`` lists, for each language, the nouns that head organisation names,
the connectors that join their parts, and the heads of things that are not organisations
(programmes, job titles, laws named after people). Rules read it through ``OrgLexicon``;
no rule holds its own word list.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from corpus_mining.config import describe_validation_error
from corpus_mining.errors import ParamsError

DATA = Path(__file__).parent / "data" / "org_names.yaml"

Role = Literal["org", "not_org"]


class OrgLexicon(BaseModel):
    """One language's entry of ``org_names.yaml`` (see the file's header for each field)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    head_first: bool = True
    org_heads: frozenset[str] = frozenset()
    connectors: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    conjunctions: frozenset[str] = frozenset()
    enumerating_heads: frozenset[str] = frozenset()
    lowercase_heads: dict[str, frozenset[str]] = Field(default_factory=dict)
    lowercase_complements: bool = False
    programme_heads: frozenset[str] = frozenset()
    event_heads: frozenset[str] = frozenset()
    job_titles: frozenset[str] = frozenset()
    portfolio_titles: frozenset[str] = frozenset()
    eponym_heads: frozenset[str] = frozenset()
    plural_determiners: frozenset[str] = frozenset()
    org_acronyms: frozenset[str] = frozenset()
    legal_forms: frozenset[str] = frozenset()
    sentence_articles: frozenset[str] = frozenset()
    name_articles: frozenset[str] = frozenset()
    category_heads: frozenset[str] = frozenset()
    product_nouns: frozenset[str] = frozenset()
    internal_bodies: frozenset[str] = frozenset()
    address_words: frozenset[str] = frozenset()
    street_words: frozenset[str] = frozenset()
    phrase_words: frozenset[str] = frozenset()
    thought_heads: frozenset[str] = frozenset()
    level_adjectives: frozenset[str] = frozenset()
    list_heads: frozenset[str] = frozenset()
    list_openers: frozenset[str] = frozenset()
    post_nominals: frozenset[str] = frozenset()

    def is_org_head(self, word: str, *, plural: bool = False) -> bool:
        """Whether ``word`` (any case; singular, or also plural if asked) heads names."""
        lower = _lower(word)
        if plural and singular(lower) in self.org_heads:
            return True
        return lower in self.org_heads

    def is_title(self, word: str) -> bool:
        """Whether ``word`` (any case) is a job title."""
        return _lower(word) in self.job_titles


def _lower(word: str) -> str:
    return word.lower().replace("’", "'")


def singular(lower: str) -> str:
    """The singular of a lower-case plural noun ("agencies", "réseaux", "hubs"), else ""."""
    if lower.endswith("ies") and len(lower) > 4:
        return lower[:-3] + "y"
    return lower[:-1] if lower[-1:] in {"s", "x"} else ""


@functools.cache
def _merged(path: Path) -> OrgLexicon:
    lexicons = list(_all(path).values())
    fields = (
        "org_heads",
        "connectors",
        "determiners",
        "programme_heads",
        "event_heads",
        "org_acronyms",
        "plural_determiners",
        "job_titles",
    )
    return OrgLexicon.model_validate(
        {name: frozenset().union(*(getattr(lex, name) for lex in lexicons)) for name in fields}
    )


_EMPTY = OrgLexicon()  # frozen: one shared instance, not a new model on every call


@functools.cache
def _all(path: Path) -> dict[str, OrgLexicon]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    try:
        return {lang: OrgLexicon.model_validate(entry) for lang, entry in sorted(raw.items())}
    except ValidationError as error:
        raise ParamsError(describe_validation_error(error, path)) from None


def org_lexicon(lang: str, path: Path = DATA) -> OrgLexicon:
    """The lexicon of ``lang``; an empty one for a language the file does not cover."""
    found = _all(path).get(lang)
    return found if found is not None else _EMPTY


def merged_lexicon(path: Path = DATA) -> OrgLexicon:
    """Every language's words together, for text whose language is not known (acronyms)."""
    return _merged(path)


def head_words(words: list[str], lexicon: OrgLexicon) -> list[str]:
    """Candidate heads of a name, for text of either language.

    Its first word (French) and the last word before its first connector (English
    compounds: "Joint Research Centre", "School of Economics").
    """
    content = [w for w in words if _lower(w) not in lexicon.determiners]
    if not content:
        return []
    chunk: list[str] = []
    for word in content:
        if _lower(word) in lexicon.connectors or _lower(word) in {"and", "et"}:
            break
        chunk.append(word)
    return list(dict.fromkeys([content[0], *(chunk[-1:] or [])]))


def _plural_of_head(word: str, heads: frozenset[str]) -> bool:
    lower = _lower(word)
    return lower not in heads and singular(lower) in heads


def expansion_role(expansion: str, lexicon: OrgLexicon | None = None) -> Role | None:
    """What an acronym's expansion says about the acronym.

    ``"not_org"`` when the expansion's head is a programme, call, plan, law, fund, currency,
    scheme or event, or a plural organisation head (a category: "pôles ...", "Organisations");
    ``"org"`` when its head is an organisation head noun; None when the head says neither.
    """
    lexicon = lexicon or merged_lexicon()
    words = expansion.replace("'", "' ").replace("’", "' ").split()
    heads = head_words(words, lexicon)
    if any(_lower(h) in lexicon.programme_heads | lexicon.event_heads for h in heads):
        return "not_org"
    if any(_plural_of_head(h, lexicon.org_heads) for h in heads):
        return "not_org"
    if any(lexicon.is_org_head(h) for h in heads):
        return "org"
    return None
