"""The command line: a thin Typer shell where each command calls one library function."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from storyline import __version__, cli_ask, cli_entities, cli_search, cli_story, cli_web
from storyline.build import BuildReport
from storyline.engine import run_build
from storyline.errors import StorylineError
from storyline.export import EXPORTERS, export
from storyline.model import Document
from storyline.settings import Settings, load_settings
from storyline.store import Store, open_store

app = typer.Typer(
    help="storyline: a sourced knowledge base from a pile of news articles.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="knowledge base: a SQLite file or postgresql://... [STORYLINE_DB]"),
]


class _State:
    config: Path | None = None
    debug: bool = False


@app.callback()
def main_options(
    config: Annotated[
        Path | None, typer.Option(help="settings file (default ./storyline.toml)")
    ] = None,
    debug: Annotated[bool, typer.Option(help="show tracebacks")] = False,
    version: Annotated[bool, typer.Option("--version", help="print the version")] = False,
) -> None:
    if version:
        out.print(f"storyline {__version__}")
        raise typer.Exit()
    _State.config, _State.debug = config, debug


def settings_for(**flags: object) -> Settings:
    return load_settings(flags, config=_State.config)


@contextmanager
def opened(settings: Settings) -> Iterator[Store]:
    store = open_store(settings.db)
    try:
        yield store
    finally:
        store.close()


@app.command("build")
def build_command(
    paths: Annotated[list[str], typer.Argument(help="files, folders (recursive) or globs")],
    db: DbOption = None,
    batch_size: Annotated[int | None, typer.Option(help="documents per transaction")] = None,
    max_file_mb: Annotated[float | None, typer.Option(help="refuse larger files")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar")] = False,
    analyse: Annotated[bool, typer.Option(help="run the analysis stage after ingesting")] = True,
    n_process: Annotated[int | None, typer.Option(help="processes for the analysis")] = None,
    engine: Annotated[str | None, typer.Option(help="local or spark [local]")] = None,
    master: Annotated[str | None, typer.Option(help="Spark master [local[2]]")] = None,
    spark_dir: Annotated[str | None, typer.Option(help="Spark work folder (kept)")] = None,
    resolve: Annotated[
        str | None, typer.Option(help="entity resolution: auto, full or incremental [auto]")
    ] = None,
) -> None:
    """Ingest articles and analyse them (incremental: only new or changed work is done)."""
    settings = settings_for(
        db=db,
        batch_size=batch_size,
        max_file_mb=max_file_mb,
        analyse=None if analyse else False,
        n_process=n_process,
        engine=engine,
        spark_master=master,
        spark_dir=spark_dir,
        resolve_mode=resolve,
    )
    with opened(settings) as store, _progress(quiet) as progress:
        task = progress.add_task("ingesting", total=None)
        stage = progress.add_task("analysing", total=None, visible=False)
        report = run_build(
            paths,
            store,
            settings,
            on_start=lambda n: progress.update(task, total=n),
            on_file=lambda path: progress.update(task, advance=1, description=path.name[:40]),
            on_analysis=lambda n: progress.update(stage, total=n, visible=True),
            on_analysed=lambda: progress.update(stage, advance=1),
        )
    print_summary(report)
    raise typer.Exit(report.exit_code())


def _progress(quiet: bool) -> Progress:
    return Progress(
        TextColumn("{task.description:<40}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=quiet or not err.is_terminal,
    )


def print_summary(report: BuildReport) -> None:
    counts = report.counts()
    err.print(
        ", ".join(f"{n} {status}" for status, n in counts.items())
        + f"; {report.analysed} analysed"
        + (f"; {report.entities} entities" if report.entities is not None else "")
        + (f" ({report.resolution})" if report.resolution else "")
    )
    failures = report.failures()
    if failures:
        table = Table("source", "code", "reason", title="failed", title_justify="left")
        for outcome in failures:
            table.add_row(outcome.key, outcome.code, outcome.reason)
        err.print(table)


@app.command("export")
def export_command(
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="json or csv")] = "json",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="file or folder")] = None,
) -> None:
    """Write the knowledge base in an exchange format (to standard output by default)."""
    settings = settings_for(db=db)
    with opened(settings) as store:
        if output is None:
            export(store, fmt, sys.stdout)
            return
        EXPORTERS.get(fmt)  # fail on a bad format before creating any file
        target = output / f"documents.{fmt}" if output.is_dir() else output
        with target.open("w", encoding="utf-8", newline="") as handle:
            export(store, fmt, handle)
    err.print(f"wrote {target}")


JsonOption = Annotated[bool, typer.Option("--json", help="JSON lines instead of a table")]


@app.command("documents")
def documents_command(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List the current documents with their outlet, date and size."""
    settings = settings_for(db=db)
    with opened(settings) as store:
        rows = [document_row(doc) for doc in store.documents()]
    print_rows(rows, as_json, ("id", "published", "publisher", "title", "words", "cuts"))


def document_row(doc: Document) -> dict[str, object]:
    pub = doc.meta.published
    shown = pub.value or "?"
    return {
        "id": doc.id,
        "published": f"~{shown}" if pub.precision == "range" else shown,
        "publisher": doc.meta.publisher,
        "title": doc.meta.title,
        "words": len(doc.text.split()),
        "cuts": len(doc.removed),
        "path": doc.path,
    }


@app.command("sources")
def sources_command(
    db: DbOption = None,
    failed: Annotated[bool, typer.Option("--failed", help="only failed sources")] = False,
    as_json: JsonOption = False,
) -> None:
    """List every source with the outcome of its latest build and the reason."""
    settings = settings_for(db=db)
    with opened(settings) as store:
        rows = [
            dataclasses.asdict(row)
            for row in store.sources()
            if not failed or row.status == "failed"
        ]
    print_rows(rows, as_json, ("key", "status", "code", "reason"))


def print_rows(rows: list[dict[str, object]], as_json: bool, columns: tuple[str, ...]) -> None:
    """JSON lines for pipes and scripts, or a table for people."""
    if as_json:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    table = Table(*columns)
    for row in rows:
        table.add_row(*("" if row[c] is None else str(row[c]) for c in columns))
    out.print(table)


@app.command("entities")
def entities_command(
    db: DbOption = None,
    kind: Annotated[str | None, typer.Option("--type", help="PERSON, ORG, GPE...")] = None,
    limit: Annotated[int, typer.Option(help="at most this many")] = 50,
    as_json: JsonOption = False,
) -> None:
    """List entities across all documents, the most mentioned first."""
    cli_entities.entities_command(settings_for(db=db), kind, limit, as_json)


@app.command("entity")
def entity_command(
    name: Annotated[str, typer.Argument(help="entity id, name or alias")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """One entity's profile: aliases with counts, their documents, and why each was merged."""
    cli_entities.entity_command(settings_for(db=db), name, as_json)


@app.command("merge")
def merge_command(
    a: Annotated[str, typer.Argument(help="entity id, name or alias")],
    b: Annotated[str, typer.Argument(help="entity id, name or alias")],
    db: DbOption = None,
    author: cli_entities.AuthorOption = None,
    note: cli_entities.NoteOption = "",
) -> None:
    """Record that A and B are one entity; kept through every rebuild."""
    cli_entities.judgement_command(settings_for(db=db), "merge", a, b, author, note)


@app.command("split")
def split_command(
    a: Annotated[str, typer.Argument(help="entity id, name or alias")],
    b: Annotated[str, typer.Argument(help="entity id, name or alias")],
    db: DbOption = None,
    author: cli_entities.AuthorOption = None,
    note: cli_entities.NoteOption = "",
) -> None:
    """Record that A and B are never one entity; kept through every rebuild."""
    cli_entities.judgement_command(settings_for(db=db), "split", a, b, author, note)


@app.command("judgements")
def judgements_command(
    db: DbOption = None,
    remove: Annotated[int | None, typer.Option(help="remove the judgement with this id")] = None,
    as_json: JsonOption = False,
) -> None:
    """List the recorded merge and split judgements, or remove one."""
    cli_entities.judgements_command(settings_for(db=db), remove, as_json)


@app.command("timeline")
def timeline_command(
    db: DbOption = None,
    entity: Annotated[str | None, typer.Option(help="only events of this entity")] = None,
    start: Annotated[str | None, typer.Option("--from", help="ISO date: 2010, 2010-05")] = None,
    end: Annotated[str | None, typer.Option("--to", help="ISO date: 2010, 2010-05-08")] = None,
    outlet: Annotated[str | None, typer.Option(help="only events this outlet reports")] = None,
    as_json: JsonOption = False,
) -> None:
    """The story's events in date order, with their sources and conflicting dates."""
    cli_story.timeline_command(settings_for(db=db), entity, start, end, outlet, as_json)


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help="words to search for")],
    db: DbOption = None,
    outlet: Annotated[str | None, typer.Option(help="only this outlet (publisher)")] = None,
    start: Annotated[str | None, typer.Option("--from", help="published on or after")] = None,
    end: Annotated[str | None, typer.Option("--to", help="published on or before")] = None,
    entity: Annotated[str | None, typer.Option(help="only passages naming this entity")] = None,
    doc: Annotated[str | None, typer.Option(help="only this document id")] = None,
    limit: Annotated[int, typer.Option(help="at most this many passages")] = 10,
    as_json: JsonOption = False,
) -> None:
    """Find passages by words; other spellings of the names in the query are searched too."""
    options = cli_search.SearchOptions(outlet, start, end, entity, doc, limit)
    cli_search.search_command(settings_for(db=db), query, options, as_json)


@app.command("conflicts")
def conflicts_command(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Where outlets disagree: every value with its citation, never averaged."""
    cli_story.conflicts_command(settings_for(db=db), as_json)


@app.command("ask")
def ask_command(
    question: Annotated[str, typer.Argument(help="a question about the story")],
    db: DbOption = None,
    outlet: Annotated[str | None, typer.Option(help="only articles of this outlet")] = None,
    start: Annotated[str | None, typer.Option("--from", help="published on or after")] = None,
    end: Annotated[str | None, typer.Option("--to", help="published on or before")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object")] = False,
) -> None:
    """Answer from the articles, quoting and citing them, or say that they don't say."""
    cli_ask.ask_command(settings_for(db=db), question, outlet, start, end, as_json)


@app.command("serve")
def serve_command(
    db: DbOption = None,
    host: Annotated[str | None, typer.Option(help="address to listen on [127.0.0.1]")] = None,
    port: Annotated[int | None, typer.Option(help="port to listen on [8000]")] = None,
) -> None:
    """The web UI and REST API (/api/docs) over the knowledge base."""
    cli_web.serve_command(settings_for(db=db, host=host, port=port))


def main() -> None:
    """Entry point: run the app, turning storyline errors into one clear line each."""
    try:
        code = app(standalone_mode=False)
    except StorylineError as exc:
        if _State.debug:
            raise
        err.print(f"[red]error[/red] {exc}")
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        err.print("aborted")
        sys.exit(130)
    except Exception as exc:  # click usage errors and the like
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
