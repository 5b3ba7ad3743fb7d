"""Stage ``report``: the reporting team's HTML page, built from every stage's outputs.

Writes ``<out>/index.html`` (self-contained: styles and plotly.js inline, so it opens
offline from disk) and ``<out>/data/<name>.csv`` for every chart and table it links.
The same outputs give the same bytes: no timestamps, sorted rows, fixed chart ids.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

from corpus_mining.config import Params
from corpus_mining.errors import ParamsError, StageError
from corpus_mining.io import atomic_path, atomic_text, read_csv
from corpus_mining.nlp.lexicon import load_lexicon
from corpus_mining.report import Report, ReportInputs, build_report
from corpus_mining.schemas import (
    MANIFEST,
    TREND_ACTOR_FAMILIES,
    TREND_ACTOR_VOCABULARY,
    TREND_ACTORS,
    TREND_CONCEPT_TESTS,
    TREND_CONCEPTS,
    TREND_EMERGING_FADING,
    TREND_FAMILIES,
    TREND_LINEAGE_PASSAGES,
    TREND_SPECIFICITIES,
    TREND_TOPIC_LINEAGES,
    TREND_TOPICS,
    TableSchema,
)

log = logging.getLogger(__name__)

CSV_ENCODING = "utf-8-sig"  # with a BOM, so spreadsheet software keeps the accents
PASSAGE_COLUMNS = ["passage_id", "doc_id", "position", "char_start", "char_end", "lang", "text"]


def _need(path: Path) -> Path:
    if not path.exists():
        raise StageError(f"{path}: not found; run the stages before the report (dvc repro)")
    return path


def _parquet(path: Path, columns: Sequence[str] | None = None) -> pd.DataFrame:
    table = pq.read_table(_need(path), columns=list(columns) if columns else None)
    frame: pd.DataFrame = table.to_pandas()
    return frame


def _csv(spec: TableSchema, path: Path) -> pd.DataFrame:
    """A CSV table read through its schema ("NA" or "null" may be real terms)."""
    frame: pd.DataFrame = read_csv(spec, _need(path)).to_pandas()
    return frame


def _trend(spec: TableSchema, params: Params) -> pd.DataFrame:
    return _csv(spec, params.paths.trends / spec.file)


def _json(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _lexicon(params: Params) -> tuple[dict[str, dict[str, str]], tuple[str, ...]]:
    lexicon = load_lexicon(params.paths.lexicon, missing_ok=True)
    family = params.evolution.plot_family
    if not lexicon.families:  # no lexicon.yaml: no concept family to draw
        return {}, ()
    if family not in lexicon.families:
        known = ", ".join(sorted(lexicon.families))
        raise ParamsError(f"evolution.plot_family: {family!r} is not a lexicon family ({known})")
    labels = {cid: dict(c.label) for cid, c in lexicon.concepts.items()}
    return labels, tuple(lexicon.families[family])


def read_inputs(params: Params) -> ReportInputs:
    """Read every table the report draws on, from the paths in ``params.paths``."""
    paths = params.paths
    labels, members = _lexicon(params)
    documents = pq.read_schema(_need(paths.documents)).names
    return ReportInputs(
        documents=_parquet(paths.documents, [c for c in documents if c != "text"]),
        passages=_parquet(paths.passages, PASSAGE_COLUMNS),
        manifest=_csv(MANIFEST, paths.manifest),
        topics=_parquet(paths.topics),
        topic_passages=_parquet(paths.topic_passages),
        topics_per_class=_parquet(paths.topics_per_class),
        entities=_parquet(paths.entities),
        cooccurrence=_parquet(paths.cooccurrence),
        families=_trend(TREND_FAMILIES, params),
        concept_trends=_trend(TREND_CONCEPTS, params),
        concept_tests=_trend(TREND_CONCEPT_TESTS, params),
        topic_trends=_trend(TREND_TOPICS, params),
        actor_trends=_trend(TREND_ACTORS, params),
        specificities=_trend(TREND_SPECIFICITIES, params),
        emerging_fading=_trend(TREND_EMERGING_FADING, params),
        concept_labels=labels,
        family=params.evolution.plot_family,
        family_members=members,
        topic_metrics=_json(paths.topics_metrics),
        topic_lineages=_trend(TREND_TOPIC_LINEAGES, params),
        lineage_passages=_trend(TREND_LINEAGE_PASSAGES, params),
        lineage_metrics=_json(paths.evolution_metrics).get("topic_lineages", {}),
        actor_vocabulary=_trend(TREND_ACTOR_VOCABULARY, params),
        actor_families=_trend(TREND_ACTOR_FAMILIES, params),
        alpha=params.evolution.alpha,
    )


def write_report(report: Report, out: Path) -> None:
    """Write ``index.html`` and ``data/*.csv`` under ``out``; drop CSVs no longer produced."""
    data_dir = out / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    for stale in sorted(data_dir.glob("*.csv")):
        if stale.stem not in report.data:
            stale.unlink()
    for name, frame in report.data.items():
        with atomic_path(data_dir / f"{name}.csv") as tmp:
            frame.to_csv(
                tmp, index=False, encoding=CSV_ENCODING, lineterminator="\n", float_format="%.6g"
            )
    with atomic_text(out / "index.html") as handle:
        handle.write(report.html)


def run_report(params: Params, out: Path | None = None) -> dict[str, Any]:
    """Run the stage with ``params``, writing under ``out``; return its metrics."""
    target = params.paths.report if out is None else out
    inputs = read_inputs(params)
    report = build_report(inputs)
    write_report(report, target)
    log.info("report written to %s", target / "index.html")
    return {
        "report": str(target / "index.html"),
        "sections": list(report.sections),
        "charts": len(report.chart_ids),
        "data_files": len(report.data),
        "documents": int(inputs.documents["duplicate_of"].isna().sum()),
        "topics": int((inputs.topics["topic_id"] != -1).sum()),
    }
