"""Section 1, the corpus: documents by year, language and kind, and every file not used."""

from __future__ import annotations

import pandas as pd

from corpus_mining.report.charts import bar_chart
from corpus_mining.report.colours import language_colours
from corpus_mining.report.html import Chart, Section, SectionBuilder, fragment
from corpus_mining.report.inputs import ReportInputs

UNDATED = "undated"
DOCUMENT_COLUMNS = [
    "doc_id",
    "title",
    "date",
    "year",
    "lang",
    "kind",
    "format",
    "n_words",
    "n_passages",
    "path",
]


def corpus_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """Distinct documents (duplicates left out, as in every analysis), oldest first."""
    docs = documents[documents["duplicate_of"].isna()].reindex(columns=DOCUMENT_COLUMNS)
    docs = docs.assign(
        year=docs["year"].astype("Int64"),
        lang=docs["lang"].fillna("und"),
        kind=docs["kind"].fillna("unknown"),
    )
    docs = docs.sort_values(["year", "date", "title", "doc_id"], na_position="last")
    return docs.reset_index(drop=True)


def year_order(docs: pd.DataFrame) -> list[str]:
    """Every year from the first to the last (gaps included), then "undated" if any."""
    years = docs["year"].dropna()
    order = [str(y) for y in range(int(years.min()), int(years.max()) + 1)] if len(years) else []
    return order + ([UNDATED] if docs["year"].isna().any() else [])


def documents_by_year(docs: pd.DataFrame) -> pd.DataFrame:
    """Documents per year and language; year is text, ``"undated"`` when unknown."""
    labels = [UNDATED if pd.isna(y) else str(int(y)) for y in docs["year"]]
    labelled = docs.assign(year=labels)
    counts = labelled.groupby(["year", "lang"]).size().rename("documents").reset_index()
    order = {year: i for i, year in enumerate(year_order(docs))}
    counts = counts.assign(rank=counts["year"].map(order)).sort_values(["rank", "lang"])
    return counts.drop(columns="rank").reset_index(drop=True)


def documents_by_kind(docs: pd.DataFrame) -> pd.DataFrame:
    """Documents per kind (report, interview, abstract...) and language."""
    counts = docs.groupby(["kind", "lang"]).size().rename("documents").reset_index()
    return counts.sort_values(["kind", "lang"]).reset_index(drop=True)


def documents_by_language(docs: pd.DataFrame) -> pd.DataFrame:
    """Documents, passages and words per document language."""
    grouped = docs.groupby("lang").agg(
        documents=("doc_id", "size"), passages=("n_passages", "sum"), words=("n_words", "sum")
    )
    return grouped.reset_index().sort_values("lang").reset_index(drop=True)


def manifest_issues(manifest: pd.DataFrame) -> pd.DataFrame:
    """Files not used as documents (skipped or duplicate), with the reason, by status."""
    issues = manifest[manifest["status"] != "ok"].reindex(
        columns=["path", "status", "reason", "doc_id"]
    )
    return issues.sort_values(["status", "path"]).reset_index(drop=True)


def status_counts(manifest: pd.DataFrame) -> pd.DataFrame:
    """Files per manifest status."""
    counts = manifest.groupby("status").size().rename("files").reset_index()
    return counts.sort_values("status").reset_index(drop=True)


def _stats(docs: pd.DataFrame, manifest: pd.DataFrame) -> str:
    status = manifest["status"].value_counts()
    dated = docs["year"].notna().mean() if len(docs) else 0.0
    items = [
        ("documents analysed", f"{len(docs)}"),
        ("files found", f"{len(manifest)}"),
        ("duplicates set aside", f"{int(status.get('duplicate', 0))}"),
        ("files skipped", f"{int(status.get('skipped', 0))}"),
        ("passages", f"{int(docs['n_passages'].sum())}"),
        ("words", f"{int(docs['n_words'].sum()):,}"),
        ("dated documents", f"{dated:.0%}"),
    ]
    return str(fragment("stats", items=items))


def _count_chart(
    name: str,
    frame: pd.DataFrame,
    *,
    x: str,
    title: str,
    x_title: str,
    caption: str,
    colours: dict[str, str],
    order: list[str] | None = None,
    by_language: bool = True,
) -> Chart:
    figure = bar_chart(
        frame,
        x=x,
        y="documents",
        colour="lang" if by_language else None,
        colours=colours,
        order=order,
        title=title,
        x_title=x_title,
        y_title="documents (count)",
        height=400 if order else 350,
    )
    return Chart(name, figure, frame, caption)


def _charts(docs: pd.DataFrame) -> list[Chart]:
    langs = language_colours(docs["lang"])
    by_year = _count_chart(
        "documents_by_year",
        documents_by_year(docs),
        x="year",
        order=year_order(docs),
        colours=langs,
        title="Documents by year of publication and language",
        x_title="year of publication",
        caption="Distinct documents per year; duplicates are left out.",
    )
    by_lang = _count_chart(
        "documents_by_language",
        documents_by_language(docs),
        x="lang",
        by_language=False,
        colours=langs,
        title="Documents by language",
        x_title="language (ISO 639-1)",
        caption="Language of each document as a whole (passages have their own language).",
    )
    by_kind = _count_chart(
        "documents_by_kind",
        documents_by_kind(docs),
        x="kind",
        colours=langs,
        title="Documents by kind and language",
        x_title="kind of document",
        caption="Kind of document (from the metadata, else inferred from the text).",
    )
    return [by_year, by_lang, by_kind]


def corpus_section(inputs: ReportInputs) -> Section:
    """Section 1: what the corpus holds, and which files were set aside and why."""
    docs = corpus_documents(inputs.documents)
    section = SectionBuilder("corpus", "The corpus")
    section.add(_stats(docs, inputs.manifest))
    section.subsection("corpus-documents", "Documents by year, language and kind")
    for chart in _charts(docs):
        section.chart(chart)
    section.subsection(
        "corpus-files",
        "Files set aside",
        "Every file found is accounted for in <code>manifest.csv</code>: read (ok), skipped "
        "or flagged as a duplicate of another file, with a reason a person can act on.",
    )
    section.table("file_status", status_counts(inputs.manifest), "Files per status.")
    issues = manifest_issues(inputs.manifest)
    section.table("files_set_aside", issues, "Skipped and duplicate files, with the reason.")
    section.subsection("corpus-list", "List of documents")
    section.table(
        "documents",
        docs,
        "The distinct documents analysed, oldest first; <code>doc_id</code> is the key "
        "that every passage and figure points back to.",
    )
    return section.build()
