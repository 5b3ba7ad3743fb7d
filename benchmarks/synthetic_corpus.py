"""Seeded synthetic corpus: French and English reports, articles, interviews and abstracts.

Documents are prose built from sentence templates whose slots take the concept terms of
``corpus/lexicon.yaml``, the organisations of ``corpus/actors.yaml`` (both read at run time),
invented people, real places and years 2000-2024, with acronym definitions, datelines,
interview questions and answers and reference lists. Lengths are lognormal (median about
700 words, 80 to 8,000). Document ``i`` depends only on ``(seed, i)`` (and ``fr_share``), so
generating N then N+1 documents gives the same first N files, and a metadata file written in
two calls is the same as one written at once.

Writes ``OUT/documents/{fr,en}/docNNNNN.{txt,md,html}`` and ``OUT/metadata.csv`` (the
columns ``corpus-mining ingest`` reads; ``file`` is relative to ``OUT/documents``).

Usage: python benchmarks/synthetic_corpus.py --docs N --out DIR [--seed 42] [--fr-share 0.6]
"""

from __future__ import annotations

import argparse
import csv
import html
import math
import random
import re
import sys
import textwrap
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _vocabulary as V
from _prose import Pools, Writer, capitalise, load_pools

METADATA_COLUMNS = ("file", "title", "date", "lang", "kind", "authors", "source")
# A journal article is an "abstract" in the pipeline's kinds (ingest.kinds lists "academic
# article" among its synonyms); "article" alone is ambiguous and would be rejected.
METADATA_KINDS = {"article": "abstract"}
FORMATS = (("txt", 0.5), ("md", 0.35), ("html", 0.15))
# Targets: paragraphs overshoot them a little (the median comes out near 700 words).
MEDIAN_WORDS, SIGMA_WORDS, MIN_WORDS, MAX_WORDS = 630, 0.8, 80, 7600
# (longest target in words, kinds, their weights)
_KINDS_BY_LENGTH: tuple[tuple[int, tuple[str, ...], tuple[float, ...]], ...] = (
    (400, ("abstract", "article"), (0.85, 0.15)),
    (1999, ("article", "interview", "report"), (0.45, 0.3, 0.25)),
    (MAX_WORDS, ("report", "interview", "article"), (0.65, 0.15, 0.2)),
)


@dataclass(frozen=True)
class Written:
    """One generated file: where it is, its language and its number of words."""

    path: Path
    lang: str
    words: int


@dataclass
class Document:
    """A generated document before rendering: blocks are ("h" | "p", text)."""

    index: int
    lang: str
    kind: str
    ext: str
    title: str
    date: str
    authors: list[str]
    source: str
    blocks: list[tuple[str, str]] = field(default_factory=list)
    words: int = 0

    @property
    def relpath(self) -> str:
        """Path under the documents folder, POSIX style."""
        return f"{self.lang}/doc{self.index:05d}.{self.ext}"

    def metadata_row(self) -> dict[str, str]:
        """The document's ``metadata.csv`` row."""
        return {
            "file": self.relpath,
            "title": self.title,
            "date": self.date,
            "lang": self.lang,
            "kind": METADATA_KINDS.get(self.kind, self.kind),
            "authors": "; ".join(self.authors),
            "source": self.source,
        }


# --- documents ---------------------------------------------------------------------------------
def _doc_rng(seed: int, index: int) -> random.Random:
    """The generator of document ``index``: a function of (seed, index) only."""
    return random.Random(f"synthetic-corpus/{seed}/{index}")


def _length_and_kind(rng: random.Random) -> tuple[int, str]:
    """Lognormal length; the kind follows it (short: abstracts, long: mostly reports)."""
    words = int(rng.lognormvariate(math.log(MEDIAN_WORDS), SIGMA_WORDS))
    words = min(MAX_WORDS, max(MIN_WORDS, words))
    kinds, weights = next((k, w) for limit, k, w in _KINDS_BY_LENGTH if words <= limit)
    return words, rng.choices(kinds, weights)[0]


def _date_text(writer: Writer, day: int, month: int) -> str:
    months = V.FR_MONTHS if writer.lang == "fr" else V.EN_MONTHS
    city = writer.fill("{city}")
    if writer.lang == "fr":
        return f"{city}, le {'1er' if day == 1 else day} {months[month - 1]} {writer.year}"
    return f"{city}, {day} {months[month - 1]} {writer.year}"


class _Blocks(list[tuple[str, str]]):
    """A document's blocks, ("h" | "p", text), with a running word count."""

    words = 0

    def add(self, kind: str, text: str) -> None:
        """Append one heading ("h") or paragraph ("p")."""
        self.append((kind, text))
        self.words += text.count(" ") + 1


def _grow(writer: Writer, blocks: _Blocks, target: int, headings: bool) -> None:
    """Append paragraphs (and, for reports, numbered headings) until ``target`` words."""
    titles = V.FR_HEADINGS if writer.lang == "fr" else V.EN_HEADINGS
    section, until_heading = 1, 0
    while blocks.words < target:
        if headings and until_heading == 0:
            blocks.add("h", f"{section}. {capitalise(writer.fill(writer.rng.choice(titles)))}")
            section, until_heading = section + 1, writer.rng.randint(3, 6)
        blocks.add("p", writer.paragraph())
        until_heading -= 1


def _interview(writer: Writer, blocks: _Blocks, target: int) -> None:
    """Questions and answers, each side introduced the way this document does it."""
    rng, fr = writer.rng, writer.lang == "fr"
    asker, answerer = writer.cast[1][0].split()[-1], writer.cast[0][0].split()[-1]
    sep = " : " if fr else ": "
    q, a = rng.choice(
        [("Q", "R" if fr else "A"), ("Question", "Réponse" if fr else "Answer"), (asker, answerer)]
    )
    questions = V.FR_QUESTIONS if fr else V.EN_QUESTIONS
    while blocks.words < target:
        blocks.add("p", f"{q}{sep}{capitalise(writer.fill(rng.choice(questions)))}")
        answer = writer.paragraph(first_person=0.5)
        quoted = f"« {answer} »" if fr else f'"{answer}"'
        blocks.add("p", f"{a}{sep}{quoted if rng.random() < 0.3 else answer}")


def _references(writer: Writer) -> list[tuple[str, str]]:
    rng = writer.rng
    heading = rng.choice(("Bibliographie", "Références")) if writer.lang == "fr" else "References"
    titles = V.FR_TITLES if writer.lang == "fr" else V.EN_TITLES
    refs = []
    for _ in range(rng.randint(3, 9)):
        name, _gender = writer.person()
        first, last = name.split(" ", 1)
        year, start = max(1985, writer.year - rng.randrange(25)), rng.randint(5, 300)
        refs.append(
            f"{last}, {first[0]}. ({year}). {writer.fill(rng.choice(titles))}. "
            f"{rng.choice(V.JOURNALS)}, {rng.randint(1, 60)}({rng.randint(1, 4)}), "
            f"{start}-{start + rng.randint(8, 30)}."
        )
    return [("h", heading), *(("p", ref) for ref in sorted(refs))]


def _body(writer: Writer, kind: str, target: int, dateline: str) -> _Blocks:
    """The blocks of a document of ``kind``, about ``target`` words long."""
    rng, fr = writer.rng, writer.lang == "fr"
    blocks = _Blocks()
    if kind == "abstract" and rng.random() < 0.5:
        blocks.add("h", "Résumé" if fr else "Abstract")
    if kind == "interview":
        who = writer.cast[1][0]
        intro = (
            f"Entretien réalisé par {who} ({dateline})."
            if fr
            else f"Interview by {who} ({dateline})."
        )
        blocks.add("p", f"{intro} {writer.paragraph()}")
    elif kind == "article":
        blocks.add("p", f"{dateline} – {writer.paragraph()}")
    for _ in range(rng.choices((0, 1, 2), (0.4, 0.45, 0.15))[0]):
        blocks.add("p", f"{writer.acronym_sentence()} {writer.paragraph()}")
    if kind == "interview":
        _interview(writer, blocks, target)
    else:
        _grow(writer, blocks, target, headings=kind == "report")
    if kind == "abstract":
        label = "Mots-clés" if fr else "Keywords"
        keywords = sorted({writer.concept() for _ in range(4)})
        blocks.add("p", f"{label}{' : ' if fr else ': '}{'; '.join(keywords)}")
    if kind in ("report", "article") and rng.random() < 0.5:
        for block_kind, text in _references(writer):
            blocks.add(block_kind, text)
    if kind == "report":
        blocks.add("p", f"{'Fait à ' if fr else ''}{dateline}.")
    return blocks


def make_document(index: int, seed: int, fr_share: float, pools: Pools) -> Document:
    """Document ``index`` of the corpus drawn with ``seed``."""
    rng = _doc_rng(seed, index)
    lang = "fr" if rng.random() < fr_share else "en"
    target, kind = _length_and_kind(rng)
    ext = rng.choices([f for f, _ in FORMATS], [w for _, w in FORMATS])[0]
    year, month, day = rng.randint(2000, 2024), rng.randint(1, 12), rng.randint(1, 28)
    writer = Writer(rng, lang, year, pools)
    fr = lang == "fr"
    if kind == "interview":
        titles = V.FR_INTERVIEW_TITLES if fr else V.EN_INTERVIEW_TITLES
        title = writer.fill(rng.choice(titles), p=writer.cast[0][0], _gender=writer.cast[0][1])
    else:
        title = writer.fill(rng.choice(V.FR_TITLES if fr else V.EN_TITLES))
    authors = [writer.cast[1][0] if kind == "interview" else writer.cast[0][0]]
    authors += [writer.person()[0] for _ in range(rng.choices((0, 1, 2), (0.5, 0.3, 0.2))[0])]
    date = f"{year}-{month:02d}-{day:02d}" if rng.random() < 0.8 else str(year)
    source = rng.choice((V.FR_SOURCES if fr else V.EN_SOURCES)[kind])
    doc = Document(index, lang, kind, ext, capitalise(title), date, authors, source)
    blocks = _body(writer, kind, target, _date_text(writer, day, month))
    doc.blocks, doc.words = list(blocks), blocks.words
    return doc


# --- rendering ---------------------------------------------------------------------------------
def _render_txt(doc: Document, rng: random.Random) -> str:
    width = rng.choice((0, 0, 72, 80, 100))  # some files hard-wrapped, as converted reports are
    parts = [doc.title, ", ".join(doc.authors)]
    for kind, text in doc.blocks:
        parts.append(textwrap.fill(text, width) if width and kind == "p" else text)
    return "\n\n".join(parts) + "\n"


def _render_md(doc: Document, rng: random.Random) -> str:
    parts = []
    if rng.random() < 0.5:
        front = {"title": doc.title, "date": doc.date, "lang": doc.lang, "authors": doc.authors}
        dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
        parts.append(f"---\n{dumped}---")
    parts += [f"# {doc.title}", f"*{', '.join(doc.authors)}*"]
    parts += [f"## {text}" if kind == "h" else text for kind, text in doc.blocks]
    return "\n\n".join(parts) + "\n"


def _render_html(doc: Document, rng: random.Random) -> str:
    esc = html.escape
    body = "\n".join(
        f"<h2>{esc(text)}</h2>" if kind == "h" else f"<p>{esc(text)}</p>"
        for kind, text in doc.blocks
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{doc.lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(doc.title)}</title>\n"
        f'<meta name="author" content="{esc(", ".join(doc.authors))}">\n</head>\n<body>\n'
        f"<article>\n<h1>{esc(doc.title)}</h1>\n{body}\n</article>\n</body>\n</html>\n"
    )


_RENDERERS = {"txt": _render_txt, "md": _render_md, "html": _render_html}


def render(doc: Document, seed: int) -> str:
    """The file's text; layout choices are seeded too (after the content, so they don't shift it)."""
    layout = random.Random(f"synthetic-corpus/{seed}/{doc.index}/layout")
    return _RENDERERS[doc.ext](doc, layout)


# --- writing -----------------------------------------------------------------------------------
def _doc_number(relpath: str) -> int:
    return int(re.sub(r"\D", "", relpath.rsplit("/", 1)[-1]) or 0)


def _write_metadata(path: Path, rows: list[dict[str, str]]) -> None:
    """Merge ``rows`` into ``path`` (rows of files generated before are kept), in index order."""
    merged: dict[str, dict[str, str]] = {}
    if path.is_file():
        with path.open(encoding="utf-8", newline="") as handle:
            merged = {row["file"]: row for row in csv.DictReader(handle)}
    merged.update({row["file"]: row for row in rows})
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=METADATA_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(merged.values(), key=lambda r: _doc_number(r["file"])))


def write_corpus(
    out: Path, n_docs: int, seed: int = 42, fr_share: float = 0.6, start_index: int = 0
) -> list[Written]:
    """Write documents ``start_index .. start_index + n_docs - 1`` and merge their metadata."""
    if n_docs < 0 or start_index < 0:
        raise ValueError("n_docs and start_index must be >= 0")
    if not 0.0 <= fr_share <= 1.0:
        raise ValueError(f"fr_share must be between 0 and 1 (got {fr_share})")
    pools = load_pools()
    written, rows = [], []
    for lang in ("fr", "en"):
        (out / "documents" / lang).mkdir(parents=True, exist_ok=True)
    for index in range(start_index, start_index + n_docs):
        doc = make_document(index, seed, fr_share, pools)
        path = out / "documents" / doc.relpath
        path.write_text(render(doc, seed), encoding="utf-8")
        written.append(Written(path, doc.lang, doc.words))
        rows.append(doc.metadata_row())
    _write_metadata(out / "metadata.csv", rows)
    return written


def generate(
    out: Path, n_docs: int, seed: int = 42, fr_share: float = 0.6, start_index: int = 0
) -> list[Path]:
    """Write ``n_docs`` documents from ``start_index`` under ``out``; return their paths.

    Example: ``generate(Path("corpus"), 1, start_index=2000)`` adds document 2000 to a
    corpus of 2000 and its row to ``corpus/metadata.csv``.
    """
    return [w.path for w in write_corpus(out, n_docs, seed, fr_share, start_index)]


def summary(written: list[Written]) -> str:
    """One line: documents, words, by language."""
    docs = Counter(w.lang for w in written)
    words: Counter[str] = Counter()
    for w in written:
        words[w.lang] += w.words
    by_lang = ", ".join(
        f"{lang} {docs[lang]:,} docs / {words[lang]:,} words" for lang in sorted(docs)
    )
    return f"{len(written):,} documents, {sum(words.values()):,} words ({by_lang})"


def main() -> None:
    """Generate and print a one-line summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, required=True, help="number of documents")
    parser.add_argument("--out", type=Path, required=True, help="corpus folder to write")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--fr-share", type=float, default=0.6, help="share of French documents")
    parser.add_argument("--start-index", type=int, default=0, help="number of the first document")
    args = parser.parse_args()
    start = time.perf_counter()
    written = write_corpus(args.out, args.docs, args.seed, args.fr_share, args.start_index)
    seconds = time.perf_counter() - start
    print(
        f"{summary(written)} in {args.out} ({seconds:.1f} s, {len(written) / max(seconds, 1e-9):,.0f} docs/s)"
    )


if __name__ == "__main__":
    main()
