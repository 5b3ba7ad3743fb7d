"""How far two annotators agree on the kind and stated year of the unseen real pages.

The kind goal is read against one annotator's key; a second careful annotator, reading the
same excerpts and addresses with the same guide (``devset/README.md``), bounds what that key
can tell. ``benchmarks/devset/second/kinds/held_fresh.jsonl`` holds a second, independent
annotation of the pages of splits ``held`` and ``fresh`` (id, kind, year; facts only,
written without seeing the first annotation or any system output). This prints, per split:

- agreement on kinds (share of pages, and Cohen's kappa, which discounts the agreement two
  annotators would reach by chance from their kind frequencies), with the table of the two
  keys; agreement on the stated year (both give none, or the same year);
- with ``--texts``, the ingest stage (page addresses in ``metadata.csv``, as
  ``ingest_quality.py`` reads them) against the first key, against the second, on the
  pages where both keys agree, and "either" (a kind either annotator gave counts as right).

Figures, not pass/fail; only counts, never a page's text.

Example:
    .venv/bin/python benchmarks/kind_agreement.py --texts /tmp/devset_texts /tmp/devset_texts_kinds
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from ingest_quality import DEFAULT_PAGES, KINDS, predict  # noqa: E402

SECOND = ROOT / "benchmarks" / "devset" / "second" / "kinds" / "held_fresh.jsonl"
SPLITS = ("held", "fresh")


@dataclass(frozen=True)
class Label:
    """One annotator's kind and stated year of a page (``None``: no year stated)."""

    kind: str
    year: int | None


def first_labels(files: Sequence[Path]) -> dict[str, tuple[str, Label]]:
    """The first key of every page of splits held and fresh: id -> (split, label)."""
    labels = {}
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            page = json.loads(line)
            if page["split"] in SPLITS:
                year = page["year"] if page.get("year_stated") else None
                labels[page["id"]] = (page["split"], Label(page["kind"], year))
    return labels


def second_labels(path: Path, known: Mapping[str, Any]) -> dict[str, Label]:
    """The second key, checked: every page known to the first, every kind in the guide."""
    labels = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        raw = json.loads(line)
        where = f"{path.name}:{number}"
        if raw.get("id") not in known:
            raise ValueError(f"{where}: page {raw.get('id')!r} is not a held or fresh page")
        if raw.get("kind") not in KINDS:
            raise ValueError(f"{where}: kind {raw.get('kind')!r} is not one of {', '.join(KINDS)}")
        labels[raw["id"]] = Label(raw["kind"], raw.get("year"))
    return labels


def cohen_kappa(one: Sequence[str], two: Sequence[str]) -> float:
    """Agreement beyond chance: (observed - expected) / (1 - expected), from the margins."""
    n = len(one)
    observed = sum(a == b for a, b in zip(one, two, strict=True)) / n
    left, right = Counter(one), Counter(two)
    expected = sum(left[k] * right[k] for k in left) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def _share(right: int, total: int) -> str:
    return f"{right}/{total} ({right / max(1, total):.0%})"


def agreement_rows(
    first: Mapping[str, tuple[str, Label]], second: Mapping[str, Label]
) -> list[dict[str, str]]:
    """Kind and year agreement per split and over both, on the pages annotated twice."""
    rows = []
    for name in (*SPLITS, "all"):
        ids = [i for i in second if name == "all" or first[i][0] == name]
        if not ids:
            continue
        one = [first[i][1] for i in ids]
        two = [second[i] for i in ids]
        kinds_same = sum(a.kind == b.kind for a, b in zip(one, two, strict=True))
        years_same = sum(a.year == b.year for a, b in zip(one, two, strict=True))
        rows.append(
            {
                "pages": f"{name} ({len(ids)})",
                "kind agreement": _share(kinds_same, len(ids)),
                "kappa": f"{cohen_kappa([a.kind for a in one], [b.kind for b in two]):.2f}",
                "year agreement": _share(years_same, len(ids)),
            }
        )
    return rows


def pipeline_rows(
    first: Mapping[str, tuple[str, Label]], second: Mapping[str, Label], kinds: Mapping[str, str]
) -> list[dict[str, str]]:
    """The stage's kinds against the first key, the second, where both agree, and either."""
    rows = []
    for name in (*SPLITS, "all"):
        ids = [i for i in second if i in kinds and (name == "all" or first[i][0] == name)]
        if not ids:
            continue
        agreed = [i for i in ids if first[i][1].kind == second[i].kind]
        rows.append(
            {
                "pages": f"{name} ({len(ids)})",
                "vs first": _share(sum(kinds[i] == first[i][1].kind for i in ids), len(ids)),
                "vs second": _share(sum(kinds[i] == second[i].kind for i in ids), len(ids)),
                "where both agree": _share(
                    sum(kinds[i] == first[i][1].kind for i in agreed), len(agreed)
                ),
                "either": _share(
                    sum(kinds[i] in (first[i][1].kind, second[i].kind) for i in ids), len(ids)
                ),
            }
        )
    return rows


def key_table(first: Mapping[str, tuple[str, Label]], second: Mapping[str, Label]) -> str:
    """The two keys' kinds side by side: rows the first, columns the second."""
    ids = sorted(second)
    table = pd.crosstab(
        pd.Series([first[i][1].kind for i in ids], name="first"),
        pd.Series([second[i].kind for i in ids], name="second"),
        margins=True,
    )
    order = [k for k in (*KINDS, "All") if k in table.index or k in table.columns]
    return table.reindex(index=order, columns=order, fill_value=0).to_string()


def main() -> int:
    """Read both keys, run the ingest stage if texts are given, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, nargs="+", default=DEFAULT_PAGES)
    parser.add_argument("--second", type=Path, default=SECOND)
    parser.add_argument("--texts", type=Path, nargs="+", help="page texts: also score ingest")
    args = parser.parse_args()
    first = first_labels([p for p in args.pages if p.is_file()])
    second = second_labels(args.second, first)
    print(f"{len(second)} pages annotated twice (of {len(first)} held and fresh pages)\n")
    print(pd.DataFrame(agreement_rows(first, second)).to_string(index=False))
    print("\nkinds: rows the first key, columns the second\n")
    print(key_table(first, second))
    if args.texts:
        from ingest_quality import load_pages

        pages = [p for p in load_pages(args.pages, args.texts) if p["id"] in second]
        for with_urls in (False, True):
            frame = predict(pages, with_urls=with_urls)
            read = frame.dropna(subset=["kind"])
            kinds = dict(zip(read["id"].astype(str), read["kind"].astype(str), strict=True))
            title = "texts + url in metadata.csv" if with_urls else "texts alone"
            print(f"\n## ingest kinds, {title}\n")
            print(pd.DataFrame(pipeline_rows(first, second, kinds)).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
