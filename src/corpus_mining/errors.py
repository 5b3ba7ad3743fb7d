"""The few exception types the library raises; the CLI turns them into one readable line."""

from __future__ import annotations


class CorpusMiningError(Exception):
    """Base class: a problem the user can fix, with a message that says how."""


class ParamsError(CorpusMiningError):
    """``params.yaml`` has a missing, unknown or invalid key."""


class DocumentError(CorpusMiningError):
    """One document cannot be read; the stage skips it and records the reason."""


class StageError(CorpusMiningError):
    """A stage cannot produce trustworthy outputs (e.g. too many files skipped)."""


class SchemaError(CorpusMiningError):
    """A table about to be written does not match its declared schema."""
