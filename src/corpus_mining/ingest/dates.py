"""Read dates as people write them, and find a document's publication date in its text.

Parsing is dateparser's (French and English month names, abbreviations, ordinals, day
first numeric dates), restricted to absolute dates: no relative date ("yesterday"), no
date completed from today, so the same text always gives the same date. Finding is
ours: a publication cue ("Publié le", "Posted on"), a dateline ("Lyon, le 3 mars 2016"),
a header field ("Year: 1998") or an update cue decides before any date met in a
sentence, because dates inside sentences mostly describe events.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
from typing import Any

from corpus_mining.ingest.cues import load_cues, merged, phrase_pattern
from corpus_mining.textfold import fold_same_length as fold

_YEAR = r"(?:1[89]|20)\d\d"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:er|st|nd|rd|th)?"
_NUMERIC = rf"(?:0?[1-9]|[12]\d|3[01])[./-](?:0?[1-9]|1[0-2])[./-](?:{_YEAR}|\d\d)(?!\d)"
_ISO = rf"{_YEAR}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?(?![\d-])"
_CITATION_YEAR = re.compile(
    r"^[-–•*\s]*[A-ZÀ-Þ][\w'’.-]+,?\s.{0,100}?[(,]\s*((?:19|20)\d\d)[a-z]?[),.]"
    r"|,\s*((?:19|20)\d\d)[a-z]?\.\s*$"
)
_ISO_VALUE = re.compile(
    rf"({_YEAR})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?(?:[T ][\d:.+Z-]*)?$"
)
_META_LINE_WORDS = 25  # a longer paragraph is prose, unless the cue starts it
_DATE_LINE_WORDS = 10
_EDGE_PARAGRAPHS = 40
_TOP_CHARS = 3000
_EDGE_CHARS = 20_000  # publication cues are looked for on the first pages and the last lines
_TAIL_PARAGRAPHS = 20
_RECORDED_PARAGRAPHS = 4
_AGENCY_PARAGRAPHS = 5
_AGENCY_CHARS = 300
_CITE_CHARS = 400
_YEAR_LINE_PARAGRAPHS = 3
_YEAR_LINE_WORDS = 4
_COVER_LINE_WORDS = 20
_COVER_PARAGRAPHS = 6
# Words after which a date tells when something happens, not when the text was written.
_EVENT_WORDS = re.compile(
    r"(?:\b(?:le|du|au|des|en|jusqu'au|depuis|avant|apres|on|from|until|till|to|at|in|by|"
    r"before|after|since|between|et|and)|\d\s*[-–—])\s*$"  # "3-5 June": a range
)
_TIMELINE_PARAGRAPHS = 12
# A year alone, or after a few words and a separator: "2015", "Rapport, 2011", "Étude – 2012".
_YEAR_LINE = re.compile(rf"(?:[^\d]{{0,40}}?[,|•·:–—-]\s*)?({_YEAR})\.?")
_CITE_CHUNKS = 3
# A place in capitals then a comma, as news agencies open a dispatch: "PARIS, ", "SAINT-DENIS, ".
# Not after a lower-case word: "le pôle ALPHA, 12 juillet 2005" names a body, not a place.
_CAPITAL_PLACE = re.compile(
    r"(?<![\w'])(?<![a-zß-ÿ] )[A-ZÀ-Þ]{3,}(?:[ -][A-ZÀ-Þ]{2,}){0,3},\s+(?:le\s+)?"
)
# What closes a dispatch's dateline: an agency's name in brackets, then a dash.
_DISPATCH_END = re.compile(r"\s*(?:\([\w .-]{1,20}\)\s*)?[-–—:]")
_CITED_YEAR = re.compile(rf"[(,]\s*({_YEAR})[a-z]?\s*[),.]")
_ISSUE = re.compile(
    rf"(?:\bn\s?°|\bno\.|\bvol\.|\bvolume|\bnumero|\bissue)\s*\d+[^\n]{{0,40}}?\(?({_YEAR})\)?(?!\d)"
    rf"|\(\s*\d{{1,2}}\s*/\s*({_YEAR})\s*\)"
    rf"|(?<![\d/.-])({_YEAR})\s*,\s*(?:vol\.|volume|issue|n\s?°|no\.)\s*\w*\s*\d"  # "2018, vol. 46"
    rf"|(?<![\d/.-])({_YEAR})/\d{{1,2}}\s*\(\s*(?:n\s?°|no\.)"  # "Revue 2017/1 (n° 343)"
)
_COPYRIGHT = re.compile(r"(?:©|\(c\)|\bcopyright\b)([^\n]{0,80})")
# Separators between the fields of a metadata line ("Par X | Publié le ... | 3 min").
_FIELD_START = r"(?:^|[|•·–—\n]\s*|\s-\s)"
_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["year"],
    "PARSERS": ["custom-formats", "absolute-time"],
    "DATE_ORDER": "DMY",
    "RELATIVE_BASE": datetime(2000, 1, 1),
}


@lru_cache(maxsize=1)
def _parser() -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["fr", "en"], settings=_SETTINGS)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    """Date tokens and cue patterns, compiled from ``cues.yaml`` (on folded text)."""
    cues = load_cues()
    month = rf"{phrase_pattern(merged(cues['months']))}\.?"
    written = (
        rf"(?:{_DAY}\.?\s+{month},?\s+{_YEAR}|{month}\s+{_DAY},?\s+{_YEAR}|{month}\s+{_YEAR}"
        rf"|{_NUMERIC}|{_ISO})(?!\d)"
    )
    token = rf"(?:{written}|(?<!\d){_YEAR}(?!\d))"
    cue_tail = r"\s*(?:le|on|:|at|the|en|in|,|-)?\s*(?:le\s+|on\s+|:\s*)?"
    compiled = {
        "written": re.compile(written),
        "token": re.compile(token),
        "day_month": re.compile(rf"(?<![\d.]){_DAY}\s+{month}"),
    }
    for source, table in cues["date_cues"].items():
        if source in ("recorded", "venue", "cite_as"):
            continue  # read by _recorded and _venue: the cue and the date may be apart
        tail = cue_tail + (written if source in ("updated",) else token)
        compiled[source] = re.compile(rf"{_FIELD_START}\s*({phrase_pattern(merged(table))}{tail})")
    recorded = phrase_pattern(merged(cues["date_cues"]["recorded"]))
    compiled["recorded"] = re.compile(rf"{recorded}[^.;\n]{{0,40}}?\b(?:le|on)\s+({written})")
    compiled["cite_as"] = re.compile(phrase_pattern(merged(cues["date_cues"]["cite_as"])))
    compiled["venue"] = re.compile(
        rf"^[-–•*\s]*{phrase_pattern(merged(cues['date_cues']['venue']))}.*[,(]\s*({_YEAR})\)?"
        r"[.,]?(?:\s*pp?\.?\s*\d+(?:\s*[-–]\s*\d+)?)?\.?\s*$"
    )
    compiled["dateline"] = re.compile(
        rf"^[a-z][\w' .-]{{1,40}}?(?:\s\([\w .-]+\))?,\s+(?:le\s+)?({written})"
    )
    return compiled


def iso_date(value: str) -> str | None:
    """``value`` as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, as precise as it is written.

    Reads ISO dates, day-first numeric dates (14/06/2007, 9.12.2021), French and English
    month names (3 mars 2016, March 3, 2016, janv. 2019) and a year alone. Returns None
    for anything else, including relative dates and dates without a year.
    """
    value = value.strip()
    if re.fullmatch(_YEAR, value):
        return value
    iso = _ISO_VALUE.match(value)
    if iso:
        return "-".join(part for part in iso.groups() if part)
    if not re.search(r"\d", value) or len(value) > 60:
        return None
    data = _parser().get_date_data(value)
    if data is None or data.date_obj is None or not 1800 <= data.date_obj.year <= 2099:
        return None
    date = data.date_obj
    if data.period == "year":
        return f"{date.year}"
    if data.period == "month":
        return f"{date.year}-{date.month:02d}"
    return f"{date.year}-{date.month:02d}-{date.day:02d}"


def date_in_text(text: str) -> str | None:
    """The first written date (with a month, or numeric) in ``text``, as an ISO prefix."""
    folded = fold(text)
    for match in _patterns()["written"].finditer(folded):
        found = iso_date(text[match.start() : match.end()])
        if found:
            return found
    return None


def day_month_dates(text: str) -> list[str]:
    """Day-and-month dates written in ``text`` ("27 février", "5 July 2007"), folded."""
    return [m.group(0) for m in _patterns()["day_month"].finditer(fold(text))]


def _cued(paragraphs: list[str], source: str) -> str | None:
    """The first date introduced by a ``source`` cue on a metadata line."""
    pattern = _patterns()[source]
    for paragraph in paragraphs:
        folded = fold(paragraph)
        for match in pattern.finditer(folded):
            if match.start(1) > 0 and len(paragraph.split()) > _META_LINE_WORDS:
                continue  # a cue inside prose ("le rapport publié le ...") is an event
            span = slice(match.start(1), match.end(1))
            found = _first_date(paragraph[span], folded[span])
            if found:
                return found
    return None


def _first_date(original: str, folded: str) -> str | None:
    for match in _patterns()["token"].finditer(folded):
        found = iso_date(original[match.start() : match.end()])
        if found:
            return found
    return None


def _dateline(paragraphs: list[str]) -> str | None:
    """A place and a date opening a paragraph: "Lyon, le 3 mars 2016", "Brussels, 9.12.2021".

    A news agency's dateline, its place in capitals ("PARIS, 12 juil 2005 (AFP) -"), is
    also read inside the first lines, where a page's header may precede it.
    """
    for paragraph in paragraphs:
        match = _patterns()["dateline"].match(fold(paragraph))
        if match and paragraph[:1].isupper():
            found = iso_date(paragraph[match.start(1) : match.end(1)])
            if found:
                return found
    for paragraph in _top(paragraphs)[:_AGENCY_PARAGRAPHS]:
        found = _agency_dateline(paragraph[:_AGENCY_CHARS])
        if found:
            return found
    return None


def _agency_dateline(text: str) -> str | None:
    """The date after a place in capitals and before a dash: "PARIS, 12 juil 2005 (AFP) -"."""
    folded = fold(text)
    for place in _CAPITAL_PLACE.finditer(text):
        date = _patterns()["written"].match(folded, place.end())
        if date and _DISPATCH_END.match(text, date.end()):
            found = iso_date(text[date.start() : date.end()])
            if found:
                return found
    return None


def _cite_as(paragraphs: list[str]) -> str | None:
    """The date of a suggested citation at the top: "Please cite this paper as: ..., 2008"."""
    top = _top(paragraphs)
    for i, paragraph in enumerate(top):
        cue = _patterns()["cite_as"].search(fold(paragraph))
        if cue is None:
            continue
        # The reference may run over the next lines (a pdf breaks lines into paragraphs).
        for chunk in [paragraph[cue.end() :], *top[i + 1 : i + _CITE_CHUNKS]]:
            year = _CITED_YEAR.search(chunk[:_CITE_CHARS])
            found = date_in_text(chunk[:_CITE_CHARS]) or (year.group(1) if year else None)
            if found:
                return found
        return None
    return None


def _recorded(paragraphs: list[str]) -> str | None:
    """When an interview was recorded: "Entretien réalisé le 18 novembre 2013 à Rennes"."""
    for paragraph in paragraphs[:_RECORDED_PARAGRAPHS]:
        match = _patterns()["recorded"].search(fold(paragraph))
        if match:
            found = iso_date(paragraph[match.start(1) : match.end(1)])
            if found:
                return found
    return None


def _date_line(paragraphs: list[str]) -> str | None:
    """A short paragraph near the top or bottom that holds a date (under a title, a byline).

    A year alone closing a very short line just under the title ("2015", "Étude – 2012",
    "Paris, 2014") is one too, as a cover page states it.
    """
    for paragraph in _top(paragraphs) + paragraphs[-3:]:
        if len(paragraph.split()) <= _DATE_LINE_WORDS:
            found = date_in_text(paragraph)
            if found:
                return found
    return _cover_line(paragraphs) or _year_line(paragraphs)


def _cover_line(paragraphs: list[str]) -> str | None:
    """A date with its month closing a title or author line at the top, as on a cover.

    "Evaluation of the cluster programme – Final report June 2012": the line runs up to
    ``_COVER_LINE_WORDS`` words and ends on the date. A date after a preposition or a
    conjunction ("... se tiendra le 15 juin 2012", "from 3 to 5 May 2012") tells when
    something happens, and a sentence is prose: neither is taken.
    """
    for paragraph in paragraphs[:_COVER_PARAGRAPHS]:
        text = paragraph.strip().rstrip(".")
        if len(text.split()) > _COVER_LINE_WORDS or re.search(r"[.!?;]\s", text):
            continue
        folded = fold(text)
        last = [*_patterns()["written"].finditer(folded)][-1:]
        if not last or last[0].end() != len(folded) or not re.search(r"[^\W\d]", last[0][0]):
            continue  # no date with a month name closes the line
        if _EVENT_WORDS.search(folded[: last[0].start()]):
            continue
        found = iso_date(text[last[0].start() :])
        if found:
            return found
    return None


def _year_line(paragraphs: list[str]) -> str | None:
    """A year closing a very short line among the first three; not in a timeline.

    A timeline ("2005", then "2009", then "2014" as headings) states events: when
    several such lines open the document, none is taken.
    """
    years = [
        match.group(1)
        for paragraph in paragraphs[:_TIMELINE_PARAGRAPHS]
        if len(paragraph.split()) <= _YEAR_LINE_WORDS
        and (match := _YEAR_LINE.fullmatch(paragraph.strip()))
    ]
    if len(years) != 1:
        return None
    top = paragraphs[:_YEAR_LINE_PARAGRAPHS]
    return years[0] if any(_YEAR_LINE.fullmatch(p.strip()) for p in top) else None


def _top(paragraphs: list[str]) -> list[str]:
    """The paragraphs of a document's first page (about ``_TOP_CHARS`` characters)."""
    top, size = [], 0
    for paragraph in paragraphs[:_EDGE_PARAGRAPHS]:
        if size > _TOP_CHARS:
            break
        top.append(paragraph)
        size += len(paragraph)
    return top


def _issue(paragraphs: list[str]) -> str | None:
    """The year of a journal issue named at the top: "N° 325, 2009", "(1/2022)", "2017/1 (n° 3)"."""
    for paragraph in _top(paragraphs):
        match = _ISSUE.search(fold(paragraph))
        if match:
            return next(year for year in match.groups() if year)
    return None


def _venue(paragraphs: list[str]) -> str | None:
    """The year closing a venue line at the top: "Proceedings of ..., Lisbon, 2022"."""
    for paragraph in _top(paragraphs):
        if len(paragraph.split()) <= _META_LINE_WORDS:
            match = _patterns()["venue"].match(fold(paragraph))
            if match:
                return match.group(1)
    return None


def _copyright(paragraphs: list[str]) -> str | None:
    """The latest year on a copyright line ("© European Union, 2018", "© 2005-2019 X")."""
    for paragraph in paragraphs:
        for match in _COPYRIGHT.finditer(fold(paragraph)):
            years: list[str] = re.findall(rf"(?<!\d){_YEAR}(?!\d)", match.group(1))
            if years:
                return max(years)
    return None


def _edges(paragraphs: list[str]) -> list[str]:
    """The paragraphs where a document states its own date: its first pages and its end."""
    head, size = [], 0
    for paragraph in paragraphs:
        if size > _EDGE_CHARS:
            break
        head.append(paragraph)
        size += len(paragraph)
    return head + paragraphs[max(len(head), len(paragraphs) - _TAIL_PARAGRAPHS) :]


def _citation_year(paragraphs: list[str]) -> str | None:
    """The latest year cited in a reference list: a lower bound of the writing date."""
    lines = (line for paragraph in paragraphs for line in paragraph.splitlines())
    years = [int(a or b) for line in lines for a, b in _CITATION_YEAR.findall(line)]
    return str(max(years)) if years else None


def date_from_text(paragraphs: list[str]) -> tuple[str | None, str]:
    """The publication date stated in a document's text and the rule that found it.

    Rules, first match wins: ``text:published`` (a publication cue), ``text:dateline``,
    ``text:header_field`` ("Year: 1998", "Annual report 2019"), ``text:issue`` (a journal
    issue or a venue line at the top: "Proceedings of ..., 2022"), ``text:cite_as`` (a
    suggested citation at the top: "Please cite this paper as: ..., 12 September 2008"),
    ``text:recorded`` ("Entretien réalisé le 18 novembre 2013", "Recorded on ..."),
    ``text:updated``, ``text:date_line`` (a short paragraph near an edge that is mostly a
    date, or a cover line that ends on one), ``text:copyright``, then ``text:citation``
    (the latest year in the references, a lower bound). Dates inside sentences of the
    body are never used: they usually describe events.
    """
    edges = _edges(paragraphs)
    rules: tuple[tuple[str, Callable[[], str | None]], ...] = (
        ("text:published", lambda: _cued(edges, "published")),
        ("text:dateline", lambda: _dateline(edges)),
        ("text:header_field", lambda: _cued(edges, "header_field")),
        ("text:issue", lambda: _issue(paragraphs) or _venue(paragraphs)),
        ("text:cite_as", lambda: _cite_as(paragraphs)),
        ("text:recorded", lambda: _recorded(paragraphs)),
        ("text:updated", lambda: _cued(edges, "updated")),
        ("text:date_line", lambda: _date_line(paragraphs)),
        ("text:copyright", lambda: _copyright(edges)),
        ("text:citation", lambda: _citation_year(paragraphs)),
    )
    for source, rule in rules:
        found = rule()
        if found:
            return found, source
    return None, "none"


def date_in_url(url: str) -> str | None:
    """A date in a web address's path (/2021/03/15/, /2021-03-15-, /2019/), else None."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip().lower())
    match = re.search(rf"/({_YEAR})[/-](0[1-9]|1[0-2])(?:[/-](0[1-9]|[12]\d|3[01]))?(?!\d)", path)
    if match:
        return "-".join(part for part in match.groups() if part)
    match = re.search(rf"/({_YEAR})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])?/", path)
    match = match or re.search(
        rf"(?:/|(?<=\d)-)({_YEAR})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[a-z_-])", path
    )
    # /201201/, /20210520/, /20140117trib0008/ or /1413335-20140701-..., as news sites write them
    if match:
        return "-".join(part for part in match.groups() if part)
    match = re.search(rf"/({_YEAR})/", path)
    # A segment that ends on a year ("/forum-2013/", "/summit2013/"; not a period "2014-2020/"
    # or "2015_2016/"), or opens with one ("/2016-n101-..."). A year inside a slug
    # ("/page-2019-b") says nothing.
    match = match or re.search(rf"(?<![\d_-])(?<!\d[_-]\d{{3}})[a-z-]*?({_YEAR})/", path)
    match = match or re.search(rf"/({_YEAR})-[a-z]", path)
    return match.group(1) if match else None
