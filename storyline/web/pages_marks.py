"""Highlighted article text as tokens: escaped text runs and the marks around them.

The reader never renders article text as HTML. It renders a flat list of tokens: a
text run (escaped by the template), or the opening or closing of one of our own
elements, whose attributes come only from our ids and offsets. Marks may overlap
(a quote holding a name holding a date); they are nested here, a mark that crosses
its parent's end is cut in two, and the highlighted span is never cut.
"""

from __future__ import annotations

import dataclasses
import heapq
import itertools
from collections.abc import Iterable

# What a mark stands for; each has a CSS class ``m-KIND`` and a line in the legend.
KINDS = ("hl", "context", "quote", "claim", "entity", "event", "date")
# Outer before inner when two marks start together and end together.
RANK = {kind: rank for rank, kind in enumerate(KINDS)}


@dataclasses.dataclass(frozen=True)
class Mark:
    """A span of the text to mark: ``href`` makes it a link, ``label`` its tooltip."""

    start: int
    end: int
    kind: str
    href: str | None = None
    label: str = ""
    anchor: str | None = None  # an element id (only the requested highlight has one)


@dataclasses.dataclass(frozen=True)
class Token:
    """A text run (``mark`` is None), or the opening or the closing of ``mark``."""

    text: str = ""
    mark: Mark | None = None
    opening: bool = False

    @property
    def closing(self) -> bool:
        return self.mark is not None and not self.opening


def tokens(text: str, marks: Iterable[Mark]) -> list[Token]:
    """``text`` with ``marks`` nested into well-formed tokens, in text order."""
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    queue = [_entry(m) for m in _cut_at_highlights(valid)]
    heapq.heapify(queue)
    out: list[Token] = []
    stack: list[Mark] = []
    pos = 0
    while queue:
        mark = heapq.heappop(queue)[-1]
        pos = _close_until(text, out, stack, pos, mark.start)
        if stack and mark.end > stack[-1].end:  # crosses its parent: the rest comes later
            heapq.heappush(queue, _entry(dataclasses.replace(mark, start=stack[-1].end)))
            mark = dataclasses.replace(mark, end=stack[-1].end, anchor=None)
        if mark.href and any(m.href for m in stack):  # no link inside a link
            mark = dataclasses.replace(mark, href=None)
        pos = _text(text, out, pos, mark.start)
        out.append(Token(mark=mark, opening=True))
        stack.append(mark)
    pos = _close_until(text, out, stack, pos, len(text) + 1)
    _text(text, out, pos, len(text))
    return out


def _entry(mark: Mark) -> tuple[int, int, int, int, Mark]:
    """Heap order: by start, the longest first, then by kind; ties by identity."""
    return (mark.start, -mark.end, RANK.get(mark.kind, len(RANK)), id(mark), mark)


def _cut_at_highlights(marks: list[Mark]) -> list[Mark]:
    """Marks cut where a highlight starts or ends, so that no mark crosses one."""
    cuts = sorted({p for m in marks if m.kind == "hl" for p in (m.start, m.end)})
    out = []
    for mark in marks:
        if mark.kind == "hl":
            out.append(mark)
            continue
        inner = [p for p in cuts if mark.start < p < mark.end]
        bounds = [mark.start, *inner, mark.end]
        out.extend(dataclasses.replace(mark, start=a, end=b) for a, b in itertools.pairwise(bounds))
    return out


def _close_until(text: str, out: list[Token], stack: list[Mark], pos: int, until: int) -> int:
    """Close every open mark that ends at or before ``until``; the new position."""
    while stack and stack[-1].end <= until:
        mark = stack.pop()
        pos = _text(text, out, pos, mark.end)
        out.append(Token(mark=mark))
    return pos


def _text(text: str, out: list[Token], pos: int, until: int) -> int:
    if until > pos:
        out.append(Token(text=text[pos:until]))
    return max(pos, until)


def parse_span(value: str | None, length: int) -> tuple[int, int] | None:
    """``"120-135"`` → ``(120, 135)`` when it is a non-empty span inside the text."""
    if not value:
        return None
    start, sep, end = value.partition("-")
    if not sep or not start.isdigit() or not end.isdigit():
        return None
    span = (int(start), int(end))
    return span if 0 <= span[0] < span[1] <= length else None
