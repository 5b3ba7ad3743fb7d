"""Read ``metadata.csv`` as researchers write it, and normalise metadata values.

Precedence when a document is described: the user's ``metadata.csv``, then the file's own
metadata (front matter, HTML meta tags, PDF info, DOCX core properties), then the text
itself. A file's modification time is never used: it says when a copy was made.

The CSV may come from any spreadsheet: its encoding (UTF-8 with or without BOM, UTF-16,
Windows-1252) and its delimiter (comma, semicolon, tab) are detected; column names may
be French or English. A value that cannot be read (a date, a language, a kind) is kept
out of the document and returned as a :class:`Rejected`, so the stage can say what it
used instead.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corpus_mining.errors import CorpusMiningError, DocumentError
from corpus_mining.ingest.cues import load_cues
from corpus_mining.ingest.dates import iso_date
from corpus_mining.ingest.decode import decode_bytes
from corpus_mining.ingest.normalize import normalize_inline
from corpus_mining.textfold import fold_same_length as fold

METADATA_COLUMNS = ("file", "title", "date", "lang", "kind", "authors", "source")
_DELIMITERS = (",", ";", "\t", "|")


@dataclass(frozen=True)
class Resolved:
    """A metadata value and where it came from."""

    value: str | None
    source: str


@dataclass(frozen=True)
class Rejected:
    """A metadata.csv value that could not be read."""

    line: int
    file: str
    column: str
    value: str
    problem: str


@dataclass
class MetadataTable:
    """The readable rows of metadata.csv by document path, and the values rejected."""

    rows: dict[str, dict[str, str]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    rejected: list[Rejected] = field(default_factory=list)
    delimiter: str = ","
    encoding: str = "utf-8"


def normalize_lang(value: str) -> str | None:
    """An ISO 639-1 code from a code or a language name in any case, else None."""
    key = fold(value).strip().strip(".")
    for code, names in load_cues()["languages"].items():
        if key == code or key in {fold(name) for name in names}:
            return str(code)
    return None


def normalize_kind(value: str, kinds: Mapping[str, Sequence[str]]) -> str | None:
    """The kind of the vocabulary ``kinds`` (kind -> synonyms) that ``value`` names."""
    key = re.sub(r"[\s_-]+", " ", fold(value)).strip(" .")
    for kind, synonyms in kinds.items():
        names = {kind, *synonyms}
        if key in {re.sub(r"[\s_-]+", " ", fold(name)).strip() for name in names}:
            return kind
    return None


def _columns(header: Sequence[str]) -> dict[str, str]:
    """Map each header cell to its field (``file``, ``title``...) when it names one."""
    aliases = {
        fold(alias): column for column, names in load_cues()["columns"].items() for alias in names
    }
    mapping: dict[str, str] = {}
    for cell in header:
        column = aliases.get(fold(cell.strip().strip('"').lstrip("\ufeff")).strip())
        if column and column not in mapping.values():
            mapping[cell] = column
    return mapping


def _delimiter(text: str) -> str:
    """The delimiter of the header line: the candidate it holds most often."""
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _decode(path: Path) -> tuple[str, str]:
    try:
        return decode_bytes(path.read_bytes())
    except DocumentError:
        raise CorpusMiningError(f"{path}: not a text file; save it as CSV") from None
    except OSError as error:
        raise CorpusMiningError(f"{path}: cannot be read ({error.strerror})") from None


def load_metadata_csv(path: Path, *, kinds: Mapping[str, Sequence[str]]) -> MetadataTable:
    """Read ``metadata.csv`` into rows keyed by the path under the corpus folder.

    Args:
        path: the CSV file; a missing file gives an empty table.
        kinds: the kind vocabulary (kind -> synonyms) the ``kind`` column is read with.

    Raises:
        CorpusMiningError: the file has no column naming the document file.
    """
    if not path.is_file():
        return MetadataTable()
    text, encoding = _decode(path)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    try:
        header = next(reader, [])
        mapping = _columns(header)
        if "file" not in mapping.values():
            shown = "tab" if delimiter == "\t" else repr(delimiter)
            raise CorpusMiningError(
                f"{path}: no 'file' column (the document's path under the corpus folder); "
                f"read with delimiter {shown}, columns found: {', '.join(header) or 'none'}"
            )
        table = MetadataTable(delimiter=delimiter, encoding=encoding)
        for cells in reader:
            _add_row(table, dict(zip(header, cells, strict=False)), mapping, reader.line_num, kinds)
    except csv.Error as error:
        raise CorpusMiningError(f"{path}: not a readable CSV ({error})") from None
    return table


def _add_row(
    table: MetadataTable,
    cells: dict[str, str],
    mapping: dict[str, str],
    line: int,
    kinds: Mapping[str, Sequence[str]],
) -> None:
    raw = {mapping[cell]: value for cell, value in cells.items() if cell in mapping and value}
    key = (raw.pop("file", "") or "").strip().replace("\\", "/").removeprefix("./")
    if not key:
        return
    if key in table.rows:
        earlier = table.lines[key]
        table.rejected.append(
            Rejected(line, key, "file", key, f"listed again (line {earlier} is used)")
        )
        return
    row: dict[str, str] = {}
    for column, value in sorted(raw.items()):
        value = normalize_inline(value)
        if not value:
            continue
        read, problem = _read_value(column, value, kinds)
        if read is None:
            table.rejected.append(Rejected(line, key, column, value, problem))
        else:
            row[column] = read
    table.rows[key] = row
    table.lines[key] = line


def _read_value(
    column: str, value: str, kinds: Mapping[str, Sequence[str]]
) -> tuple[str | None, str]:
    """The normalised value of one cell, or None and what is wrong with it."""
    if column == "date":
        return iso_date(value), "not a date with a year"
    if column == "lang":
        return normalize_lang(value), "not a language code or name"
    if column == "kind":
        known = ", ".join(kinds)
        return normalize_kind(value, kinds), f"not a kind of ingest.kinds ({known})"
    return value, ""
