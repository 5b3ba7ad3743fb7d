"""PDF text layers: pages in order, repeated headers and footers removed, lines unwrapped."""

from __future__ import annotations

import io
import logging
import re
from collections import Counter

from corpus_mining.errors import DocumentError
from corpus_mining.ingest.layout import unwrap_lines
from corpus_mining.ingest.readers.base import RawDocument, ReaderLimits

_DIGITS = re.compile(r"\d+")
_PDF_DATE = re.compile(r"D?:?(\d{4})(\d{2})?(\d{2})?")
_EDGE_LINES = 2


def read_pdf(data: bytes, limits: ReaderLimits) -> RawDocument:
    """Read a PDF's text layer; refuse encrypted, broken and image-only files clearly."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError("encrypted PDF: export an unencrypted copy (no password)")
        pages = [page.extract_text() or "" for page in reader.pages]
        info: object = reader.metadata or {}
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise DocumentError(
            f"unreadable PDF (truncated or corrupt: {type(error).__name__}); re-export or "
            "re-download it"
        ) from None
    except NotImplementedError as error:
        raise DocumentError(f"PDF uses an unsupported feature ({error}); re-export it") from None
    if not pages or sum(len(p.strip()) for p in pages) < limits.min_pdf_chars_per_page * len(pages):
        raise DocumentError("no text layer: OCR it first (e.g. ocrmypdf), then add the result")
    return RawDocument(paragraphs=_paragraphs(pages), encoding="pdf", meta=_metadata(info))


def _paragraphs(pages: list[str]) -> list[str]:
    page_lines = [[line.strip() for line in page.splitlines()] for page in pages]
    repeated = _repeated_edge_lines(page_lines)
    lines: list[str] = []
    for page in page_lines:
        kept = [line for i, line in enumerate(page) if not _is_edge(i, page, repeated)]
        lines.extend(kept)
    widths = sorted(len(line) for line in lines if line)
    wrap_width = widths[int(0.9 * (len(widths) - 1))] if widths else None
    return unwrap_lines(lines, wrap_width=wrap_width)


def _edge_key(line: str) -> str:
    return _DIGITS.sub("#", line.strip().lower())


def _repeated_edge_lines(page_lines: list[list[str]]) -> set[str]:
    """Lines at the top or bottom of at least half the pages (page numbers ignored)."""
    if len(page_lines) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page in page_lines:
        content = [line for line in page if line]
        edges = content[:_EDGE_LINES] + content[-_EDGE_LINES:]
        counts.update({_edge_key(line) for line in edges})
    return {key for key, n in counts.items() if n >= max(2, len(page_lines) / 2)}


def _is_edge(index: int, page: list[str], repeated: set[str]) -> bool:
    line = page[index]
    if not line:
        return False
    in_edge = index < _EDGE_LINES + 1 or index >= len(page) - _EDGE_LINES - 1
    is_page_number = bool(re.fullmatch(r"(page\s*)?\d{1,4}(\s*/\s*\d{1,4})?", line.lower()))
    return in_edge and (_edge_key(line) in repeated or is_page_number)


def _metadata(info: object) -> dict[str, str]:
    meta: dict[str, str] = {}
    getter = getattr(info, "get", None)
    if getter is None:
        return meta
    for key, name in (("/Title", "title"), ("/Author", "authors")):
        value = getter(key)
        if value and str(value).strip():
            meta[name] = str(value).strip()
    created = getter("/CreationDate")
    match = _PDF_DATE.match(str(created)) if created else None
    if match:
        year, month, day = match.groups()
        meta["date"] = "-".join(part for part in (year, month, day) if part)
    return meta
