"""HTML pages: the main text without navigation, banners and footers (trafilatura)."""

from __future__ import annotations

import logging
from typing import Any

from corpus_mining.errors import DocumentError
from corpus_mining.ingest.decode import decode_bytes
from corpus_mining.ingest.readers.base import RawDocument, ReaderLimits

# Only dates declared by the page (meta tags, structured data), never guessed from the
# page's text or the current date.
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}


def read_html(data: bytes, limits: ReaderLimits) -> RawDocument:
    """Extract the main text and the page's declared title, author and date."""
    import trafilatura

    html, encoding = decode_bytes(data)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        result: Any = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            deduplicate=False,
            date_extraction_params=_DATE_PARAMS,
        )
        text = result.text if result is not None and result.text else trafilatura.html2txt(html)
    except (ValueError, RecursionError, MemoryError) as error:
        raise DocumentError(f"HTML could not be parsed ({type(error).__name__}): {error}") from None
    meta: dict[str, str] = {}
    if result is not None:
        for key, value in (
            ("title", result.title),
            ("date", result.date),
            ("authors", result.author),
        ):
            if value:
                meta[key] = str(value)
    paragraphs = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return RawDocument(paragraphs=paragraphs, encoding=encoding, meta=meta)
