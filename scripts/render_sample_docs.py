"""Render the sample corpus's PDF and DOCX documents from their YAML sources.

The sample corpus is written by the project; binary formats are generated from
`corpus/sources/**/*.yaml` so their text stays reviewable in git. Output bytes are
deterministic (fixed creation dates), so re-rendering changes nothing.

Usage: python scripts/render_sample_docs.py
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "corpus" / "sources"
DOCUMENTS = ROOT / "corpus" / "documents"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def _parse_date(value: Any) -> dt.datetime | None:
    if value in (None, ""):
        return None
    day = dt.date.fromisoformat(str(value)) if len(str(value)) > 4 else dt.date(int(value), 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def render_pdf(spec: dict[str, Any], target: Path) -> None:
    """Write a multi-page PDF with a running header and a numbered footer."""
    from fpdf import FPDF

    header, footer = spec.get("header", ""), spec.get("footer", "")

    class Report(FPDF):  # type: ignore[misc]
        def header(self) -> None:
            self.set_font("DejaVu", size=8)
            self.cell(0, 8, header, align="C")
            self.ln(12)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("DejaVu", size=8)
            self.cell(0, 8, f"{footer} — {self.page_no()}", align="C")

    pdf = Report(format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    created = _parse_date(spec.get("date"))
    pdf.set_creation_date(created or FIXED_TIME)
    pdf.set_title(spec["title"])
    if spec.get("author"):
        pdf.set_author(spec["author"])
    pdf.set_creator("corpus-mining sample corpus")
    pdf.set_producer("fpdf2")
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 14)
    pdf.multi_cell(0, 8, spec["title"])
    pdf.ln(4)
    for paragraph in spec["paragraphs"]:
        is_heading = paragraph.startswith("# ")
        pdf.set_font("DejaVu", "B" if is_heading else "", 12 if is_heading else 10)
        pdf.multi_cell(0, 6, paragraph[2:] if is_heading else paragraph)
        pdf.ln(3)
    data = bytes(pdf.output())
    if created is None:
        # An undated source stays undated: blank the CreationDate entry with spaces of the
        # same length, so the cross-reference offsets stay valid.
        entry = re.search(rb"/CreationDate \(D:[0-9Z+']+\)", data)
        if entry:
            data = data.replace(entry.group(0), b" " * len(entry.group(0)))
    target.write_bytes(data)


def render_docx(spec: dict[str, Any], target: Path) -> None:
    """Write a DOCX with headings, paragraphs, an optional table and core properties."""
    import docx

    document = docx.Document()
    props = document.core_properties
    props.title = spec["title"]
    props.author = spec.get("author", "")
    props.last_modified_by = ""
    created = _parse_date(spec.get("date"))
    props.created = (created or FIXED_TIME).replace(tzinfo=None)
    props.modified = (created or FIXED_TIME).replace(tzinfo=None)
    props.revision = 1
    document.add_heading(spec["title"], level=0)
    for paragraph in spec["paragraphs"]:
        if paragraph.startswith("# "):
            document.add_heading(paragraph[2:], level=1)
        else:
            document.add_paragraph(paragraph)
    rows = spec.get("table") or []
    if rows:
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for i, row in enumerate(rows):
            for j, cell in enumerate(row):
                table.cell(i, j).text = str(cell)
    document.save(str(target))
    _strip_docx_times(target, created is None)


def _strip_docx_times(target: Path, drop_dates: bool) -> None:
    """Rewrite the zip with fixed entry times so the bytes are reproducible."""
    import zipfile

    entries: list[tuple[str, bytes]] = []
    with zipfile.ZipFile(target) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            if drop_dates and name == "docProps/core.xml":
                data = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"", data)
            entries.append((name, data))
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


def main() -> None:
    """Render every source under corpus/sources/."""
    for source in sorted(SOURCES.rglob("*.yaml")):
        spec = yaml.safe_load(source.read_text(encoding="utf-8"))
        target = DOCUMENTS / spec["target"]
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.suffix == ".pdf":
            render_pdf(spec, target)
        elif target.suffix == ".docx":
            render_docx(spec, target)
        else:
            raise SystemExit(f"{source}: target must end in .pdf or .docx, got {target.name}")
        print(f"{source.relative_to(ROOT)} -> {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
