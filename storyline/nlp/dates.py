"""Time expressions in text as TIMEX3: recognition, normalisation against the publication date.

``find_timexes(text, anchor)`` finds dates, times, durations and sets
("yesterday", "17 April 2010", "three years ago", "every Monday") and gives
each a TIMEX3 value. Relative expressions are resolved against ``anchor``, the
article's publication date, never more precisely than the anchor is known.
The recogniser is registered as the versioned component ``"timex.v2"``.

How it works: every rule (``timex_calendar``, ``timex_periods``, ``timex_holidays``,
``timex_relative``, ``timex_durations``) scans the text near its key tokens;
overlapping candidates are settled longest first; a bare clock time joins an
adjacent day ("5 p.m. Tuesday"); "a year earlier" right after a reporting
quarter becomes that quarter a year before; a modifier just before an
expression ("about", "early", "the end of") joins its extent and sets its ``mod``;
"that year", "April of that year", "the following year" take the year the text named
last (``story_years``), as TimeML resolves them, not the publication year.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable

from storyline.model import DatedValue, Precision
from storyline.nlp.timex_calendar import CALENDAR_RULES
from storyline.nlp.timex_durations import DURATION_RULES
from storyline.nlp.timex_holidays import HOLIDAY_RULES
from storyline.nlp.timex_patterns import MODIFIERS, alternation
from storyline.nlp.timex_periods import PERIOD_RULES
from storyline.nlp.timex_relative import RELATIVE_RULES
from storyline.nlp.timex_rules import Context, Found, Rule, key_index, segments
from storyline.nlp.timex_values import VALUE_RE, window_of
from storyline.registry import Registry

# Earlier rules win ties between candidates of the same length.
RULES: tuple[Rule, ...] = (
    *CALENDAR_RULES,
    *PERIOD_RULES,
    *HOLIDAY_RULES,
    *RELATIVE_RULES,
    *DURATION_RULES,
)

TYPES = ("DATE", "TIME", "DURATION", "SET")

_MODIFIER_ENDS = frozenset(name.split()[-1] for name in MODIFIERS)
_MODIFIER_BEFORE = re.compile(
    rf"(?:^|(?<=\W))(?P<mod>{alternation(MODIFIERS)})(?:\s+|\s*-\s*)$", re.IGNORECASE
)
# Mods that qualify an amount ("about two years"), not a point ("early May").
_MODS_FOR_AMOUNTS = frozenset(
    {"APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS"}
)
# A determiner that TimeML leaves outside the extent: "a [two-year]", "its [third-quarter]".
_DETERMINER = re.compile(
    r"(?:(?:a|an|its|their|his|her|our)\s+(?=\d|(?:one|two|three|four|five|six|seven|eight|nine"
    r"|ten|twenty|thirty|forty|fifty|first|second|third|fourth|year-)\b|\w+-\w+$)"
    r"|the\s+(?=\w+-\w+$))",
    re.IGNORECASE,
)
_ALL_KEYS = frozenset().union(*(rule.keys for rule in RULES))
_PRECISIONS = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), Precision.DAY),
    (re.compile(r"\d{4}-\d{2}"), Precision.MONTH),
    (re.compile(r"\d{4}"), Precision.YEAR),
)
_QUARTER_VALUE = re.compile(r"\d{4}-Q[1-4]")
_FOCUS_REACH = 250  # characters: how far back a reporting quarter still sets the focus
_ONLY_BEFORE_NUMBERS = frozenset({"over", "under", "some"})
_AMOUNT = re.compile(r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty"
                     r"|forty|fifty|several|a\s+few)\b", re.IGNORECASE)  # fmt: skip
_DAY_VALUE = re.compile(r"(?:\d{4}|XXXX)-(?:\d{2}|XX)-(?:\d{2}|XX)|XXXX-WXX-[1-7]")
_CLOCK_BEFORE_DAY = re.compile(r"\s*(?:,\s*)?(?:on\s+|of\s+)?")
_DAY_BEFORE_CLOCK = re.compile(r"\s*(?:,\s*)?(?:at\s+|around\s+|about\s+)?")


@dataclasses.dataclass(frozen=True)
class Timex:
    """One time expression: ``text[start:end]`` with its TIMEX3 type, value and mod."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION or SET
    value: str  # TIMEX3 value: 2010-05-08, 2010-W18, P3D, PRESENT_REF, XXXX-05-08...
    precision: Precision | None = None  # for points in time; None for durations and sets
    anchored: bool = False  # the value was computed from the anchor
    mod: str | None = None  # TIMEX3 mod: APPROX, START, END, MORE_THAN...


@dataclasses.dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    found: Found


TimexRecogniser = Callable[[str, DatedValue | None], list[Timex]]
TIMEX_RECOGNISERS: Registry[TimexRecogniser] = Registry("timex recogniser")


@TIMEX_RECOGNISERS.register("timex.v2")
def find_timexes(text: str, anchor: DatedValue | None = None) -> list[Timex]:
    """Every time expression of ``text``, in order, values resolved against ``anchor``.

    Never raises: any string gives a (possibly empty) list of valid Timex.
    """
    if not isinstance(text, str) or not text:
        return []
    ctx = Context(text, window_of(anchor))
    hits = _refocus(text, _join_clocks(text, _settle(_candidates(ctx))))
    hits = [_with_modifier(text, _trim_determiner(text, hit)) for hit in hits]
    return story_years(text, [t for hit in hits if (t := _to_timex(text, hit)) is not None])


def _candidates(ctx: Context) -> list[tuple[_Hit, int]]:
    """Every match of every rule near its key tokens, with the rule's rank (lower wins ties)."""
    index = key_index(ctx.text, _ALL_KEYS)
    found: list[tuple[_Hit, int]] = []
    for rank, rule in enumerate(RULES):
        memo: dict[str, Found | None] = {}  # same words, same value (unless context counts)
        for lo, hi in segments(ctx.text, index, rule.keys):
            for match in rule.pattern.finditer(ctx.text, lo, hi):
                hit = _build(rule, match, ctx, memo)
                if hit is not None:
                    found.append((hit, rank))
    return found


def _build(
    rule: Rule, match: re.Match[str], ctx: Context, memo: dict[str, Found | None]
) -> _Hit | None:
    start, end = rule.extent(match)
    said = match.group()
    if rule.tensed:
        said += f"\x00{ctx.direction(*match.span())}"
    if rule.contextual or said not in memo:
        memo[said] = _value(rule, match, ctx)
    found = memo[said]
    return _Hit(start, end, found) if found is not None and start < end else None


def _value(rule: Rule, match: re.Match[str], ctx: Context) -> Found | None:
    try:
        found = rule.build(match, ctx)
    except (ValueError, OverflowError, KeyError, IndexError, ZeroDivisionError):
        return None  # one odd match ("February 30", a year 99999) must not cost the others
    return found if found is not None and valid_value(found.value) else None


def _settle(candidates: list[tuple[_Hit, int]]) -> list[_Hit]:
    """Non-overlapping hits, longest first, then by rule rank; returned in text order."""
    ordered = sorted(candidates, key=lambda c: (c[0].start - c[0].end, c[1], c[0].start))
    taken: list[_Hit] = []
    occupied: dict[int, bool] = {}
    for hit, _ in ordered:
        if any(i in occupied for i in range(hit.start, hit.end)):
            continue
        occupied.update(dict.fromkeys(range(hit.start, hit.end), True))
        taken.append(hit)
    return sorted(taken, key=lambda h: h.start)


def _join_clocks(text: str, hits: list[_Hit]) -> list[_Hit]:
    """Join a bare clock time and an adjacent day: "5 p.m. EST, Nov. 6", "Tuesday at 9"."""
    joined: list[_Hit] = []
    for hit in hits:
        previous = joined[-1] if joined else None
        merged = _join(text, previous, hit) if previous else None
        if merged is not None:
            joined[-1] = merged
        else:
            joined.append(hit)
    return joined


def _join(text: str, first: _Hit, second: _Hit) -> _Hit | None:
    gap = text[first.end : second.start]
    if first.found.clock and _is_day(second) and _CLOCK_BEFORE_DAY.fullmatch(gap):
        clock, day = first.found.clock, second.found
    elif second.found.clock and _is_day(first) and _DAY_BEFORE_CLOCK.fullmatch(gap):
        clock, day = second.found.clock, first.found
    else:
        return None
    value = f"{day.value}{clock}"
    return _Hit(first.start, second.end, Found("TIME", value, day.mod, day.anchored))


def _refocus(text: str, hits: list[_Hit]) -> list[_Hit]:
    """ "Q3 profit rose from $5m a year earlier": the year-earlier quarter, not the year.

    In results reporting, "a year ago" compares with the same quarter a year
    before; the quarter is the one named shortly before (TimeML annotates it so).
    """
    out: list[_Hit] = []
    for hit in hits:
        focus = _recent_quarter(text, out, hit) if hit.found.years_back else None
        if focus is not None:
            year, quarter = int(focus[:4]) - hit.found.years_back, focus[-1]
            hit = _Hit(
                hit.start, hit.end, dataclasses.replace(hit.found, value=f"{year:04d}-Q{quarter}")
            )
        out.append(hit)
    return out


def _recent_quarter(text: str, before: list[_Hit], hit: _Hit) -> str | None:
    for previous in reversed(before[-3:]):
        if hit.start - previous.end > _FOCUS_REACH:
            return None
        if _QUARTER_VALUE.fullmatch(previous.found.value):
            return previous.found.value
    return None


def _is_day(hit: _Hit) -> bool:
    return hit.found.type == "DATE" and _DAY_VALUE.fullmatch(hit.found.value) is not None


def _trim_determiner(text: str, hit: _Hit) -> _Hit:
    """Drop "a"/"its" before an amount ("a two-year") and "the" before a hyphenated adjective."""
    found = _DETERMINER.match(text, hit.start, hit.end)
    return _Hit(found.end(), hit.end, hit.found) if found else hit


def _with_modifier(text: str, hit: _Hit) -> _Hit:
    """Extend ``hit`` over a modifier just before it ("about", "early", "the end of")."""
    lo = max(0, hit.start - 24)
    words = text[lo : hit.start].rstrip(" -\t\n").rsplit(None, 1)
    if hit.found.mod or not words or words[-1].lower() not in _MODIFIER_ENDS:
        return hit  # cheap test first: most expressions have no modifier
    before = _MODIFIER_BEFORE.search(text[lo : hit.start])
    if before is None:
        return hit
    said = " ".join(before["mod"].lower().split())
    if (
        said in _ONLY_BEFORE_NUMBERS
        and not text[hit.start].isdigit()
        and not _AMOUNT.match(text, hit.start)
    ):
        return hit  # "over the past year", "under its two-year plan": prepositions
    mod = MODIFIERS[said]
    amounts = hit.found.type == "DURATION"
    if (mod in _MODS_FOR_AMOUNTS) != amounts and not _is_ago(text, hit):
        return hit
    return _Hit(lo + before.start("mod"), hit.end, dataclasses.replace(hit.found, mod=mod))


def _is_ago(text: str, hit: _Hit) -> bool:
    """ "two years ago" is a date but takes amount modifiers ("about two years ago")."""
    return text[hit.start : hit.end].lower().endswith(("ago", "earlier", "from now"))


def _to_timex(text: str, hit: _Hit) -> Timex | None:
    found = hit.found
    if found.type not in TYPES or not valid_value(found.value):
        return None
    return Timex(
        start=hit.start,
        end=hit.end,
        text=text[hit.start : hit.end],
        type=found.type,
        value=found.value,
        precision=precision_of(found.type, found.value),
        anchored=found.anchored,
        mod=found.mod,
    )


@functools.lru_cache(maxsize=4096)
def valid_value(value: str) -> bool:
    """Whether ``value`` is a TIMEX3 value string (date, time, duration or reference)."""
    return VALUE_RE.fullmatch(value) is not None


@functools.lru_cache(maxsize=4096)
def precision_of(kind: str, value: str) -> Precision | None:
    """How precise a point value is: day, month, year, a range (weeks, quarters) or unknown."""
    if kind in ("DURATION", "SET"):
        return None
    date = value.split("T")[0]
    if "X" in date or value.endswith("_REF") or not date:
        return Precision.UNKNOWN
    for pattern, precision in _PRECISIONS:
        if pattern.fullmatch(date):
            return precision
    return Precision.RANGE


# -- years the story names rather than the calendar ------------------------------------
# An article often gives a year once and then refers back to it ("…since March 2015. He
# received asylum in April of that year"). TimeML resolves such expressions against the
# year the text last named, not against the publication date; so do we. With no year
# named shortly before, nothing changes.

STORY_YEAR_REACH = 1_500  # characters back in which a named year still sets the story's year
_EXPLICIT_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_THAT_YEAR = re.compile(r"\b(?:that|the\s+same)\s+year\b", re.IGNORECASE)
_OF_THAT_YEAR = re.compile(r"(?:\s*,)?\s+of\s+(?:that|the\s+same)\s+year\b", re.IGNORECASE)
_YEAR_SHIFTS = {"the following year": 1, "the previous year": -1, "the year before": -1,
                "the year after": 1}  # fmt: skip
_MONTH_VALUE = re.compile(r"\d{4}-\d{2}")


def story_years(text: str, timexes: list[Timex]) -> list[Timex]:
    """``timexes`` with references back to a named year resolved, and "that year" added."""
    found = sorted([*timexes, *_that_years(text, timexes)], key=lambda t: t.start)
    out: list[Timex] = []
    year: tuple[int, int] | None = None  # (the year, where the text named it)
    for timex in found:
        if year is not None and timex.start - year[1] <= STORY_YEAR_REACH:
            timex = _in_story_year(text, timex, year[0])
        if (
            _EXPLICIT_YEAR.search(timex.text)
            and timex.type in ("DATE", "TIME")
            and timex.value[:4].isdigit()
        ):
            year = (int(timex.value[:4]), timex.end)
        if out and timex.start < out[-1].end:  # "that year" inside "April of that year"
            continue
        out.append(timex)
    return out


def _that_years(text: str, timexes: list[Timex]) -> list[Timex]:
    """ "that year" / "the same year" where no rule found anything (resolved later)."""
    taken = [(t.start, t.end) for t in timexes]
    return [
        Timex(m.start(), m.end(), m.group(), "DATE", "XXXX", Precision.UNKNOWN, True)
        for m in _THAT_YEAR.finditer(text)
        if not any(s < m.end() and m.start() < e for s, e in taken)
    ]


def _in_story_year(text: str, timex: Timex, year: int) -> Timex:
    said = " ".join(timex.text.lower().split())
    if _THAT_YEAR.fullmatch(said) or said in _YEAR_SHIFTS:
        value = f"{year + _YEAR_SHIFTS.get(said, 0):04d}"
        return dataclasses.replace(timex, value=value, precision=Precision.YEAR, anchored=True)
    tail = _OF_THAT_YEAR.match(text, timex.end)
    if tail and timex.anchored and _MONTH_VALUE.fullmatch(timex.value):
        return dataclasses.replace(
            timex,
            end=tail.end(),
            text=text[timex.start : tail.end()],
            value=f"{year:04d}{timex.value[4:]}",
        )
    return timex
