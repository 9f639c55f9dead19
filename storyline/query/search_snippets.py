"""Snippets: the piece of a passage that shows why it matched, with highlight offsets.

Highlights are (start, end) offsets into the snippet string, never markup, so each
consumer (terminal, HTML page, JSON client) marks them up and escapes the text itself.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection

from storyline.store.index_words import TOKEN, fold

# Longest snippet, in characters: two or three lines of a result list.
SNIPPET_CHARS = 240
# Characters of context kept before the first highlighted word, when there is room.
LEAD_CHARS = 60


def matches(text: str, terms: Collection[str]) -> list[tuple[int, int]]:
    """Offsets of the words of ``text`` whose folded form is one of ``terms``."""
    if text.isascii():  # lower-casing keeps offsets: one regex pass finds every match
        pattern = _ascii_pattern(frozenset(t for t in terms if t.isascii()))
        return [m.span() for m in pattern.finditer(text.lower())] if pattern else []
    return [(m.start(), m.end()) for m in TOKEN.finditer(text) if fold(m.group()) in terms]


@functools.lru_cache(maxsize=256)
def _ascii_pattern(terms: frozenset[str]) -> re.Pattern[str] | None:
    """Whole-word alternatives of ``terms``, longest first (None when there are none)."""
    if not terms:
        return None
    listed = "|".join(re.escape(t) for t in sorted(terms, key=lambda t: (-len(t), t)))
    return re.compile(rf"(?<![^\W_])(?:{listed})(?![^\W_])")


def best_window(found: list[tuple[int, int]], text: str, size: int) -> int:
    """Where a window of ``size`` characters covers the most distinct matched words."""
    best, best_key = 0, (-1, -1)
    for first, (start, _) in enumerate(found):
        inside = [m for m in found[first:] if m[1] <= start + size - LEAD_CHARS]
        key = (len({fold(text[a:b]) for a, b in inside}), len(inside))
        if key > best_key:
            best, best_key = start, key
    return max(0, best - LEAD_CHARS)


def snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Move the window's edges to word boundaries, so no word is shown cut."""
    if start > 0 and not text[start - 1].isspace():
        space = text.find(" ", start, end)
        start = space + 1 if space != -1 else start
    if end < len(text) and not text[end].isspace():
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def snippet(
    text: str, terms: Collection[str], size: int = SNIPPET_CHARS
) -> tuple[int, str, tuple[tuple[int, int], ...]]:
    """(offset of the snippet in ``text``, snippet, highlights inside the snippet)."""
    found = matches(text, terms)
    if len(text) <= size:
        start, end = 0, len(text)
    else:
        origin = best_window(found, text, size) if found else 0
        start, end = snap(text, origin, min(len(text), origin + size))
    shown = tuple((a - start, b - start) for a, b in found if a >= start and b <= end)
    return start, text[start:end], shown
