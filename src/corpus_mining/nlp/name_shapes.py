"""What the written shape of a name says: company forms, sentence articles, markup, plurals.

Cheap token rules, applied by ``annotate`` to every candidate span:

- a company form written after a name ("Alpha Beta GmbH", "Gamma Partners SRL") ends
  that name, and the capitalised words right before it are its start; the form alone
  ("AG", "SRL") is no organisation;
- an article capitalised only because it starts a sentence is not part of the name
  ("The Alpha Institute opened" names "Alpha Institute"), in languages where names do
  not take articles (``sentence_articles`` in ``data/org_names.yaml``); one capitalised
  inside a sentence is ("selon La Ruche", "L'Alpha"; ``name_articles``);
- a field separator ("|", "•") ends a name: spans running across one come from table
  rows, menus and metadata lines; so does a lower-case verb the model ran on into
  ("Association régie par la loi"), and a function word ends none, but one glued by a
  hyphen ("Moon Jae-in");
- an acronym with a plural "s" ("NGOs", "PMEs"), or a plural organisation head
  ("Innovation Hubs"), names a category of bodies, not one;
- a name that a programme or event noun introduces ("la stratégie ALPHA", "the BETA
  programme", "GAMMA, un dispositif ...") names a programme, and an English name opening
  on a gerund ("Promoting Green Ports") names an action: neither is an organisation.
"""

from __future__ import annotations

import re
from typing import Any

from corpus_mining.nlp.entity_rules import Candidate, drop_overlaps, is_acronym, trim
from corpus_mining.nlp.org_lexicon import OrgLexicon, singular
from corpus_mining.nlp.org_spans import glued_hyphen
from corpus_mining.nlp.tokens import token_table

SEPARATORS = frozenset({"|", "•", "·", "▪", "►", "¦"})
_SENTENCE_END = frozenset({".", "!", "?", ":", ";"})
_OPENING = frozenset({"(", "[", "«", "“", '"'})  # a bracket or a quotation opens like a sentence
_NAME_JOINERS = frozenset({"&", "+", "/", "-"})
_PLURAL_ACRONYM = re.compile(r"^[A-ZÀ-Þ][A-ZÀ-Þ0-9&-]{1,9}s$")
_MAX_NAME = 8  # capitalised words before a company form; more is a title line


def is_plural_acronym(text: str) -> bool:
    """Capitals and a plural "s" ("NGOs", "EDIHs"): a category of bodies."""
    return bool(_PLURAL_ACRONYM.match(text))


def is_separator(doc: Any, i: int) -> bool:
    """Token ``i`` separates fields: "|", "•", or a slash between spaces ("Alpha / Beta")."""
    if doc[i].text in SEPARATORS:
        return True
    return doc[i].text == "/" and _spaced(doc, i)


def _spaced_dash(doc: Any, i: int) -> bool:
    """Token ``i`` is a dash or hyphen with spaces on both sides ("Léa Martin – Editor")."""
    return doc[i].text in {"-", "–", "—"} and _spaced(doc, i)


def _spaced(doc: Any, i: int) -> bool:
    """Token ``i`` has a space on each side."""
    return i > 0 and bool(doc[i - 1].whitespace_) and bool(doc[i].whitespace_)


def starts_sentence(doc: Any, i: int) -> bool:
    """Token ``i`` opens the text, a line, a sentence or a field."""
    if i == 0:
        return True
    before = doc[i - 1]
    return (
        before.text in _SENTENCE_END
        or before.text in SEPARATORS
        or "\n" in before.whitespace_
        or "\n" in before.text
    )


def without_sentence_article(doc: Any, cand: Candidate, lexicon: OrgLexicon) -> Candidate:
    """Drop a leading article that only the sentence or a bracket capitalised ("(The Alpha ...")."""
    if cand.source == "gazetteer" or cand.end - cand.start < 2:
        return cand
    first = doc[cand.start]
    opens = starts_sentence(doc, cand.start) or doc[cand.start - 1].text in _OPENING
    if first.lower_ not in lexicon.sentence_articles or not opens:
        return cand
    return cand.changed("sentence_article", start=cand.start + 1)


def with_name_article(doc: Any, cand: Candidate, lexicon: OrgLexicon) -> Candidate:
    """An organisation's name takes the capitalised article written right before it.

    Inside a sentence an article has a capital only as the first word of a name ("un
    article de L'Alpha", "selon La Ruche numérique"); at a sentence's start the capital
    says nothing, so the span stays as it was.
    """
    before = cand.start - 1
    if cand.label not in {"ORG", "MISC"} or cand.source == "gazetteer" or before < 0:
        return cand
    if doc[cand.start : cand.end].text.isupper():  # a line in capitals: heading rules judge it
        return cand
    article = doc[before]
    # where names take no sentence article, one after a bracket opens a clause ("(The ...")
    opens = starts_sentence(doc, before) or (
        article.lower_ in lexicon.sentence_articles and doc[before - 1].text in _OPENING
    )
    if (
        article.text[:1].isupper()
        and article.lower_.replace("’", "'") in lexicon.name_articles
        and "\n" not in article.whitespace_
        and not opens
    ):
        return cand.changed("name_article", start=before)
    return cand


def without_dangling_word(doc: Any, cand: Candidate, lexicon: OrgLexicon) -> Candidate:
    """A name never ends on a connector, an article or a conjunction, in any case.

    Headings cut by a line ("LES PÔLES DE") and spans the model ran on ("Alpha Group
    And") end there; ``trim`` already strips them when they are written in lower case.
    A word glued to the one before by a hyphen is part of it ("Moon Jae-in").
    """
    words = lexicon.connectors | lexicon.determiners | lexicon.conjunctions
    end = cand.end
    while end - cand.start > 1 and doc[end - 1].lower_ in words and not glued_hyphen(doc, end - 2):
        end -= 1
    return cand if end == cand.end else cand.changed("dangling_word", end=end)


def before_verb(doc: Any, cand: Candidate) -> Candidate:
    """An organisation's name ends before a verb written in lower case.

    The model runs some names on into their clause ("Bureau des moyens nécessaires pour
    promouvoir ...", "Association régie par la loi"); names hold no lower-case verb.
    """
    if cand.label != "ORG" or cand.source != "model":
        return cand
    for i in range(cand.start + 1, cand.end):
        if doc[i].pos_ == "VERB" and doc[i].is_lower:
            return cand.changed("before_verb", end=i)
    return cand


def cut_at_separator(doc: Any, cand: Candidate) -> Candidate | None:
    """A span ends at a field separator ("Alpha Network |").

    An organisation with words on both sides of one is a metadata or table line
    ("Publisher | Alpha"): None. A person's name is cut there ("Léa Martin | Editor"),
    and at a dash between spaces too ("Léa Martin - Facilitator").
    """
    for i in range(cand.start, cand.end):
        if is_separator(doc, i) or (cand.label == "PER" and _spaced_dash(doc, i)):
            words_after = any(t.is_alpha for t in doc[i + 1 : cand.end])
            if i == cand.start or (cand.label == "ORG" and words_after):
                return None
            return cand.changed("field_separator", end=i)
    return cand


def _name_token(token: Any) -> bool:
    text: str = token.text
    return (text[:1].isupper() and any(c.isalpha() for c in text)) or text in _NAME_JOINERS


def _name_start(doc: Any, form: int) -> int:
    """First token of the capitalised run that a company form at ``form`` closes."""
    i = form
    if i > 0 and doc[i - 1].text == ",":
        i -= 1  # "Alpha Beta, Inc."
    start = i
    while start > 0 and form - start < _MAX_NAME and _name_token(doc[start - 1]):
        start -= 1
        if starts_sentence(doc, start):
            break
    while start < i and doc[start].text in _NAME_JOINERS:
        start += 1
    return start if start < i else form


def legal_form_names(doc: Any, kept: list[Candidate], lexicon: OrgLexicon) -> list[Candidate]:
    """Company names closed by a legal form, in place of the fragments they cover."""
    if not lexicon.legal_forms:
        return kept
    forms = {i for i, text in enumerate(token_table(doc).text) if text in lexicon.legal_forms}
    names = []
    for i in sorted(forms - {0}):
        start = _name_start(doc, i)
        if start < i and not starts_sentence(doc, i):
            name = Candidate(start, i + 1, "ORG", "rule", "", "legal_form")
            names.append(without_sentence_article(doc, name, lexicon))
    kept = [c for c in kept if not (c.end - c.start == 1 and c.start in forms)]
    protected = [c for c in kept if c.source == "gazetteer"]
    names = [n for n in names if not any(_overlap(n, g) for g in protected)]
    rest = [_before(doc, c, names) for c in kept]
    return drop_overlaps([c for c in rest if c is not None] + names)


def _before(doc: Any, cand: Candidate, names: list[Candidate]) -> Candidate | None:
    """What is left of ``cand`` before the company names it overlaps.

    "the Alpha Institute and Beta Gamma" + "Beta Gamma SRL": "Alpha Institute" stays.
    """
    for name in names:
        if _overlap(name, cand):
            if cand.start >= name.start:
                return None
            shorter = trim(doc, cand.changed("legal_form", end=name.start))
            if shorter is None:
                return None
            cand = shorter
    return cand


def _overlap(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end


def not_a_body(doc: Any, cand: Candidate, lexicon: OrgLexicon) -> Candidate:
    """An ORG that its context or its first word shows to be a programme, an event or an action."""
    if cand.label != "ORG" or cand.source == "gazetteer":
        return cand
    if _introduced_as_programme(doc, cand, lexicon):
        return cand.changed("programme_context", label="MISC")
    if doc[cand.start].tag_ == "VBG" and cand.end - cand.start > 1:
        return cand.changed("gerund_not_org", label="MISC")
    if cand.source == "model" and _plural_common_phrase(doc, cand, lexicon):
        return cand.changed("plural_common_phrase", label="MISC")
    return cand


def _plural_common_phrase(doc: Any, cand: Candidate, lexicon: OrgLexicon) -> bool:
    """A capitalised plural noun and lower-case words only: a category, not a name.

    Where names put their head first, "Technologies de l'information" or "Industries
    créatives" is a common phrase the sentence or a title capitalised; a plural
    organisation head is ``plural_category``'s, and capitals after it make a name.
    """
    words = [t for t in doc[cand.start : cand.end] if t.is_alpha]
    if not lexicon.head_first or len(words) < 2 or not words[0].is_title:
        return False
    first = words[0].lower_
    if first[-1:] not in {"s", "x"} or lexicon.is_org_head(first, plural=True):
        return False
    return all(t.is_lower for t in words[1:])


def _introduced_as_programme(doc: Any, cand: Candidate, lexicon: OrgLexicon) -> bool:
    heads = lexicon.programme_heads | lexicon.event_heads
    before = doc[cand.start - 1] if cand.start > 0 else None
    after = doc[cand.end] if cand.end < len(doc) else None
    if before is not None and before.is_lower and before.lower_ in heads:
        return True  # "la stratégie ALPHA"
    if after is not None and {after.lower_, _singular(after.lower_)} & heads:
        # "the BETA programme", "the BETA initiatives"; a capitalised head only after an
        # acronym alone ("BETA Initiative"): "Alpha Foundation Award" still names a body
        alone = cand.end - cand.start == 1 and is_acronym(doc[cand.start].text)
        if after.is_lower or (alone and after.is_title):
            return True
    rest = doc[cand.end : cand.end + 3]
    return (
        len(rest) == 3
        and rest[0].text == ","
        and rest[1].lower_ in lexicon.determiners
        and rest[2].lower_ in heads
    )  # "GAMMA, un dispositif ..."


def _singular(word: str) -> str:
    """A head word without its plural "s" (French and English regular plurals)."""
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def plural_category(doc: Any, cand: Candidate, head: Any, lexicon: OrgLexicon) -> bool:
    """A plural organisation head names a category ("Digital Innovation Hubs").

    In French only a plural head with nothing but adjectives ("Clusters régionaux"):
    "Chambres régionales de l'économie sociale" is how a network of bodies is named. An
    English-shaped title in French text, its head last, is read as English ("Smart
    Energy Hubs").
    """
    if lexicon.head_first and _english_plural_title(doc, cand, lexicon):
        return True
    # the model tags capitalised plurals as singular proper nouns: the ending decides
    one = singular(head.lower_)
    kind = lexicon.is_org_head(head.text, plural=True) or one in lexicon.category_heads
    if not one or lexicon.is_org_head(head.text) or not kind:
        return False
    if not lexicon.head_first:
        return True
    rest = doc[head.i + 1 : cand.end]
    return len(rest) > 0 and all(t.pos_ == "ADJ" and t.is_lower for t in rest)


def _english_plural_title(doc: Any, cand: Candidate, lexicon: OrgLexicon) -> bool:
    """Title-case words ending on a plural category head ("Smart Energy Hubs")."""
    words = [t for t in doc[cand.start : cand.end] if t.is_alpha]
    if len(words) < 2 or not all(t.is_title for t in words):
        return False
    last = words[-1].lower_
    return last.endswith("s") and last[:-1] in lexicon.category_heads
