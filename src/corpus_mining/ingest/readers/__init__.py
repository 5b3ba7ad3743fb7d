"""One reader per format: bytes in, paragraphs and file metadata out."""

from __future__ import annotations

from collections.abc import Callable

from corpus_mining.ingest.readers.base import RawDocument, ReaderLimits
from corpus_mining.ingest.readers.docx import read_docx
from corpus_mining.ingest.readers.html import read_html
from corpus_mining.ingest.readers.pdf import read_pdf
from corpus_mining.ingest.readers.text import read_markdown, read_txt

Reader = Callable[[bytes, ReaderLimits], RawDocument]

READERS: dict[str, tuple[str, Reader]] = {
    ".txt": ("txt", read_txt),
    ".text": ("txt", read_txt),
    ".md": ("md", read_markdown),
    ".markdown": ("md", read_markdown),
    ".html": ("html", read_html),
    ".htm": ("html", read_html),
    ".xhtml": ("html", read_html),
    ".pdf": ("pdf", read_pdf),
    ".docx": ("docx", read_docx),
}

__all__ = ["READERS", "RawDocument", "Reader", "ReaderLimits"]
