import pytest

from corpus_mining.errors import DocumentError
from corpus_mining.ingest.readers import ReaderLimits
from corpus_mining.ingest.readers.docx import read_docx
from corpus_mining.ingest.readers.html import read_html
from corpus_mining.ingest.readers.pdf import read_pdf
from corpus_mining.ingest.readers.text import read_markdown, read_txt

from builders import docx_bytes, html_page, pdf_bytes, zip_bomb_docx

LIMITS = ReaderLimits()


def test_txt_unwraps_hard_wrapped_paragraphs():
    data = "Titre\n\nLes clusters réunissent des\nentreprises du territoire.\n".encode()
    assert read_txt(data, LIMITS).paragraphs == [
        "Titre",
        "Les clusters réunissent des entreprises du territoire.",
    ]


def test_markdown_front_matter_is_metadata_and_markup_is_stripped():
    data = (
        "---\ntitle: Du cluster au réseau\ndate: 2019-05-14\nauthors: [A. Martin, B. Roy]\n"
        "kind: interview\nlang: fr\nunknown: x\n---\n# Introduction\n\nUn **hub** et un [réseau](http://x.org).\n"
    ).encode()
    doc = read_markdown(data, LIMITS)
    assert doc.meta == {
        "title": "Du cluster au réseau",
        "date": "2019-05-14",
        "authors": "A. Martin; B. Roy",
        "kind": "interview",
        "lang": "fr",
    }
    assert doc.paragraphs == ["Introduction", "Un hub et un réseau."]


def test_markdown_without_front_matter_keeps_all_text():
    doc = read_markdown(b"---\n\nNot front matter, a rule above.", LIMITS)
    assert doc.meta == {}
    assert "Not front matter" in " ".join(doc.paragraphs)


def test_html_main_text_without_navigation_and_with_declared_date():
    article = "".join(
        f"<p>Le pôle territorial de coopération économique numéro {i} rassemble des acteurs "
        "de l'économie sociale et solidaire autour d'un projet commun de territoire.</p>"
        for i in range(6)
    )
    doc = read_html(
        html_page(article, title="Les PTCE en 2018", date="2018-06-02").encode(), LIMITS
    )
    text = " ".join(doc.paragraphs)
    assert "numéro 5 rassemble" in text
    assert "cookies" not in text and "Mentions légales" not in text and "Accueil" not in text
    assert doc.meta["date"] == "2018-06-02"
    assert doc.meta["title"] == "Les PTCE en 2018"


def test_pdf_pages_in_order_headers_footers_removed_lines_unwrapped():
    pages = [
        ["Les grappes d'entreprises se sont développées en", "France depuis 2010."],
        ["La coopération entre les acteurs est au cœur", "du projet."],
        ["Conclusion du rapport."],
    ]
    data = pdf_bytes(pages, header="Rapport sur les clusters", footer="Page")
    doc = read_pdf(data, LIMITS)
    text = "\n".join(doc.paragraphs)
    assert "Rapport sur les clusters" not in text
    assert "Page" not in text
    assert text.index("grappes") < text.index("coopération") < text.index("Conclusion")
    assert "se sont développées en France depuis 2010." in text


def test_pdf_without_text_layer_says_to_ocr():
    with pytest.raises(DocumentError, match="OCR"):
        read_pdf(pdf_bytes([[], []]), LIMITS)


def test_truncated_pdf_is_refused_clearly():
    data = pdf_bytes([["Un texte assez long pour une page entière de rapport."]])
    with pytest.raises(DocumentError, match="PDF"):
        read_pdf(data[: len(data) // 3], LIMITS)


def test_encrypted_pdf_is_refused_with_a_fix():
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(
        clone_from=PdfReader(io.BytesIO(pdf_bytes([["Texte confidentiel du rapport."]])))
    )
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(DocumentError, match="encrypted"):
        read_pdf(buffer.getvalue(), LIMITS)


def test_docx_paragraphs_tables_and_core_properties():
    data = docx_bytes(
        ["Premier paragraphe.", "", "Second paragraphe."],
        table=[["Territoire", "Structures"], ["Morvan", "14"]],
        title="Étude PTCE",
        author="Claire Duvernois",
    )
    doc = read_docx(data, LIMITS)
    assert doc.paragraphs == [
        "Premier paragraphe.",
        "Second paragraphe.",
        "Territoire | Structures\nMorvan | 14",
    ]
    assert doc.meta["title"] == "Étude PTCE"
    assert doc.meta["authors"] == "Claire Duvernois"


def test_corrupt_docx_is_refused():
    with pytest.raises(DocumentError, match="corrupt DOCX"):
        read_docx(b"PK\x03\x04 this is not really a zip", LIMITS)


def test_docx_zip_bomb_is_refused_before_expanding():
    limits = ReaderLimits(max_unzipped_bytes=5 * 2**20)
    with pytest.raises(DocumentError, match="zip bomb"):
        read_docx(zip_bomb_docx(expanded_mb=20), limits)
