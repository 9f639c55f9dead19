"""The ask command of the command line: an answer with numbered citations, or JSON."""

from __future__ import annotations

import json
import sys

from rich.console import Console
from rich.markup import escape

from storyline.query.answer import Answer, Citation, ask
from storyline.settings import Settings
from storyline.store import open_store

out = Console()


def ask_command(
    settings: Settings,
    question: str,
    outlet: str | None,
    start: str | None,
    end: str | None,
    as_json: bool,
) -> None:
    """Print the answer to ``question``: sentences with [n] marks, then the sources."""
    store = open_store(settings.db)
    try:
        found = ask(store, question, outlet=outlet, date_from=start, date_to=end)
    finally:
        store.close()
    if as_json:
        sys.stdout.write(json.dumps(found.as_dict(), ensure_ascii=False) + "\n")
        return
    print_answer(found)


def print_answer(found: Answer) -> None:
    if found.abstained:
        out.print(escape(found.answer))
        return
    numbers = {_key(c): n for n, c in enumerate(found.citations, 1)}
    told = [f"{escape(s.text)} {_marks(s.citations, numbers)}" for s in found.sentences]
    out.print(" ".join(told))
    for conflict in found.conflicts:
        out.print(f"[bold]Sources differ[/bold] {_conflict_line(conflict, numbers)}")
    out.print()
    for n, citation in enumerate(found.citations, 1):
        out.print(_source_line(n, citation), soft_wrap=True)


def _key(citation: Citation) -> tuple[str, int, int]:
    return (citation.doc, citation.start, citation.end)


def _marks(citations: tuple[Citation, ...], numbers: dict[tuple[str, int, int], int]) -> str:
    return "".join(f"\\[{numbers[_key(c)]}]" for c in citations)


def _conflict_line(conflict: dict[str, object], numbers: dict[tuple[str, int, int], int]) -> str:
    """``$1.6 million [3][4] vs $2.1 million [5]``: each value with its citations."""
    sides: dict[str, list[str]] = {}
    shown: dict[str, str] = {}
    values = conflict.get("values")
    for value in values if isinstance(values, list) else []:
        cited = value["citation"]
        key = str(value.get("value"))
        shown.setdefault(key, escape(str(value.get("text"))))
        sides.setdefault(key, []).append(
            f"\\[{numbers[(cited['doc'], cited['start'], cited['end'])]}]"
        )
    return " vs ".join(f"{shown[k]} {''.join(dict.fromkeys(m))}" for k, m in sides.items())


def _source_line(n: int, citation: Citation) -> str:
    """``[1] Steppe Courier, 2016-11-09: "Yesterday Kostrava recalled …"``."""
    outlet = citation.publisher or f"document {citation.doc[:8]}"
    when = f", {citation.published}" if citation.published else ""
    quoted = escape(" ".join(citation.text.split()))
    return f"\\[{n}] [bold]{escape(outlet)}[/bold]{escape(when)}: “{quoted}”"
