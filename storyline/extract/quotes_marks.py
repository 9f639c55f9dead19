"""Quote marks: which stretches of a text stand between an opening and a closing mark.

One pass over the text, linear in its length. Double marks only: straight ``"``, curly
``“ ”``, low ``„``, guillemets ``« »`` and the ``` `` ''`` pairs of treebank text.
Single marks (``'`` ``‘ ’``) are apostrophes far more often than quotes, so they never
open a quote; inside a double quote they are nested quotes and stay part of its words.

Paragraphs (text between line breaks) bound every quote. News continues a quote over
paragraphs by opening the next paragraph with a mark while leaving the previous one
unclosed: such pieces share a ``group``. A quote that is still open at the end of its
paragraph, with no continuation, is kept **bounded to its paragraph** (``closed`` False):
the words after an opening mark are quoted words, and nothing past the line is taken.
A mark that opens while the same kind of quote is open and does not look like a sloppy
closing mark means the earlier one never closed: the earlier one is dropped, because
where it should have ended cannot be told. Stray closing marks are ignored.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

# Every mark we read, and the line break that ends a paragraph.
MARK = re.compile(r"``|''|[\"“”„«»\n]")
# Opening mark → the marks that close it.
CLOSERS: dict[str, frozenset[str]] = {
    '"': frozenset({'"', "”", "''"}),
    "“": frozenset({"”"}),
    "„": frozenset({"“", "”"}),
    "«": frozenset({"»"}),
    "``": frozenset({"''", '"', "”"}),
}
# Characters after which a straight mark may open a quote (besides spaces).
OPEN_BEFORE = frozenset("([{—–-/:")
NON_SPACE = re.compile(r"\S")
# Punctuation before a closing mark that belongs to the frame, not the words ("…," he said).
TRAILING = ",;:"


@dataclasses.dataclass(frozen=True)
class Marked:
    """Quoted words inside one paragraph, without their marks."""

    start: int  # the first quoted character (spaces after the mark skipped)
    end: int  # just after the last quoted character
    open: int  # where the opening mark starts
    close: int  # where the closing mark ends; the paragraph's end when not closed
    closed: bool
    group: int  # pieces of one quote that runs over paragraphs share a group


@dataclasses.dataclass
class _Open:
    mark: str
    mark_start: int
    content: int  # just after the opening mark
    group: int


class _Scanner:
    """The state of one pass: the quote open now, and a continuation announced."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.current: _Open | None = None
        self.groups = 0
        self.continue_at = -1  # where the mark continuing the last quote stands
        self.continued_group = -1
        self.found: list[Marked] = []

    def feed(self, mark: str, start: int, end: int) -> None:
        if mark == "\n":
            self._paragraph_end(start)
        elif self.current is None:
            if mark in CLOSERS and (mark != '"' or self._looks_opening(start, end)):
                self._open(mark, start, end)
        elif mark in CLOSERS[self.current.mark] and not self._reopens(mark, start, end):
            self._emit(self.current, start, end, closed=True)
            self.current = None
        elif mark == self.current.mark:
            if self._looks_closing(start, end):  # “words“: sloppy, but a close
                self._emit(self.current, start, end, closed=True)
                self.current = None
            else:  # the earlier quote never closed: its extent is unknowable
                self._open(mark, start, end)
        # any other mark inside a quote is a nested quote of another style: words

    def finish(self) -> list[Marked]:
        if self.current is not None:
            self._paragraph_end(len(self.text))
        return self.found

    def _open(self, mark: str, start: int, end: int) -> None:
        if start == self.continue_at:
            group = self.continued_group
        else:
            group = self.groups
            self.groups += 1
        self.current = _Open(mark, start, end, group)

    def _reopens(self, mark: str, start: int, end: int) -> bool:
        """A straight mark that closes nothing but opens: the open quote never closed."""
        return (
            mark == '"' == self.current.mark  # type: ignore[union-attr]
            and self._looks_opening(start, end)
            and not self._looks_closing(start, end)
        )

    def _paragraph_end(self, at: int) -> None:
        current = self.current
        if current is None:
            return
        self.current = None
        self._emit(current, at, at, closed=False)
        following = NON_SPACE.search(self.text, at)
        if following and any(self.text.startswith(m, following.start()) for m in CLOSERS):
            self.continue_at, self.continued_group = following.start(), current.group

    def _emit(self, current: _Open, end: int, mark_end: int, *, closed: bool) -> None:
        start = current.content
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and (self.text[end - 1].isspace() or self.text[end - 1] in TRAILING):
            end -= 1
        if any(ch.isalnum() for ch in self.text[start:end]):
            self.found.append(
                Marked(start, end, current.mark_start, mark_end, closed, current.group)
            )

    def _looks_opening(self, start: int, end: int) -> bool:
        before = self.text[start - 1] if start else " "
        after = self.text[end] if end < len(self.text) else " "
        opens_here = before.isspace() or before in OPEN_BEFORE or start == self.continue_at
        return opens_here and not after.isspace()

    def _looks_closing(self, start: int, end: int) -> bool:
        before = self.text[start - 1] if start else " "
        after = self.text[end] if end < len(self.text) else " "
        return not before.isspace() and (after.isspace() or not after.isalnum())


def scan_quotes(text: str) -> list[Marked]:
    """Every stretch of quoted words in ``text``, in text order."""
    scanner = _Scanner(text)
    for match in MARK.finditer(text):
        scanner.feed(match.group(), match.start(), match.end())
    return scanner.finish()


def groups(found: list[Marked]) -> Iterator[list[Marked]]:
    """The pieces of each quote together (a quote over paragraphs has several)."""
    by_group: dict[int, list[Marked]] = {}
    for piece in found:
        by_group.setdefault(piece.group, []).append(piece)
    yield from sorted(by_group.values(), key=lambda pieces: pieces[0].start)
