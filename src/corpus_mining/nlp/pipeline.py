"""Build the spaCy pipeline of one language: model, gazetteer and institution rules.

The entity ruler runs before the statistical NER, so gazetteer names and generic
institution patterns ("Université de ...", "Conseil régional de ...", "gouvernement
français") are set first and the model predicts around them. After the NER,
``org_head_proposals`` adds the lower-case institutional names it misses.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from spacy.attrs import LOWER

from corpus_mining.nlp.common_words import add_common_words, is_common_word
from corpus_mining.nlp.entity_rules import NOTE_CALL, NOTE_NUMBER
from corpus_mining.nlp.gazetteer import Gazetteer, ruler_patterns
from corpus_mining.nlp.models import load_model
from corpus_mining.nlp.org_proposals import make_org_head_proposals

# Registered with spaCy on import; named here so the import is not "unused".
FACTORIES = (make_org_head_proposals,)

# Components the extract stage never reads: the dependency parser is the slowest one.
EXCLUDED = ("parser", "senter")

# A hyphen ending a word before a space ("Vallée- labellisée", "inno-" cut by a line) is
# punctuation of its own, so a name's span never ends on it.
_DANGLING_HYPHEN = r"(?<=[^\W\d_])-$"
# A footnote call glued to a word ("DATAR[1]", "Commission[2]", "(RTES)[3]") is a token of
# its own, so the name before it is the name as the gazetteer and the model know it.
_NOTE_CALL = rf"(?<=\S){NOTE_CALL}$|(?<=\])[.,;:]$"
# An author's or a footnote's number glued to a word in lower case, as PDF text gives
# superscripts ("Smith1", "Martin2,3", "sociale12"), is a token of its own: "John Smith1"
# is a person, not a brand-shaped name. Capitals keep their digits ("G20", "EU27"), and
# so do longer numbers ("Horizon2020").
_NOTE_NUMBER = rf"(?<=[^\W\d_A-Z]{{2}}){NOTE_NUMBER}$"

_OF = {"LOWER": {"IN": ["de", "d'", "du", "des", "of", "for", "la", "l'"]}, "OP": "*"}
_NAME = {"IS_TITLE": True, "OP": "+"}
_INSTITUTION_PATTERNS: list[dict[str, Any]] = [
    {"label": "ORG", "id": "rule:university", "pattern": [
        {"LOWER": {"IN": ["université", "university", "universidad", "universität", "università",
                          "universitat", "institut", "institute", "école", "school"]}},
        _OF, _NAME, {"LIKE_NUM": True, "OP": "?"}]},
    {"label": "ORG", "id": "rule:council", "pattern": [
        {"LOWER": {"IN": ["conseil", "council"]}},
        {"LOWER": {"IN": ["régional", "départemental", "général", "municipal", "regional",
                          "county", "city"]}}, _OF, _NAME]},
    {"label": "ORG", "id": "rule:region", "pattern": [{"ORTH": {"IN": ["Région", "Département"]}}, _NAME]},
    {"label": "ORG", "id": "rule:state_body", "pattern": [
        {"LOWER": {"IN": ["gouvernement", "government", "ministère", "ministry", "état"]}},
        {"POS": "ADJ", "IS_LOWER": True}]},
    {"label": "ORG", "id": "rule:eu_body", "pattern": [
        {"LOWER": {"IN": ["commission", "union", "parlement", "conseil", "cour", "banque", "comité"]}},
        {"LOWER": {"IN": ["européenne", "européen", "européens"]}}]},
]  # fmt: skip


def build_pipeline(model: str, gazetteer: Gazetteer | None) -> Any:
    """Load ``model`` without unused components and add the entity rulers.

    Two phrase-matching rulers run before the NER: ``entity_ruler`` matches names of
    several words case-insensitively (with the institution rules), then
    ``gazetteer_exact`` matches acronyms and one-word names case-sensitively where the
    first left room. Phrase matchers cost the same for ten names or ten thousand.
    """
    nlp = load_model(model, EXCLUDED)
    split_glued_marks(nlp)
    add_common_words(nlp)
    is_word = partial(is_common_word, nlp.make_doc(""))
    insensitive, exact = ruler_patterns(gazetteer, is_word) if gazetteer is not None else ([], [])
    _add_ruler(nlp, "entity_ruler", "LOWER", insensitive + _INSTITUTION_PATTERNS)
    if exact:
        _add_ruler(nlp, "gazetteer_exact", "ORTH", exact)
    nlp.add_pipe("org_head_proposals", after="ner")
    return nlp


def split_glued_marks(nlp: Any) -> None:
    """Make the tokenizer cut final hyphens and note calls and numbers off words."""
    import re

    pattern = nlp.tokenizer.suffix_search.__self__.pattern
    marks = f"{_DANGLING_HYPHEN}|{_NOTE_CALL}|{_NOTE_NUMBER}"
    nlp.tokenizer.suffix_search = re.compile(f"{pattern}|{marks}").search


def _add_ruler(nlp: Any, name: str, attr: str, patterns: list[dict[str, Any]]) -> None:
    """An entity ruler just before the NER; its phrase patterns are only tokenised.

    The other components are switched off while patterns are added: spaCy would
    otherwise tag and parse every pattern (slow, and useless for LOWER or ORTH). spaCy's
    ruler counts its patterns on every passage, to warn when it has none: a loop over one
    key per gazetteer entry, longer as the registries grow. Ours never change once added,
    so that count is done here, once.
    """
    config = {"validate": True, "phrase_matcher_attr": attr}
    ruler = nlp.add_pipe("entity_ruler", name=name, before="ner", config=config)
    with nlp.select_pipes(enable=[name]):
        ruler.add_patterns(patterns)
    if len(ruler):
        ruler._require_patterns = _patterns_present  # see the docstring
    first_words = _first_words(
        [p["pattern"] for p in patterns if not isinstance(p["pattern"], str)]
    )
    if first_words is not None:
        ruler.matcher = FirstWordGate(ruler.matcher, first_words, nlp.vocab.strings)


def _patterns_present() -> None:
    """What a ruler's per-passage check does once it is known to hold patterns: nothing."""


def _first_words(token_patterns: list[list[dict[str, Any]]]) -> dict[str, set[str]] | None:
    """The words that can start a match of ``token_patterns``, by attribute (LOWER, ORTH).

    None when a pattern's first token is not such a list or word: no gate is then safe.
    """
    words: dict[str, set[str]] = {"LOWER": set(), "ORTH": set()}
    for pattern in token_patterns:
        first = pattern[0] if pattern else {}
        if len(first) != 1:  # an operator ("OP") or a second condition: no single word set
            return None
        ((attr, value),) = first.items()
        if attr not in words:
            return None
        if isinstance(value, str):
            words[attr].add(value)
        elif isinstance(value, dict) and list(value) == ["IN"]:
            words[attr].update(value["IN"])
        else:
            return None
    return words


class FirstWordGate:
    """A token matcher that runs only on docs holding a word that can start one of its matches.

    The institution patterns start with one of a few words ("université", "conseil",
    "Région"...) that most passages lack; spaCy's matcher still steps through every token of
    every passage. Which words can start a match is read from the patterns themselves; the
    matches are the matcher's own. Anything else (``add``, ``remove``, ``len``) goes to it.
    """

    def __init__(self, matcher: Any, first_words: dict[str, set[str]], strings: Any) -> None:
        self._matcher = matcher
        # an ORTH word occurs only where its lower case does: one array to read per doc
        self._hashes = {strings.add(w.lower()) for words in first_words.values() for w in words}

    def __call__(self, doc: Any, *args: Any, **kwargs: Any) -> Any:
        """The matcher's matches on ``doc``, or none when no first word occurs in it."""
        if self._hashes.isdisjoint(doc.to_array(LOWER).tolist()):
            return []
        return self._matcher(doc, *args, **kwargs)

    def __len__(self) -> int:
        return len(self._matcher)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._matcher, name)
