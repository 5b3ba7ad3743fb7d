"""Build small real documents (PDF, DOCX, HTML) for tests, written by us."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def pdf_bytes(pages: list[list[str]], header: str = "", footer: str = "") -> bytes:
    """A PDF whose pages hold the given lines, with an optional running header/footer."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    # A fixed creation date: the same pages must give the same bytes.
    pdf.set_creation_date(dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    if FONT.exists():
        pdf.add_font("Body", "", str(FONT))
        pdf.set_font("Body", size=10)
    else:  # pragma: no cover - Debian images ship DejaVu
        pdf.set_font("Helvetica", size=10)
    for number, lines in enumerate(pages, start=1):
        pdf.add_page()
        if header:
            pdf.cell(0, 8, header, new_x="LMARGIN", new_y="NEXT")
        for line in lines:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        if footer:
            pdf.set_y(-15)
            pdf.cell(0, 8, f"{footer} {number}")
    return bytes(pdf.output())


def docx_bytes(
    paragraphs: list[str], table: list[list[str]] | None = None, title: str = "", author: str = ""
) -> bytes:
    """A DOCX with paragraphs, then an optional table, and core properties."""
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = author
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for i, row in enumerate(table):
            for j, cell in enumerate(row):
                grid.cell(i, j).text = cell
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The same archive with every entry dated 2000-01-01: the same content, the same bytes.

    python-docx stamps each zip entry with the current time, so two documents written a
    second apart would get different bytes, hence different doc_ids.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(zipfile.ZipInfo(info.filename, (2000, 1, 1, 0, 0, 0)), source.read(info))
    return buffer.getvalue()


def zip_bomb_docx(expanded_mb: int) -> bytes:
    """A small zip named like a DOCX that expands to ``expanded_mb`` megabytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * (expanded_mb * 2**20))
    return buffer.getvalue()


def html_page(article: str, title: str = "Page", date: str | None = None) -> str:
    """A web page with navigation, cookie banner and footer around an article."""
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>{title}</title>{meta}</head><body>
<nav><ul><li><a href="/">Accueil</a></li><li><a href="/actus">Actualités</a></li>
<li><a href="/contact">Contact</a></li></ul></nav>
<div class="cookie-banner">Ce site utilise des cookies. Accepter | Refuser</div>
<main><article><h1>{title}</h1>{article}</article></main>
<aside><h3>Articles populaires</h3><ul><li><a href="/a">Lien un</a></li></ul></aside>
<footer>Mentions légales — Plan du site — Newsletter</footer></body></html>"""


THEMES = {
    "hubs": {
        "fr": [
            "Le hub régional anime un réseau de tiers-lieux et un écosystème d'innovation ouvert aux habitants.",
            "Les réseaux de tiers-lieux forment un écosystème territorial où le hub relie coworking et fablab.",
            "Chaque hub du réseau accompagne les tiers-lieux ruraux et renforce l'écosystème local.",
        ],
        "en": [
            "The regional hub runs a network of third places and an open innovation ecosystem for residents.",
            "Networks of third places form a territorial ecosystem where the hub links coworking and fablabs.",
            "Each hub in the network supports rural third places and strengthens the local ecosystem.",
        ],
    },
    "cooperatives": {
        "fr": [
            "Les coopératives de l'économie sociale et solidaire mutualisent des emplois et des ressources.",
            "L'économie sociale et solidaire repose sur des coopératives, des associations et des mutuelles.",
            "Les coopératives d'intérêt collectif associent salariés, usagers et collectivités dans l'ESS.",
        ],
        "en": [
            "Cooperatives of the social and solidarity economy pool jobs and resources between members.",
            "The social and solidarity economy relies on cooperatives, associations and mutual societies.",
            "Multi-stakeholder cooperatives bring together workers, users and local authorities in the SSE.",
        ],
    },
    "poles": {
        "fr": [
            "Les pôles de compétitivité réunissent industriels, laboratoires et universités autour de projets de recherche.",
            "Le cluster industriel aide les entreprises de la filière à exporter et à innover dans la recherche.",
            "Les clusters et les pôles de compétitivité financent des projets de recherche collaborative industrielle.",
        ],
        "en": [
            "Competitiveness poles bring together manufacturers, laboratories and universities around research projects.",
            "The industrial cluster helps firms in the sector to export and to innovate through research.",
            "Clusters and competitiveness poles fund collaborative industrial research projects.",
        ],
    },
}


def bilingual_corpus(folder: Path, docs_per_theme: int = 3) -> None:
    """Short French and English documents on three themes, each sentence a paragraph."""
    for theme, by_lang in THEMES.items():
        for lang, sentences in by_lang.items():
            for i in range(docs_per_theme):
                rotated = sentences[i % 3 :] + sentences[: i % 3]
                body = "\n\n".join(f"{s} ({theme} {lang} {i}.{j})" for j, s in enumerate(rotated))
                (folder / f"{theme}_{lang}_{i}.txt").write_text(body, encoding="utf-8")
