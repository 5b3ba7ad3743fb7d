"""Labels decided over a whole document, once every passage has been read.

A passage alone can mislead the model; the document around it often says what a name is.
Each rule changes a mention's label and appends its name to the mention's ``rule``:

- ``common_word_not_person``: a one-word "person" the document also writes in lower case,
  or that the language's lexicon knows and that is no given name, is a common word
  ("Knowledge", "Input");
- ``person_elsewhere``: an "organisation", or a "place" no place list holds, that the
  document names as a person elsewhere, or the surname of a person it names in full, is
  that person ("Okafor said");
- ``body_named_for_place``: a "person" whose last word is a listed place and whose other
  words the document writes in lower case is a body ("Business Finland").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from corpus_mining.nlp.org_lexicon import org_lexicon


def relabel_mention(mention: dict[str, Any], label: str, rule: str) -> None:
    """Give ``mention`` the ``label`` a document-level ``rule`` decided, naming the rule."""
    rules = [r for r in mention["rule"].split("+") if r]
    mention["label"] = label
    mention["rule"] = "+".join([*rules, rule])


def relabel_common_word_people(
    mentions: list[dict[str, Any]], written_lowercase: Callable[[str], bool]
) -> None:
    """A one-word "person" that is a common word (``written_lowercase``) is MISC.

    "Knowledge", "Input": a heading's or a button's word the model read as a name. The
    extractor counts as common a word the document writes in lower case, or one the
    language's lexicon knows that is no given name ("Grace" stays a person). A word
    of a person the document names in full stays a person ("Rose Brown" ... "Brown said",
    even beside "a brown logo"); so do names a rule, not the model, proposed.
    """
    full_names = [m["text"].split() for m in mentions if m["label"] == "PER"]
    in_full = {word for name in full_names if len(name) > 1 for word in name}
    for mention in mentions:
        text = mention["text"]
        if (
            mention["label"] == "PER"
            and mention["source"] == "model"
            and text.istitle()
            and text.isalpha()
            and text not in in_full
            and written_lowercase(text)
        ):
            relabel_mention(mention, "MISC", "common_word_not_person")


def relabel_people_named_elsewhere(
    mentions: list[dict[str, Any]], is_place: Callable[[str], bool] = lambda text: False
) -> None:
    """A model "organisation" or "place" the document names as a person elsewhere: a person.

    The small English model reads a surname alone, or a name in a list, as an organisation
    ("Okafor said", "Speakers: Maria Okafor"), and both models read a surname that is also
    a town's name as a place ("Ann Vellberg ... Vellberg argues"); where the same document
    tags that name, or the full name ending in it, as a person, the other reading is the
    error. A name holding an organisation head ("Okafor Foundation") stays an organisation;
    a place becomes a person only as the surname is written, unless a list holds it.
    """
    full_names = [m["text"] for m in mentions if m["label"] == "PER"]
    surnames = {name.split()[-1] for name in full_names if " " in name}
    people = {name.casefold() for name in full_names} | {s.casefold() for s in surnames}
    for mention in mentions:
        text, label = mention["text"], mention["label"]
        named = text.casefold() in people
        if label == "LOC":  # a place: only a surname as written, and no listed place
            named = text in surnames and not is_place(text)
        if (
            label in {"ORG", "LOC"}
            and mention["source"] == "model"
            and named
            and not any(org_lexicon(mention["lang"]).is_org_head(w) for w in text.split())
        ):
            relabel_mention(mention, "PER", "person_elsewhere")


def relabel_place_named_people(
    mentions: list[dict[str, Any]],
    is_place: Callable[[str], bool],
    written_lowercase: Callable[[str], bool],
) -> None:
    """A model "person" named for a place with common words is a body: ORG.

    "Business Finland", "Innovation Estonia": the last word a listed place, every other word
    one the document also writes in lower case. People named after places keep a given
    name no text writes in lower case ("Florence Paris").
    """
    for mention in mentions:
        words = mention["text"].split()
        if (
            mention["label"] == "PER"
            and mention["source"] == "model"
            and len(words) >= 2
            and is_place(words[-1])
            and all(w.isalpha() and written_lowercase(w) for w in words[:-1])
        ):
            relabel_mention(mention, "ORG", "body_named_for_place")
