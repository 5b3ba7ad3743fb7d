"""What each acronym a document defines is: an organisation, not an actor, or undecided.

An acronym and its expansion are one entity. When the expansion is headed by an
organisation noun ("direction générale des entreprises (DGE)", "Joint Research Centre
(JRC)"), the expansion and every bare use of the acronym in the document are ORG
mentions. When it is headed by a programme, call, plan, law, fund or scheme ("appel à
manifestation d'intérêt (AMI)", "Action Plan"), or is a common-noun phrase, the acronym
is never an actor. Otherwise the model decides: an expansion it tags ORG makes the
acronym's mentions ORG too (``relabel_model_orgs``, once the document's passages are done).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from corpus_mining.nlp.acronyms import FUNCTION_WORDS, AcronymDefinition
from corpus_mining.nlp.actor_rules import Acronyms
from corpus_mining.nlp.document_labels import relabel_mention
from corpus_mining.nlp.entity_rules import names_an_actor
from corpus_mining.nlp.names import name_key
from corpus_mining.nlp.org_lexicon import Role, expansion_role, merged_lexicon

Spans = tuple[tuple[int, int], ...]


def acronym_role(acronym: str, expansion: str, before: str = "") -> Role | None:
    """``"org"``, ``"not_org"`` or None (undecided) for ``acronym`` defined as ``expansion``.

    ``before`` is the text just before the definition: a plural determiner there ("des
    pôles ...") makes the expansion a category, never one organisation.
    """
    role = expansion_role(expansion)
    words = before.lower().replace("'", " ").split()
    if role == "org" and words and words[-1] in merged_lexicon().plural_determiners:
        role = None
    if role is None and not names_an_actor(acronym, expansion):
        return "not_org"
    return role


def _plural_in(text: str, names: frozenset[str]) -> bool:
    return text in names or (text.endswith("s") and text[:-1] in names)


@dataclass(frozen=True)
class AcronymRoles:
    """The roles of one document's acronyms and where its organisation expansions are."""

    org: frozenset[str] = frozenset()
    not_org: frozenset[str] = frozenset()
    defined: frozenset[str] = frozenset()
    undecided: tuple[tuple[str, str], ...] = ()  # (acronym, expansion)
    expansions: dict[str, Spans] = field(default_factory=dict)  # passage id -> char spans

    def acronyms(self) -> Acronyms:
        """The view ``annotate`` needs: which acronyms are defined, and as organisations."""
        return Acronyms(
            org=lambda text: _plural_in(text, self.org),
            defined=lambda text: _plural_in(text, self.defined),
        )

    def relabel_model_orgs(self, mentions: list[dict[str, Any]]) -> None:
        """Undecided acronyms whose expansion the model tagged ORG: their mentions are ORG."""
        tagged = {name_key(m["text"]) for m in mentions if m["label"] == "ORG"}
        promoted = frozenset(a for a, exp in self.undecided if name_key(exp) in tagged)
        for mention in mentions:
            if mention["label"] != "ORG" and _plural_in(mention["text"], promoted):
                relabel_mention(mention, "ORG", "acronym_expansion_tagged_org")


def acronym_roles(
    text: str,
    definitions: dict[str, AcronymDefinition],
    passages: tuple[dict[str, Any], ...],
    *,
    is_concept: Callable[[str], bool] = lambda term: False,
) -> AcronymRoles:
    """Classify every definition of a document and locate its organisation expansions.

    An acronym or expansion that is a concept term of the lexicon is never an actor.
    """
    roles = {
        acronym: "not_org" if is_concept(acronym) or is_concept(d.expansion) else None
        for acronym, d in definitions.items()
    }
    roles = {
        a: role or acronym_role(a, d.expansion, text[max(0, d.start - 20) : d.start])
        for (a, role), d in zip(roles.items(), definitions.values(), strict=True)
    }
    offsets = passage_offsets(text, passages)
    expansions: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for acronym, definition in sorted(definitions.items()):
        position = text.find(definition.expansion, definition.start, definition.end)
        if roles[acronym] != "org" or position < 0:
            continue
        passage_id, start = locate(offsets, position)
        if passage_id is not None:
            expansions[passage_id].append((start, start + len(definition.expansion)))
    return AcronymRoles(
        org=frozenset(a for a, r in roles.items() if r == "org"),
        not_org=frozenset(a for a, r in roles.items() if r == "not_org"),
        defined=frozenset(definitions),
        undecided=tuple(sorted((a, d.expansion) for a, d in definitions.items() if not roles[a])),
        expansions={pid: tuple(spans) for pid, spans in sorted(expansions.items())},
    )


def passage_offsets(text: str, passages: tuple[dict[str, Any], ...]) -> list[tuple[int, str]]:
    """Start offset of each passage in the document text (passages are in order)."""
    offsets, cursor = [], 0
    for passage in passages:
        start = text.find(passage["text"], cursor)
        offsets.append((start, passage["passage_id"]))
        cursor = start + len(passage["text"])
    return offsets


def locate(offsets: list[tuple[int, str]], position: int) -> tuple[str | None, int]:
    """The passage holding document offset ``position``, and the offset inside it."""
    found: tuple[str | None, int] = (None, 0)
    for start, passage_id in offsets:
        if start <= position:
            found = (passage_id, position - start)
    return found


_PLURAL_ACRONYM = re.compile(r"(?<![\w&-])([A-Z][A-Z0-9&]{1,9})s(?![\w&-])")
_BARE_ACRONYM = re.compile(r"(?<![\w&-])([A-Z]{3,8})(?![\w&-])")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def undefined_not_actors(text: str, defined: Iterable[str]) -> frozenset[str]:
    """Acronyms the document does not define but shows not to name one organisation.

    Written in the plural ("EDIHs", "les DIHs"), an acronym names a kind of body. Spelled
    by the initials of a capitalised phrase of the same document whose head is a
    programme's, an event's or a plural ("Social Business Initiative" for "SBI"), it
    names that programme, though no parenthesis defines it.
    """
    known = frozenset(defined)
    plural = {m.group(1) for m in _PLURAL_ACRONYM.finditer(text)} - known
    bare = {m.group(1) for m in _BARE_ACRONYM.finditer(text)} - known - plural
    if not bare:
        return frozenset(plural)
    words = [m.group(0) for m in _WORD.finditer(text)]
    starts: dict[str, list[int]] = defaultdict(list)
    for i, word in enumerate(words):
        if word[:1].isupper() and not word.isupper():
            starts[word[0]].append(i)
    spelled = {a for a in bare if _spelled_role(a, words, starts.get(a[0], [])) == "not_org"}
    return frozenset(plural | spelled)


def _spelled_role(acronym: str, words: list[str], starts: list[int]) -> Role | None:
    """The role of the first capitalised phrase whose initials spell ``acronym``."""
    for i in starts:
        letters, j = 0, i
        while letters < len(acronym) and j < len(words):
            word = words[j]
            if word[:1].isupper() and not word.isupper():
                if word[0] != acronym[letters]:
                    break
                letters += 1
            elif letters == 0 or word.lower() not in FUNCTION_WORDS:
                break
            j += 1
        if letters == len(acronym):
            return expansion_role(" ".join(words[i:j]))
    return None
