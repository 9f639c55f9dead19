"""Story commands of the command line: the timeline and the conflicts between outlets."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from rich.console import Console
from rich.table import Table

from storyline.query.entities import entities
from storyline.query.story import conflicts, timeline
from storyline.settings import Settings
from storyline.store import Store, open_store

out = Console()


T = TypeVar("T")


def _names(settings: Settings) -> dict[str, str]:
    return _read(settings, lambda store: {e.id: e.name for e in entities(store)})


def _read(settings: Settings, view: Callable[[Store], T]) -> T:
    """A view of the knowledge base, the store closed again whatever happens."""
    store = open_store(settings.db)
    try:
        return view(store)
    finally:
        store.close()


def timeline_command(
    settings: Settings,
    entity: str | None,
    start: str | None,
    end: str | None,
    outlet: str | None,
    as_json: bool,
) -> None:
    """Print the events in date order, each with its sources and conflict mark."""
    found = _read(settings, lambda store: timeline(store, entity, start, end, outlet))
    if as_json:
        _lines(found)
        return
    names = _names(settings)
    table = Table("date", "type", "event", "who", "sources", "")
    for event in found:
        date = event["date"] or "?"
        if event["date_source"] == "reported":
            date = f"by {date}"
        who = ", ".join(names.get(p, "?") for p in event["participants"][:4])
        sources = ", ".join(sorted({m.get("publisher") or m["doc"][:8] for m in event["mentions"]}))
        mark = "dates differ" if event["conflict"] else ""
        table.add_row(date, event["type"], event["text"], who, sources, mark)
    out.print(table)
    out.print(f"{len(found)} events")


def conflicts_command(settings: Settings, as_json: bool) -> None:
    """Print every disagreement with all its values and their citations."""
    found = _read(settings, conflicts)
    if as_json:
        _lines(found)
        return
    names = _names(settings)
    for conflict in found:
        owner = names.get(conflict["subject"], "")
        about = " ".join(x for x in (owner, conflict.get("subject_text") or "") if x)
        out.print(f"[bold]{about}[/bold], {conflict['property']}: sources differ")
        for value in conflict["values"]:
            shown = _shown(value, conflict.get("unit", ""))
            where = value.get("publisher") or value["doc"][:8]
            when = value.get("published") or "undated"
            out.print(f"  {shown}  {where} ({when}): {value.get('text', '')!r}")
    out.print(f"{len(found)} conflicts")


def _shown(value: dict[str, Any], unit: str) -> str:
    """A value as a reader writes it: 1,600,000 USD; 40 or more; 2010-05."""
    number = value.get("value")
    if isinstance(number, float) and value.get("low") == number and value.get("high") is None:
        return f"{number:,.0f} or more"
    if isinstance(number, float):
        text = f"{number:,.0f}" if number == int(number) else f"{number:,}"
        return f"{text} {unit}" if unit not in ("COUNT", "PERCENT", "") else text
    if value.get("low") is not None or value.get("high") is not None:
        return f"{value.get('low')}–{value.get('high')}"
    return str(number if number is not None else "?")


def _lines(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
