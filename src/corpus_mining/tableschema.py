"""The type of a table declaration: name, columns and types, key; it validates tables.

The declarations themselves are in the ``schemas`` package.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from corpus_mining.errors import SchemaError


def columns(*fields: tuple[str, pa.DataType]) -> pa.Schema:
    """An arrow schema of nullable ``(name, type)`` columns, in their order."""
    return pa.schema([pa.field(name, dtype) for name, dtype in fields])


@dataclass(frozen=True)
class TableSchema:
    """A table's name, arrow schema and primary key."""

    name: str
    schema: pa.Schema
    key: tuple[str, ...]
    description: str
    file: str = ""
    """File name under its stage's output folder, for tables not given their own path."""
    open_type: pa.DataType | None = None
    """Wide tables only: the type of the columns after the declared ones (e.g. one per
    concept); None when the declared columns are all."""

    def schema_for(self, columns: list[str]) -> pa.Schema:
        """The arrow schema of a table with ``columns``: declared ones, then open ones."""
        extra = [name for name in columns if name not in self.schema.names]
        if self.open_type is None or not extra:
            return self.schema
        return pa.schema([*self.schema, *(pa.field(name, self.open_type) for name in extra)])

    def validate(self, table: pa.Table) -> pa.Table:
        """Return ``table`` cast to the schema's column order and types, or raise."""
        schema = self.schema_for(table.column_names)
        missing = [name for name in schema.names if name not in table.column_names]
        extra = [name for name in table.column_names if name not in schema.names]
        if missing or extra:
            raise SchemaError(f"table {self.name}: missing columns {missing}, unexpected {extra}")
        table = table.select(schema.names)
        try:
            table = table.cast(schema)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
            raise SchemaError(f"table {self.name}: {error}") from None
        self._check_key(table)
        return table

    def _check_key(self, table: pa.Table) -> None:
        for column in self.key:
            if table.column(column).null_count:
                raise SchemaError(f"table {self.name}: key column {column} has nulls")
        if (
            table.num_rows
            and table.group_by(list(self.key)).aggregate([]).num_rows != table.num_rows
        ):
            raise SchemaError(f"table {self.name}: duplicate values of key {self.key}")
