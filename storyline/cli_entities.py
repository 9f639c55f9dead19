"""Entity commands of the command line: list, profile, merge, split, judgements."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from storyline.judge import judge, remove_judgement
from storyline.query.entities import entities, lookup, summary
from storyline.resolve.entities import Entity
from storyline.settings import Settings
from storyline.store import open_store

out = Console()
err = Console(stderr=True)
DbOption = Annotated[str | None, typer.Option("--db", help="knowledge base file [STORYLINE_DB]")]
JsonOption = Annotated[bool, typer.Option("--json", help="JSON instead of tables")]
AuthorOption = Annotated[str | None, typer.Option(help="who decides (default: login name)")]
NoteOption = Annotated[str, typer.Option(help="why, in a few words")]


def entities_command(
    settings: Settings,
    kind: str | None = None,
    limit: int = 50,
    as_json: bool = False,
) -> None:
    """List entities, the most mentioned first."""
    store = open_store(settings.db)
    try:
        found = [e for e in entities(store) if kind is None or e.type == kind.upper()]
    finally:
        store.close()
    rows = [summary(e) for e in found[:limit]]
    if as_json:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    table = Table("id", "type", "name", "mentions", "documents", "aliases")
    for row in rows:
        aliases = ", ".join(a["text"] for a in row["aliases"][:6])  # type: ignore[index]
        table.add_row(
            *(str(row[c]) for c in ("id", "type", "name", "mentions", "documents")), aliases
        )
    out.print(table)


def profile(entity: Entity) -> dict[str, object]:
    """The profile `storyline entity` prints: aliases with counts, documents, reasons."""
    return summary(entity) | {
        "aliases": [
            {"text": a.text, "count": a.count, "docs": list(a.docs), "why": a.reason}
            for a in entity.aliases
        ],
        "titles": sorted({t for item in entity.items for t in item.titles}),
    }


def entity_command(settings: Settings, name: str, as_json: bool = False) -> None:
    """Print one entity's profile."""
    store = open_store(settings.db)
    try:
        entity = lookup(store, name)
    finally:
        store.close()
    data = profile(entity)
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        return
    out.print(f"[bold]{entity.name}[/bold]  {entity.type}  {entity.id}")
    out.print(f"{data['mentions']} mentions in {data['documents']} documents")
    if data["titles"]:
        out.print("titles: " + "; ".join(data["titles"]))  # type: ignore[arg-type]
    table = Table("alias", "count", "documents", "why")
    for alias in entity.aliases:
        table.add_row(
            alias.text, str(alias.count), " ".join(d[:12] for d in alias.docs), alias.reason
        )
    out.print(table)


def judgement_command(
    settings: Settings, kind: str, a: str, b: str, author: str | None, note: str
) -> None:
    """Record a merge or split and resolve again."""
    store = open_store(settings.db)
    try:
        report = judge(store, kind, a, b, author=author, note=note)
    finally:
        store.close()
    j = report.judgement
    err.print(
        f"recorded judgement {j.id}: {j.kind} {a!r} / {b!r} by {j.author}; "
        f"{report.resolved.entities} entities now"
    )


def judgements_command(settings: Settings, remove: int | None, as_json: bool) -> None:
    """List judgements, or remove one and resolve again."""
    store = open_store(settings.db)
    try:
        if remove is not None:
            report = remove_judgement(store, remove)
            err.print(f"removed judgement {remove}; {report.entities} entities now")
            return
        rows = [
            {"id": j.id, "kind": j.kind, "author": j.author, "created": j.created,
             "left": len(j.left), "right": len(j.right), "note": j.note}
            for j in store.judgements()
        ]  # fmt: skip
    finally:
        store.close()
    if as_json:
        for row in rows:
            sys.stdout.write(json.dumps(row) + "\n")
        return
    table = Table("id", "kind", "author", "created", "left", "right", "note")
    for row in rows:
        table.add_row(*(str(v) for v in row.values()))
    out.print(table)
