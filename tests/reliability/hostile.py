"""A seeded corpus of hostile files: what real shared folders contain besides documents.

``write_hostile(folder, seed)`` writes every kind into ``folder`` and returns, for each
entry the ingest stage should report (manifest path), the expected status (``ok``,
``duplicate``) or a fragment of the skip reason. Texts are drawn from ``seed`` so files
never repeat each other by accident; duplicates are made on purpose.
"""

from __future__ import annotations

import codecs
import io
import os
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

from builders import docx_bytes, html_page, pdf_bytes, zip_bomb_docx

# Settings the hostile corpus is designed for (the test passes them to make_params).
MAX_FILE_MB = 20
MAX_UNZIPPED_MB = 40
BIG_FILE_MB = 50
LONG_LINE_MB = 10

_FR = (
    "les coopératives rurales partagent des ateliers et des outils de production",
    "la mutualisation des emplois soutient les associations du territoire",
    "les habitants financent ensemble une épicerie solidaire et un atelier vélo",
    "le conseil de quartier discute des jardins partagés et de la cantine",
    "les entreprises d'insertion forment des salariés éloignés de l'emploi",
    "une régie de quartier entretient les espaces verts et les logements",
)
_EN = (
    "rural cooperatives share workshops and production tools with their members",
    "pooled employment supports the associations of the local territory",
    "residents jointly fund a solidarity grocery and a bicycle workshop",
    "the neighbourhood council discusses shared gardens and the school canteen",
    "work integration enterprises train employees who are far from the job market",
    "a community company maintains green spaces and social housing",
)


def display(relative: str) -> str:
    """A relative path as the manifest shows it (undecodable bytes as escapes)."""
    return os.fsencode(relative).decode("utf-8", errors="backslashreplace")


class _Writer:
    """Writes files under ``root`` and remembers what each should become."""

    def __init__(self, root: Path, seed: int) -> None:
        self.root, self.rng = root, random.Random(seed)
        self.expected: dict[str, str] = {}
        self._count = 0

    def text(self, lang: str = "fr", sentences: int = 4) -> str:
        """Fresh paragraphs in ``lang``, unique thanks to a numbered tag."""
        self._count += 1
        pool = _FR if lang == "fr" else _EN
        picked = self.rng.sample(pool, k=min(sentences, len(pool)))
        tag = f"note {self._count} {self.rng.randrange(10**6)}"
        return "\n\n".join(f"{s.capitalize()} ({tag}.{i})." for i, s in enumerate(picked))

    def put(self, name: str | bytes, data: bytes, expected: str) -> Path:
        path = self.root / (os.fsdecode(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.expected[display(os.path.relpath(path, self.root))] = expected
        return path

    def note(self, path: Path, expected: str) -> None:
        self.expected[display(os.path.relpath(path, self.root))] = expected


def _encodings(w: _Writer) -> None:
    for name, codec, bom in (
        ("utf8", "utf-8", b""),
        ("utf8_sig", "utf-8", codecs.BOM_UTF8),
        ("utf16le_bom", "utf-16-le", codecs.BOM_UTF16_LE),
        ("utf16be_bom", "utf-16-be", codecs.BOM_UTF16_BE),
        ("utf16le_nobom", "utf-16-le", b""),
        ("utf16be_nobom", "utf-16-be", b""),
        ("utf32", "utf-32-le", codecs.BOM_UTF32_LE),
        ("cp1252", "cp1252", b""),
        ("latin1", "latin-1", b""),
    ):
        body = w.text("fr")
        if codec == "cp1252":
            body += "\n\nCoût : 12 € pour l’œuvre « commune »."
        w.put(f"enc/{name}.txt", bom + body.encode(codec), "ok")
    broken = w.text("fr").encode("utf-8").replace("é".encode(), b"\xe9", 1)
    w.put("enc/utf8_invalid_bytes.txt", broken + b"\n\n\xff\xfe\xfa fin", "ok")


def _empty_and_binary(w: _Writer) -> None:
    w.put("empty.txt", b"", "empty file")
    w.put("whitespace.md", b" \n\t\r\n   \n" * 50, "no text found")
    junk = bytes(w.rng.randrange(256) for _ in range(20_000))
    w.put("binary.txt", junk, "binary content")
    w.put("binary.html", junk[::-1], "binary content")
    png = b"\x89PNG\r\n\x1a\n" + junk[:4000]
    w.put("image_named.md", png, "binary content")


def _wrong_extensions(w: _Writer) -> None:
    pdf = pdf_bytes([w.text("en", 3).split("\n\n")])
    w.put("wrong/pdf_named.txt", pdf, "read as .pdf")
    docx = docx_bytes(w.text("fr", 3).split("\n\n"))
    w.put("wrong/docx_named.md", docx, "read as .docx")
    w.put("wrong/text_named.pdf", w.text("fr").encode(), "not a real PDF")
    w.put("wrong/html_named.docx", html_page("<p>Bonjour</p>").encode(), "not a real DOCX")


def _pdfs(w: _Writer) -> None:
    from fpdf import FPDF
    from PIL import Image
    from pypdf import PdfReader, PdfWriter

    whole = pdf_bytes([w.text("fr", 3).split("\n\n"), w.text("fr", 3).split("\n\n")])
    w.put("pdf/truncated.pdf", whole[: len(whole) // 3], "unreadable PDF")
    for name, user, expected in (
        ("encrypted", "secret", "encrypted PDF"),
        ("owner_only", "", "ok"),
    ):
        writer = PdfWriter(
            clone_from=PdfReader(io.BytesIO(pdf_bytes([w.text("en", 3).split("\n\n")])))
        )
        writer.encrypt(user_password=user, owner_password="owner", algorithm="RC4-128")
        buffer = io.BytesIO()
        writer.write(buffer)
        w.put(f"pdf/{name}.pdf", buffer.getvalue(), expected)
    scan = FPDF()
    scan.add_page()
    scan.image(Image.new("RGB", (200, 100), (200, 180, 160)), x=10, y=10, w=150)
    w.put("pdf/image_only.pdf", bytes(scan.output()), "no text layer")


def _docx_kinds(w: _Writer) -> None:
    good = docx_bytes(w.text("en", 3).split("\n\n"), title="Hostile docx")
    w.put("docx/truncated.docx", good[: len(good) // 2], "corrupt DOCX")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document><unclosed>")
    w.put("docx/bad_xml.docx", buffer.getvalue(), "corrupt DOCX")
    w.put("docx/oversized.docx", zip_bomb_docx(MAX_UNZIPPED_MB + 5), "over ingest.max_unzipped_mb")
    w.put("docx/zip_bomb.docx", zip_bomb_docx(MAX_UNZIPPED_MB // 2), "compression ratio")
    laughs = (
        _laughs("w:t")
        .replace(
            "<w:t>",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>',
        )
        .replace("</w:t>", "</w:t></w:r></w:p></w:body></w:document>")
    )
    w.put(
        "docx/billion_laughs.docx",
        _replace_in_zip(good, "word/document.xml", laughs),
        "corrupt DOCX",
    )
    w.put("docx/~$lock.docx", b"\x00" * 162, "hidden or system file")


def _laughs(tag: str) -> str:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    ]
    return f'<?xml version="1.0"?><!DOCTYPE lolz [{"".join(entities)}]><{tag}>&lol9;</{tag}>'


def _replace_in_zip(data: bytes, member: str, content: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            payload = content.encode() if info.filename == member else source.read(info)
            archive.writestr(info.filename, payload)
    return buffer.getvalue()


def _html_kinds(w: _Writer) -> None:
    body = "".join(f"<p>{p}</p>" for p in w.text("fr").split("\n\n"))
    laughs = _laughs("html").replace("&lol9;", f"<body>{body}&lol9;</body>")
    w.put("html/billion_laughs.html", laughs.encode(), "ok")
    for depth, expected in ((1_000, "ok"), (100_000, "nested deeper than")):
        body = "".join(f"<p>{p}</p>" for p in w.text("fr").split("\n\n"))
        nested = f"<html><body>{'<div>' * depth}{body}{'</div>' * depth}</body></html>"
        w.put(f"html/nested_{depth}.html", nested.encode(), expected)
    unclosed = "<html><body>" + "<font size=2>" * 600 + w.text("en").replace("\n\n", "<br>")
    w.put("html/unclosed_font_tags.html", unclosed.encode(), "ok")
    bare = (
        "<html><head><title>Menu</title><style>p{color:red}</style></head>"
        "<body><div><span></span></div><script>var a = 1;</script></body></html>"
    )
    w.put("html/no_body_text.html", bare.encode(), "no text found")
    body = "".join(f"<p>{p}</p>" for p in w.text("fr").split("\n\n"))
    w.put("html/page.htm", html_page(body, title="Une page hostile").encode(), "ok")


def _big_and_odd_text(w: _Writer) -> None:
    chunk = (w.text("en", 6).replace("\n\n", " ") + "\n").encode()
    with open(w.root / "big.txt", "wb") as handle:
        handle.write(chunk * (BIG_FILE_MB * 2**20 // len(chunk) + 1))
    w.note(w.root / "big.txt", "over ingest.max_file_mb")
    head, tail = w.text("fr", 2).replace("\n\n", " "), w.text("fr", 2).replace("\n\n", " ")
    w.put("long_line.txt", f"{head}{' ' * LONG_LINE_MB * 2**20}{tail}".encode(), "ok")
    w.put("long_rule.txt", b"=" * (LONG_LINE_MB * 2**20), "no text found")
    nul = w.text("en").replace(" ", " \x00", 3)
    w.put("nul_bytes.txt", nul.encode(), "ok")
    controls = w.text("en").replace(" ", " \x1b[1m\x07", 2) + "\x08\x0e"
    w.put("control_chars.txt", controls.encode(), "ok")
    rtl = (
        w.text("en", 3)
        + "\n\nمرحبا بالعالم هذا نص عربي قصير 🌍🚲🌱 שלום עולם \u202eevil\u202c 👩‍👩‍👧"
    )
    w.put("rtl_emoji.md", rtl.encode(), "ok")
    w.put(
        "front_matter_broken.md",
        f"---\ntitle: [unclosed\ndate: 2019-13-45\n---\n{w.text('fr')}".encode(),
        "ok",
    )
    w.put("front_matter_unclosed.md", f"---\ntitle: Jamais fermé\n\n{w.text('fr')}".encode(), "ok")


def _names(w: _Writer) -> None:
    w.put("names/with spaces  and  tabs\t.txt", w.text("fr").encode(), "ok")
    w.put("names/new\nline.txt", w.text("en").encode(), "ok")
    w.put(b"names/latin1_\xe9t\xe9.txt", w.text("fr").encode(), "ok")
    w.put(b"names/broken_\xff\xfe.md", w.text("en").encode(), "ok")
    w.put("names/unicode_éè_ü_日本.txt", w.text("fr").encode(), "ok")


def _links(w: _Writer, outside: Path) -> None:
    links = w.root / "links"
    links.mkdir(parents=True, exist_ok=True)
    os.symlink("loop_b.txt", links / "loop_a.txt")
    os.symlink("loop_a.txt", links / "loop_b.txt")
    os.symlink("missing.txt", links / "dangling.txt")
    for name in ("loop_a.txt", "loop_b.txt", "dangling.txt"):
        w.note(links / name, "broken or looping symlink")
    target = outside / "outside_corpus.txt"
    target.write_text(w.text("en"), encoding="utf-8")
    os.symlink(target, links / "to_outside.txt")
    w.note(links / "to_outside.txt", "outside the corpus")
    w.put("links/real.txt", w.text("fr").encode(), "ok")
    os.symlink("real.txt", links / "to_inside.txt")
    w.note(links / "to_inside.txt", "identical bytes")
    os.symlink("../enc", links / "folder_link")
    w.note(links / "folder_link", "symlinked folder")
    os.symlink(w.root, links / "self_loop_folder")
    w.note(links / "self_loop_folder", "symlinked folder")


def _duplicates(w: _Writer, good: dict[str, bytes]) -> None:
    _, first = sorted(good.items())[0]
    w.put("dups/exact_copy.txt", first, "identical bytes")
    text = first.decode("utf-8")
    w.put(
        "dups/same_text_utf16.txt", codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "same text as"
    )
    w.put("dups/near_copy.txt", f"{text} modifié".encode(), "near-duplicate of")
    own = w.text("en", 6)
    w.put("dups/a_original.md", own.encode(), "ok")
    w.put("dups/b_copy.md", own.encode(), "identical bytes")


def _system_and_unsupported(w: _Writer) -> None:
    w.put(".DS_Store", b"\x00\x00\x00\x01Bud1" + b"\x00" * 100, "hidden or system file")
    w.put("Thumbs.db", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "hidden or system file")
    w.put("desktop.ini", b"[.ShellClassInfo]\r\n", "hidden or system file")
    w.put(".hidden_notes.txt", w.text("fr").encode(), "hidden or system file")
    w.put("slides.pptx", b"PK\x03\x04" + b"\x00" * 50, "unsupported extension")
    w.put("README", w.text("en").encode(), "unsupported extension")
    w.put("scan.jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 50, "unsupported extension")


def _permissions(w: _Writer) -> None:
    root_user = os.geteuid() == 0  # root reads anything: the file is then an ordinary one
    locked = w.put(
        "perm/locked.txt", w.text("fr").encode(), "ok" if root_user else "permission denied"
    )
    locked.chmod(0)
    folder = w.root / "perm" / "locked_folder"
    folder.mkdir()
    inner = folder / "inside.txt"
    inner.write_text(w.text("en"), encoding="utf-8")
    if root_user:
        w.note(inner, "ok")
    else:
        w.note(folder, "folder cannot be read")
    folder.chmod(0)
    fifo = w.root / "perm" / "pipe.txt"
    os.mkfifo(fifo)
    w.note(fifo, "not a regular file")


KINDS: tuple[Callable[[_Writer], None], ...] = (
    _encodings,
    _empty_and_binary,
    _wrong_extensions,
    _pdfs,
    _docx_kinds,
    _html_kinds,
    _big_and_odd_text,
    _names,
    _system_and_unsupported,
    _permissions,
)


def write_hostile(
    folder: Path, seed: int, *, good: dict[str, bytes] | None = None, outside: Path | None = None
) -> dict[str, str]:
    """Write the hostile files under ``folder``; return {manifest path: expected}.

    Args:
        folder: the corpus folder (good documents may already be there).
        seed: drives every generated text.
        good: the good documents' bytes by file name, to duplicate some of them; by
            default a small document is written and duplicated.
        outside: a folder outside the corpus for the symlink target (default: beside it).

    """
    w = _Writer(Path(folder), seed)
    for kind in KINDS:
        kind(w)
    if good is None:
        good = {"hostile_good.txt": w.text("fr", 6).encode()}
        w.put("hostile_good.txt", good["hostile_good.txt"], "ok")
    _duplicates(w, good)
    outside = outside or Path(folder).parent / f"outside-{seed}"
    outside.mkdir(parents=True, exist_ok=True)
    _links(w, outside)
    return dict(sorted(w.expected.items()))
