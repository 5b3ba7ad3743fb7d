"""The ``corpus-mining`` command: one thin subcommand per pipeline stage.

Each command parses params, calls a plain function, and turns library errors into one
readable line and a non-zero exit status.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from corpus_mining.config import Params, load_params
from corpus_mining.errors import CorpusMiningError

app = typer.Typer(
    help="Reproducible bilingual text mining of reports, interviews and abstracts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def main() -> None:
    """Run a pipeline stage (as dvc.yaml does) or query its outputs."""


ParamsOption = Annotated[
    Path, typer.Option("--params", "-p", help="Parameters file (params.yaml).")
]


def _run(stage: Callable[[Params], dict[str, Any]], params_file: Path) -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        metrics = stage(load_params(params_file))
    except CorpusMiningError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=1) from None
    typer.echo(json.dumps(metrics, sort_keys=True, ensure_ascii=False))


@app.command()
def ingest(params: ParamsOption = Path("params.yaml")) -> None:
    """Read every file under the corpus folder into documents and passages.

    Example: corpus-mining ingest --params params.yaml
    """
    from corpus_mining.stages.ingest import run_ingest

    _run(run_ingest, params)


@app.command()
def extract(params: ParamsOption = Path("params.yaml")) -> None:
    """Find actors, concepts, acronyms and terms in every passage, by language.

    Example: corpus-mining extract --params params.yaml
    """
    from corpus_mining.stages.extract import run_extract

    _run(run_extract, params)


@app.command()
def topics(params: ParamsOption = Path("params.yaml")) -> None:
    """Fit bilingual BERTopic topics over passages, carrying reviewers' labels over.

    Example: corpus-mining topics --params params.yaml
    """
    from corpus_mining.stages.topics import run_topics

    _run(run_topics, params)


@app.command()
def evolution(params: ParamsOption = Path("params.yaml")) -> None:
    """Measure how concepts, terms, topics and actors move over periods, with intervals.

    Example: corpus-mining evolution --params params.yaml
    """
    from corpus_mining.stages.evolution import run_evolution

    _run(run_evolution, params)


@app.command()
def evidence(
    concept: Annotated[str | None, typer.Option(help="Concept id, e.g. HUB.")] = None,
    term: Annotated[str | None, typer.Option(help="Surface term, e.g. 'réseaux'.")] = None,
    period: Annotated[str | None, typer.Option(help="Period label as in outputs/trends.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many passages.")] = 20,
    params: ParamsOption = Path("params.yaml"),
) -> None:
    """Show the passages behind a trend cell (a concept or term in a period).

    Example: corpus-mining evidence --concept HUB --period 2021-2024
    """
    from corpus_mining.evolution.evidence import evidence_passages

    try:
        paths = load_params(params).paths
        rows = evidence_passages(
            paths.concepts,
            paths.passages,
            paths.documents,
            paths.trends / "periods.csv",
            concept=concept,
            term=term,
            period=period,
            limit=limit,
        )
    except CorpusMiningError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=1) from None
    for row in rows:
        typer.echo(
            f"[{row['period']}] {row['title']} ({row['date'] or 'undated'}) {row['passage_id']}"
        )
        typer.echo(f"  matches: {row['matches']} at {row['offsets']}")
        typer.echo(f"  {row['passage']}\n")
    if not rows:
        typer.echo("no passage matches these filters")
