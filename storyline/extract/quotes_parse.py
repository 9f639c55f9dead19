"""Offset lookups over a context's parsed pieces: the token at a character, quoted ranges.

Every lookup is a binary search, so a document of many pieces or a sentence of thousands
of tokens costs a logarithm per question, never a scan.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from storyline.extract.context import DocContext, MentionRow

# How far before an offset a mention may start and still cover it (names are short).
LOOK_BACK = 8


class Parsed:
    """The parsed pieces of one document, found by character offset."""

    def __init__(self, ctx: DocContext) -> None:
        self.parts = ctx.parts
        self._bases = [base for _, base in ctx.parts]
        # Doc.text joins every token anew on each call: its length is taken once here.
        self._ends = [base + len(doc.text) for doc, base in ctx.parts]

    def _piece(self, offset: int) -> int:
        """The number of the piece holding ``offset``; -1 when none does."""
        index = bisect.bisect_right(self._bases, offset) - 1
        if index < 0 or offset >= self._ends[index]:
            return -1
        return index

    def token(self, offset: int) -> tuple[Token, int] | None:
        """The token that starts at or covers ``offset`` (a space: the token before it)."""
        index = self._piece(offset)
        if index < 0:
            return None
        doc, base = self.parts[index]
        at = _index(doc, offset - base, self._ends[index] - base)
        return (doc[at], base) if at < len(doc) else None

    def tokens(self, start: int, end: int) -> Iterator[tuple[Token, int]]:
        """Tokens starting in ``[start, end)`` with their piece's base offset, in text order."""
        first_piece = max(0, bisect.bisect_right(self._bases, start) - 1)
        for index in range(first_piece, len(self.parts)):
            doc, base = self.parts[index]
            if base >= end:
                return
            first = _index(doc, start - base, self._ends[index] - base) if start > base else 0
            for token in doc[first:]:
                if token.idx + base >= end:
                    return
                if token.idx + base >= start:
                    yield token, base

    def tokens_before(self, end: int, start: int) -> Iterator[tuple[Token, int]]:
        """Tokens starting in ``[start, end)``, from the last one backwards."""
        index = bisect.bisect_right(self._bases, max(end - 1, 0)) - 1
        while index >= 0:
            doc, base = self.parts[index]
            last = min(_index(doc, end - base, self._ends[index] - base), len(doc) - 1)
            for i in range(last, -1, -1):
                if doc[i].idx + base < start:
                    return
                if doc[i].idx + base < end:
                    yield doc[i], base
            index -= 1


def _index(doc: Doc, local: int, size: int) -> int:
    """The index of the token covering character ``local`` of ``doc`` (len(doc) past the end);
    ``size`` is the length of the doc's text."""
    if local >= size:
        return len(doc)
    span = doc.char_span(max(local, 0), max(local, 0) + 1, alignment_mode="expand")
    return span.start if span is not None else 0


class Ranges:
    """Disjoint character ranges (the quoted stretches), asked whether they hold an offset."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self._ranges = sorted(ranges)
        self._starts = [start for start, _ in self._ranges]

    def holds(self, offset: int) -> bool:
        index = bisect.bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._ranges[index][1]

    def covered(self, start: int, end: int) -> int:
        """How many characters of ``[start, end)`` lie in the ranges."""
        index = max(0, bisect.bisect_right(self._starts, start) - 1)
        total = 0
        for low, high in self._ranges[index:]:
            if low >= end:
                break
            total += max(0, min(end, high) - max(start, low))
        return total


class Lines:
    """The line breaks of a text: paragraph bounds by binary search, never by a scan."""

    def __init__(self, text: str) -> None:
        self.size = len(text)
        self._breaks = [m.start() for m in re.finditer("\n", text)]

    def start(self, offset: int) -> int:
        """Where the paragraph holding ``offset`` starts (just after the break before it)."""
        index = bisect.bisect_left(self._breaks, offset) - 1
        return self._breaks[index] + 1 if index >= 0 else 0

    def end(self, offset: int) -> int:
        """Where the paragraph holding ``offset`` ends (its line break, or the text's end)."""
        index = bisect.bisect_left(self._breaks, offset)
        return self._breaks[index] if index < len(self._breaks) else self.size

    def same(self, a: int, b: int) -> bool:
        """No line break between offsets ``a`` and ``b``."""
        low, high = sorted((a, b))
        return bisect.bisect_left(self._breaks, low) == bisect.bisect_left(self._breaks, high)


class Mentions:
    """A context's mentions by offset, without copying the list on each question."""

    def __init__(self, ctx: DocContext) -> None:
        self.rows = ctx.mentions
        self._starts = [m.ref.start for m in ctx.mentions]

    def over(self, start: int, end: int) -> MentionRow | None:
        """The mention that overlaps ``[start, end)`` most (as ``DocContext.mention_over``)."""
        best, overlap = None, 0
        index = max(0, bisect.bisect_right(self._starts, start) - LOOK_BACK)
        while index < len(self.rows) and self.rows[index].ref.start < end:
            row = self.rows[index]
            shared = min(end, row.ref.end) - max(start, row.ref.start)
            if shared > overlap:
                best, overlap = row, shared
            index += 1
        return best

    def inside(self, start: int, end: int) -> list[MentionRow]:
        """Mentions lying wholly inside ``[start, end)``, in text order."""
        out = []
        index = bisect.bisect_left(self._starts, start)
        while index < len(self.rows) and self.rows[index].ref.start < end:
            if self.rows[index].ref.end <= end:
                out.append(self.rows[index])
            index += 1
        return out


@dataclasses.dataclass(frozen=True)
class Where:
    """The lookups of one document that every step of quote extraction shares."""

    parsed: Parsed
    quoted: Ranges  # quoted stretches, marks included
    lines: Lines
    mentions: Mentions
