"""What every reader returns, and the limits it must respect."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReaderLimits:
    """Guards against hostile files (zip bombs, image-only PDFs)."""

    max_unzipped_bytes: int = 200 * 2**20
    max_zip_ratio: float = 100.0
    min_pdf_chars_per_page: int = 20


@dataclass
class RawDocument:
    """A document's paragraphs in reading order and the metadata found in the file."""

    paragraphs: list[str]
    encoding: str = ""
    meta: dict[str, str] = field(default_factory=dict)
