import codecs

import pytest

from corpus_mining.errors import DocumentError
from corpus_mining.ingest.decode import decode_bytes

TEXT = "Les pôles de coopération économique, l'été à Montréal : ça marche."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-32"), "utf-32"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_every_common_encoding_decodes_to_the_same_text(data, encoding):
    text, found = decode_bytes(data)
    assert text == TEXT
    assert found == encoding


def test_cp1252_specific_characters():
    text, encoding = decode_bytes("l’œuvre – 10 €".encode("cp1252"))
    assert (text, encoding) == ("l’œuvre – 10 €", "cp1252")


def test_latin1_bytes_undefined_in_cp1252_fall_back_to_latin1():
    text, encoding = decode_bytes("café".encode("latin-1") + b"\x81")
    assert encoding == "latin-1"
    assert text.startswith("café")


def test_utf8_with_a_few_invalid_bytes_keeps_the_rest():
    data = ("économie sociale et solidaire " * 30).encode("utf-8") + b"\xff\xfe!"
    text, encoding = decode_bytes(data)
    assert encoding.startswith("utf-8")
    assert text.startswith("économie sociale")


def test_binary_junk_is_refused_with_a_reason():
    junk = bytes(range(256)) * 50
    with pytest.raises(DocumentError, match="binary content"):
        decode_bytes(junk)
