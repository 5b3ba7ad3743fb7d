"""Named text features of a document's kind, each a small non-negative number.

Three families, all read from the paragraphs (and the rule that dated the document):

- one cue count per kind, from ``cues.yaml`` (``cue:abstract``, ``cue:news``...):
  headings of a kind's own ("Résumé", "Qui sommes-nous", "Executive summary"), weak
  headings (menu words), strong phrases and phrases in the first part of the text. One
  feature per kind rather than one per cue family: fewer weights to fit, less to overfit;
- structure and voice: question/answer turns, speaker labels, bylines, numbered sections,
  definition lists, quotations, citations, past tense, first and second person, bullets;
- length bins and the date rule (a "Publié le" line or a dateline is a news habit);
- how the opening reads, next to each kind's real pages: its sentence vector
  (``reads_like:<kind>``, ``kind_vectors.py``) and its common words (``words_like:<kind>``,
  ``kind_words.py``);
- when the document's web address is known, one flag per kind whose address words
  (``url_words`` of ``cues.yaml``: "actualites", "interview", "glossary"...) it holds.

Counts are damped (``log2(1 + n)``, capped) so that one long list of cues cannot outvote
everything else. ``kinds.py`` weighs the features; the weights are fitted on real pages
(``benchmarks/train_kinds.py``) and shipped in ``kind_weights.yaml``.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote

from corpus_mining.ingest.cues import load_cues, merged, phrase_pattern
from corpus_mining.ingest.dates import day_month_dates
from corpus_mining.ingest.kind_vectors import reads_like_features
from corpus_mining.ingest.kind_words import words_like_features
from corpus_mining.textfold import fold_same_length as fold

_HEAD_CHARS = 4000  # phrases are looked for in the beginning, where a page says what it is
_HEADING_WORDS = 6
_TITLE_WORDS = 20
_CAP = 3.0
_CUE_CAP = 4.0
HEADING_WEIGHT = 3.0
STRONG_WEIGHT = 2.0
WEAK_WEIGHT = 0.5
_MENU_WORDS = 2  # weak headings count when a page holds this many of one kind
_QA_LABEL = re.compile(r"^(?:q|r|a|question|reponse|answer|response)\s*\d*\s*[:.)–—-]\s")
# "Jane Rowe: ...", "Xavier ROY (XR) : ...", "La Tribune - ...": a speaker's turn.
_SPEAKER = re.compile(
    r"^([A-ZÀ-Þ][\w'’.-]+(?:\s[A-ZÀ-Þ][\w'’.-]+){0,3})(?:\s\([A-Z]{1,4}\))?\s?[:–—-]\s+\S"
)
_ANSWER_WORDS = 12
_TURN_WORDS = 10  # a turn this long is speech, even without closing punctuation
_SENTENCE_END = re.compile(r"[.?!…»”\"]\s*$")
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
_URL_SEPARATORS = re.compile(r"[/.\-_?=&#:+,;~%]+")
_URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
# An address, not a source written in words ("Rapport annuel du réseau", "Le Monde").
_ADDRESS = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.|[\w-]+(?:\.[\w-]+)+/)\S*$")
_DATED_PATH = re.compile(r"/(?:19|20)\d\d[/-](?:0?[1-9]|1[0-2])[/-]")
_QUOTE = re.compile(r"[«“\"]\s*[^»”\"]{20,400}?\s*[»”\"]")
_BULLET = re.compile(r"^\s*(?:[•▪●◦*-]|\d{1,2}[.)])\s+\S", re.M)
# The date rules of ``dates.date_from_text`` that become features, by their short name.
DATE_RULES = (
    "published",
    "dateline",
    "header_field",
    "issue",
    "cite_as",
    "recorded",
    "updated",
    "date_line",
    "copyright",
    "citation",
)


@dataclass(frozen=True)
class _KindCues:
    headings: frozenset[str]
    weak_headings: frozenset[str]
    strong_phrases: re.Pattern[str]
    phrases: re.Pattern[str]
    in_title: re.Pattern[str]  # its headings and strong phrases, inside a title


@lru_cache(maxsize=1)
def _cue_patterns() -> dict[str, _KindCues]:
    table = load_cues()["kinds"]
    return {
        kind: _KindCues(
            frozenset(merged(cues["headings"])),
            frozenset(merged(cues.get("weak_headings", {}))),
            re.compile(phrase_pattern(merged(cues["strong_phrases"]))),
            re.compile(phrase_pattern(merged(cues["phrases"]))),
            re.compile(phrase_pattern(merged(cues["headings"]) + merged(cues["strong_phrases"]))),
        )
        for kind, cues in table.items()
    }


@lru_cache(maxsize=8)
def _table_pattern(name: str) -> re.Pattern[str]:
    """The phrases of the per-language table ``name`` of cues.yaml, as one pattern."""
    return re.compile(phrase_pattern(merged(load_cues()[name])))


def damped(count: float, cap: float = _CAP) -> float:
    """``log2(1 + count)``, at most ``cap``: the 1st cue counts 1, the 3rd 2, the 7th 3."""
    return round(min(cap, math.log2(1.0 + count)), 6)


def _heading(paragraph: str) -> str | None:
    """The folded heading text of a short paragraph ("Résumé :", "1. Introduction")."""
    words = paragraph.split()
    if not words or len(words) > _HEADING_WORDS:
        return None
    text = fold(paragraph).strip(" :.-–—#*?!")
    return re.sub(r"^(?:[ivx]+|\d{1,2}(?:\.\d{1,2})*)[.)]?\s+", "", text)


def _labelled_heading(paragraph: str) -> str | None:
    """The words before a colon opening a paragraph ("Mots-clés : a, b" -> "mots-cles")."""
    head = fold(paragraph[:40]).split(":", 1)[0].strip()
    return head if ":" in paragraph[:40] else None


def cue_hits(paragraphs: list[str]) -> dict[str, list[tuple[float, str]]]:
    """Per kind, the cues found with their weight: strongest first, then by name.

    A heading of the kind's own weighs 3, a strong phrase 2, a phrase 1, a weak heading
    (a menu word such as "Contact", or a heading met after the beginning) half. Menu words
    count from ``_MENU_WORDS`` of one kind: one alone is no menu. An interview's own layout,
    question and answer labels or the turns of recurring speakers, weighs as a heading
    (``layout:qa_labels``, ``layout:speaker_turns``).
    """
    hits: dict[str, list[tuple[float, str]]] = {}
    head = fold("\n".join(paragraphs)[:_HEAD_CHARS])
    top, rest = _headings(paragraphs)
    for kind, cues in _cue_patterns().items():
        strong = {re.sub(r"\s+", " ", m.group(0)) for m in cues.strong_phrases.finditer(head)}
        found = {re.sub(r"\s+", " ", m.group(0)) for m in cues.phrases.finditer(head)}
        found = {p for p in found if not any(p in q for q in strong)}  # counted once
        found_headings = top & cues.headings
        menu = (top | rest) & cues.weak_headings
        if len(menu) < _MENU_WORDS:  # one menu word ("Contact") is no menu
            menu = set()
        weak = (menu | rest & cues.headings) - found_headings
        hits[kind] = sorted(
            [(HEADING_WEIGHT, f"heading:{h}") for h in found_headings]
            + [(STRONG_WEIGHT, f"phrase:{p}") for p in strong]
            + [(WEAK_WEIGHT, f"heading:{h}") for h in weak]
            + [(1.0, f"phrase:{p}") for p in found],
            key=lambda hit: (-hit[0], hit[1]),
        )
    if "interview" in hits:
        hits["interview"] = sorted(
            _interview_layout(paragraphs) + hits["interview"], key=lambda hit: (-hit[0], hit[1])
        )
    return hits


def _qa_labels(paragraphs: list[str]) -> bool:
    """Two paragraphs or more open with a question or answer label ("Q :", "Answer:")."""
    return sum(1 for p in paragraphs if _QA_LABEL.match(fold(p[:30]))) >= 2


def _interview_layout(paragraphs: list[str]) -> list[tuple[float, str]]:
    """The layout cues of an interview: question and answer labels, speakers' turns."""
    return [
        (HEADING_WEIGHT, f"layout:{name}")
        for name, found in (
            ("qa_labels", _qa_labels(paragraphs)),
            ("speaker_turns", _speaker_turns(paragraphs) > 0),
        )
        if found
    ]


def _headings(paragraphs: list[str]) -> tuple[set[str], set[str]]:
    """The headings of the document's beginning, and those met only further on.

    A page says what it is in its beginning; a heading further on is a section of
    something else (a report's closing glossary, an article's references), so it counts
    as a weak heading.
    """
    top: set[str] = set()
    rest: set[str] = set()
    size = 0
    for paragraph in paragraphs:
        heading = _heading(paragraph) or _labelled_heading(paragraph)
        if heading:
            (top if size < _HEAD_CHARS else rest).add(heading)
        size += len(paragraph) + 2
    return top, rest - top


def cue_features(paragraphs: list[str]) -> dict[str, float]:
    """Per kind, ``cue:<kind>``: the weighted count of its cues found, damped."""
    return {
        f"cue:{kind}": damped(sum(weight for weight, _ in hits), _CUE_CAP)
        for kind, hits in cue_hits(paragraphs).items()
    }


def title_features(paragraphs: list[str]) -> dict[str, float]:
    """Per kind, ``title:<kind>``: one of its headings or strong phrases in the title.

    A title names what a document is ("Entretien avec ...", "Glossaire de ...", "Annual
    report 2019"); the title is the first short paragraph among the first three.
    """
    title = next((p for p in paragraphs[:3] if 2 <= len(p.split()) <= _TITLE_WORDS), "")
    folded = fold(title)
    return {
        f"title:{kind}": float(bool(title) and cues.in_title.search(folded) is not None)
        for kind, cues in _cue_patterns().items()
    }


def _addressed_question(paragraph: str) -> bool:
    """A question put to someone ("Pourquoi avez-vous ... ?", "How did you ... ?")."""
    question = paragraph.rstrip()
    if not question.endswith("?"):
        return False
    last = re.split(r"(?<=[.!?])\s+", question[:-1])[-1]
    return _table_pattern("second_person").search(fold(last).replace("-", " ")) is not None


def _speaker_turns(paragraphs: list[str]) -> int:
    """Turns of speakers who speak twice or more, when two speakers or more do.

    Most of the recurring speakers' turns must be speech: a sentence (closing punctuation)
    or ``_TURN_WORDS`` words or more. A contact block or a form ("Email: ...", "Tél. :
    ...", "Name: ...") has labels that recur too, but its values are not sentences.
    """
    turns: dict[str, list[bool]] = {}
    for paragraph in paragraphs:
        if match := _SPEAKER.match(paragraph):
            said = paragraph[match.end(1) :].strip(" :–—-")
            speech = len(said.split()) >= _TURN_WORDS or _SENTENCE_END.search(said) is not None
            turns.setdefault(match.group(1), []).append(speech)
    recurring = [turn for said in turns.values() if len(said) >= 2 for turn in said]
    if len(turns) < 2 or not recurring or 2 * sum(recurring) < len(recurring):
        return 0
    return len(recurring)


def turn_features(paragraphs: list[str]) -> dict[str, float]:
    """Questions and their answers, speaker turns, Q/A labels and definition lists."""
    questions = [p.rstrip().endswith("?") for p in paragraphs]
    pairs = list(itertools.pairwise(range(len(paragraphs))))
    answered = sum(  # a question, then a paragraph long enough to be an answer
        1
        for i, j in pairs
        if questions[i] and not questions[j] and len(paragraphs[j].split()) >= _ANSWER_WORDS
    )
    replies = sum(
        1
        for i, j in pairs
        if questions[i] and _table_pattern("reply_openers").match(fold(paragraphs[j][:40]))
    )
    terms = [
        m.group(1)
        for p in paragraphs
        if (m := _DEFINITION.match(p)) and len(p.split()) - len(m.group(1).split()) >= 5
    ]
    distinct = len(set(terms))
    return {
        "question_paragraphs": damped(sum(questions)),
        "question_turns": damped(answered),
        "addressed_questions": damped(sum(1 for p in paragraphs if _addressed_question(p))),
        "answered_questions": damped(replies),
        "qa_labels": float(_qa_labels(paragraphs)),
        "speaker_turns": damped(_speaker_turns(paragraphs)),
        "definition_list": float(
            distinct >= 4 and distinct >= 0.3 * len(paragraphs) and distinct == len(terms)
        ),
    }


def _count(name: str, folded: str) -> int:
    return len(_table_pattern(name).findall(folded))


def layout_features(paragraphs: list[str]) -> dict[str, float]:
    """Bylines, numbered sections, dates, quotations, voice, citations, bullets."""
    head = "\n".join(paragraphs)[:_HEAD_CHARS]
    folded = fold(head)
    return {
        "byline": float(any(_BYLINE.match(p) and len(p.split()) <= 12 for p in paragraphs[:15])),
        "numbered_sections": damped(
            sum(1 for p in paragraphs if _NUMBERED.match(p) and len(p.split()) <= 12)
        ),
        "dates_in_text": damped(len(set(day_month_dates(head)))),
        "reference_marks": damped(len(_NOTE_MARK.findall(head)), 2.0),
        "defining_opening": float(any(_DEFINES.match(p) for p in paragraphs[:4])),
        "quotations": damped(len(_QUOTE.findall(head))),
        "past_tense": damped(_count("past_tense", folded)),
        "first_person_plural": damped(_count("first_person_plural", folded)),
        "first_person_singular": damped(_count("first_person_singular", folded)),
        "second_person": damped(_count("second_person", folded)),
        "author_year_citations": damped(len(set(_CITATION.findall(head))), 2.0),
        # The first paragraph is the title, which every document has: not a subheading.
        "subheadings": damped(sum(1 for p in paragraphs[1:] if _is_subheading(p))),
        "bullets": damped(len(_BULLET.findall(head))),
    }


def _is_subheading(paragraph: str) -> bool:
    """A short line without closing punctuation that starts with a capital."""
    words = paragraph.split()
    return 1 <= len(words) <= 8 and paragraph[:1].isupper() and paragraph[-1:] not in ".!?:;,"


def _dated_top(paragraphs: list[str]) -> bool:
    """A date on its own line among the first three paragraphs (above or under a title)."""
    return any(len(p.split()) <= 6 and day_month_dates(p) for p in paragraphs[:3])


def context_features(paragraphs: list[str], n_words: int, date_source: str) -> dict[str, float]:
    """Length bins and the rule that dated the document (one feature per rule)."""
    rule = date_source.removeprefix("text:")
    features = {f"date:{name}": float(rule == name) for name in DATE_RULES}
    features["date:date_under_title"] = float(rule == "date_line" and _dated_top(paragraphs))
    features["length_under_150"] = float(n_words < 150)
    features["length_over_3000"] = float(n_words >= 3000)
    return features


@lru_cache(maxsize=1)
def _url_patterns() -> dict[str, re.Pattern[str]]:
    return {
        kind: re.compile(phrase_pattern(str(word) for word in words))
        for kind, words in load_cues()["url_words"].items()
    }


def url_hits(url: str | None) -> dict[str, str]:
    """Per kind, the first word of ``url``'s host and path that names that kind of page.

    A value that is not an address (a source named in words) has none. The address is
    unquoted, folded and cut into words at its separators, so
    "/qui-sommes-nous/" holds the cue "qui sommes nous"; a dated path ("/2021/03/04/")
    is the word "dated_path" of news.
    """
    address = fold(unquote(url.strip())).lower() if url else ""
    if not _ADDRESS.match(address):
        return {}
    words = " " + _URL_SEPARATORS.sub(" ", _URL_SCHEME.sub("", address)) + " "
    hits = {}
    for kind, pattern in _url_patterns().items():
        if match := pattern.search(words):
            hits[kind] = re.sub(r"\s+", " ", match.group(0))
    if "news" not in hits and _DATED_PATH.search(_URL_SCHEME.sub("/", address)):
        hits["news"] = "dated_path"
    return hits


def url_features(url: str | None) -> dict[str, float]:
    """``url:<kind>``: 1 when the address holds a word of that kind (none without one)."""
    return {f"url:{kind}": 1.0 for kind in url_hits(url)}


def kind_features(
    paragraphs: list[str],
    n_words: int,
    *,
    date_source: str,
    url: str | None = None,
    reads_like: dict[str, float] | None = None,
    words_like: dict[str, float] | None = None,
) -> dict[str, float]:
    """Every named feature of a document, in a stable order (see the module docstring).

    ``reads_like`` and ``words_like``: the document's reading features when already
    computed (``benchmarks/train_kinds.py`` computes them with each fold's centroids and
    word model); None computes them with the shipped ones.
    """
    return {
        **cue_features(paragraphs),
        **title_features(paragraphs),
        **turn_features(paragraphs),
        **layout_features(paragraphs),
        **context_features(paragraphs, n_words, date_source),
        **(reads_like_features(paragraphs) if reads_like is None else reads_like),
        **(words_like_features(paragraphs) if words_like is None else words_like),
        **url_features(url),
    }
