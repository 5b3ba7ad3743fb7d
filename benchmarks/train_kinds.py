"""Fit the kind weights, centroids and word model (``src/corpus_mining/ingest/
kind_weights.yaml``, ``kind_centroids.json``, ``kind_words.tsv``) on real pages.

Training data: the development pages of split ``tune`` (never ``held``) whose text is in
one of the ``--texts`` folders, read by the ingest stage exactly as a corpus would be,
plus the short documents written for it in ``benchmarks/kind_examples.yaml``. Features:
``corpus_mining.ingest.kind_features``; ``reads_like:<kind>`` against centroids of the
tune pages' opening vectors (``kind_vectors.py``); ``words_like:<kind>`` from a word model
of the tune pages (``kind_words.py``), out of fold for the pages the weights are fitted
on. Model: multinomial logistic regression with an L2 penalty (scikit-learn, lbfgs).
Classes are unweighted by default (``--class-weight balanced`` weighs them by inverse
frequency). Five-fold CV on the 635 tune pages of stop 24 chose C = 0.3 (75.7%; 74.8% at
C = 1) and a written example counting for 10 pages (75.6% at 5, 74.5% at 20; the short
texts of the tests need the examples' layouts to weigh). Deterministic: same inputs,
same files.

``--cv`` prints the five-fold cross-validated accuracy on the real tune pages (the written
documents always stay in training; each fold's centroids and word model come from its
training pages) for each ``--c`` value, and writes nothing.

Usage: python benchmarks/train_kinds.py [--pages FILE ...] [--texts DIR ...] [--c 0.3]
       [--class-weight none|balanced] [--cv] [--out PATH] [--centroids-out PATH]
       [--words-out PATH]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from ingest_quality import DEFAULT_PAGES, DEFAULT_TEXTS, _params  # noqa: E402

from corpus_mining.ingest.dates import date_from_text  # noqa: E402
from corpus_mining.ingest.document import count_words  # noqa: E402
from corpus_mining.ingest.kind_features import kind_features  # noqa: E402
from corpus_mining.ingest.kind_vectors import (  # noqa: E402
    CENTROIDS_PATH,
    Vectors,
    centroids_json,
    centroids_of,
    opening_vectors,
    reads_like,
)
from corpus_mining.ingest.kind_words import (  # noqa: E402
    WORDS_PATH,
    WordModel,
    fit_word_model,
    words_like,
    words_tsv,
)
from corpus_mining.ingest.kinds import WEIGHTS_PATH  # noqa: E402
from corpus_mining.stages.ingest import run_ingest  # noqa: E402

EXAMPLES = ROOT / "benchmarks" / "kind_examples.yaml"
KINDS = ("report", "interview", "abstract", "news", "institutional", "other")
SEED = 0
CLASS_WEIGHT: str | None = None
# A written example states a pattern on purpose (a speaker's turns, a lone "Publié le"
# line) that real pages show rarely: it counts for this many pages.
EXAMPLE_WEIGHT = 10.0


def tune_pages(files: list[Path], texts: list[Path]) -> list[tuple[dict[str, Any], Path]]:
    """The pages of split tune with a text in one of ``texts``, and that text's path."""
    found = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            page = json.loads(line) if line.strip() else None
            if page is None or page["split"] != "tune":
                continue
            text = next(
                (d / f"{page['id']}.txt" for d in texts if (d / f"{page['id']}.txt").is_file()),
                None,
            )
            if text is not None:
                found.append((page, text))
    return found


def page_documents(pages: list[tuple[dict[str, Any], Path]]) -> pd.DataFrame:
    """The pages as the ingest stage stores them: kind, text, n_words, date_source."""
    with tempfile.TemporaryDirectory() as tmp:
        params = _params(Path(tmp))
        params.paths.corpus.mkdir(parents=True)
        for page, text in pages:
            shutil.copy(text, params.paths.corpus / f"{page['id']}.txt")
        run_ingest(params)
        docs = pd.read_parquet(
            params.paths.documents, columns=["path", "text", "n_words", "date_source"]
        )
    gold = {page["id"]: page["kind"] for page, _ in pages}
    docs["kind"] = docs["path"].str.removesuffix(".txt").map(gold)
    docs["source"] = "page"
    return docs.sort_values("path").reset_index(drop=True)


def example_documents(path: Path = EXAMPLES) -> pd.DataFrame:
    """The written examples, dated by the same rules as the stage."""
    rows = []
    for i, example in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))["examples"]):
        text = example["text"].strip()
        _, date_source = date_from_text(text.split("\n\n"))
        n_words = int(example.get("n_words", count_words(text)))
        rows.append(
            {
                "path": f"example-{i:03d}",
                "text": text,
                "n_words": n_words,
                "date_source": date_source,
                "kind": example["kind"],
                "source": "example",
            }
        )
    return pd.DataFrame(rows)


def text_features(docs: pd.DataFrame) -> pd.DataFrame:
    """One row of named features per document, the reading aside (it depends on the fold)."""
    rows = [
        kind_features(
            text.split("\n\n"),
            int(n_words),
            date_source=date_source,
            reads_like={},
            words_like={},
        )
        for text, n_words, date_source in zip(
            docs["text"], docs["n_words"], docs["date_source"], strict=True
        )
    ]
    return pd.DataFrame(rows).fillna(0.0)


def with_reading(
    text: pd.DataFrame, docs: pd.DataFrame, centroids: Vectors, words: list[dict[str, float]]
) -> pd.DataFrame:
    """``text`` with each document's ``reads_like:<kind>`` against ``centroids``, then its
    ``words_like:<kind>`` (``words``, one row per document).

    The reading columns come last, as in ``kind_features`` (the address flags after them
    are never fitted). ``centroids`` has rows in ``KINDS`` order; the vectors are the
    documents' ``vector`` column.
    """
    reading = reads_like(np.stack(docs["vector"].to_list()), centroids, KINDS)
    return pd.concat(
        [text, pd.DataFrame(reading, index=text.index), pd.DataFrame(words, index=text.index)],
        axis=1,
    )


def word_features(
    docs: pd.DataFrame, fitted: np.ndarray
) -> tuple[list[dict[str, float]], WordModel]:
    """Each document's ``words_like:<kind>``, and the word model fitted on rows ``fitted``.

    The rows ``fitted`` (real pages) get out-of-fold features, from word models fitted on
    the other four fifths of them: a page the word model has read would read too well
    of its own kind, and the weights would trust the words more than they deserve. Every
    other row (written examples, held-out pages of a fold) is read by the model fitted on
    all of ``fitted``.
    """
    from sklearn.model_selection import StratifiedKFold

    texts, kinds = docs["text"].to_numpy(), docs["kind"].to_numpy()
    model = fit_word_model(list(texts[fitted]), list(kinds[fitted]), KINDS, seed=SEED)
    rows = words_like(list(texts), model)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED + 1)
    for train, test in folds.split(fitted, kinds[fitted]):
        inner = fit_word_model(
            list(texts[fitted[train]]), list(kinds[fitted[train]]), KINDS, seed=SEED
        )
        for row, features in zip(
            fitted[test], words_like(list(texts[fitted[test]]), inner), strict=True
        ):
            rows[row] = features
    return rows, model


def page_centroids(docs: pd.DataFrame) -> Vectors:
    """Each kind's centroid over the real pages of ``docs`` (written examples aside)."""
    pages = docs[docs["source"] == "page"]
    return centroids_of(np.stack(pages["vector"].to_list()), pages["kind"].to_list(), KINDS)


def fit(
    features: pd.DataFrame,
    kinds: pd.Series,
    c: float,
    sources: pd.Series,
    *,
    example_weight: float = EXAMPLE_WEIGHT,
    class_weight: str | None = CLASS_WEIGHT,
) -> Any:
    """A seeded multinomial logistic regression; a written example counts ``example_weight`` pages."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, class_weight=class_weight, max_iter=5000, random_state=SEED)
    weights = np.where(sources.to_numpy() == "example", example_weight, 1.0)
    return model.fit(features.to_numpy(), kinds.to_numpy(), sample_weight=weights)


def cross_validate(
    docs: pd.DataFrame,
    text: pd.DataFrame,
    c: float,
    *,
    example_weight: float = EXAMPLE_WEIGHT,
    class_weight: str | None = CLASS_WEIGHT,
) -> float:
    """Five-fold accuracy on the real pages; written examples always stay in training.

    ``text`` holds the documents' features but their reading (``text_features``); each
    fold reads them against the centroids and the word model of its own training pages.
    """
    from sklearn.model_selection import StratifiedKFold

    pages = np.flatnonzero(docs["source"].to_numpy() == "page")
    examples = np.flatnonzero(docs["source"].to_numpy() == "example")
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    right = 0
    for train, test in folds.split(pages, docs["kind"].iloc[pages]):
        words, _ = word_features(docs, pages[train])
        features = with_reading(text, docs, page_centroids(docs.iloc[pages[train]]), words)
        rows = np.concatenate([pages[train], examples])
        model = fit(
            features.iloc[rows],
            docs["kind"].iloc[rows],
            c,
            docs["source"].iloc[rows],
            example_weight=example_weight,
            class_weight=class_weight,
        )
        predicted = model.predict(features.iloc[pages[test]].to_numpy())
        right += int((predicted == docs["kind"].iloc[pages[test]].to_numpy()).sum())
    return right / len(pages)


def weights_yaml(
    model: Any, names: list[str], docs: pd.DataFrame, c: float, class_weight: str | None
) -> str:
    """The fitted model as a readable file: centred weights, one line per feature."""
    order = [list(model.classes_).index(k) for k in KINDS]
    coef = model.coef_[order]
    coef = coef - coef.mean(axis=0)  # the same decisions; a weight now reads against the rest
    bias = model.intercept_[order] - model.intercept_.mean()
    counts = Counter(zip(docs["source"], docs["kind"], strict=True))
    lines = [
        "# Weights of the kind classifier (src/corpus_mining/ingest/kinds.py), written by",
        "# benchmarks/train_kinds.py: do not edit by hand, re-fit. Score of a kind = its bias",
        "# + sum over features of value x weight; the highest score wins. A positive weight",
        "# pulls towards the kind of its column. Columns: " + ", ".join(KINDS) + ".",
        f"# Fitted on {sum(n for (s, _), n in counts.items() if s == 'page')} tune pages and "
        f"{sum(n for (s, _), n in counts.items() if s == 'example')} written examples; C = {c}, "
        f"classes {'weighted ' + class_weight if class_weight else 'unweighted'}.",
        "# Per kind (pages + examples): "
        + ", ".join(f"{k} {counts[('page', k)]}+{counts[('example', k)]}" for k in KINDS),
        f"kinds: [{', '.join(KINDS)}]",
        f"bias: [{', '.join(f'{b:.3f}' for b in bias)}]",
        "weights:",
    ]
    lines += [
        f"  {name}: [{', '.join(f'{w:.3f}' for w in coef[:, j])}]" for j, name in enumerate(names)
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Read pages and examples, then cross-validate or fit and write the weights."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, nargs="+", default=DEFAULT_PAGES)
    parser.add_argument("--texts", type=Path, nargs="+", default=DEFAULT_TEXTS)
    parser.add_argument("--c", type=float, nargs="+", default=[0.3])
    parser.add_argument("--example-weight", type=float, default=EXAMPLE_WEIGHT)
    parser.add_argument("--cv", action="store_true", help="print cross-validated accuracy only")
    parser.add_argument(
        "--class-weight", choices=["balanced", "none"], default=CLASS_WEIGHT or "none"
    )
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    parser.add_argument("--centroids-out", type=Path, default=CENTROIDS_PATH)
    parser.add_argument("--words-out", type=Path, default=WORDS_PATH)
    args = parser.parse_args()
    class_weight = None if args.class_weight == "none" else args.class_weight
    pages = tune_pages(args.pages, args.texts)
    if not pages:
        sys.exit("no tune page with a text: nothing to fit on")
    docs = pd.concat([page_documents(pages), example_documents()], ignore_index=True)
    docs["vector"] = list(opening_vectors(docs["text"].to_list()))
    centroids = page_centroids(docs)
    text = text_features(docs)
    words, word_model = word_features(docs, np.flatnonzero(docs["source"].to_numpy() == "page"))
    features = with_reading(text, docs, centroids, words)
    print(
        f"{len(pages)} tune pages, {int((docs['source'] == 'example').sum())} examples, "
        f"{features.shape[1]} features"
    )
    if args.cv:
        for c in args.c:
            accuracy = cross_validate(
                docs, text, c, example_weight=args.example_weight, class_weight=class_weight
            )
            print(f"C = {c}: cross-validated accuracy on tune pages {accuracy:.1%}")
        return
    model = fit(
        features,
        docs["kind"],
        args.c[0],
        docs["source"],
        example_weight=args.example_weight,
        class_weight=class_weight,
    )
    args.out.write_text(
        weights_yaml(model, list(features.columns), docs, args.c[0], class_weight),
        encoding="utf-8",
    )
    args.centroids_out.write_text(centroids_json(KINDS, centroids), encoding="utf-8")
    args.words_out.write_text(words_tsv(word_model), encoding="utf-8")
    print(f"wrote {args.out}, {args.centroids_out} and {args.words_out}")


if __name__ == "__main__":
    main()
