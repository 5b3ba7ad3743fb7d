"""Turn one processed passage into entity mentions and concept mentions.

Order matters: concept hits are found first, so a span that is only a concept term
("Economie sociale et solidaire" tagged ORG, "PTCE" tagged LOC) is not kept as an
actor; then the model's and the ruler's entities are cleaned by the rules in
``entity_rules``; then capitalised acronyms the model missed become ORG candidates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from corpus_mining.nlp.actor_rules import (
    Acronyms,
    correct_label,
    head_index,
    join_acronym_territory,
    join_caps_surnames,
    non_actor,
    on_capital_heading,
    repair_spans,
)
from corpus_mining.nlp.cited_authors import cited_authors
from corpus_mining.nlp.common_words import is_common_word_in_capitals
from corpus_mining.nlp.entity_rules import (
    LABELS,
    NOT_ACTOR_ACRONYMS,
    Candidate,
    addressed_person,
    is_acronym,
    is_code,
    is_publisher_head,
    is_roman_numeral,
    junk_reason,
    merge_ampersand,
    relabel,
    trim,
)
from corpus_mining.nlp.enumerations import listed_after_plural_head, listed_with_orgs
from corpus_mining.nlp.given_names import people_by_given_name, people_without_titles
from corpus_mining.nlp.name_context import in_context, place_not_org
from corpus_mining.nlp.name_shapes import (
    before_verb,
    cut_at_separator,
    is_plural_acronym,
    legal_form_names,
    not_a_body,
    with_name_article,
    without_dangling_word,
    without_sentence_article,
)
from corpus_mining.nlp.org_lexicon import OrgLexicon, head_words, org_lexicon
from corpus_mining.nlp.tokens import token_table

_NO_ACRONYMS = Acronyms()


def _headed_by_org(words: list[str], lexicon: OrgLexicon) -> bool:
    """The name's head is a capitalised organisation or publisher noun ("Revue ...")."""
    return any(
        word[:1].isupper() and (lexicon.is_org_head(word) or is_publisher_head(word))
        for word in head_words(words, lexicon)
    )


@dataclass(frozen=True)
class Mention:
    """An actor mention with character offsets into the passage."""

    start: int
    end: int
    text: str
    label: str
    source: str
    gazetteer_id: str
    rule: str = ""


@dataclass(frozen=True)
class ConceptSpan:
    """A concept mention with character offsets into the passage."""

    concept_id: str
    start: int
    end: int
    text: str
    source: str


def _source(ent: Any) -> tuple[str, str, str]:
    """Source, gazetteer id and rule of a span of ``doc.ents``."""
    ent_id = ent.ent_id_ or ""
    if ent_id.startswith("rule:"):
        return "rule", "", ent_id[5:]
    if ent_id:
        return "gazetteer", ent_id, "gazetteer"
    return "model", "", "ner"


def _covered(doc: Any, cand: Candidate, concept_chars: set[int]) -> bool:
    """Every letter of a model span is part of a concept term: it is a concept."""
    span = doc[cand.start : cand.end]
    letters = [i for t in span for i in range(t.idx, t.idx + len(t)) if t.text[i - t.idx].isalpha()]
    return bool(letters) and all(i in concept_chars for i in letters)


def _is_headline(doc: Any) -> bool:
    """A title-case line, verbs included: capitals mark a headline style there, not names.

    A verb in lower case shows a sentence, however many names fill it.
    """
    table = token_table(doc)
    if any(table.like_num) or table.text.count(",") > 1:
        return False  # a venue or reference line, not a headline
    if any(p in {"VERB", "AUX"} and low for p, low in zip(table.pos, table.is_lower, strict=True)):
        return False
    content = [
        i
        for i, (text, alpha, stop) in enumerate(
            zip(table.text, table.is_alpha, table.is_stop, strict=True)
        )
        if alpha and not stop and len(text) > 2
    ]
    title = [i for i in content if table.is_title[i]]
    return len(title) >= 4 and len(title) >= 0.75 * len(content)


def _merge_adjacent_acronyms(doc: Any, candidates: list[Candidate]) -> list[Candidate]:
    """Join neighbouring all-capital names into one ("ABC" + "DEF", "ABC-DEF", "ABC/DEF").

    A hyphen or a slash glued to both joins two names no gazetteer knows ("ALPHA-BETA");
    two known bodies stay two ("ADEME/ANR"), and so do names with spaces around it.
    """
    merged: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: c.start):
        prev = merged[-1] if merged else None
        capitals = all(t.is_upper for t in doc[cand.start : cand.end])
        if (
            prev is not None
            and (prev.end == cand.start or _joined_unknowns(doc, prev, cand))
            and prev.label == cand.label == "ORG"
            and capitals
            and all(t.is_upper for t in doc[prev.start : prev.end])
        ):
            merged[-1] = prev.changed("acronym_join", end=cand.end)
            continue
        merged.append(cand)
    return merged


def _joined_unknowns(doc: Any, prev: Candidate, cand: Candidate) -> bool:
    """One hyphen or slash without spaces lies between two names the gazetteer does not know."""
    end = prev.end
    return (
        cand.start == end + 1
        and doc[end].text in {"-", "/"}
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and "gazetteer" not in {prev.source, cand.source}
    )


def _is_heading(doc: Any) -> bool:
    table = token_table(doc)
    words = [upper for alpha, upper in zip(table.is_alpha, table.is_upper, strict=True) if alpha]
    return len(words) >= 3 and sum(words) >= 0.6 * len(words)


def _with_own_acronym(text: str) -> bool:
    """A name glued to its own acronym ("AGIR POUR LE CLIMAT-APLC") names a body."""
    name, _, acronym = text.rpartition("-")
    words = name.split()
    return len(words) >= 2 and is_acronym(acronym) and "".join(w[0] for w in words) == acronym


def _capital_runs(
    doc: Any, taken: set[int], lexicon: OrgLexicon
) -> tuple[list[Candidate], set[int]]:
    """Names written in capitals over several words, and the tokens of capital titles.

    "FÉDÉRATION DES AMIS DU VÉLO", headed by an organisation noun, is a name; the words
    of "UN COUPLE ALLANT DE SOI" are a title's, not acronyms.
    """
    table = token_table(doc)
    texts, alpha, stop = table.text, table.is_alpha, table.is_stop
    capital = [u and a and len(t) > 1 for u, a, t in zip(table.is_upper, alpha, texts, strict=True)]
    glued = [not spaced for spaced in table.spaced]
    runs: list[Candidate] = []
    titles: set[int] = set()
    n, i = len(texts), 0
    for first in (k for k, cap in enumerate(capital) if cap):  # a run starts on a capital
        if first < i or first in taken:
            continue
        i = j = first
        while (
            j < n
            and j not in taken
            and (capital[j] or (texts[j] == "-" and j > i and glued[j - 1]))
        ):
            j += 1
        while j > i and texts[j - 1] == "-":
            j -= 1
        content = [k for k in range(i, j) if alpha[k] and not stop[k]]
        if len(content) >= 2 and any(stop[i:j]):
            if _headed_by_org(texts[i:j], lexicon) or _with_own_acronym(doc[i:j].text):
                runs.append(Candidate(i, j, "ORG", "rule", "", "capital_run"))
            else:
                titles.update(range(i, j))
        i = max(j, i + 1)
    return runs, titles


def _acronym_candidates(
    doc: Any,
    taken: set[int],
    concept_chars: set[int],
    not_actor: Callable[[str], bool],
    acronyms: Acronyms,
    lexicon: OrgLexicon,
) -> list[Candidate]:
    if _is_heading(doc):
        return []
    found, titles = _capital_runs(doc, taken, lexicon)
    taken = taken | titles | {i for c in found for i in range(c.start, c.end)}
    table = token_table(doc)
    lower, idx = table.is_lower, table.idx
    for i, text in enumerate(table.text):
        # an acronym, or one the document defines as an organisation however written ("Cress")
        shaped = is_acronym(text) or acronyms.org(text)
        if lower[i] or i in taken or idx[i] in concept_chars or not shaped:
            continue
        if text.upper() in NOT_ACTOR_ACRONYMS and _acronym_follows(table.text, i + 1, not_actor):
            # "DG" alone is a title, "DG EMPL" a directorate
            found.append(Candidate(i, i + 2, "ORG", "acronym", "", "acronym_pair"))
            taken = taken | {i + 1}
            continue
        # "ICI", "MES", "GLOBAL": capitals of a common word (a stop word, or a word of four
        # letters or more that the language's lemmatizer knows) are not names.
        stop = table.is_stop[i] or (
            not acronyms.org(text) and is_common_word_in_capitals(doc, text)
        )
        if text.upper() in NOT_ACTOR_ACRONYMS or stop or not_actor(text) or is_plural_acronym(text):
            continue
        if (is_roman_numeral(text) and not acronyms.org(text)) or is_code(table, i):
            continue  # "Session XXIV", "Chapter II", "QX-07", "XYZ204518": numbers, not names
        if i == 0 and len(table) > 1 and table.text[1] == ":":
            continue  # a speaker label in an interview ("SW: ...") or a glossary entry
        if found and found[-1].end == i and found[-1].source == "acronym":
            found[-1] = found[-1].changed("acronym_shape", end=i + 1)  # "ABC DEF"
            continue
        rule = "acronym_defined_org" if acronyms.org(text) else "acronym_shape"
        found.append(Candidate(i, i + 1, "ORG", "acronym", "", rule))
    return found


_ARTICLES = frozenset({"le", "la", "les", "l'", "the"})


def _trim_gazetteer(doc: Any, cand: Candidate) -> Candidate:
    """A gazetteer name is kept whole but for a leading article written in lower case.

    ``trim`` would also cut title words, and so "DG" off "DG GROW"; the gazetteer
    matched the whole name, so only "le Mouvement associatif" loses its "le".
    """
    start = cand.start
    while start < cand.end - 1 and doc[start].lower_ in _ARTICLES and doc[start].is_lower:
        start += 1
    return replace(cand, start=start)


def _acronym_follows(texts: list[str], i: int, not_actor: Callable[[str], bool]) -> bool:
    return (
        i < len(texts)
        and is_acronym(texts[i])
        and texts[i].upper() not in NOT_ACTOR_ACRONYMS
        and not not_actor(texts[i])
    )


def annotate(
    doc: Any,
    concept_hits: list[Any],
    *,
    not_actor_acronym: Callable[[str], bool],
    is_common_phrase: Callable[[str], bool] = lambda text: False,
    bibliography: bool = False,
    is_place: Callable[[str], bool] = lambda text: False,
    acronyms: Acronyms = _NO_ACRONYMS,
    org_expansions: tuple[tuple[int, int], ...] = (),
) -> tuple[list[Mention], list[ConceptSpan]]:
    """Entity and concept mentions of one passage ``doc``.

    Args:
        doc: the passage processed by the language's pipeline.
        concept_hits: the lexicon matcher's hits on ``doc`` (``concept_id, start, end, text``).
        not_actor_acronym: tells whether an all-caps token names something other than an
            actor (a concept, a programme, or an acronym defined by a common-noun phrase).
        is_common_phrase: tells whether a capitalised phrase is also written in lower
            case in the document (then it is a common phrase, not a name).
        bibliography: the passage is a reference-list entry, where surnames that are
            also common nouns ("Campagne P.") are the rule.
        is_place: tells whether a name is, as a whole, a listed place (``places``).
        acronyms: which acronyms the document defines, and which of them as organisations.
        org_expansions: character spans in this passage of the expansions of acronyms
            defined as organisations; each becomes one ORG mention.
    """
    concepts = [ConceptSpan(h.concept_id, h.start, h.end, h.text, "lexicon") for h in concept_hits]
    concept_chars = {i for h in concept_hits for i in range(h.start, h.end)}
    lexicon = org_lexicon(doc.lang_)
    candidates = [
        Candidate(ent.start, ent.end, LABELS[ent.label_], *_source(ent))
        for ent in doc.ents
        if ent.label_ in LABELS
    ]
    candidates = repair_spans(doc, merge_ampersand(doc, candidates), lexicon, is_place)
    headline = _is_headline(doc)
    kept = [
        cleaned
        for cand in candidates
        for cleaned in [
            _clean(doc, cand, lexicon, acronyms, bibliography=bibliography, is_place=is_place)
        ]
        if cleaned is not None
        and _stays(doc, cleaned, concept_chars, not_actor_acronym, is_common_phrase, headline)
    ]
    taken = {i for c in kept for i in range(c.start, c.end)}
    kept += _acronym_candidates(doc, taken, concept_chars, not_actor_acronym, acronyms, lexicon)
    kept = legal_form_names(doc, _merge_adjacent_acronyms(doc, kept), lexicon)
    kept = join_caps_surnames(doc, kept, acronyms, lexicon)
    kept = cited_authors(doc, kept)
    kept = people_by_given_name(
        doc, kept, lexicon, is_place=is_place, is_common_phrase=is_common_phrase
    )
    kept = people_without_titles(doc, kept, lexicon)
    kept = join_acronym_territory(doc, kept, lexicon, acronyms)
    kept = _with_expansions(doc, kept, org_expansions)
    kept = _off_headings(doc, kept, acronyms)
    kept = [in_context(doc, not_a_body(doc, cand, lexicon), lexicon) for cand in kept]
    kept = listed_with_orgs(
        doc, listed_after_plural_head(doc, kept, lexicon, is_place), lexicon, is_place
    )
    return [_mention(doc, place_not_org(doc, cand, is_place)) for cand in kept], concepts


_HEAD_WITHIN = 4


def _headed_body(doc: Any, cand: Candidate) -> bool:
    """An organisation's name with its head noun and no verb ("Department of Enterprise, ...").

    A headline line may be a body's name alone: a head noun among its first words, and
    no verb, tell it from a title ("Northern Council Launches New Cluster Support Platform").
    """
    lexicon = org_lexicon(doc.lang_)
    verb = any(t.pos_ in {"VERB", "AUX"} for t in doc[cand.start : cand.end])
    head = doc[head_index(doc, cand, lexicon)]
    near = head.i - cand.start < _HEAD_WITHIN  # names put few words before their head
    return cand.label == "ORG" and not verb and near and lexicon.is_org_head(head.text)


def _stays(
    doc: Any,
    cand: Candidate,
    concept_chars: set[int],
    not_actor_acronym: Callable[[str], bool],
    is_common_phrase: Callable[[str], bool],
    headline: bool,
) -> bool:
    """Not a headline word, a common phrase, a concept term or a non-actor acronym."""
    if cand.source == "model" and cand.label in {"ORG", "MISC"}:
        text = doc[cand.start : cand.end].text
        read_as_acronym = "acronym_misc_as_org" in cand.rule  # "ICI" when "ici" is written too
        common_word = text.istitle() and text.isalpha()  # "Activities" when "activities" too
        if (headline and not _headed_body(doc, cand)) or (
            (" " in text or read_as_acronym or common_word) and is_common_phrase(text)
        ):
            return False
    if cand.source != "gazetteer" and _covered(doc, cand, concept_chars):
        return False
    if cand.source == "gazetteer" or cand.end - cand.start > 1:
        return True
    text = doc[cand.start].text
    return not (not_actor_acronym(text) or (cand.label == "ORG" and is_plural_acronym(text)))


def _clean(
    doc: Any,
    cand: Candidate,
    lexicon: OrgLexicon,
    acronyms: Acronyms,
    *,
    bibliography: bool,
    is_place: Callable[[str], bool],
) -> Candidate | None:
    """The span trimmed, narrowed to the organisation a title names, and relabelled."""
    cleaned: Candidate | None = (
        _trim_gazetteer(doc, cand)
        if cand.source == "gazetteer"
        else trim(doc, addressed_person(doc, cand))
    )
    if cleaned is not None:
        cleaned = cut_at_separator(doc, before_verb(doc, cleaned))
    if cleaned is not None and cleaned.source != "gazetteer":
        cleaned = without_sentence_article(doc, cleaned, lexicon)
        cleaned = trim(doc, without_dangling_word(doc, cleaned, lexicon))
        if cleaned is not None:
            cleaned = with_name_article(doc, cleaned, lexicon)
    if cleaned is None or junk_reason(doc, cleaned, strict_person=not bibliography) is not None:
        return None
    narrowed, _reason = non_actor(doc, cleaned, lexicon)
    if narrowed is None:
        return None
    if narrowed != cleaned and junk_reason(doc, narrowed) is not None:
        return None
    org_like = lambda text: _headed_by_org(text.split(), lexicon) or _with_own_acronym(text)  # noqa: E731
    return correct_label(doc, relabel(doc, narrowed, org_like), lexicon, acronyms, is_place)


def _with_expansions(
    doc: Any, kept: list[Candidate], spans: tuple[tuple[int, int], ...]
) -> list[Candidate]:
    """Each organisation's expansion is one ORG mention, in place of the spans it covers.

    Not when it would swallow another organisation named inside it ("groupe d'experts
    auprès de la Commission"): both names stay as the text wrote them.
    """
    length = len(token_table(doc).doc_text)
    for start, end in spans:
        if end > length:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        overlapping = [c for c in kept if c.start < span.end and span.start < c.end]
        # a known name, or an organisation named inside the expansion, is not swallowed
        if any(
            c.source == "gazetteer" or (c.label == "ORG" and c.start > span.start)
            for c in overlapping
        ):
            continue
        kept = [c for c in kept if c not in overlapping]
        kept.append(Candidate(span.start, span.end, "ORG", "acronym", "", "acronym_expansion"))
    return sorted(kept, key=lambda c: c.start)


def _off_headings(doc: Any, kept: list[Candidate], acronyms: Acronyms) -> list[Candidate]:
    """Names on a line in capitals are heading words, unless known or defined acronyms."""
    heading = on_capital_heading(doc)
    if not heading:
        return kept
    return [
        c
        for c in kept
        if c.source == "gazetteer"
        or c.start not in heading
        or acronyms.defined(doc[c.start : c.end].text)
    ]


def _mention(doc: Any, cand: Candidate) -> Mention:
    span = doc[cand.start : cand.end]
    return Mention(
        span.start_char,
        span.end_char,
        span.text,
        cand.label,
        cand.source,
        cand.ent_id,
        cand.rule or cand.source,
    )
