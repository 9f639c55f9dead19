"""The rule machinery of the TIMEX3 recogniser: what a rule is, what it finds, its context.

A rule is a compiled pattern plus a builder that turns one match into a
``Found`` (type, value, mod) or rejects it. Builders see a ``Context``: the
text, the anchor window and a cheap tense cue, and the helpers here resolve
calendar values against the window so that every builder stays a few lines.
Each rule names its key tokens; ``key_index`` and ``segments`` find where they
occur, so a rule only scans the text near them (long texts stay fast).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable

from storyline.nlp.timex_values import Gran, Window, resolve

FLAGS = re.IGNORECASE

# Words that tell whether a bare "Friday" or "March 12" lies ahead or behind: the cue
# nearest to the expression wins.
_CUES = re.compile(
    r"(?:(?<!\w)|(?='ll))(?:(?P<future>will|won't|'ll|shall|going\s+to|(?:is|are)\s+(?:due\s+)?to|scheduled"
    r"|expects?|expected|plans?|planned|upcoming|intends?|set\s+to|aims?\s+to"
    r"|as\s+(?:soon|early)\s+as|next|tomorrow)|(?P<past>said|was|were|had|did|ago|last|earlier"
    r"|told|came|met|began|went|made|took|gave|held|left|[a-z]{3,}ed))\b",
    FLAGS,
)
_SENTENCE_BREAK = re.compile(r"[.!?\n]\s")
_WORD_TAIL = re.compile(r"\w{0,40}")
_REACH = 100  # characters scanned on each side of a key token: longer than any expression
# Tokens, with numbers classed as years, clock times (8pm, 22:06) and decades (1990s, 90s).
_TOKEN = re.compile(
    r"(?P<year>\b(?:1[0-9]{3}|20[0-9]{2})\b)|(?P<clock>\b[0-9]{1,2}(?=:[0-9])|\b[0-9]{1,2}[ap]m\b)"
    r"|(?P<decade>\b(?:[0-9]{2}){1,2}s\b)|\w+",
    re.IGNORECASE,
)


@dataclasses.dataclass(frozen=True)
class Found:
    """What a rule recognised: TIMEX3 type and value, and how it was obtained."""

    type: str  # DATE, TIME, DURATION or SET
    value: str
    mod: str | None = None
    anchored: bool = False  # the value was computed from the anchor
    clock: str | None = None  # a bare time of day ("T17:00") that may join a nearby date
    years_back: int = 0  # "a year earlier": years before a reporting quarter just mentioned


@dataclasses.dataclass(frozen=True)
class Context:
    """What a builder may look at besides its match."""

    text: str
    window: Window | None

    def direction(self, start: int, end: int) -> int:
        """+1 when the clause around [start, end) speaks of the future, -1 past, 0 unknown.

        The tense cue nearest to the expression in its sentence (80 characters
        before, 60 after at most) decides.
        """
        lo, hi = max(start - 80, self._break_before(start)), min(end + 60, self._break_after(end))
        starts, ends, future = self._cues
        best: tuple[int, bool] | None = None
        before = bisect.bisect_right(ends, start) - 1
        if before >= 0 and starts[before] >= lo:
            best = (start - ends[before], future[before])
        after = bisect.bisect_left(starts, end)
        if after < len(starts) and ends[after] <= hi:
            best = min(best or (hi, False), (starts[after] - end, future[after]))
        return 0 if best is None else (1 if best[1] else -1)

    @functools.cached_property
    def _cues(self) -> tuple[list[int], list[int], list[bool]]:
        """Start, end and future-ness of every tense cue, found once per text."""
        found = list(_CUES.finditer(self.text))
        return (
            [m.start() for m in found],
            [m.end() for m in found],
            [bool(m["future"]) for m in found],
        )

    @functools.cached_property
    def _breaks(self) -> tuple[list[int], list[int]]:
        found = list(_SENTENCE_BREAK.finditer(self.text))
        return [m.start() for m in found], [m.end() for m in found]

    def _break_before(self, at: int) -> int:
        ends = self._breaks[1]
        index = bisect.bisect_right(ends, at) - 1
        return ends[index] if index >= 0 else 0

    def _break_after(self, at: int) -> int:
        starts = self._breaks[0]
        index = bisect.bisect_left(starts, at)
        return starts[index] if index < len(starts) else len(self.text)

    def at(self, move: Callable[[dt.date], dt.date], gran: Gran, kind: str = "DATE") -> Found:
        """A value obtained by moving the anchor window with ``move`` and labelling at ``gran``."""
        value, anchored = resolve(self.window, move, gran)
        return Found(kind, value, anchored=anchored)


Builder = Callable[[re.Match[str], Context], Found | None]


@dataclasses.dataclass(frozen=True)
class Rule:
    """One pattern of the recogniser and the builder of its value."""

    name: str
    pattern: re.Pattern[str]
    build: Builder
    keys: frozenset[str]  # tokens one of which every match contains (see timex_patterns)
    tensed: bool = False  # the value depends on the tense around the match (``direction``)
    contextual: bool = False  # the value depends on other text around the match
    group: str | None = None  # named group that is the extent when it matched (else the match)

    def extent(self, match: re.Match[str]) -> tuple[int, int]:
        """The expression's span: the ``group`` when it took part in the match, else all of it."""
        if self.group and match.group(self.group) is not None:
            return match.span(self.group)
        return match.span()


def rule(
    name: str,
    pattern: str,
    keys: Iterable[str],
    *,
    group: str | None = None,
    tensed: bool = False,
    contextual: bool = False,
) -> Callable[[Builder], Rule]:
    """Decorator: compile ``pattern`` (case-insensitive) into a Rule scanning around ``keys``."""

    def make(build: Builder) -> Rule:
        compiled = re.compile(_fast_start(pattern), FLAGS)
        return Rule(name, compiled, build, frozenset(keys), tensed, contextual, group)

    return make


def _fast_start(pattern: str) -> str:
    """A leading ``\\b`` as ``(?<!\\w)``: same matches (patterns start with a word character
    or a quote) but several times faster to scan, as re then skips mid-word positions cheaply."""
    return "(?<!\\w)" + pattern[2:] if pattern.startswith("\\b") else pattern


def word(match: re.Match[str], name: str) -> str:
    """Group ``name`` lower-cased with inner whitespace collapsed ('' when absent)."""
    found = match.group(name)
    return " ".join(found.lower().split()) if found else ""


def rel_step(rel: str) -> int | None:
    """The step a relative word takes: last → -1, this → 0, next → +1 (None: not relative)."""
    rel = rel.removeprefix("the ").strip()
    for words, step in _REL_STEPS:
        if rel in words:
            return step
    return None


_REL_STEPS: tuple[tuple[frozenset[str], int], ...] = (
    (frozenset({"last", "past", "previous", "prior", "this past", "preceding"}), -1),
    (frozenset({"this", "current", "present", "the", ""}), 0),
    (frozenset({"next", "coming", "this coming", "following", "upcoming"}), 1),
)


def key_index(text: str, keys: frozenset[str]) -> dict[str, list[int]]:
    """Where each key token (see ``timex_patterns``) starts in ``text``, in order."""
    index: dict[str, list[int]] = {}
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        key = f"#{kind}" if kind else match.group().lower()
        if key in keys:
            index.setdefault(key, []).append(match.start())
    return index


def segments(text: str, index: dict[str, list[int]], keys: frozenset[str]) -> list[tuple[int, int]]:
    """Merged windows of text around the occurrences of ``keys``."""
    starts = sorted(start for key in keys for start in index.get(key, ()))
    segments: list[tuple[int, int]] = []
    for start in starts:
        lo, hi = max(0, start - _REACH), min(len(text), start + _REACH)
        if segments and lo <= segments[-1][1]:
            segments[-1] = (segments[-1][0], hi)
        else:
            segments.append((lo, hi))
    return [(lo, _word_end(text, hi)) for lo, hi in segments]


def _word_end(text: str, at: int) -> int:
    """Move ``at`` past the word it cuts, so no pattern sees a word end where there is none."""
    found = _WORD_TAIL.match(text, at)
    return found.end() if found else at
