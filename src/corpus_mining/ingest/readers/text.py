"""Plain text and Markdown (with optional YAML front matter)."""

from __future__ import annotations

import re

import yaml

from corpus_mining.ingest.decode import decode_bytes
from corpus_mining.ingest.layout import unwrap_lines
from corpus_mining.ingest.readers.base import RawDocument, ReaderLimits

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(?=\S)(.+?)(?<=\S)\1")
_META_KEYS = {"title", "date", "lang", "language", "kind", "authors", "author", "source"}


def read_txt(data: bytes, limits: ReaderLimits) -> RawDocument:
    """Decode and rebuild paragraphs of a plain-text file."""
    text, encoding = decode_bytes(data)
    return RawDocument(paragraphs=unwrap_lines(text.splitlines()), encoding=encoding)


def read_markdown(data: bytes, limits: ReaderLimits) -> RawDocument:
    """Read Markdown: front matter becomes metadata, markup is stripped from the body."""
    text, encoding = decode_bytes(data)
    meta: dict[str, str] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        meta = _front_matter(match.group(1))
        text = text[match.end() :]
    lines: list[str] = []
    for line in text.splitlines():
        heading = _MD_HEADING.match(line)
        if heading:  # a heading is a paragraph of its own
            lines.extend(["", heading.group(1), ""])
            continue
        line = _MD_LINK.sub(r"\1", line)
        lines.append(_MD_EMPHASIS.sub(r"\2", line))
    return RawDocument(paragraphs=unwrap_lines(lines), encoding=encoding, meta=meta)


def _front_matter(block: str) -> dict[str, str]:
    try:
        loaded = yaml.safe_load(block)
    except yaml.YAMLError:
        return {}
    if not isinstance(loaded, dict):
        return {}
    meta: dict[str, str] = {}
    for key, value in loaded.items():
        name = str(key).lower()
        if name not in _META_KEYS or value in (None, ""):
            continue
        name = {"language": "lang", "author": "authors"}.get(name, name)
        meta[name] = "; ".join(map(str, value)) if isinstance(value, list) else str(value)
    return meta
