"""Shipped reference data (registries of actors, place lists): CSV rows validated by line.

Every file under ``corpus_mining/data`` is UTF-8 CSV with a header; list columns hold
several values separated by ``|`` (``LIST_SEPARATOR``). Each row is validated by a
pydantic model, and every problem is reported as ``file:line: column: problem (fix: ...)``
so that whoever edits the data knows where and what to change.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from corpus_mining.errors import ParamsError

LIST_SEPARATOR = "|"
DATA_DIR = Path(str(resources.files("corpus_mining") / "data"))

Row = TypeVar("Row", bound=BaseModel)


class DataFileError(ParamsError):
    """A shipped or user data file does not follow its schema."""


@dataclass(frozen=True)
class Problem:
    """One problem in a data file, located at a line, with the way to fix it."""

    path: Path
    line: int
    column: str
    problem: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.path.name}:{self.line}" if self.line else self.path.name
        column = f" {self.column}:" if self.column else ""
        return f"{where}:{column} {self.problem} (fix: {self.fix})"


def split_list(value: str | None) -> list[str]:
    """The values of a list column, stripped, empties dropped, order kept."""
    if not value:
        return []
    return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]


def read_rows(path: Path, model: type[Row]) -> tuple[list[tuple[int, Row]], list[Problem]]:
    """Rows of ``path`` validated by ``model`` with their line numbers, and the problems.

    A row that fails validation is left out and reported; the header must name exactly
    the model's fields, in any order.
    """
    problems: list[Problem] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = set(reader.fieldnames or [])
        expected = set(model.model_fields)
        if header != expected:
            missing, unknown = sorted(expected - header), sorted(header - expected)
            fix = f"the header must be {','.join(model.model_fields)}"
            return [], [Problem(path, 1, "", f"missing {missing}, unknown {unknown}", fix)]
        rows: list[tuple[int, Row]] = []
        for record in reader:
            line = reader.line_num
            if None in record or None in record.values():
                problems.append(Problem(path, line, "", "wrong number of fields", _QUOTE_FIX))
                continue
            try:
                rows.append((line, model.model_validate(record)))
            except ValidationError as error:
                problems.extend(_problems(path, line, error))
    return rows, problems


_QUOTE_FIX = "quote a value that contains a comma, and give every column"


def _problems(path: Path, line: int, error: ValidationError) -> list[Problem]:
    found = []
    for detail in error.errors():
        column = ".".join(str(part) for part in detail["loc"])
        fix = "give a value" if detail["type"] == "missing" else "correct the value"
        if "allowed" in detail["msg"] or detail["type"] == "literal_error":
            fix = f"use one of the allowed values ({detail['msg']})"
        found.append(Problem(path, line, column, detail["msg"], fix))
    return found


def raise_for(problems: list[Problem]) -> None:
    """Raise one ``DataFileError`` listing every problem, if there is any."""
    if problems:
        raise DataFileError("; ".join(str(problem) for problem in problems))


def data_digest(*folders: str) -> str:
    """Digest of the CSV files of ``DATA_DIR / folder``; results that used them depend on it."""
    hasher = hashlib.sha256()
    for folder in sorted(folders):
        for path in sorted((DATA_DIR / folder).glob("*.csv")):
            hasher.update(f"{folder}/{path.name}".encode())
            hasher.update(path.read_bytes())
    return hasher.hexdigest()
