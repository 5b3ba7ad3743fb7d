"""Whole-process throughput of the extract stage against raw ``nlp.pipe``, in alternating pairs.

``extract_throughput.py`` times both sides inside one Python process and subtracts model
loading; after its first run the models stay loaded, so the stage looks faster than a
user ever sees it. Here each measurement is a fresh process, timed from start to exit:

- stage: ``corpus-mining extract --params <temp params.yaml>`` with an empty per-document
  cache, one process (``extract.n_process: 1``);
- raw: a Python process that loads each language's spaCy model without the components
  the stage excludes (the parser), reads the same passages and runs ``nlp.pipe`` over them.

Both load their models and read the passages, so the ratio raw/stage is what the stage's
own work costs. Runs alternate (stage, raw, stage, raw...) so a change of machine load
hits both; the load average is printed before and after. Each process's CPU time (user +
system, from ``getrusage`` of the children) is printed beside its wall time: on a shared
machine other work stretches wall times by the minute, much less CPU times. Prints each
pair, the median ratios, wall and CPU (goal: at least 0.85), and the machine.

Usage: python benchmarks/extract_process_pairs.py [--corpus corpus/documents |
       --synthetic N] [--pairs 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import _scale as S  # noqa: E402
from extract_throughput import _corpus, _params  # noqa: E402

from corpus_mining.stages.ingest import run_ingest  # noqa: E402

GOAL = 0.85
RAW = """
import sys
import pyarrow.parquet as pq
from corpus_mining.nlp.models import load_model
from corpus_mining.nlp.pipeline import EXCLUDED
rows = pq.read_table(sys.argv[1], columns=["lang", "text"]).to_pylist()
for lang, name in (pair.split("=") for pair in sys.argv[2:]):
    nlp = load_model(name, EXCLUDED)
    for _ in nlp.pipe([r["text"] for r in rows if r["lang"] == lang], batch_size=64):
        pass
"""


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, all threads) of one process, start to exit."""
    start, cpu = time.perf_counter(), _cpu_children()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start, _cpu_children() - cpu


def _write_params(params: object, work: Path) -> Path:
    raw = params.model_dump(mode="json")  # type: ignore[attr-defined]
    raw["extract"]["n_process"] = 1
    path = work / "params.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


def main() -> None:
    """Measure the pairs and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus" / "documents")
    parser.add_argument("--synthetic", type=int, metavar="N", help="generate N documents instead")
    parser.add_argument("--seed", type=int, default=42, help="seed of --synthetic")
    parser.add_argument("--pairs", type=int, default=3)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cli = str(Path(sys.executable).with_name("corpus-mining"))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus, name = _corpus(args, work)
        params = _params(work, corpus)
        run_ingest(params)  # type: ignore[arg-type]
        passages = params.paths.passages  # type: ignore[attr-defined]
        langs = {row["lang"] for row in pq.read_table(passages, columns=["lang"]).to_pylist()}
        models = [f"{lang}={m}" for lang, m in params.extract.models.items() if lang in langs]  # type: ignore[attr-defined]
        words = sum(
            len(t.split()) for t in pq.read_table(passages, columns=["text"])["text"].to_pylist()
        )
        stage_cmd = [cli, "extract", "--params", str(_write_params(params, work))]
        raw_cmd = [sys.executable, "-c", RAW, str(passages), *models]
        cache = params.paths.cache  # type: ignore[attr-defined]
        load_before = os.getloadavg()
        pairs = []
        for _ in range(args.pairs):
            subprocess.run(["rm", "-rf", str(cache)], check=True)
            pairs.append((_timed(stage_cmd, env), _timed(raw_cmd, env)))
        load_after = os.getloadavg()
    print(S.machine())
    print(f"corpus: {name} ({words:,} words); load average before {load_before[0]:.2f}, "
          f"after {load_after[0]:.2f}")  # fmt: skip
    for i, ((stage, stage_cpu), (raw, raw_cpu)) in enumerate(pairs, start=1):
        print(f"pair {i}: stage {stage:6.1f} s ({words / stage:,.0f} words/s), "
              f"raw {raw:6.1f} s ({words / raw:,.0f} words/s), raw/stage {raw / stage:.2f}; "
              f"CPU stage {stage_cpu:6.1f} s, raw {raw_cpu:6.1f} s, "
              f"raw/stage {raw_cpu / stage_cpu:.2f}")  # fmt: skip
    ratio = statistics.median(raw / stage for (stage, _), (raw, _) in pairs)
    cpu = statistics.median(raw / stage for (_, stage), (_, raw) in pairs)
    print(f"median raw/stage, whole processes: wall {ratio:.2f}, CPU {cpu:.2f} (goal >= {GOAL})")


if __name__ == "__main__":
    main()
