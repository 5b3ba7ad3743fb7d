"""Read one file into a normalised document with resolved metadata and passages.

This is a pure function of the file's bytes, its path and its settings, so it can run
in any process or worker and give the same result.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus_mining.errors import DocumentError
from corpus_mining.ingest.dates import date_from_text, date_in_url, iso_date
from corpus_mining.ingest.dedup import content_hash
from corpus_mining.ingest.kinds import infer_kind
from corpus_mining.ingest.language import detect_language
from corpus_mining.ingest.metadata import Resolved, normalize_kind, normalize_lang
from corpus_mining.ingest.normalize import normalize_inline, normalize_text
from corpus_mining.ingest.readers import READERS, RawDocument, ReaderLimits
from corpus_mining.ingest.segment import passage_spans

_WORDS = re.compile(r"\w+(?:['-]\w+)*")
_NAV_SEPARATORS = re.compile(r"\s[>›|]\s")
_MAGIC = ((b"%PDF-", ".pdf"), (b"PK\x03\x04", ".docx"))


@dataclass
class IngestedDocument:
    """A document row and its passage rows, ready to write."""

    doc_id: str
    row: dict[str, Any]
    passages: list[dict[str, Any]] = field(default_factory=list)
    note: str = ""


def doc_id_for(data: bytes) -> str:
    """Stable id from the file's bytes: the same file always gets the same id."""
    return hashlib.sha256(data).hexdigest()[:16]


def count_words(text: str) -> int:
    """Words as runs of letters/digits, elisions and hyphenated compounds counted once."""
    return len(_WORDS.findall(text))


def _sniff(data: bytes, suffix: str) -> tuple[str, str]:
    """The reader's extension, trusting the file's magic bytes over its name."""
    for magic, real in _MAGIC:
        if data.startswith(magic) and suffix != real:
            return real, f"read as {real} (its content is {real[1:].upper()}, not {suffix})"
    if suffix in (".pdf", ".docx") and not any(data.startswith(m) for m, _ in _MAGIC):
        raise DocumentError(
            f"not a real {suffix[1:].upper()} file (wrong extension, or damaged): check its format"
        )
    return suffix, ""


def read_document(
    path: Path,
    relpath: str,
    csv_meta: dict[str, str],
    *,
    languages: Sequence[str],
    kinds: Mapping[str, Sequence[str]],
    max_passage_chars: int,
    min_chars_language: int,
    min_language_confidence: float,
    limits: ReaderLimits,
) -> IngestedDocument:
    """Read, normalise, describe and segment one file.

    Args:
        path: The file.
        relpath: Its path under the corpus folder, as the documents table gives it.
        csv_meta: Its row of metadata.csv (column -> value), empty when it has none.
        languages: The languages a passage may be detected as.
        kinds: The document kinds and their synonyms, to read a declared kind.
        max_passage_chars: Longest passage; longer paragraphs are split.
        min_chars_language: Shortest passage whose language is detected; shorter ones take
            the document's.
        min_language_confidence: Below it, a passage takes the document's language.
        limits: The readers' guards against hostile files.

    Returns:
        The document's row and its passages' rows.

    Raises:
        DocumentError: If the file cannot be read or holds no text.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DocumentError(f"cannot read file ({error.strerror})") from None
    suffix, note = _sniff(data, path.suffix.lower())
    fmt, reader = READERS[suffix]
    raw = reader(data, limits)
    paragraphs = [p for p in (normalize_text(p) for p in raw.paragraphs) if p]
    text = "\n\n".join(paragraphs)
    if count_words(text) == 0:
        raise DocumentError("no text found after extraction (empty or only whitespace/markup)")
    doc_id = doc_id_for(data)
    passages, doc_lang = _passages(
        doc_id,
        text,
        languages=tuple(languages),
        max_passage_chars=max_passage_chars,
        min_chars_language=min_chars_language,
        min_language_confidence=min_language_confidence,
    )
    row = _document_row(doc_id, relpath, fmt, raw, text, csv_meta, doc_lang, kinds)
    row["n_passages"] = len(passages)
    if row["lang_source"] == "metadata_csv" or row["lang_source"] == "file_metadata":
        _inherit_short(passages, row["lang"], min_chars_language)
    return IngestedDocument(doc_id=doc_id, row=row, passages=passages, note=note)


def _passages(
    doc_id: str,
    text: str,
    *,
    languages: tuple[str, ...],
    max_passage_chars: int,
    min_chars_language: int,
    min_language_confidence: float,
) -> tuple[list[dict[str, Any]], Resolved]:
    rows: list[dict[str, Any]] = []
    for position, (start, end) in enumerate(passage_spans(text, max_passage_chars)):
        chunk = text[start:end]
        lang, confidence = (None, 0.0)
        if len(chunk) >= min_chars_language:
            lang, confidence = detect_language(chunk, languages)
        if confidence < min_language_confidence:
            lang = None  # too little evidence: the passage takes the document's language
        rows.append(
            {
                "passage_id": f"{doc_id}-{position:04d}",
                "doc_id": doc_id,
                "position": position,
                "char_start": start,
                "char_end": end,
                "lang": lang,
                "lang_confidence": confidence,
                "n_words": count_words(chunk),
                "text": chunk,
            }
        )
    doc_lang = _majority_language(rows) or detect_language(text, languages)[0]
    for row in rows:
        row["lang"] = row["lang"] or doc_lang
    return rows, Resolved(doc_lang, "text" if doc_lang else "none")


def _majority_language(passages: list[dict[str, Any]]) -> str | None:
    """The language holding most characters among passages long enough to detect."""
    weights: dict[str, int] = {}
    for passage in passages:
        if passage["lang"]:
            weights[passage["lang"]] = weights.get(passage["lang"], 0) + len(passage["text"])
    return max(sorted(weights), key=weights.__getitem__) if weights else None


def _inherit_short(passages: list[dict[str, Any]], lang: str, min_chars: int) -> None:
    """Short passages take the language the user declared for the document."""
    for passage in passages:
        if len(passage["text"]) < min_chars:
            passage["lang"] = lang


def _resolve(key: str, csv_meta: dict[str, str], raw: RawDocument) -> Resolved:
    if csv_meta.get(key):
        return Resolved(csv_meta[key], "metadata_csv")
    if raw.meta.get(key):
        return Resolved(normalize_inline(raw.meta[key]), "file_metadata")
    return Resolved(None, "none")


def _document_row(
    doc_id: str,
    relpath: str,
    fmt: str,
    raw: RawDocument,
    text: str,
    csv_meta: dict[str, str],
    detected_lang: Resolved,
    kinds: Mapping[str, Sequence[str]],
) -> dict[str, Any]:
    paragraphs = text.split("\n\n")
    n_words = count_words(text)
    title = _resolve("title", csv_meta, raw)
    if title.value is None:
        title = Resolved(_title_from_text(paragraphs), "text:first_paragraph")
    source = _resolve("source", csv_meta, raw)
    date = _resolve_date(csv_meta, raw, paragraphs, source.value)
    lang = _resolve_normalized("lang", csv_meta, raw, normalize_lang)
    if lang.value is None:
        lang = detected_lang
    kind = _resolve_kind(csv_meta, raw, paragraphs, n_words, date.source, source.value, kinds)
    return {
        "doc_id": doc_id,
        "path": relpath,
        "format": fmt,
        "encoding": raw.encoding,
        "title": title.value,
        "title_source": title.source,
        "date": date.value,
        "year": int(date.value[:4]) if date.value else None,
        "date_source": date.source,
        "lang": lang.value,
        "lang_source": lang.source,
        "kind": kind.value,
        "kind_source": kind.source,
        "authors": _resolve("authors", csv_meta, raw).value,
        "source": source.value,
        "n_chars": len(text),
        "n_words": n_words,
        "content_hash": content_hash(text),
        "duplicate_of": None,
        "duplicate_similarity": None,
        "text": text,
    }


def _resolve_kind(
    csv_meta: dict[str, str],
    raw: RawDocument,
    paragraphs: list[str],
    n_words: int,
    date_source: str,
    url: str | None,
    kinds: Mapping[str, Sequence[str]],
) -> Resolved:
    """The kind given by metadata (read with ``kinds``, kind -> synonyms), else the text's."""
    kind = _resolve_normalized("kind", csv_meta, raw, lambda v: normalize_kind(v, kinds))
    if kind.value is not None:
        return kind
    guess = infer_kind(paragraphs, n_words, date_source=date_source, url=url)
    return Resolved(guess.kind, guess.source)


def _resolve_normalized(
    key: str, csv_meta: dict[str, str], raw: RawDocument, read: Callable[[str], str | None]
) -> Resolved:
    """A value from metadata.csv (already read), else the file's own, if it can be read."""
    if csv_meta.get(key):
        return Resolved(csv_meta[key], "metadata_csv")
    value = read(raw.meta[key]) if raw.meta.get(key) else None
    return Resolved(value, "file_metadata") if value else Resolved(None, "none")


def _title_from_text(paragraphs: list[str]) -> str:
    """The first paragraph that reads like a title, not a breadcrumb or a share bar."""
    for paragraph in paragraphs[:10]:
        navigation = _NAV_SEPARATORS.search(paragraph) is not None
        if not navigation and count_words(paragraph) >= 3:
            return paragraph[:200]
    return paragraphs[0][:200]


_STATED = (
    "text:published",
    "text:dateline",
    "text:header_field",
    "text:issue",
    "text:cite_as",
    "text:recorded",
    "text:updated",
)


def _resolve_date(
    csv_meta: dict[str, str], raw: RawDocument, paragraphs: list[str], source: str | None
) -> Resolved:
    """The publication date: declared metadata, then text cues, then the source's url."""
    for origin, value in (
        ("metadata_csv", csv_meta.get("date")),
        ("file_metadata", raw.meta.get("date")),
    ):
        parsed = iso_date(value) if value else None
        if parsed:
            return Resolved(parsed, origin)
    found, rule = date_from_text(paragraphs)
    if found and rule in _STATED:
        return Resolved(found, rule)
    from_url = date_in_url(source) if source else None
    if from_url:
        return Resolved(from_url, "source_url")
    return Resolved(found, rule)
