"""Atomic, deterministic writers: a temp file beside the target, then a rename.

A stage killed mid-write leaves the previous output intact. Nothing time-dependent is
written inside files, so the same rows give the same bytes.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from corpus_mining.errors import SchemaError
from corpus_mining.schemas import TableSchema


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temp path beside ``target``; on success it replaces ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_text(target: Path) -> Iterator[IO[str]]:
    """Open a text file for writing that appears at ``target`` only when complete."""
    with atomic_path(target) as tmp, tmp.open("w", encoding="utf-8", newline="") as handle:
        yield handle


@contextlib.contextmanager
def atomic_folder(target: Path) -> Iterator[Path]:
    """Yield a temp folder beside ``target``; on success it is swapped in by two renames.

    Removing the old folder first and writing in place would leave nothing, or half a
    folder, if the process were killed mid-write.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    old = tmp.with_suffix(".old")
    try:
        yield tmp
        if target.exists():
            os.replace(target, old)
        os.replace(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def scratch_dir(folder: Path, stage: str) -> Iterator[Path]:
    """A temporary folder beside a stage's outputs, for drafts too large for memory.

    Leftovers of a run that was killed (``.<stage>-*.tmp``) are removed first.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(f".{stage}-*.tmp"):
        shutil.rmtree(stale, ignore_errors=True)
    with tempfile.TemporaryDirectory(dir=folder, prefix=f".{stage}-", suffix=".tmp") as name:
        yield Path(name)


def write_parquet(table: pa.Table, spec: TableSchema, target: Path) -> None:
    """Validate ``table`` against ``spec`` and write it atomically."""
    table = spec.validate(table)
    with atomic_path(target) as tmp:
        pq.write_table(table, tmp, compression="zstd", row_group_size=10_000)


def write_csv(table: pa.Table, spec: TableSchema, target: Path) -> None:
    """Validate ``table`` against ``spec`` and write it as CSV atomically."""
    table = spec.validate(table)
    with atomic_path(target) as tmp:
        pacsv.write_csv(table, tmp, pacsv.WriteOptions(quoting_style="needed"))


def read_csv(spec: TableSchema, path: Path) -> pa.Table:
    """Read a CSV written by :func:`write_csv`, typed and checked by ``spec``.

    Only unquoted empty cells are missing: "NA", "null" or a quoted empty string may be
    real values (a term, an empty label).

    Raises:
        SchemaError: when the file's columns or values do not fit ``spec``.
    """
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle), [])
    types = {field.name: field.type for field in spec.schema_for(header)}
    options = pacsv.ConvertOptions(
        column_types={name: types[name] for name in header if name in types},
        null_values=[""],
        strings_can_be_null=True,
        quoted_strings_can_be_null=False,
    )
    try:
        table = pacsv.read_csv(path, convert_options=options)
    except pa.ArrowInvalid as error:
        raise SchemaError(f"{path}: {error}") from None
    return spec.validate(table)


def write_json(data: dict[str, Any], target: Path) -> None:
    """Write ``data`` as sorted, indented JSON atomically."""
    with atomic_text(target) as handle:
        json.dump(data, handle, indent=2, sort_keys=True, ensure_ascii=False)
        handle.write("\n")


class ParquetStream:
    """Write a table in row groups as rows arrive, so memory stays flat."""

    def __init__(self, spec: TableSchema, target: Path, batch_rows: int = 5_000) -> None:
        self._spec, self._batch_rows = spec, batch_rows
        self._rows: list[dict[str, Any]] = []
        self._done = False
        self._ctx = atomic_path(target)
        self._tmp = self._ctx.__enter__()
        self._writer = pq.ParquetWriter(self._tmp, spec.schema, compression="zstd")

    def write(self, row: dict[str, Any]) -> None:
        """Queue one row; flush a row group when the batch is full."""
        self._rows.append(row)
        if len(self._rows) >= self._batch_rows:
            self._flush()

    def _flush(self) -> None:
        if not self._rows:
            return
        table = self._spec.validate(pa.Table.from_pylist(self._rows, schema=self._spec.schema))
        self._writer.write_table(table)
        self._rows = []

    def close(self) -> None:
        """Flush and atomically move the file into place."""
        if self._done:
            return
        self._done = True
        self._flush()
        self._writer.close()
        self._ctx.__exit__(None, None, None)

    def abort(self) -> None:
        """Discard what was written (if not closed yet); the previous output stays."""
        if self._done:
            return
        self._done = True
        self._writer.close()
        self._ctx.__exit__(RuntimeError, RuntimeError("aborted"), None)
