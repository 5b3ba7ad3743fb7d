"""The ``corpus-mining`` command: one thin subcommand per pipeline stage.

Each command parses params, calls a plain function, and turns library errors into one
readable line and a non-zero exit status.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
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


def entry_point() -> None:
    """The console script: run the command, then leave without tearing native code down.

    Arrow's C++ thread pools can abort a process while the interpreter finalises, after
    every output was written ("terminate called without an active exception", SIGABRT;
    apache/arrow#34314, open): ``dvc repro`` then reports a stage that did its work as
    failed. Seen once here, in the evolution stage of a cold run. Once the command has
    returned (every file a stage writes is closed and moved into place by then), its
    output and logs are flushed and the process leaves with ``os._exit`` and the
    command's exit status, skipping that teardown. ``app`` itself, as tests call it, is
    unchanged.
    """
    try:
        app()
        code = 0
    except SystemExit as done:
        code = _exit_status(done.code)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (``| head``)
            stream.flush()
    logging.shutdown()
    os._exit(code)


def _exit_status(code: object) -> int:
    """The status ``sys.exit(code)`` would give: None is 0, a message is printed and 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


ParamsOption = Annotated[
    Path, typer.Option("--params", "-p", help="Parameters file (params.yaml).")
]


def _run(stage: Callable[[Params], dict[str, Any]], params_file: Path) -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("corpus_mining").setLevel(logging.INFO)  # e.g. what the cache served
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
def topics(
    params: ParamsOption = Path("params.yaml"),
    refit: Annotated[
        bool,
        typer.Option(
            "--refit",
            help="Refit the model even when topics.refit is on_drift and few passages changed.",
        ),
    ] = False,
) -> None:
    """Fit bilingual BERTopic topics over passages, carrying reviewers' labels over.

    With topics.refit: on_drift, new passages are assigned with the kept model while few
    passages changed; --refit fits it again (then `dvc commit topics` records the outputs).

    Example: corpus-mining topics --params params.yaml --refit
    """
    from corpus_mining.stages.topics import run_topics

    _run(lambda loaded: run_topics(loaded, refit=refit), params)


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
    from corpus_mining.schemas import TREND_PERIODS

    try:
        paths = load_params(params).paths
        rows = evidence_passages(
            paths.concepts,
            paths.passages,
            paths.documents,
            paths.trends / TREND_PERIODS.file,
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


@app.command()
def store(params: ParamsOption = Path("params.yaml")) -> None:
    """Build the analysts' DuckDB database from every output table.

    Example: corpus-mining store --params params.yaml
    """
    from corpus_mining.stages.store import run_store

    _run(run_store, params)


@app.command()
def numerics() -> None:
    """Print the shell exports that give other processes this machine's numeric code path.

    For dask workers a batch system starts (see the README): put it in their job
    script, before `dask worker`.

    Example: eval "$(corpus-mining numerics)"
    """
    from corpus_mining.portable_numerics import exports

    print(exports())


@app.command()
def report(params: ParamsOption = Path("params.yaml")) -> None:
    """Write the reporting team's self-contained HTML report (offline, charts with data).

    Example: corpus-mining report --params params.yaml
    """
    from corpus_mining.stages.report import run_report

    _run(run_report, params)


Format = Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")]
Limit = Annotated[int, typer.Option(help="At most this many rows.")]


def _query(build: Callable[[Path], Any], params: Path, fmt: str) -> None:
    """Run a read-only query on the store and print it; errors become one line."""
    from corpus_mining.store.output import render

    try:
        result = build(load_params(params).paths.store)
        typer.echo(render(result, fmt), nl=False)
    except CorpusMiningError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=1) from None


@app.command("entities")
def entities_command(
    label: Annotated[str | None, typer.Option(help="ORG, PER, LOC or MISC.")] = None,
    actor_type: Annotated[
        str | None, typer.Option("--type", help="e.g. sse_network, public_body.")
    ] = None,
    lang: Annotated[str | None, typer.Option(help="Language of the documents, e.g. fr.")] = None,
    kind: Annotated[str | None, typer.Option(help="report, interview or abstract.")] = None,
    year_from: Annotated[int | None, typer.Option("--from", help="First year.")] = None,
    year_to: Annotated[int | None, typer.Option("--to", help="Last year.")] = None,
    min_docs: Annotated[int, typer.Option(help="Mentioned in at least this many documents.")] = 1,
    sort: Annotated[str, typer.Option(help="mentions or docs.")] = "mentions",
    limit: Limit = 50,
    fmt: Format = "table",
    params: ParamsOption = Path("params.yaml"),
) -> None:
    """List actors (organisations, people, places) with their mentions and documents.

    Example: corpus-mining entities --type sse_network --lang fr --from 2015 --min-docs 2
    """
    from corpus_mining.store import query

    _query(
        lambda db: query.entities(
            db,
            label=label,
            actor_type=actor_type,
            lang=lang,
            kind=kind,
            year_from=year_from,
            year_to=year_to,
            min_docs=min_docs,
            sort=sort,
            limit=limit,
        ),
        params,
        fmt,
    )


@app.command("kwic")
def kwic_command(
    term: Annotated[
        str | None, typer.Argument(help="Word or phrase (case and accents ignored).")
    ] = None,
    concept: Annotated[
        str | None, typer.Option(help="Concept id, all languages and inflections, e.g. HUB.")
    ] = None,
    lang: Annotated[str | None, typer.Option(help="Only passages in this language.")] = None,
    width: Annotated[int, typer.Option(help="Characters of context on each side.")] = 60,
    limit: Limit = 50,
    fmt: Format = "table",
    params: ParamsOption = Path("params.yaml"),
) -> None:
    """Concordance: each occurrence in context, with document, date, language and offsets.

    Example: corpus-mining kwic "tiers-lieux" --width 40; corpus-mining kwic --concept HUB
    """
    from corpus_mining.store import query

    _query(
        lambda db: query.kwic(db, term, concept=concept, width=width, lang=lang, limit=limit),
        params,
        fmt,
    )


@app.command("cooccur")
def cooccur_command(
    name: Annotated[str, typer.Argument(help="An actor's name or alias, or a concept id.")],
    limit: Limit = 20,
    fmt: Format = "table",
    params: ParamsOption = Path("params.yaml"),
) -> None:
    """Actors and concepts most associated with an actor or a concept (G2, PMI).

    Example: corpus-mining cooccur "Commission européenne"
    """
    from corpus_mining.store import query

    _query(lambda db: query.cooccur(db, name, limit=limit), params, fmt)


@app.command("sql")
def sql_command(
    statement: Annotated[str, typer.Argument(help="A read-only query (SELECT).")],
    fmt: Format = "table",
    params: ParamsOption = Path("params.yaml"),
) -> None:
    """Run read-only SQL on the store (writes, COPY, ATTACH, LOAD, file access refused).

    Example: corpus-mining sql "SELECT kind, count(*) FROM documents GROUP BY kind"
    """
    from corpus_mining.store import query

    _query(lambda db: query.run_sql(db, statement), params, fmt)
