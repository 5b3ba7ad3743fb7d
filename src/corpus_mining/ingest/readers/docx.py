"""Word documents: paragraphs and tables in body order, core properties as metadata."""

from __future__ import annotations

import io
import zipfile

from corpus_mining.errors import DocumentError
from corpus_mining.ingest.readers.base import RawDocument, ReaderLimits


def check_zip(data: bytes, limits: ReaderLimits) -> None:
    """Refuse archives that are not zips or would expand beyond the limits (zip bombs)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise DocumentError(
            "corrupt DOCX (not a valid zip archive): re-save it from Word"
        ) from None
    unpacked = sum(info.file_size for info in infos)
    if unpacked > limits.max_unzipped_bytes:
        raise DocumentError(
            f"DOCX expands to {unpacked / 2**20:.0f} MB, over ingest.max_unzipped_mb "
            "(possible zip bomb): check the file, or raise the limit"
        )
    if unpacked > 10 * 2**20 and unpacked / max(1, len(data)) > limits.max_zip_ratio:
        raise DocumentError(
            "DOCX compression ratio over ingest.max_zip_ratio (possible zip bomb): check the file"
        )


def read_docx(data: bytes, limits: ReaderLimits) -> RawDocument:
    """Read a DOCX body in order; each table row becomes a line of ' | '-joined cells."""
    import docx
    from docx.table import Table

    check_zip(data, limits)
    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                rows = [" | ".join(cell.text.strip() for cell in row.cells) for row in block.rows]
                paragraphs.append("\n".join(row for row in rows if row.strip(" |")))
            else:
                paragraphs.append(block.text)
        props = document.core_properties
    except (KeyError, ValueError, zipfile.BadZipFile, AttributeError) as error:
        raise DocumentError(
            f"corrupt DOCX ({type(error).__name__}): re-save it from Word"
        ) from None
    except Exception as error:  # lxml's XMLSyntaxError and friends
        raise DocumentError(
            f"corrupt DOCX XML ({type(error).__name__}): re-save it from Word"
        ) from None
    meta = {"title": props.title or "", "authors": props.author or ""}
    if props.created is not None:
        meta["date"] = props.created.date().isoformat()
    return RawDocument(
        paragraphs=[p for p in paragraphs if p.strip()],
        encoding="docx",
        meta={key: value for key, value in meta.items() if value},
    )
