"""How far two annotators of the real-page development set agree, and the pipeline beside them.

A score against one annotator's answer key is bounded by how well a second careful
annotator, reading the same pages with the same guide (``devset/README.md``), would agree
with it. ``benchmarks/devset/second/*.jsonl`` holds a second, independent annotation of
some pages (id, organisations, people; facts only, written without seeing the first
annotation or any system output). This prints, per split and language, on the pages both
annotated:

- agreement: the second annotation scored against the first (P, R, F1 on distinct surface
  forms per page, as ``devset_quality.py`` scores the pipeline; F1 is symmetric);
- with ``--texts``, the pipeline (gazetteer on) against the first annotator, against the
  second, and against the names both wrote ("agreed": recall on names both annotators
  listed, precision where a name either annotator listed counts as right).

Figures, not pass/fail; only counts, never a page's strings.

Example:
    .venv/bin/python benchmarks/annotator_agreement.py --texts /tmp/devset_texts
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from devset_quality import (  # noqa: E402
    SPLITS,
    Page,
    Predictions,
    Score,
    _cell,
    load_devset,
    pipeline_predictions,
    score_page,
    surface_key,
)

DEVSET = ROOT / "benchmarks" / "devset"


def load_second(folder: Path, first: Sequence[Page]) -> list[Page]:
    """The second annotation of ``folder/*.jsonl``, with each page's language and split."""
    known = {page.id: page for page in first}
    pages = []
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            raw = json.loads(line)
            if raw.get("id") not in known:
                raise ValueError(f"{path.name}:{number}: page {raw.get('id')!r} not in the devset")
            names = {
                "ORG": tuple(item["text"] for item in raw["organisations"]),
                "PER": tuple(item["text"] for item in raw["people"]),
            }
            pages.append(replace(known[raw["id"]], names=names))
    return pages


def agreed(first: Page, second: Page, label: str) -> tuple[set[str], set[str]]:
    """The forms of ``label`` both annotators wrote, and those either wrote."""
    one = {surface_key(t) for t in first.names[label]} - {""}
    two = {surface_key(t) for t in second.names[label]} - {""}
    return one & two, one | two


def lenient_score(predicted: set[str], first: Page, second: Page, label: str) -> Score:
    """A prediction is right when either annotator wrote it; a miss is a name both wrote."""
    both, either = agreed(first, second, label)
    return Score(len(predicted & either), len(predicted - either), len(both - predicted))


def report(first: Sequence[Page], second: Sequence[Page], pred: Predictions | None) -> str:
    """Agreement, and the pipeline against each annotation, per split and language."""
    by_id = {page.id: page for page in first}
    columns = ["second vs first"]
    if pred is not None:
        columns += ["pipeline vs first", "pipeline vs second", "pipeline vs agreed"]
    lines = [f"{len(second)} pages annotated twice", ""]
    for label, title in (("ORG", "Organisations"), ("PER", "People")):
        lines += [title, f"{'':16}" + "".join(f"{c:>30}" for c in columns)]
        groups = [
            (f"{split} {lang}", [p for p in second if p.split == split and p.lang == lang])
            for split in SPLITS
            for lang in ("en", "fr")
        ] + [("all", list(second))]
        for name, group in groups:
            if not group:
                continue
            scores = [Score() for _ in columns]
            for two in group:
                one = by_id[two.id]
                scores[0] += score_page(two.names[label], one.names[label])
                if pred is not None:
                    found = set(pred.of(two.id, label))
                    scores[1] += score_page(found, one.names[label])
                    scores[2] += score_page(found, two.names[label])
                    scores[3] += lenient_score(found, one, two, label)
            lines.append(f"{name + f' ({len(group)})':16}" + "".join(map(_cell, scores)))
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    """Read both annotations, run the pipeline if texts are given, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--second", type=Path, default=DEVSET / "second")
    parser.add_argument("--texts", type=Path, help="page texts: also score the pipeline")
    args = parser.parse_args()
    first = load_devset(args.devset)
    second = load_second(args.second, first)
    if not second:
        print(f"no second annotation in {args.second}/*.jsonl")
        return 2
    pred = None
    if args.texts is not None:
        pages = [page for page in first if page.id in {p.id for p in second}]
        pred = pipeline_predictions(pages, args.texts, gazetteer=True)
    print(report(first, second, pred))
    return 0


if __name__ == "__main__":
    sys.exit(main())
