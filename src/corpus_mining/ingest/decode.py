"""Turn the bytes of a text file into a string, or say why they are not text.

Order: a byte-order mark (UTF-8/16/32), then strict UTF-8, then UTF-16 without a BOM
(NUL bytes at alternate positions), then UTF-8 with a few stray Windows-1252 bytes, then
Windows-1252 (what old Windows tools export), then Latin-1, which accepts any byte.
Binary junk with a text extension is refused.
"""

from __future__ import annotations

import codecs

from corpus_mining.errors import DocumentError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAX_CONTROL_SHARE = 0.02


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _control_share(text: str) -> float:
    sample = text[:100_000]
    if not sample:
        return 0.0
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / len(sample)


def _cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read each byte UTF-8 rejects as Windows-1252 (else U+FFFD)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(_CP1252_BYTE[byte] for byte in bad), error.end


_CP1252_BYTE = [bytes([b]).decode("cp1252", errors="replace") for b in range(256)]
codecs.register_error("corpus-mining-cp1252", _cp1252_bytes)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few stray bytes (a file pasted together from two sources).

    Decoding the whole file as Windows-1252 would garble every valid UTF-8 accent
    ("partagés" becomes "partagÃ©s"). Valid multibyte sequences are rare by accident in
    Windows-1252 text, so when there are a few (or more than stray bytes), they are kept
    as UTF-8 and only the stray bytes are read as Windows-1252.
    """
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    multibyte = sum(1 for ch in replaced if ord(ch) > 127 and ch != "\ufffd")
    if multibyte == 0 or (multibyte < 3 and multibyte < bad):
        return None
    return data.decode("utf-8", errors="corpus-mining-cp1252")


def _checked(text: str) -> str:
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise DocumentError(
            "binary content with a text extension: convert it to text, or remove it"
        )
    return text


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise DocumentError for binary content."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding.removesuffix("-sig")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return _checked(mostly_utf8), "utf-8 (invalid bytes read as cp1252)"
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _checked(text), encoding
    raise AssertionError("latin-1 decodes any byte string")  # pragma: no cover
