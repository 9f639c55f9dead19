"""The search command of the command line: ranked passages as a table or JSON lines."""

from __future__ import annotations

import dataclasses
import json
import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from storyline.query.search import Hit, SearchResult, search
from storyline.settings import Settings
from storyline.store import open_store

out = Console()
err = Console(stderr=True)


@dataclasses.dataclass(frozen=True)
class SearchOptions:
    """The filters and paging of one ``storyline search``."""

    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    entity: str | None = None
    doc: str | None = None
    limit: int = 10


def search_command(settings: Settings, query: str, options: SearchOptions, as_json: bool) -> None:
    """Print the best passages: one JSON object per hit, or a table with highlights."""
    store = open_store(settings.db)
    try:
        result = search(store, query, **dataclasses.asdict(options))
    finally:
        store.close()
    if as_json:
        for hit in result.hits:
            sys.stdout.write(json.dumps(hit.as_dict(), ensure_ascii=False) + "\n")
        return
    print_result(result)


def print_result(result: SearchResult) -> None:
    table = Table("score", "source", "passage", show_lines=True)
    for hit in result.hits:
        table.add_row(f"{hit.score:.2f}", _source(hit), highlighted(hit))
    out.print(table)
    also = f"; also searched: {', '.join(result.expanded)}" if result.expanded else ""
    err.print(f"{len(result.hits)} of {result.total} matching passages{also}")


def _source(hit: Hit) -> Text:
    """Outlet, date and offsets as plain text: outlet names never count as markup."""
    where = hit.publisher or hit.doc[:9]
    when = hit.published or "undated"
    return Text(f"{where}\n{when}\n{hit.doc[:9]} {hit.start}–{hit.end}")


def highlighted(hit: Hit) -> Text:
    """The snippet with its matched words in bold (Text keeps user text free of markup)."""
    text = Text(hit.snippet)
    for start, end in hit.highlights:
        text.stylize("bold yellow", start, end)
    return text
