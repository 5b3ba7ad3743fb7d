"""Who is an actor: span repair, label corrections and non-actors, each with its rule name.

Every function takes a candidate span and returns it unchanged, changed (the rule's name
added to ``Candidate.rule``) or None with a reason. Words come from ``OrgLexicon``
(``data/org_names.yaml``), never from the documents measured on.

Order, as ``annotate`` applies them: repair spans (``repair_spans``), then drop or narrow
job titles and portfolios (``non_actor``), then correct labels (``correct_label``). A
gazetteer's rules (a known type beats the model; a listed place is never ORG) belong after
``correct_label``: gazetteer spans are left as they are here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from corpus_mining.nlp.acronyms import find_definitions
from corpus_mining.nlp.common_words import is_common_word, is_common_word_in_capitals
from corpus_mining.nlp.entity_rules import Candidate, drop_overlaps, is_acronym, is_publisher_head
from corpus_mining.nlp.name_shapes import plural_category
from corpus_mining.nlp.org_lexicon import OrgLexicon
from corpus_mining.nlp.org_spans import (
    extend_right,
    glued_hyphen,
    separate_names,
    split_at_commas,
    split_at_conjunction,
)
from corpus_mining.nlp.tokens import TokenTable, token_table

_DET_POS = frozenset({"DET", "PUNCT"})


@dataclass(frozen=True)
class Acronyms:
    """What the document says about its acronyms."""

    org: Callable[[str], bool] = lambda text: False
    defined: Callable[[str], bool] = lambda text: False


def head_index(doc: Any, cand: Candidate, lexicon: OrgLexicon) -> int:
    """The token heading the name.

    Its first word where heads come first (French), else the last word before its first
    connector (English: "Joint Research Centre", "School of Economics").
    """
    start = cand.start
    while start < cand.end - 1 and (doc[start].pos_ in _DET_POS or doc[start].is_punct):
        start += 1
    if lexicon.head_first:
        return start
    head = start
    for i in range(start, cand.end):
        if doc[i].lower_ in lexicon.connectors or doc[i].lower_ in lexicon.conjunctions:
            break
        head = i
    return head


def _joined_back(doc: Any, i: int) -> str:
    """Token ``i`` with the words glued before it by hyphens ("Directorate-General")."""
    text: str = doc[i].text
    while i >= 2 and glued_hyphen(doc, i - 1):
        text, i = f"{doc[i - 2].text}-{text}", i - 2
    return text


def _joined_word(doc: Any, i: int) -> str:
    """Token ``i`` with the words glued to it by hyphens ("Director-General")."""
    text: str = doc[i].text
    while glued_hyphen(doc, i + 1):
        text, i = f"{text}-{doc[i + 2].text}", i + 2
    return text


def repair_spans(
    doc: Any,
    candidates: list[Candidate],
    lexicon: OrgLexicon,
    is_place: Callable[[str], bool] = lambda text: False,
) -> list[Candidate]:
    """Join and extend names cut at connectors, commas, hyphens and between two spans."""
    listed = [
        part
        for cand in candidates
        for listed_part in split_at_commas(doc, cand, lexicon)
        for part in split_at_conjunction(doc, listed_part, lexicon)
    ]
    split = [
        part
        for cand in listed
        for apposed in split_apposition(doc, cand)
        for part in split_possessive(doc, apposed)
    ]
    ordered = _merge_adjacent(doc, sorted(split, key=lambda c: c.start), lexicon)
    ordered = _with_name_before_head(doc, ordered, lexicon)
    separate = separate_names(doc, ((c.start, c.end, c.label) for c in ordered), lexicon)
    people = {c.start for c in ordered if c.label == "PER"}
    repaired = []
    for cand in ordered:
        if cand.source != "gazetteer":
            cand = _common_head(doc, cand, lexicon)
        elif lexicon.head_first:
            cand = _known_name_and_territory(doc, cand, is_place)
        else:
            cand = _known_name_and_head(doc, cand, lexicon)
        if cand.source == "gazetteer" or cand.label == "PER":
            repaired.append(cand)
            continue
        end = cand.end
        head = doc[head_index(doc, cand, lexicon)]
        word = _joined_back(doc, head.i)  # "Directorate-General"
        institutional = head.is_title or word.lower() in lexicon.lowercase_heads
        if lexicon.is_org_head(word, plural=True) and institutional:
            # a span the model ended on its connector ("Network for" | "Social ...") goes on
            # from that connector, unless a person follows ("Trust for" | "Mary Jones")
            on_connector = end - 1 > head.i and _ends_on_connector(doc, cand, lexicon)
            start_at = end - 1 if on_connector and end not in people else end
            end = extend_right(
                doc,
                head.i,
                start_at,
                lexicon,
                lowercase=_lowercase_complement(doc, cand, word, lexicon),
                taken=separate.__contains__,
            )
        if cand.label == "ORG":
            while glued_hyphen(doc, end) and doc[end + 1].text[:1].isupper():
                end += 2  # "ITC-ILO"
        end = max(end, cand.end)  # nothing to extend: the model's span as it was
        repaired.append(cand if end == cand.end else cand.changed("span_repair", end=end))
    return drop_overlaps(repaired)


def _known_name_and_head(doc: Any, cand: Candidate, lexicon: OrgLexicon) -> Candidate:
    """A known name and the capitalised head nouns right after it name a body of their own.

    "Alpha Enterprise Network", "Alpha Valley Cluster Association", "Beta Council":
    where heads come last, the gazetteer's shorter name would otherwise cut the longer one.
    The joined name is the rule's, no longer the gazetteer's entry. A head glued to a
    hyphen starts another name ("Commission Directorate-General").
    """
    if cand.label != "ORG":
        return cand
    end = cand.end
    while (
        end < len(doc)
        and "\n" not in doc[end - 1].whitespace_
        and doc[end].is_title
        and doc[end].is_alpha
        and lexicon.is_org_head(doc[end].text)
        and not glued_hyphen(doc, end + 1)
    ):
        end += 1
    return _known_name_joined(cand, "known_name_head", end)


_TERRITORY_WORDS = 8  # tokens of the longest region names ("Provence-Alpes-Côte d'Azur": 7)


def _known_name_and_territory(
    doc: Any, cand: Candidate, is_place: Callable[[str], bool]
) -> Candidate:
    """A known body and the listed place right after it name its branch there.

    "Bpifrance Bretagne", "l'Ademe Occitanie": where heads come first, a region's
    or a city's name after a body's, on the same line and with no mark between, is its
    regional office. The joined name is the rule's, no longer the gazetteer's entry. A
    place cut from a longer name is none ("CNRS Paris" of "CNRS Paris-Saclay").
    """
    after = cand.end
    if (
        cand.label != "ORG"
        or after == len(doc)
        or "\n" in doc[after - 1].whitespace_
        or not doc[after].text[:1].isupper()
    ):
        return cand
    for end in range(min(after + _TERRITORY_WORDS, len(doc)), after, -1):
        if (
            not doc[end - 1].is_punct
            and not glued_hyphen(doc, end)
            and is_place(doc[after:end].text)
        ):
            return _known_name_joined(cand, "known_name_territory", end)
    return cand


def _known_name_joined(cand: Candidate, rule: str, end: int) -> Candidate:
    """``cand`` run on to ``end``: a name of the rule's, no longer the gazetteer's entry."""
    if end == cand.end:
        return cand
    return replace(cand.changed(rule, end=end), source="rule", ent_id="")


def _lowercase_complement(doc: Any, cand: Candidate, head: str, lexicon: OrgLexicon) -> bool:
    """Whether lower-case words may continue the name after a connector.

    After an administrative head always ("ministère du travail et de l'emploi"); after
    another head once, when the span has no complement yet ("Fédération nationale" +
    "des coopératives"). A rule's name is whole ("Commission européenne" + "en vue"), and
    so is a name that has its complement ("... de l'économie sociale" + "pour la ...").
    """
    if not lexicon.lowercase_complements:
        return False
    if head.lower() in lexicon.lowercase_heads:
        return True
    inside = doc[cand.start + 1 : cand.end]
    return cand.source == "model" and not any(t.lower_ in lexicon.connectors for t in inside)


def split_apposition(doc: Any, cand: Candidate) -> list[Candidate]:
    """An acronym written right before its expansion is two names ("ABC Agence Bleue ...").

    The split is made only when the expansion's initials spell the acronym (the
    Schwartz-Hearst check of ``acronyms``).
    """
    if cand.source == "gazetteer" or cand.end - cand.start < 3:
        return [cand]
    acronym = doc[cand.start].text
    if not is_acronym(acronym) or not doc[cand.start + 1].is_title:
        return [cand]
    rest = doc[cand.start + 1 : cand.end].text
    found = find_definitions(f"{rest} ({acronym})")
    if not found or found[0].acronym != acronym or found[0].start != 0:
        return [cand]
    return [
        cand.changed("acronym_apposition", end=cand.start + 1, label="ORG"),
        cand.changed("acronym_apposition", start=cand.start + 1, label="ORG"),
    ]


_POSSESSIVE = frozenset({"'s", "’s"})


def split_possessive(doc: Any, cand: Candidate) -> list[Candidate]:
    """A name in the possessive and the name it owns are two names.

    "Harvard Business School's Institute for Strategy", "NYU s Schack Institute" (the
    apostrophe lost in a copy): the owner and the owned each keep the span's label.
    """
    if cand.source == "gazetteer" or cand.label == "PER":
        return [cand]
    if cand.end - cand.start > 1 and doc[cand.end - 1].text in _POSSESSIVE:
        cand = cand.changed("possessive", end=cand.end - 1)  # "School's" | "Institute"
    for i in range(cand.start + 1, cand.end - 1):
        token, before, after = doc[i], doc[i - 1], doc[i + 1]
        lost_apostrophe = token.text == "s" and bool(before.whitespace_)
        glued = token.text in _POSSESSIVE and not before.whitespace_
        if (glued or lost_apostrophe) and before.text[:1].isupper() and after.text[:1].isupper():
            return [
                cand.changed("possessive", end=i),
                cand.changed("possessive", start=i + 1),
            ]
    return [cand]


def _with_name_before_head(
    doc: Any, candidates: list[Candidate], lexicon: OrgLexicon
) -> list[Candidate]:
    """An English name that opens on its head takes the capitalised words before it.

    "Whitman" + "School of Management", "Schack" + "Institute of Real Estate": the
    institution rule or the model started the name at its head word. At most three
    capitalised words, never across a line, a punctuation mark, an article or another
    name.
    """
    if lexicon.head_first:
        return candidates
    taken = {i for c in candidates for i in range(c.start, c.end)}
    out = []
    for cand in candidates:
        start = cand.start
        head = doc[start]
        if (
            cand.label == "ORG"
            and cand.source != "gazetteer"
            and head.is_title
            and lexicon.is_org_head(head.text)
        ):
            while (
                start > 0
                and cand.start - start < 3
                and start - 1 not in taken
                and _name_word(doc[start - 1], lexicon)
            ):
                start -= 1
        out.append(cand if start == cand.start else cand.changed("name_before_head", start=start))
    return out


def _name_word(token: Any, lexicon: OrgLexicon) -> bool:
    """A capitalised word on the same line that can modify a head ("Whitman", "Business")."""
    return (
        token.is_title
        and token.is_alpha
        and "\n" not in token.whitespace_
        and token.lower_ not in lexicon.determiners | lexicon.connectors | lexicon.conjunctions
        and not lexicon.is_title(token.text)
        and token.pos_ in {"PROPN", "NOUN", "ADJ"}
    )


def _common_head(doc: Any, cand: Candidate, lexicon: OrgLexicon) -> Candidate:
    """A lower-case head noun and the name after it are one organisation.

    "le groupe Alpha", "la fondation Léa Martin", where the model reads the name alone as
    a person or a thing; an acronym, or a name the model already tags ORG or LOC, stands
    by itself ("le réseau ABC", "le pôle Aero Valley").
    """
    before = cand.start - 1
    if not lexicon.head_first or before < 0 or doc[cand.start].is_upper:
        return cand
    if cand.label not in {"PER", "MISC"}:
        return cand  # "le pôle Aerospace X": the model already reads the name as one
    if doc[before].is_lower and lexicon.is_org_head(doc[before].text):
        return cand.changed("common_head_name", start=before, label="ORG")
    return cand


def _merge_adjacent(doc: Any, candidates: list[Candidate], lexicon: OrgLexicon) -> list[Candidate]:
    """Two touching spans are one name when the head noun joins them.

    French: an organisation head and the name after it ("Fondation" | "Léa Martin").
    English: a name and the head-final name after it ("Stockholm" | "School of Economics"),
    or the one-word place right after it ("Social Enterprise" | "UK"),
    known names too ("European Commission" | "Expert Group on ..."): the joined name is
    the rule's, no longer the gazetteer's; and an organisation's span that the model ended
    on a connector, with the capitalised name right after it ("Movement for" | "the
    Solidarity Economy"), when the name after it is not a person.
    """
    merged: list[Candidate] = []
    for cand in candidates:
        prev = merged[-1] if merged else None
        known = prev is not None and "gazetteer" in {prev.source, cand.source}
        if (
            prev is None
            or prev.end != cand.start
            or "\n" in doc[prev.end - 1].whitespace_
            or (known and lexicon.head_first)
            or _ends_on_mark(doc, prev)
        ):
            merged.append(cand)
            continue
        first = cand.start
        if not lexicon.head_first and _ends_on_connector(doc, prev, lexicon):
            # "French Movement for" | "the Solidarity Economy": the head is before the cut
            head = doc[head_index(doc, prev, lexicon)]
            joins = prev.label == "ORG" and cand.label != "PER" and lexicon.is_org_head(head.text)
            while first < cand.end - 1 and doc[first].lower_ in lexicon.determiners:
                first += 1
        elif lexicon.head_first:
            head = doc[head_index(doc, prev, lexicon)]
            joins = prev.label != "PER" and lexicon.is_org_head(head.text)
        else:
            head = doc[head_index(doc, cand, lexicon)]
            # "John Cook" | "School of Business": a body named after a person, head first
            eponym = prev.label == "PER" and cand.label == "ORG" and head.i == cand.start
            labels_join = "PER" not in {prev.label, cand.label} or eponym
            # "Social Enterprise" | "UK", "Business" | "Finland": a body named for its country
            country_last = (
                prev.label == "ORG"
                and cand.label == "LOC"
                and cand.end - cand.start == 1
                and not known  # "European Commission" | "France" office
            )
            joins = (labels_join and lexicon.is_org_head(head.text)) or country_last
        if joins and doc[first].text[:1].isupper():
            merged[-1] = prev.changed("span_repair", end=cand.end, label="ORG")
            if known:
                merged[-1] = replace(merged[-1], source="rule", ent_id="")
        else:
            merged.append(cand)
    return merged


def _ends_on_mark(doc: Any, cand: Candidate) -> bool:
    """The model's span ends on a comma or a note's number: a list goes on after it.

    "Cardiff University1," | "School of Business": an author's affiliations, not one name.
    """
    last = doc[cand.end - 1]
    glued_number = cand.end - cand.start > 1 and last.is_digit and not doc[cand.end - 2].whitespace_
    return last.text in {",", ";"} or glued_number


def _ends_on_connector(doc: Any, cand: Candidate, lexicon: OrgLexicon) -> bool:
    """The span's last word is a connector: the model stopped inside a name."""
    return cand.end - cand.start >= 2 and doc[cand.end - 1].lower_ in lexicon.connectors


def non_actor(
    doc: Any, cand: Candidate, lexicon: OrgLexicon
) -> tuple[Candidate | None, str | None]:
    """Job titles and portfolios are not organisations; the organisation inside is kept.

    A title opens the span, or, where names put their head last (English), heads it
    ("International Project Coordinator").

    Returns the candidate (narrowed to the organisation it names, if any) and, when it is
    dropped, the reason.
    """
    if cand.source == "gazetteer" or cand.label == "PER":
        return cand, None
    if _kind_of_body(doc, cand, lexicon):
        return None, "a kind of body, not one body"
    if _after_portfolio_title(doc, cand.start, lexicon) and not _names_org(
        doc, cand.start, lexicon
    ):
        return None, "portfolio of a minister"
    first = cand.start
    if not lexicon.is_title(_joined_word(doc, first).lower()) and not lexicon.is_title(
        doc[first].text
    ):
        head = head_index(doc, cand, lexicon)
        if lexicon.head_first or not lexicon.is_title(doc[head].text):
            return cand, None
        first = head  # "University Professor", "Lecturer in Management": a title, head last
    for i in range(first + 1, cand.end):
        if _names_org(doc, i, lexicon):
            return cand.changed("job_title_inner_org", start=i), None
    return None, "job title"


def _kind_of_body(doc: Any, cand: Candidate, lexicon: OrgLexicon) -> bool:
    """A head and a tier of local government alone: "Conseil régional", "County Council"."""
    if cand.end - cand.start > 3:  # two words, maybe after an article
        return False
    words = [t.lower_ for t in doc[cand.start : cand.end] if t.is_alpha]
    if words and (words[0] in lexicon.sentence_articles or words[0] in lexicon.name_articles):
        words = words[1:]
    return (
        len(words) == 2
        and any(lexicon.is_org_head(w) for w in words)
        and any(w in lexicon.level_adjectives for w in words)
    )


def _names_org(doc: Any, i: int, lexicon: OrgLexicon) -> bool:
    """Token ``i`` starts an organisation's name: a capitalised head noun or an acronym."""
    token = doc[i]
    return is_acronym(token.text) or (lexicon.is_org_head(token.text) and token.text[:1].isupper())


def _after_portfolio_title(doc: Any, start: int, lexicon: OrgLexicon) -> bool:
    """A title, then a portfolio ("ministre de l'Agriculture"): the name is no body."""
    i = start - 1
    skipped = 0
    while i >= 0 and skipped < 4:
        word = doc[i].lower_
        if word in lexicon.portfolio_titles or word in {"chargé", "chargée", "chargés"}:
            return skipped > 0
        if word in lexicon.connectors | lexicon.determiners | {"l'", "d'", "état", "state"}:
            i, skipped = i - 1, skipped + 1
            continue
        return False
    return False


def correct_label(
    doc: Any,
    cand: Candidate,
    lexicon: OrgLexicon,
    acronyms: Acronyms,
    is_place: Callable[[str], bool] = lambda text: False,
) -> Candidate | None:
    """The label the name's own words give, over the model's; None for a law's eponym.

    An organisation head beats LOC, MISC and PER ("Pôle ..." tagged as a place); a known
    organisation acronym starting the name does too ("CCI Lorraine"); a programme's or an
    event's head makes an ORG or a PER a MISC ("... Action Plan", "... Summit"), and so
    does a current of thought named for its city ("l'école de Vienne"); a given
    name next to a surname in capitals is a person; a person's name after "loi" names a law.
    """
    if cand.source == "gazetteer":
        return cand
    words = [t for t in doc[cand.start : cand.end] if not t.is_punct]
    if _school_of_thought(words, lexicon, is_place):
        return cand.changed("school_of_thought", label="MISC")
    if cand.label == "PER" and _eponym(doc, cand, lexicon):
        return None
    if cand.label == "PER" and any(_brand_shaped(t.text) for t in words):
        return cand.changed("brand_shape", label="ORG")  # "OpenCoffee Patras", "Lab4Good"
    if _caps_surname(words, acronyms, lexicon) and not words[0].is_upper:
        # "Léa MARTIN" in one span; "ABCD Bretagne" (capitals first) may be a body and a place
        return cand if cand.label == "PER" else cand.changed("capitalised_surname", label="PER")
    if not words:
        return cand
    head = doc[head_index(doc, cand, lexicon)]
    if cand.label in {"ORG", "PER"} and len(words) >= 2 and head.text[:1].isupper():
        if head.lower_ in lexicon.programme_heads:
            return cand.changed(f"programme_not_{cand.label.lower()}", label="MISC")
        if head.lower_ in lexicon.event_heads:
            return cand.changed(f"event_not_{cand.label.lower()}", label="MISC")
    if cand.label == "ORG":
        plural = plural_category(doc, cand, head, lexicon)
        if plural:
            return cand.changed("plural_category", label="MISC")
        english_titles = not lexicon.head_first  # French does not title-case common words
        if (
            cand.source == "model"
            and english_titles
            and _common_words_only(doc, words, lexicon, is_place)
        ):
            return cand.changed("common_words_phrase", label="MISC")
        if cand.source == "model" and len(words) == 1 and _abstract_noun(doc, words[0], lexicon):
            return cand.changed("abstract_noun", label="MISC")
        if cand.source == "model" and any(t.lower_ in lexicon.phrase_words for t in words):
            return cand.changed("phrase_not_name", label="MISC")
        return cand
    first = words[0].text
    # the model's MISC for capitals: read as an acronym the model did not tag, unless the
    # text defines it as something else; three capitals are as often a word ("ICI", "OUI")
    misc_acronym = cand.label == "MISC" and len(words) == 1 and is_acronym(first)
    # ... nor the capitals of a common word ("ZOOM", "SERIE")
    misc_acronym = misc_acronym and not is_common_word_in_capitals(doc, first)
    if misc_acronym and (acronyms.org(first) or (len(first) > 3 and not acronyms.defined(first))):
        return cand.changed("acronym_misc_as_org", label="ORG")
    if acronyms.org(first):
        return cand.changed("acronym_defined_org", label="ORG")
    if first in lexicon.org_acronyms:
        return cand.changed("org_acronym_name", label="ORG")
    # where names put their head last, a person's first word is a surname ("Park Seo-yun")
    surname_first = cand.label == "PER" and not lexicon.head_first and head.i == words[0].i
    if (
        len(words) >= 2
        and lexicon.is_org_head(head.text)
        and head.text[:1].isupper()
        and not surname_first
    ):
        return cand.changed(f"org_head_beats_{cand.label.lower()}", label="ORG")
    return cand


def _school_of_thought(
    words: list[Any], lexicon: OrgLexicon, is_place: Callable[[str], bool]
) -> bool:
    """A current of thought named for its city, not a body: "l'école de Vienne".

    A thought head in lower case, a connector and one listed place, nothing else. A
    school's own name is capitalised or says more ("École de Management de Grenoble",
    "l'école de commerce de Lyon").
    """
    return (
        len(words) == 3
        and words[0].is_lower
        and words[0].lower_ in lexicon.thought_heads
        and words[1].lower_ in lexicon.connectors
        and is_place(words[2].text)
    )


def _common_words_only(
    doc: Any, words: list[Any], lexicon: OrgLexicon, is_place: Callable[[str], bool]
) -> bool:
    """Two or more title-case common words, none a head: a topic's or a title's name.

    "Venture Capital", "Artificial Intelligence": every word is one the language's
    lemmatizer knows, and none heads organisations, categories or publications. A listed
    place is a name, though the lemmatizer knows it ("Enterprise Ireland").
    """
    glue = lexicon.connectors | lexicon.determiners | lexicon.conjunctions
    content = [t for t in words if t.lower_ not in glue]
    return (
        len(content) >= 2
        and all(t.is_title and t.is_alpha for t in content)
        and not any(_heads_something(t, lexicon) for t in content)
        and all(is_common_word(doc, t.text) and not is_place(t.text) for t in content)
    )


# Endings of nouns of actions, states and qualities, in English and French.
_ABSTRACT_ENDING = re.compile(r"(?:tion|sion|ment|ship|ness|ity|ité|isme|ism)s?$")


def _abstract_noun(doc: Any, token: Any, lexicon: OrgLexicon) -> bool:
    """A common abstract noun alone ("Communication", "INNOVATION"): a heading, not a body.

    Nouns of actions and qualities name no organisation by themselves; the head nouns
    that do ("Commission", "Federation") are the lexicon's and are kept.
    """
    text: str = token.text
    return (
        text.isalpha()
        and (text.istitle() or text.isupper())
        and _ABSTRACT_ENDING.search(text.lower()) is not None
        and not _heads_something(token, lexicon)
        and is_common_word(doc, text)
    )


def _heads_something(token: Any, lexicon: OrgLexicon) -> bool:
    """An organisation's, a category's ("Hub") or a publication's ("Review") head word."""
    text: str = token.text
    return (
        lexicon.is_org_head(text, plural=True)
        or token.lower_ in lexicon.category_heads
        or is_publisher_head(text)
    )


# Surname prefixes written with an inner capital: "McDonald", "MacArthur", "DeYoung".
_NAME_PREFIXES = re.compile(r"^(?:Mc|Mac|O'|O’|De|Di|Da|Du|Le|La|Van|Von|Fitz|D'|D’)")


def _brand_shaped(word: str) -> bool:
    """A word with a digit or an inner capital ("Cluster4Smart", "OpenCoffee"): a brand's.

    People's names have neither, but for prefixed surnames ("McDonald", "DeYoung") and
    names in capitals or with hyphens ("Jean-Paul", "MARTIN").
    """
    if any(char.isdigit() for char in word) and any(char.isalpha() for char in word):
        return True
    return any(
        part.isalpha()
        and not part.isupper()
        and not _NAME_PREFIXES.match(part)
        and any(char.isupper() for char in part[1:])
        for part in word.split("-")
    )


def _eponym(doc: Any, cand: Candidate, lexicon: OrgLexicon) -> bool:
    """A person's name that names a law ("loi Dupont", "the Dupont law")."""
    before = doc[cand.start - 1].lower_ if cand.start > 0 else ""
    after = doc[cand.end].lower_ if cand.end < len(doc) else ""
    first = doc[cand.start].lower_
    return bool({before, after, first} & lexicon.eponym_heads)


def _word(token: Any) -> bool:
    """Letters, possibly joined by hyphens ("Jean-Paul")."""
    text: str = token.text
    return text.replace("-", "").isalpha()


def _caps_surname(words: list[Any], acronyms: Acronyms, lexicon: OrgLexicon) -> bool:
    """A given name next to a surname in capitals ("Lucie MARCHAND", "MARCHAND Lucie")."""
    if len(words) != 2:
        return False
    capitals = [t for t in words if t.is_upper and t.is_alpha and len(t) >= 3]
    given = [t for t in words if t.is_title and _word(t) and t.pos_ == "PROPN"]
    if len(capitals) != 1 or len(given) != 1:
        return False
    surname = capitals[0].text
    known = surname in lexicon.org_acronyms or acronyms.defined(surname)
    return not known and not lexicon.is_org_head(given[0].text)


def join_caps_surnames(
    doc: Any, kept: list[Candidate], acronyms: Acronyms, lexicon: OrgLexicon
) -> list[Candidate]:
    """A surname in capitals and the given name next to it: a person.

    "Lucie MARCHAND", "MARCHAND Lucie": the model often tags the capitals as an ORG or a
    place and the given name alone as a person, or the capitals pass for an acronym.
    """
    by_token = {i: c for c in kept for i in range(c.start, c.end)}
    out: list[Candidate] = []
    for cand in sorted(kept, key=lambda c: c.start):
        person = _caps_person(doc, cand, by_token, acronyms, lexicon)
        out.append(cand if person is None else person)
    return drop_overlaps(out)  # the person's span wins over the given name's own


def _caps_person(
    doc: Any,
    cand: Candidate,
    by_token: dict[int, Candidate],
    acronyms: Acronyms,
    lexicon: OrgLexicon,
) -> Candidate | None:
    if cand.source == "gazetteer" or cand.end - cand.start != 1 or not doc[cand.start].is_upper:
        return None
    for other in (cand.start - 1, cand.end):
        if not 0 <= other < len(doc):
            continue
        neighbour = by_token.get(other)
        single_person = neighbour is not None and neighbour.label == "PER"
        if neighbour is not None and not (single_person and _one_word(doc, neighbour)):
            continue
        if other == cand.end and not single_person:
            continue  # "ABCD Bretagne": a given name after capitals needs the model's word
        start, end = min(other, cand.start), max(other, cand.start) + 1
        if _caps_surname([doc[start], doc[end - 1]], acronyms, lexicon):
            if neighbour is not None:  # a hyphenated given name whole ("Marie-Anne")
                start, end = min(start, neighbour.start), max(end, neighbour.end)
            while start >= 2 and start < cand.start and glued_hyphen(doc, start - 1):
                start -= 2  # ... also where the model tagged none of it
            return cand.changed("capitalised_surname", start=start, end=end, label="PER")
    return None


def _one_word(doc: Any, cand: Candidate) -> bool:
    """One word, or words glued by hyphens ("Léa", "Marie-Anne")."""
    return all(glued_hyphen(doc, i) for i in range(cand.start + 1, cand.end, 2))


def on_capital_heading(doc: Any) -> set[int]:
    """Tokens of lines written in capitals: headings, whose words are not names."""
    table = token_table(doc)
    breaks = [i + 1 for i, text in enumerate(table.text) if "\n" in text]  # a line ends after
    heading: set[int] = set()
    for start, end in zip([0, *breaks], [*breaks, len(table)], strict=True):
        if _capital_line(table, start, end):
            heading.update(range(start, end))
    return heading


def _capital_line(table: TokenTable, start: int, end: int) -> bool:
    """Tokens ``start:end`` are a line of at most 15 words, all in capitals, standing alone."""
    words = [i for i in range(start, end) if table.is_alpha[i]]
    if not 0 < len(words) <= 15:
        return False
    if not all(table.is_upper[i] for i in words if len(table.text[i]) > 1):
        return False
    # several words, or one word (of more than one letter) and nothing else
    if not any(len(table.text[i]) > 1 for i in words):
        return False
    kept = [i for i in range(start, end) if not table.is_space[i] and not table.is_punct[i]]
    return len(words) >= 2 or len(kept) == 1


def join_acronym_territory(
    doc: Any, kept: list[Candidate], lexicon: OrgLexicon, acronyms: Acronyms
) -> list[Candidate]:
    """An organisation acronym and the place right after it are one name ("CCI Alsace")."""
    out: list[Candidate] = []
    for cand in sorted(kept, key=lambda c: c.start):
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.end == cand.start
            and prev.end - prev.start == 1
            and cand.label == "LOC"
            and "gazetteer" not in {prev.source, cand.source}
        ):
            acronym = doc[prev.start].text
            if acronym in lexicon.org_acronyms or acronyms.org(acronym):
                out[-1] = prev.changed("org_acronym_name", end=cand.end, label="ORG")
                continue
        out.append(cand)
    return out
