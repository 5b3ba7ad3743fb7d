"""Publication years and document kinds of stage ``ingest`` against the real-page devset.

Reads the devset's JSON Lines files (one page a line: id, lang, kind, year, year_stated,
split; see benchmarks/devset/README.md) and the page texts ``<texts>/<id>.txt`` at run time (the texts stay
outside the repository), copies the texts into a temporary project, runs the ingest stage
with the repository's ``params.yaml`` and prints, per split (tune/held) and language:

- year exact: pages whose stated year the stage found, over pages that state one; with
  the years missed, the years wrong, and years given to pages that state none;
- kind: share of pages whose kind is the annotated one; then a confusion table.

Twice: on the texts alone, then with a ``metadata.csv`` that gives each page's url in its
``source`` column (a researcher who saved pages usually keeps their address), so dates in
web addresses, and the words of an address that name a kind ("/actualites/", "wiki"),
count. ``--errors`` lists, in both settings, the pages of split ``tune`` that are wrong
(id, gold, predicted, rule): never those of splits ``held`` or ``fresh``.

Usage: python benchmarks/ingest_quality.py [--pages FILE ...] [--texts DIR ...] [--errors]
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from corpus_mining.config import Params, parse_params  # noqa: E402
from corpus_mining.stages.ingest import run_ingest  # noqa: E402

DEVSET = ROOT / "benchmarks" / "devset"
# pages_fr/en: annotated for actors too; kinds/: kinds and years only (split by url hash
# from fr-125/en-129 on; the first 52 all of split tune).
DEFAULT_PAGES = [
    DEVSET / "pages_fr.jsonl",
    DEVSET / "pages_en.jsonl",
    DEVSET / "pages_en_more.jsonl",
    DEVSET / "pages_more.jsonl",
    DEVSET / "pages_more2.jsonl",
    DEVSET / "pages_more3.jsonl",
    DEVSET / "kinds" / "pages_kinds.jsonl",
    DEVSET / "kinds" / "pages_kinds_more.jsonl",
    DEVSET / "pages_fresh.jsonl",  # split "fresh": scored, never read, never trained on
]
DEFAULT_TEXTS = [Path("/tmp/devset_texts"), Path("/tmp/devset_texts_kinds")]
KINDS = ("report", "interview", "abstract", "news", "institutional", "other")


def load_pages(files: list[Path], texts: list[Path]) -> list[dict[str, Any]]:
    """The annotated pages whose text file exists in one of ``texts``, in file order.

    Each page gets a ``text_path`` key: where its text was found.
    """
    pages = []
    for path in files:
        if not path.is_file():
            print(f"(not found, skipped: {path})")
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            page = json.loads(line)
            found = [folder / f"{page['id']}.txt" for folder in texts]
            page["text_path"] = next((f for f in found if f.is_file()), None)
            page["file"] = path.stem
            if page["text_path"] is not None:
                pages.append(page)
    return pages


def _params(work: Path) -> Params:
    raw: dict[str, Any] = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    for key, value in raw["paths"].items():
        raw["paths"][key] = str(work / value)
    raw["ingest"]["max_skip_ratio"] = 1.0
    return parse_params(raw)


def predict(pages: list[dict[str, Any]], *, with_urls: bool) -> pd.DataFrame:
    """Run ingest on the pages in a temp project; one row per page with gold and predicted."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        params = _params(work)
        params.paths.corpus.mkdir(parents=True)
        for page in pages:
            shutil.copy(page["text_path"], params.paths.corpus / f"{page['id']}.txt")
        if with_urls:
            with params.paths.metadata.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(["file", "source"])
                writer.writerows([f"{p['id']}.txt", p["url"]] for p in pages)
        run_ingest(params)
        columns = ["path", "year", "date_source", "kind", "kind_source"]
        docs = pd.read_parquet(params.paths.documents, columns=columns)
    found = {row.path.removesuffix(".txt"): row for row in docs.itertuples()}
    rows = []
    for page in pages:
        row = found.get(page["id"])
        rows.append(
            {
                "id": page["id"],
                "split": page["split"],
                "file": page["file"],
                "lang": page["lang"],
                "gold_kind": page["kind"],
                "gold_year": page["year"] if page.get("year_stated") else None,
                "kind": row.kind if row is not None else None,
                "kind_source": row.kind_source if row is not None else "not ingested",
                "year": None if row is None or pd.isna(row.year) else int(row.year),
                "date_source": row.date_source if row is not None else "not ingested",
            }
        )
    return pd.DataFrame(rows)


def scores(frame: pd.DataFrame) -> dict[str, Any]:
    """Year and kind figures of a group of pages."""
    stated = frame[frame["gold_year"].notna()]
    exact = int((stated["year"] == stated["gold_year"]).sum())
    missing = int(stated["year"].isna().sum())
    unstated = frame[frame["gold_year"].isna()]
    kind_ok = int((frame["kind"] == frame["gold_kind"]).sum())
    return {
        "pages": len(frame),
        "year_exact": f"{exact}/{len(stated)} ({exact / max(1, len(stated)):.0%})",
        "year_missing": missing,
        "year_wrong": len(stated) - exact - missing,
        "year_given_unstated": f"{int(unstated['year'].notna().sum())}/{len(unstated)}",
        "kind": f"{kind_ok}/{len(frame)} ({kind_ok / max(1, len(frame)):.0%})",
    }


def report(frame: pd.DataFrame, title: str, *, errors: bool) -> None:
    """Print the figures per split and language, the confusion table and tune errors."""
    print(f"\n## {title}\n")
    groups: list[tuple[str, pd.DataFrame]] = [("all", frame)]
    for split in ("tune", "held", "fresh"):
        part = frame[frame["split"] == split]
        groups.append((split, part))
        groups.extend((f"{split}/{lang}", part[part["lang"] == lang]) for lang in ("fr", "en"))
    if len(set(frame["file"])) > 1:  # e.g. the kinds-only pages apart from the actor pages
        groups.extend(
            (f"{split}:{name}", part[part["split"] == split])
            for split in ("tune", "held", "fresh")
            for name, part in frame.groupby("file")
        )
    table = pd.DataFrame([{"group": name, **scores(part)} for name, part in groups if len(part)])
    print(table.to_string(index=False))
    confusion = pd.crosstab(frame["gold_kind"], frame["kind"].fillna("-"), margins=True)
    order = [k for k in (*KINDS, "-", "All") if k in confusion.index or k in confusion.columns]
    confusion = confusion.reindex(index=[k for k in order if k in confusion.index])
    confusion = confusion.reindex(columns=[k for k in order if k in confusion.columns])
    print("\nkinds: rows gold, columns predicted\n")
    print(confusion.to_string())
    print(
        "\nrules that decided the kind:",
        dict(sorted(Counter(frame["kind_source"].str.split(":").str[:2].str.join(":")).items())),
    )
    print("rules that decided the date:", dict(sorted(Counter(frame["date_source"]).items())))
    if errors:
        _print_errors(frame[frame["split"] == "tune"])


def _print_errors(tune: pd.DataFrame) -> None:
    wrong_kind = tune[tune["kind"] != tune["gold_kind"]]
    print(f"\ntune pages with a wrong kind ({len(wrong_kind)}):")
    for row in wrong_kind.itertuples():
        print(f"  {row.id}: gold {row.gold_kind}, got {row.kind} ({row.kind_source})")
    stated = tune[tune["gold_year"].notna()]
    wrong_year = stated[stated["year"] != stated["gold_year"]]
    print(f"\ntune pages with a wrong or missing year ({len(wrong_year)}):")
    for row in wrong_year.itertuples():
        print(f"  {row.id}: gold {int(row.gold_year)}, got {row.year} ({row.date_source})")


def main() -> None:
    """Parse arguments, run both settings and print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, nargs="+", default=DEFAULT_PAGES)
    parser.add_argument("--texts", type=Path, nargs="+", default=DEFAULT_TEXTS)
    parser.add_argument("--errors", action="store_true", help="list wrong pages of split tune")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    pages = load_pages(args.pages, args.texts)
    if not pages:
        sys.exit(f"no page with a text under {args.texts}: nothing to measure")
    print(f"{len(pages)} pages ({Counter(p['split'] for p in pages)})")
    report(predict(pages, with_urls=False), "texts alone", errors=args.errors)
    report(predict(pages, with_urls=True), "texts + url in metadata.csv", errors=args.errors)


if __name__ == "__main__":
    main()
