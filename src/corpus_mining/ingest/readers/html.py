"""HTML pages: the main text without navigation, banners and footers (trafilatura).

Pages are parsed here with lxml's ``huge_tree`` option: its default parser silently drops
everything nested deeper than 256 elements, which old pages full of unclosed ``<font>``
or ``<div>`` tags reach. Past the huge limit (2048 levels) the page is refused.
"""

from __future__ import annotations

import logging
from typing import Any

from corpus_mining.errors import DocumentError
from corpus_mining.ingest.decode import decode_bytes
from corpus_mining.ingest.readers.base import RawDocument, ReaderLimits

_MAX_DEPTH = 2048  # libxml2's nesting limit with XML_PARSE_HUGE
# Only dates declared by the page (meta tags, structured data), never guessed from the
# page's text or the current date.
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}


def _parse(html: str) -> Any:
    """The page's element tree, parsed without lxml's default depth limit."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    tree = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    if deepest >= _MAX_DEPTH:
        raise DocumentError(
            f"HTML nested deeper than {_MAX_DEPTH} levels (the text past that depth cannot be "
            "read): re-save the page from a browser or convert it to text"
        )
    return tree


def read_html(data: bytes, limits: ReaderLimits) -> RawDocument:
    """Extract the main text and the page's declared title, author and date."""
    import trafilatura
    from lxml.etree import ParserError

    html, encoding = decode_bytes(data)
    if not html.strip():
        return RawDocument(paragraphs=[], encoding=encoding)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        result: Any = trafilatura.bare_extraction(
            _parse(html),
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            deduplicate=False,
            date_extraction_params=_DATE_PARAMS,
        )
        text = result.text if result is not None and result.text else None
        if text is None:
            text = trafilatura.html2txt(_parse(html))
    except (ValueError, RecursionError, MemoryError, ParserError) as error:
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
