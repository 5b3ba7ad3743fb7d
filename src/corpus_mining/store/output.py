"""Print query results: a readable table on a terminal, CSV or JSON for pipes."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from corpus_mining.errors import CorpusMiningError
from corpus_mining.store.query import Result


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (int, str, bool)):
        return value
    return str(value)


def render(result: Result, fmt: str) -> str:
    """``result`` as ``table``, ``csv`` or ``json`` text."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([[_plain(v) for v in row] for row in result.rows])
        return buffer.getvalue()
    if fmt == "json":
        records = [dict(zip(result.columns, map(_plain, row), strict=True)) for row in result.rows]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt == "table":
        from rich.console import Console
        from rich.table import Table

        table = Table(*result.columns, show_lines=False)
        for row in result.rows:
            table.add_row(*("" if v is None else str(_plain(v)) for v in row))
        console = Console(file=io.StringIO(), width=200, force_terminal=False)
        console.print(table)
        console.print(f"{len(result.rows)} rows")
        return console.file.getvalue()  # type: ignore[attr-defined,no-any-return]
    raise CorpusMiningError(f"--format must be table, csv or json, got {fmt!r}")
