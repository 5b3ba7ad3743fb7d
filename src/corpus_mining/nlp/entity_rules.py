"""Every precision rule for named entities, in one place.

spaCy's statistical NER on French web and report text tags elided function words
("C'", "qu'"), sentence-initial adverbs ("Effectivement"), capitalised common nouns
("Economie", "Pôles"), concept terms ("Economie sociale et solidaire") and glossary
pop-up fragments as entities, and cuts names at "&". These rules clean each span:
trim its boundaries, then keep it or give the reason it was dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from corpus_mining.nlp.common_words import is_common_word
from corpus_mining.nlp.tokens import TokenTable, token_table

# Model labels -> our four labels; anything else (dates, numbers, money) is not an actor.
LABELS: dict[str, str] = {
    "ORG": "ORG",
    "PER": "PER",
    "PERSON": "PER",
    "LOC": "LOC",
    "GPE": "LOC",
    "FAC": "LOC",
    "MISC": "MISC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "LAW": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
}
# Acronyms that name file formats, titles, degrees, languages, sectors or categories of
# firms, never an actor.
NOT_ACTOR_ACRONYMS = frozenset(
    "PDF HTML XML RSS URL DOI ISBN ISSN PHD DG PDG CEO CFO NB PS TVA VAT HT TTC PIB GDP "
    "KIO KO MO GO KB MB GB FAQ ETP FTE CDI CDD RH HR TIC ICT IT IA AI CV OK TV "
    "PME PMI TPE ETI SME SMES MSME GE R&D RD EN FR DE ES NL BTP NTIC JEL".split()
)
# Head words of publishers and periodicals: the model often calls them MISC.
_PUBLISHER_HEAD = re.compile(
    r"^(?:presses|cahiers?|revue|review|journal|éditions?|editions?|press|publishing|"
    r"bulletin|lettre|annales|notes?)\b",
    re.IGNORECASE,
)
# Forms of address: part of a person's name as written ("M. Dupont", "Dr Rowe"), cut off
# any other name. Titles and functions are cut off every name.
CIVILITIES = frozenset(
    "m. mme mme. mlle mr mr. mrs mrs. ms ms. dr dr. pr pr. prof prof. monsieur madame".split()
)
TITLES = CIVILITIES | frozenset(
    "professor professeur président présidente president directeur directrice director dg pdg "
    "ceo sir dame maître".split()
)
# Words that start an issue or volume designation after a periodical's title.
ISSUE_MARKERS = frozenset(
    "hors-série vol vol. volume no no. n° numéro issue tome special spécial supplément".split()
)
# French elided function words ("l'", "d'", "qu'"), either apostrophe; not "Prod'" of a name.
_ELIDED = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’]$", re.IGNORECASE)
_MARKUP = re.compile(r"[<>\[\]{}]")
_URLISH = re.compile(r"(?:https?://|www\.|@|\.(?:fr|com|org|eu|net)\b)", re.IGNORECASE)
_EDGE_POS = frozenset({"DET", "ADP", "PUNCT", "CCONJ", "SCONJ", "PRON", "PART", "SPACE", "SYM"})
_COMMON_POS = frozenset(
    {"NOUN", "ADJ", "ADV", "VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "INTJ"}
)
_ACRONYM = re.compile(r"^[A-ZÀ-Þ][A-ZÀ-Þ0-9&-]{1,9}s?$")


@dataclass(frozen=True)
class Candidate:
    """An entity span in token indices, with its label and where it came from.

    ``rule`` names the rules that produced the span and then changed it, joined by "+"
    ("ner+span_repair+org_head_beats_loc").
    """

    start: int
    end: int
    label: str
    source: str
    ent_id: str = ""
    rule: str = ""

    def changed(self, rule: str, **changes: Any) -> Candidate:
        """A copy with ``changes`` (start, end, label...), recording ``rule`` once."""
        rules = self.rule.split("+") if self.rule else []
        if rule not in rules:
            rules.append(rule)
        return replace(self, rule="+".join(rules), **changes)


def is_publisher_head(word: str) -> bool:
    """Whether ``word`` heads the names of publishers and periodicals ("Revue", "Press")."""
    return bool(_PUBLISHER_HEAD.match(word))


# Codes, not names: a report or file number ("QX-07", "MEMO/14/212"), a tag with a year or
# a count ("ABCD-2015", "COVID-19"), a long number glued to capitals ("XYZ204518"), and a
# letter with two digits in a list of such ("R11; R58; O31 and O36": JEL codes).
_CODE = re.compile(r"^[A-Z][A-Z0-9]{0,7}[-/]\d{2,}(?:[-/]\d+)*$|^[A-Z]{1,10}\d{4,}$")
_LISTED_CODE = re.compile(r"^[A-Z]\d{2}$")
_LIST_SEPARATORS = frozenset({",", ";", "/", "and", "et", "or", "ou"})
# A Roman numeral up to 39 as written in capitals: a chapter, a session or a century ("XXIV").
_ROMAN = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$")


def is_roman_numeral(text: str) -> bool:
    """Whether ``text`` is a Roman numeral from I to XXXIX ("II", "XIX"; not "CDC")."""
    return bool(_ROMAN.match(text))


def is_code(table: TokenTable, i: int) -> bool:
    """Token ``i`` is a code (see ``_CODE``), or one of a list of letter-and-two-digit codes."""
    text = table.text[i]
    if _CODE.match(text):
        return True
    if not _LISTED_CODE.match(text):
        return False
    return any(
        0 <= j < len(table.text)
        and _LISTED_CODE.match(table.text[j]) is not None
        and table.lower[(i + j) // 2] in _LIST_SEPARATORS
        for j in (i - 2, i + 2)
    )


def is_acronym(text: str) -> bool:
    """Two to ten capitals (digits, & and - allowed), optionally with a plural s."""
    return bool(_ACRONYM.match(text)) and sum(ch.isupper() for ch in text) >= 2


def merge_ampersand(doc: Any, candidates: list[Candidate]) -> list[Candidate]:
    """Join names that the model cut at "&" ("Matière" & "méthode" -> one ORG)."""
    merged: list[Candidate] = []
    for cand in candidates:
        end = cand.end
        if end + 1 < len(doc) and doc[end].text == "&" and doc[end + 1].is_alpha:
            end += 2
            while end < len(doc) and doc[end].is_alpha and not doc[end].is_sent_start:
                if doc[end].is_stop and not doc[end].is_title:
                    break
                end += 1
        merged.append(cand if end == cand.end else cand.changed("ampersand_join", end=end))
    return drop_overlaps(merged)


def drop_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the longer of overlapping spans (the earlier one on a tie), sorted by start."""
    kept: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.start, -(c.end - c.start))):
        if kept and cand.start < kept[-1].end:
            continue
        kept.append(cand)
    return kept


def trim(doc: Any, cand: Candidate) -> Candidate | None:
    """Cut at a line break, a dangling hyphen or a person's "The"; strip the edges' marks.

    The edges lose function words, titles and punctuation.
    """
    table = token_table(doc)
    texts, lower = table.text, table.lower
    start, end = cand.start, cand.end
    for i in range(start, end):
        if "\n" in texts[i]:
            end = i  # a glossary pop-up or a new line: the name ended before it
            break
        if i > start and _dangling_hyphen(table, i):
            end = i  # "Alpha Vallée- labellisée": the name ended at the hyphen
            break
    while start < end and (_edge(table, start) or lower[start] in TITLES):
        if cand.label == "PER" and lower[start] in CIVILITIES and start + 1 < end:
            break
        start += 1
    for i in range(start + 1, end):
        if lower[i] in ISSUE_MARKERS:  # "Cahiers du X Hors-Série 4": the title ends
            end = i
            break
        if cand.label == "PER" and texts[i] == "The":  # "Ann Okafor The Second Divide"
            end = i  # a person's name holds no article: a title starts there
            break
    while end > start and _edge(table, end - 1) and texts[end - 1] not in {")", "."}:
        end -= 1
    if end > start and texts[end - 1] == ")" and "(" not in table.span_text(start, end - 1):
        end -= 1
    if end <= start:
        return None
    return replace(cand, start=start, end=end)


def addressed_person(doc: Any, cand: Candidate) -> Candidate:
    """A name after a form of address ("Mr Okafor", "Mme Morel") is a person's, with it.

    The model reads some surnames as places or organisations even there; the form of
    address, inside its span or just before it, says otherwise. A span the model already
    calls a person is left as the model cut it.
    """
    if cand.label == "PER":
        return cand
    start = cand.start
    if start > 0 and doc[start - 1].lower_ in CIVILITIES:
        start -= 1
    named = start < cand.end - 1 and doc[start].lower_ in CIVILITIES and doc[start + 1].is_title
    if not named:
        return cand
    return cand.changed("form_of_address", start=start, label="PER")


def _dangling_hyphen(table: TokenTable, i: int) -> bool:
    """Token ``i`` is a hyphen glued to the word before it and followed by a space."""
    return table.text[i] == "-" and table.spaced[i] and not table.spaced[i - 1]


NOTE_CALL = r"\[\d{1,3}\]"  # a footnote call ("[12]"); the tokenizer makes it a token
_NOTE_CALL = re.compile(rf"^{NOTE_CALL}$")
# A superscript's number glued to a word ("Smith1", "Martin2,3"); the tokenizer cuts it
# off words in lower case
NOTE_NUMBER = r"\d{1,2}(?:,\d{1,2})*"
_NOTE_NUMBER = re.compile(rf"^{NOTE_NUMBER}$")


def _edge(table: TokenTable, i: int) -> bool:
    text = table.text[i]
    if (table.is_punct[i] and text != "&") or _NOTE_CALL.match(text):
        return True
    if i > 0 and not table.spaced[i - 1] and _NOTE_NUMBER.match(text):
        return True
    if _ELIDED.match(text):
        return True
    # Function words at the edges; capitalised ones may start a name ("La Poste") only
    # when the name goes on with another capitalised word.
    return table.pos[i] in _EDGE_POS and table.is_lower[i]


def junk_reason(doc: Any, cand: Candidate, *, strict_person: bool = True) -> str | None:
    """Why the span is not an actor name, or None when it is one.

    ``strict_person`` refuses a person name holding a capitalised common noun ("Session
    H."); reference lists turn it off, where "Campagne P." is a surname and an initial.
    """
    table = token_table(doc)
    texts = table.text
    words = [
        i for i in range(cand.start, cand.end) if not table.is_punct[i] and not table.is_space[i]
    ]
    text = table.span_text(cand.start, cand.end)
    if not words or not any(ch.isalpha() for ch in text):
        return "no letters"
    if _URLISH.search(text):
        return "web address"
    if len(words) == 1 and _ELIDED.match(texts[words[0]]):
        return "elided function word"
    if _MARKUP.search(text):
        return "markup"  # "Économie</strong>", "Histoire[modifier": page code, not text
    if any(is_code(table, i) for i in words):
        return "a code"  # "O36 Keywords" as the model reads a JEL line
    if all(table.is_stop[i] or _ELIDED.match(texts[i]) for i in words):
        return "only function words"
    if cand.source == "model" and not any(texts[i][:1].isupper() for i in words):
        return "no capitalised word"
    if len(words) == 1:
        return _single_word_reason(doc[words[0]], cand)
    if len(words) >= 4 and sum(len(texts[i]) == 1 for i in words) * 2 > len(words):
        return "letter-spaced heading"  # "I N S T I T U T", as PDFs space title letters
    name = [i for i in words if table.lower[i] not in CIVILITIES]  # "Mme Morel": "Morel"
    if cand.label == "PER" and not all(_name_like(table, i) for i in name):
        return "person name with common words"
    if (
        strict_person
        and cand.label == "PER"
        and cand.source == "model"
        and any(
            table.pos[i] == "NOUN" and not table.is_upper[i] and not _after_glued_hyphen(table, i)
            for i in name
        )  # "Léa MARTIN" and "Huang Der-ray" stay
    ):
        return "person name with a capitalised common noun"
    return None


def names_an_actor(acronym: str, expansion: str) -> bool:
    """Whether an acronym's expansion names one organisation.

    Not when the expansion is a common-noun phrase ("petites et moyennes entreprises"),
    a plural category ("Research and Technology Organisations"), or a person's initials
    ("Sarah Whitcombe (SW)", as interviews label speakers).
    """
    words = expansion.split()
    if not words or words[0][:1].islower():
        return False
    if any(
        w[:1].isupper() and not w.isupper() and len(w) > 3 and w.endswith("s")
        for w in (words[0], words[-1])
    ):
        return False
    initials = "".join(w[0] for w in words if w[:1].isupper())
    is_person = len(words) in (2, 3) and initials == acronym and all(w[:1].isupper() for w in words)
    return not is_person


def relabel(doc: Any, cand: Candidate, org_like: Callable[[str], bool]) -> Candidate:
    """Fix the model's label where the name's shape says otherwise.

    MISC names with a publisher's or an organisation's head ("Presses universitaires de
    ...", "Institut ...") are organisations.
    """
    span = doc[cand.start : cand.end]
    if cand.label == "MISC" and (_PUBLISHER_HEAD.match(span.text) or org_like(span.text)):
        return cand.changed("misc_with_org_head", label="ORG")
    return cand


def _single_word_reason(token: Any, cand: Candidate) -> str | None:
    text = token.text
    if is_acronym(text):
        return "not an actor acronym" if text.upper() in NOT_ACTOR_ACRONYMS else None
    if token.pos_ == "ADV" or text.lower().endswith("ment"):
        return "sentence-initial adverb"
    if cand.source == "model" and token.pos_ in _COMMON_POS:
        return "lone capitalised common word"
    if (
        cand.source == "model"
        and cand.label in {"ORG", "MISC"}
        and token.is_title
        and _opens_line(token)
        and is_common_word(token.doc, text)
    ):
        return "common word opening a line"  # a list item's "Energy and ...", a heading
    if cand.label == "PER" and not token.is_title:
        return "person name not capitalised"
    return None


_BULLETS = frozenset("•▪●◦·*-–—")


def _opens_line(token: Any) -> bool:
    """``token`` starts its passage or a line, bullets aside."""
    doc, i = token.doc, token.i - 1
    while i >= 0 and doc[i].text in _BULLETS:
        i -= 1
    return i < 0 or (doc[i].is_space and "\n" in doc[i].text)


def _name_like(table: TokenTable, i: int) -> bool:
    """A token that can be part of a person's name: capitalised, an initial or a particle.

    Or the lower-case second half of a hyphenated given name ("Jae-myung", "Seo-yun"), as
    Korean and Chinese given names are romanised.
    """
    return (
        table.text[i][:1].isupper()
        or table.is_punct[i]
        or table.lower[i] in {"de", "du", "des", "van", "von", "der", "le", "la", "di", "da", "del"}
        or _after_glued_hyphen(table, i)
    )


def _after_glued_hyphen(table: TokenTable, i: int) -> bool:
    """Token ``i`` follows a hyphen glued to a capitalised word ("Jae" "-" "myung")."""
    return (
        i >= 2
        and table.text[i - 1] == "-"
        and not table.spaced[i - 1]
        and not table.spaced[i - 2]
        and table.text[i - 2][:1].isupper()
    )
