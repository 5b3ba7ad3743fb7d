"""Throughput of the extract stage next to raw ``nlp.pipe`` of the same models.

Runs ingest on a corpus folder (default: the shipped sample corpus; ``--synthetic N``: N
documents from ``synthetic_corpus.py``) in a temp dir, then:
- raw: ``nlp.pipe`` over the same passages with each language's model, (a) as spaCy
  loads it and (b) without the components the stage excludes (the parser);
- stage: ``run_extract`` wall time minus the time it spends building its pipelines
  (measured separately), so both sides exclude model loading;
- processes: ``run_extract`` wall time (pipeline building included) with
  ``extract.n_process`` 1 and 2, and the speed-up (goal: at least 1.6).
Every stage run starts with an empty per-document cache (``paths.cache``), so each one
computes every document. Prints words/s, the ratio stage/raw (goal: at least 0.8), the
speed-up, and the machine.

Usage: python benchmarks/extract_throughput.py [--corpus corpus/documents | --synthetic N]
       [--seed 42] [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import _scale as S  # noqa: E402
from synthetic_corpus import write_corpus  # noqa: E402

from corpus_mining.config import parse_params  # noqa: E402
from corpus_mining.nlp.models import load_model  # noqa: E402
from corpus_mining.nlp.pipeline import EXCLUDED, build_pipeline  # noqa: E402
from corpus_mining.nlp.registries import full_gazetteer  # noqa: E402
from corpus_mining.stages.extract import run_extract  # noqa: E402
from corpus_mining.stages.ingest import run_ingest  # noqa: E402

PROCESSES = (1, 2)
SPEEDUP_GOAL = 1.6


def _params(work: Path, corpus: Path, n_process: int | None = None) -> object:
    raw = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    for key, value in raw["paths"].items():
        if not value.startswith("corpus/"):  # outputs, models, the cache: all in the temp dir
            raw["paths"][key] = str(work / value)
    raw["paths"]["corpus"] = str(corpus)
    raw["paths"]["metadata"] = str(corpus.parent / "metadata.csv")
    raw["paths"]["lexicon"] = str(ROOT / raw["paths"]["lexicon"])
    raw["paths"]["actors"] = str(ROOT / raw["paths"]["actors"])
    raw["ingest"]["max_skip_ratio"] = 1.0
    if n_process is not None:
        raw["extract"]["n_process"] = n_process
    return parse_params(raw)


def _passages(params: object) -> dict[str, list[str]]:
    rows = pq.read_table(params.paths.passages, columns=["lang", "text"]).to_pylist()  # type: ignore[attr-defined]
    by_lang: dict[str, list[str]] = {}
    for row in rows:
        by_lang.setdefault(row["lang"], []).append(row["text"])
    return by_lang


def _raw_seconds(
    models: dict[str, str], texts: dict[str, list[str]], exclude: tuple[str, ...]
) -> float:
    total = 0.0
    for lang, name in models.items():
        nlp = load_model(name, exclude)
        start = time.perf_counter()
        for _ in nlp.pipe(texts.get(lang, []), batch_size=64):
            pass
        total += time.perf_counter() - start
    return total


def _build_seconds(models: dict[str, str], actors: Path) -> float:
    start = time.perf_counter()
    gazetteer = full_gazetteer(actors)  # as the stage builds it: actors.yaml and registries
    for name in models.values():
        build_pipeline(name, gazetteer)
    return time.perf_counter() - start


def _stage_walls(params: object, repeat: int) -> list[float]:
    """Wall seconds of ``run_extract``, each run with an empty per-document cache."""
    walls = []
    for _ in range(repeat):
        cache = getattr(params.paths, "cache", None)  # type: ignore[attr-defined]
        if cache is not None:
            shutil.rmtree(cache, ignore_errors=True)
        start = time.perf_counter()
        run_extract(params)  # type: ignore[arg-type]
        walls.append(time.perf_counter() - start)
    return walls


def _corpus(args: argparse.Namespace, work: Path) -> tuple[Path, str]:
    """The corpus folder in the temp dir (metadata beside it) and how to name it."""
    corpus = work / "corpus" / "documents"
    if args.synthetic is not None:
        written = write_corpus(corpus.parent, args.synthetic, seed=args.seed)
        return corpus, f"synthetic, {len(written):,} documents, seed {args.seed}"
    shutil.copytree(args.corpus, corpus)
    if (args.corpus.parent / "metadata.csv").is_file():
        shutil.copy(args.corpus.parent / "metadata.csv", corpus.parent / "metadata.csv")
    return corpus, str(args.corpus)


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus" / "documents")
    parser.add_argument("--synthetic", type=int, metavar="N", help="generate N documents instead")
    parser.add_argument("--seed", type=int, default=42, help="seed of --synthetic")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus, corpus_name = _corpus(args, work)
        params = _params(work, corpus)
        run_ingest(params)  # type: ignore[arg-type]
        texts = _passages(params)
        models = {lang: name for lang, name in params.extract.models.items() if lang in texts}  # type: ignore[attr-defined]
        words = sum(len(t.split()) for lang in models for t in texts[lang])
        raw_full = min(_raw_seconds(models, texts, ()) for _ in range(args.repeat))
        raw_same = min(_raw_seconds(models, texts, EXCLUDED) for _ in range(args.repeat))
        build = min(_build_seconds(models, params.paths.actors) for _ in range(args.repeat))  # type: ignore[attr-defined]
        configured = params.extract.n_process  # type: ignore[attr-defined]
        walls = {
            k: _stage_walls(_params(work, corpus, n_process=k), args.repeat)
            for k in sorted({configured, *PROCESSES})
        }
        best = max(min(walls[configured]) - build, 1e-9)
    print(S.machine())
    print(
        f"corpus: {corpus_name} ({words:,} words in {sum(len(texts[lang]) for lang in models)} passages)"
    )
    print(f"raw nlp.pipe, full pipelines:          {words / raw_full:8,.0f} words/s")
    print(f"raw nlp.pipe, without {'/'.join(EXCLUDED)}:   {words / raw_same:8,.0f} words/s")
    print(f"extract stage (pipeline build {build:.1f} s excluded): {words / best:8,.0f} words/s")
    print(
        f"ratio stage / raw full: {raw_full / best:.2f}; stage / raw same components: {raw_same / best:.2f} (goal >= 0.8)"
    )
    one, two = (min(walls[k]) for k in PROCESSES)
    print(
        f"extract.n_process 1: {one:.1f} s ({words / one:,.0f} words/s), 2: {two:.1f} s"
        f" ({words / two:,.0f} words/s), wall with pipeline build: speed-up {one / two:.2f}"
        f" (goal >= {SPEEDUP_GOAL})"
    )


if __name__ == "__main__":
    main()
