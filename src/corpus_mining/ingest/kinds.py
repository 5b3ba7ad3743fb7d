"""Guess a document's kind from text features, with the rule that decided.

Each kind collects evidence from cues (``cues.yaml``): a heading of its own ("Résumé",
"Qui sommes-nous", "Executive summary"), a phrase in the first part of the text ("this
paper", "propos recueillis par"), and structural features: question/answer turns and
speaker labels, bylines and publication lines, numbered section headings, definition
lists. The kind with the most evidence wins; length is one more feature (a long text
leans to ``report``), not the rule. ``kind_source`` reads ``text:<kind>:<feature>``,
naming the strongest piece of evidence.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from corpus_mining.ingest.cues import load_cues, merged, phrase_pattern
from corpus_mining.ingest.dates import day_month_dates
from corpus_mining.textfold import fold_same_length as fold

HEADING_WEIGHT = 3.0
WEAK_HEADING_WEIGHT = 1.0
PHRASE_WEIGHT = 1.0
STRONG_PHRASE_WEIGHT = 2.0
DATED_WEIGHT = 2.0
MIN_EVIDENCE = 2.0
LONG_WORDS = 3000
ABSTRACT_MAX_WORDS = 700  # an abstract or session description is rarely longer
SECTIONED_WORDS = 600
PAST_TENSE_MIN = 4
DATES_MAX = 1.0  # dates alone are weak: history and presentation pages cite them too
WE_MIN = 4
_HEAD_CHARS = 4000  # phrases are looked for in the beginning, where a page says what it is
_HEADING_WORDS = 6
# Ties go to the more specific kind.
_PRIORITY = ("interview", "abstract", "news", "institutional", "report", "other")
_QA_LABEL = re.compile(r"^(?:q|r|a|question|reponse|answer|response)\s*\d*\s*[:.)–—-]\s")
_SPEAKER = re.compile(r"^([A-ZÀ-Þ][\w'’.-]+(?:\s[A-ZÀ-Þ][\w'’.-]+){0,2})\s?[:–—]\s+\S")
_DEFINITION = re.compile(r"^([^\W\d][^:–—]{0,48}?)\s?(?::|\s[–—]|\s-)\s+\S")
_NUMBERED = re.compile(r"^(?:[IVX]+|\d{1,2}(?:\.\d{1,2}){0,3})[.)]?\s+[A-ZÀ-Þ]")
_CITATION = re.compile(
    r"\(([A-ZÀ-Þ][\w'’-]+(?: et al\.?|,? (?:and|et|&) [A-ZÀ-Þ][\w'’-]+)?,? (?:19|20)\d\d)[a-z]?\)"
)
_NOTE_MARK = re.compile(r"\w\[\d{1,3}\]")  # encyclopedia footnote calls: "DATAR[1]"
# An encyclopedia or glossary entry opens by defining its subject.
_DEFINES = re.compile(
    r"^(?:un|une|le|la|les|l'|a|an|the)\s?[^.,;:]{2,60}?,?(?:\s[^.,;:]{0,30},)?\s"
    r"(?:est|sont|désigne|is|are|refers to)\s(?:un|une|le|la|l'|des|a|an|the)\b",
    re.I,
)
_BYLINE = re.compile(
    r"^[-–—•*\s]*(?:par|by|auteur|author|rédigé par|written by|posted by|article by|text by)"
    r"\s*:?\s+[A-ZÀ-Þ]",
    re.I,
)
_QUOTE = re.compile(r"[«“\"]\s*[^»”\"]{20,400}?\s*[»”\"]")


@dataclass(frozen=True)
class KindGuess:
    """The kind chosen, the evidence score of each kind, and the deciding feature."""

    kind: str
    source: str
    scores: dict[str, float]


@dataclass(frozen=True)
class _KindCues:
    headings: frozenset[str]
    weak_headings: frozenset[str]
    strong_phrases: re.Pattern[str]
    phrases: re.Pattern[str]


@lru_cache(maxsize=1)
def _cue_patterns() -> dict[str, _KindCues]:
    table = load_cues()["kinds"]
    return {
        kind: _KindCues(
            frozenset(merged(cues["headings"])),
            frozenset(merged(cues.get("weak_headings", {}))),
            re.compile(phrase_pattern(merged(cues["strong_phrases"]))),
            re.compile(phrase_pattern(merged(cues["phrases"]))),
        )
        for kind, cues in table.items()
    }


def _heading(paragraph: str) -> str | None:
    """The folded heading text of a short paragraph ("Résumé :", "1. Introduction")."""
    words = paragraph.split()
    if not words or len(words) > _HEADING_WORDS:
        return None
    text = fold(paragraph).strip(" :.-–—#*")
    return re.sub(r"^(?:[ivx]+|\d{1,2}(?:\.\d{1,2})*)[.)]?\s+", "", text)


def _labelled_heading(paragraph: str) -> str | None:
    """The words before a colon opening a paragraph ("Mots-clés : a, b" -> "mots-cles")."""
    head = fold(paragraph[:40]).split(":", 1)[0].strip()
    return head if ":" in paragraph[:40] else None


def _cue_evidence(paragraphs: list[str]) -> list[tuple[str, float, str]]:
    """(kind, weight, feature) for each heading and distinct phrase cue found."""
    evidence: list[tuple[str, float, str]] = []
    head = fold("\n".join(paragraphs)[:_HEAD_CHARS])
    headings = [_heading(p) or _labelled_heading(p) for p in paragraphs]
    for kind, cues in _cue_patterns().items():
        for heading in sorted({h for h in headings if h in cues.headings}):
            evidence.append((kind, HEADING_WEIGHT, f"heading:{heading}"))
        for heading in sorted({h for h in headings if h in cues.weak_headings}):
            evidence.append((kind, WEAK_HEADING_WEIGHT, f"heading:{heading}"))
        strong = {re.sub(r"\s+", " ", m.group(0)) for m in cues.strong_phrases.finditer(head)}
        evidence.extend((kind, STRONG_PHRASE_WEIGHT, f"phrase:{p}") for p in sorted(strong))
        found = {re.sub(r"\s+", " ", m.group(0)) for m in cues.phrases.finditer(head)}
        found = {p for p in found if not any(p in q for q in strong)}  # counted once
        evidence.extend((kind, PHRASE_WEIGHT, f"phrase:{p}") for p in sorted(found))
    return evidence


def _second_person() -> re.Pattern[str]:
    return _table_pattern("second_person")


@lru_cache(maxsize=8)
def _table_pattern(name: str) -> re.Pattern[str]:
    """The phrases of the per-language table ``name`` of cues.yaml, as one pattern."""
    return re.compile(phrase_pattern(merged(load_cues()[name])))


def _reply_opener() -> re.Pattern[str]:
    return _table_pattern("reply_openers")


def _addressed_question(paragraph: str) -> bool:
    """A question put to someone ("Pourquoi avez-vous ... ?", "How did you ... ?")."""
    question = paragraph.rstrip()
    if not question.endswith("?"):
        return False
    last = re.split(r"(?<=[.!?])\s+", question[:-1])[-1]
    return _second_person().search(fold(last).replace("-", " ")) is not None


def _turn_evidence(paragraphs: list[str]) -> list[tuple[str, float, str]]:
    """Question/answer turns, speaker labels and definition lists."""
    evidence: list[tuple[str, float, str]] = []
    questions = sum(1 for p in paragraphs if p.rstrip().endswith("?"))
    if questions >= 3 and questions >= 0.1 * len(paragraphs):
        evidence.append(("interview", 1.0 * questions, "question_paragraphs"))
    addressed = sum(1 for p in paragraphs if _addressed_question(p))
    if addressed:
        evidence.append(("interview", 1.0 * addressed, "addressed_questions"))
    replies = sum(
        1
        for question, answer in itertools.pairwise(paragraphs)
        if question.rstrip().endswith("?") and _reply_opener().match(fold(answer[:40]))
    )
    if replies:
        evidence.append(("interview", 2.0 * replies, "answered_questions"))
    if sum(1 for p in paragraphs if _QA_LABEL.match(fold(p[:30]))) >= 2:
        evidence.append(("interview", 4.0, "qa_labels"))
    speakers = Counter(m.group(1) for p in paragraphs if (m := _SPEAKER.match(p)))
    if sum(n for n in speakers.values() if n >= 2) >= 4 and len(speakers) >= 2:
        evidence.append(("interview", 4.0, "speaker_labels"))
    terms = [
        m.group(1)
        for p in paragraphs
        if (m := _DEFINITION.match(p)) and len(p.split()) - len(m.group(1).split()) >= 5
    ]
    distinct = len(set(terms))
    if distinct >= 4 and distinct >= 0.3 * len(paragraphs) and distinct == len(terms):
        evidence.append(("other", 4.0, "definition_list"))
    return evidence


def _layout_evidence(paragraphs: list[str], n_words: int) -> list[tuple[str, float, str]]:
    """Bylines, numbered section headings and length."""
    evidence: list[tuple[str, float, str]] = []
    if any(_BYLINE.match(p) and len(p.split()) <= 12 for p in paragraphs[:15]):
        evidence.append(("news", 1.5, "byline"))
    numbered = sum(1 for p in paragraphs if _NUMBERED.match(p) and len(p.split()) <= 12)
    if numbered >= 3:
        evidence.append(("report", 2.0, "numbered_sections"))
    head = "\n".join(paragraphs)[:_HEAD_CHARS]
    dates = len(set(day_month_dates(head)))
    if dates:
        evidence.append(("news", min(DATES_MAX, 1.0 * dates), "dates_in_text"))
    notes = len(_NOTE_MARK.findall(head))
    if notes:
        evidence.append(("other", min(2.0, 1.0 * notes), "reference_marks"))
    if any(_DEFINES.match(p) for p in paragraphs[:4]):
        evidence.append(("other", 1.0, "defining_opening"))
    if len(_QUOTE.findall(head)) >= 2:
        evidence.append(("news", 1.0, "quotations"))
    folded = fold(head)
    if len(_table_pattern("past_tense").findall(folded)) >= PAST_TENSE_MIN:
        evidence.append(("news", 1.0, "past_tense"))
    if len(_table_pattern("first_person_plural").findall(folded)) >= WE_MIN:
        evidence.append(("institutional", 1.0, "first_person_plural"))
    citations = len(set(_CITATION.findall(head)))
    if citations:
        evidence.append(("abstract", min(2.0, 1.0 * citations), "author_year_citations"))
    headings = sum(1 for p in paragraphs if _is_subheading(p))
    if headings >= 3 and n_words >= SECTIONED_WORDS:
        evidence.append(("report", 1.0, "sections"))
    if n_words >= ABSTRACT_MAX_WORDS:
        evidence.append(("abstract", -1.5, "length_over_abstract"))
    if n_words >= LONG_WORDS:
        evidence.append(("report", 2.0, "length_long"))
    return evidence


def _dated_top(paragraphs: list[str]) -> bool:
    """A date on its own line among the first three paragraphs (above or under a title)."""
    return any(len(p.split()) <= 6 and day_month_dates(p) for p in paragraphs[:3])


def _is_subheading(paragraph: str) -> bool:
    """A short line without closing punctuation that starts with a capital."""
    words = paragraph.split()
    return 1 <= len(words) <= 8 and paragraph[:1].isupper() and paragraph[-1:] not in ".!?:;,"


def infer_kind(
    paragraphs: list[str], n_words: int, *, date_source: str = "none", default: str = "other"
) -> KindGuess:
    """The kind of a document from its paragraphs; ``default`` when no evidence suffices.

    Args:
        paragraphs: the document's paragraphs, in order.
        n_words: its length in words.
        date_source: the rule that dated it (a publication line or a dateline is evidence
            of a news item or press release).
        default: the kind used when no kind gathers ``MIN_EVIDENCE``.
    """
    evidence = _cue_evidence(paragraphs) + _turn_evidence(paragraphs)
    evidence += _layout_evidence(paragraphs, n_words)
    if date_source in ("text:published", "text:dateline"):
        evidence.append(("news", DATED_WEIGHT, date_source.removeprefix("text:")))
    elif date_source == "text:updated":  # pages that are kept up to date present something
        evidence.append(("institutional", 1.0, "updated"))
    elif date_source == "text:date_line" and _dated_top(paragraphs):
        evidence.append(("news", 1.0, "date_under_title"))
    scores: dict[str, float] = {}
    for kind, weight, _ in evidence:
        scores[kind] = scores.get(kind, 0.0) + weight
    ranked = sorted(scores, key=lambda k: (-scores[k], _rank(k)))
    if not ranked or scores[ranked[0]] < MIN_EVIDENCE:
        return KindGuess(default, "text:no_evidence", scores)
    best = ranked[0]
    feature = max((e for e in evidence if e[0] == best), key=lambda e: e[1])[2]
    return KindGuess(best, f"text:{best}:{feature}", scores)


def _rank(kind: str) -> int:
    return _PRIORITY.index(kind) if kind in _PRIORITY else len(_PRIORITY)
