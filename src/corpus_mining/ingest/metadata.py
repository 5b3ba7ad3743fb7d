"""Resolve each document's title, date, language, kind and authors, with provenance.

Precedence: the user's ``metadata.csv``, then the file's own metadata (front matter,
HTML meta tags, PDF info, DOCX core properties), then the text itself. A file's
modification time is never used: it says when a copy was made, not when it was written.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from corpus_mining.errors import CorpusMiningError
from corpus_mining.ingest.normalize import normalize_inline

METADATA_COLUMNS = ("file", "title", "date", "lang", "kind", "authors", "source")

_MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12, "january": 1, "february": 2, "march": 3, "april": 4,
    "may": 5, "june": 6, "july": 7, "august": 8, "september": 9, "october": 10,
    "november": 11, "december": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:er)?\s+({_MONTH})\s+((?:19|20)\d\d)\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}),\s+((?:19|20)\d\d)\b", re.I)
_MONTH_YEAR = re.compile(rf"\b({_MONTH})\s+((?:19|20)\d\d)\b", re.I)
_ISO = re.compile(r"\b((?:19|20)\d\d)-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?(?!\d)")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# A reference line: "Author, A. (2020)." or "..., 2020." in a bibliography.
# "Torre, A. (2020)." / "Campagne P., Pecqueur B., 2014, Le développement..." /
# "..., Paris, Economica, 2007." : a line that starts like an author list.
_CITATION_YEAR = re.compile(
    r"^[-–•*\s]*[A-ZÀ-Þ][\w'’.-]+,?\s.{0,100}?[(,]\s*((?:19|20)\d\d)[a-z]?[),.]"
    r"|,\s*((?:19|20)\d\d)[a-z]?\.\s*$"
)
_EDGE_CHARS = 400


@dataclass(frozen=True)
class Resolved:
    """A metadata value and where it came from."""

    value: str | None
    source: str


def load_metadata_csv(path: Path) -> dict[str, dict[str, str]]:
    """Read ``metadata.csv`` into ``{file: {column: value}}``; unknown columns are ignored."""
    if not path.is_file():
        return {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None or "file" not in reader.fieldnames:
                raise CorpusMiningError(f"{path}: needs a 'file' column (path under the corpus)")
            rows: dict[str, dict[str, str]] = {}
            for row in reader:
                key = (row.get("file") or "").strip().replace("\\", "/")
                if key:
                    rows[key] = {
                        column: normalize_inline(row[column])
                        for column in METADATA_COLUMNS[1:]
                        if (row.get(column) or "").strip()
                    }
            return rows
    except (UnicodeDecodeError, csv.Error) as error:
        raise CorpusMiningError(f"{path}: not a readable UTF-8 CSV ({error})") from None


def parse_date(value: str) -> str | None:
    """Normalise a date written in metadata to ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    value = value.strip()
    if _YEAR.match(value):
        return value
    iso = _ISO.search(value)
    if iso:
        return "-".join(part for part in iso.groups() if part)
    return date_in_text(value)


def date_in_text(text: str) -> str | None:
    """The first full or month-year date written in ``text``, as an ISO prefix."""
    for pattern, order in ((_DAY_MONTH_YEAR, "dmy"), (_MONTH_DAY_YEAR, "mdy"), (_MONTH_YEAR, "my")):
        match = pattern.search(text)
        if not match:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        month = _MONTHS[parts["m"].lower()]
        day = f"-{int(parts['d']):02d}" if "d" in parts else ""
        return f"{parts['y']}-{month:02d}{day}"
    iso = _ISO.search(text)
    return "-".join(part for part in iso.groups() if part) if iso else None


def date_from_text(paragraphs: list[str]) -> str | None:
    """A date stated at the top or bottom of the document, else its latest citation year.

    A dateline ("Lyon, décembre 2011", "Published 3 March 2016") sits near the edges;
    dates in the body usually describe past events, so they are not used. A document
    citing work from 2020 was written in 2020 or later: the latest cited year is a
    lower bound, used only when nothing else dates the text.
    """
    text = "\n".join(paragraphs)
    for zone in (text[:_EDGE_CHARS], text[-_EDGE_CHARS:]):
        found = date_in_text(zone)
        if found:
            return found
    years = [int(a or b) for line in text.splitlines() for a, b in _CITATION_YEAR.findall(line)]
    return str(max(years)) if years else None


def infer_kind(paragraphs: list[str], n_words: int) -> Resolved:
    """Guess the document kind with explainable rules, recording which rule decided."""
    questions = sum(1 for p in paragraphs if p.rstrip().endswith("?"))
    if questions >= 3 and questions >= 0.1 * len(paragraphs):
        return Resolved("interview", "text:question_paragraphs")
    if n_words <= 450:
        return Resolved("abstract", "text:short")
    return Resolved("report", "text:default")
