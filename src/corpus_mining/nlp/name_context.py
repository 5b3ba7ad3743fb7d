"""What the words around a name say it is: an author, a product, a code, an organ, an address.

Cheap context rules, applied by ``annotate`` to every candidate the model or a rule
proposed (never to a gazetteer's name):

- a name in an author-year citation ("(Martin and Weber, 2013)", "(Dupont, 2004)") is a
  person, whatever label the model gave it;
- a common word with a small number ("Action 3", "Round III") is an item of a plan or a
  list, not a body;
- a name written right after a number ("1.2 MiB", "40 MW") is a unit, one written right
  before a number ("TRL 3", "ISO 9001") or ending in a model code ("Alpha A320") is a
  designation, and a maker and model next to a lower-case product noun ("Alpha Strela
  jets", "les avions Alpha Strela") is a product: none of them is an organisation;
- the organs of a body ("Board of Directors", "conseil d'administration") are not
  bodies of their own (``internal_bodies`` in ``data/org_names.yaml``);
- a name holding an address word ("PARIS CEDEX"), or a kind of street after a house
  number ("721 University Avenue"), is part of a postal address, a place;
- a listed place is not an organisation nor a person (``place_not_org``), also when a
  line-end hyphen ("Eu-rope") or lost spaces ("UnitedStates") hide its name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from corpus_mining.nlp.common_words import is_common_word
from corpus_mining.nlp.entity_rules import Candidate, is_acronym, is_roman_numeral
from corpus_mining.nlp.org_lexicon import OrgLexicon

_YEAR = re.compile(r"^(?:19|20)\d\d[a-z]?$")
_MODEL_CODE = re.compile(r"^[A-Z]{1,3}-?\d{2,4}[a-z]{0,2}$")
_AUTHOR_JOINERS = frozenset({"and", "&", "et", ",", "al", "al.", "."})
_CITATION_OPEN = frozenset({"(", ";"})
_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])")


def in_context(doc: Any, cand: Candidate, lexicon: OrgLexicon) -> Candidate:
    """``cand`` with the label its context gives (the rule recorded), or unchanged."""
    if cand.source == "gazetteer" or cand.label == "LOC":
        return cand
    if cand.label != "PER" and _cited_author(doc, cand):
        return cand.changed("citation_author", label="PER")
    if _numbered_item(doc, cand, lexicon):
        return cand.changed("numbered_item", label="MISC")
    if cand.label != "ORG":
        return cand
    if _address(doc, cand, lexicon):
        return cand.changed("postal_address", label="LOC")
    if _code_or_unit(doc, cand):
        return cand.changed("code_or_unit", label="MISC")
    if _product(doc, cand, lexicon):
        return cand.changed("product_name", label="MISC")
    if _internal_body(doc, cand, lexicon):
        return cand.changed("internal_body", label="MISC")
    return cand


def _capitalised_word(token: Any) -> bool:
    text: str = token.text
    return text[:1].isupper() and text.replace("-", "").replace("'", "").isalpha()


def _cited_author(doc: Any, cand: Candidate) -> bool:
    """Surnames between an opening bracket and a year: "(Martin and Weber, 2013)"."""
    if not all(_capitalised_word(t) for t in doc[cand.start : cand.end]):
        return False
    i = cand.start - 1
    while i >= 0 and cand.start - i <= 8 and doc[i].text not in _CITATION_OPEN:
        if not (_capitalised_word(doc[i]) or doc[i].lower_ in _AUTHOR_JOINERS):
            return False
        i -= 1
    if i < 0 or doc[i].text not in _CITATION_OPEN:
        return False
    j = cand.end
    while j < len(doc) and j - cand.end <= 8 and not _YEAR.match(doc[j].text):
        if not (_capitalised_word(doc[j]) or doc[j].lower_ in _AUTHOR_JOINERS):
            return False
        j += 1
    return j < len(doc) and bool(_YEAR.match(doc[j].text)) and doc[j - 1].text == ","


def _code_or_unit(doc: Any, cand: Candidate) -> bool:
    """A unit after a number, a designation before one, or a name ending in a model code."""
    before = doc[cand.start - 1] if cand.start > 0 else None
    after = doc[cand.end] if cand.end < len(doc) else None
    if cand.end - cand.start == 1 and before is not None and before.like_num:
        return not _YEAR.match(before.text)  # "in 2008 Alpha ..." names a body
    if after is not None and after.text[:1].isdigit() and not _YEAR.match(after.text):
        return cand.end - cand.start == 1
    last: str = doc[cand.end - 1].text
    return cand.end - cand.start > 1 and bool(_MODEL_CODE.match(last))


def _numbered_item(doc: Any, cand: Candidate, lexicon: OrgLexicon) -> bool:
    """A common word and a number: an item of a plan or a list ("Action 3", "Round III").

    Numbered bodies name a place or carry a head ("Paris 8", "Université 2").
    """
    if cand.end - cand.start < 2:
        return False
    first, number = doc[cand.start], doc[cand.start + 1].text
    numbered = (number.isdigit() and len(number) <= 2) or is_roman_numeral(number)
    return (
        numbered
        and first.is_alpha
        and is_common_word(doc, first.text)
        and not lexicon.is_org_head(first.text)
    )


def _product(doc: Any, cand: Candidate, lexicon: OrgLexicon) -> bool:
    """A maker and a model next to a product noun ("Alpha Strela jets", "avions Alpha Strela").

    One word there is as often the maker ("Alpha jets", "voitures Alpha"), a body: only
    a name of two words or more, not an acronym's, is read as a product.
    """
    if not lexicon.product_nouns or cand.end - cand.start < 2:
        return False
    if is_acronym(doc[cand.start].text):
        return False  # "ATR 72 turboprops": a maker's acronym before its products
    for token in doc[cand.end : cand.end + 2]:
        if not (token.is_alpha and token.is_lower):
            break  # "l'Agence Alpha, moteur de ...": a comma ends the name's phrase
        if token.lower_ in lexicon.product_nouns:
            return True
    before = doc[cand.start - 1] if cand.start > 0 else None
    return before is not None and before.is_lower and before.lower_ in lexicon.product_nouns


def _internal_body(doc: Any, cand: Candidate, lexicon: OrgLexicon) -> bool:
    """The span is an organ of a body ("Board of Directors", "Conseil d'administration")."""
    words = [t.lower_ for t in doc[cand.start : cand.end]]
    while words and words[0] in lexicon.determiners:
        words = words[1:]
    text = " ".join(words).replace("' ", "'")
    return text in lexicon.internal_bodies


def _address(doc: Any, cand: Candidate, lexicon: OrgLexicon) -> bool:
    """A postal address in or right after the span.

    An address word ("75775 PARIS CEDEX 16"), or a kind of street after a house number
    ("721 University Avenue", "12 rue Alpha").
    """
    tokens = doc[cand.start : min(cand.end + 1, len(doc))]
    if any(t.lower_ in lexicon.address_words for t in tokens):
        return True
    numbered = cand.start > 0 and doc[cand.start - 1].like_num
    if cand.start > 1 and doc[cand.start - 1].text == ",":
        numbered = doc[cand.start - 2].like_num  # "12, rue Alpha"
    return numbered and any(t.lower_ in lexicon.street_words for t in tokens)


def place_not_org(doc: Any, cand: Candidate, is_place: Callable[[str], bool]) -> Candidate:
    """A listed place is not an organisation nor a person, unless the gazetteer names it.

    The mention's rule records it (``...+place_list``).
    """
    if cand.label not in {"ORG", "PER"} or cand.source == "gazetteer":
        return cand
    text = doc[cand.start : cand.end].text
    # a line-end hyphen ("Eu-rope") or lost spaces ("UnitedStates") hide a place's name
    variants = (text, text.replace("-", ""), _CAMEL.sub(" ", text))
    if not any(is_place(variant) for variant in variants):
        return cand
    return cand.changed("place_list", label="LOC")
