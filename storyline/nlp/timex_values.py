"""TIMEX3 value arithmetic: anchor windows, calendar shifts and value strings at a granularity.

An anchor (the publication date) is turned into a *window*: the inclusive
range of days it allows. A day-precision date is a one-day window, a bare year
is a 365-day window. Relative expressions move both ends of the window, and the
value is written at the finest granularity on which both ends agree, so a
result is never finer than the anchor allows.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from enum import IntEnum

from storyline.model import DatedValue

MIN_YEAR = 1  # datetime.date cannot go below year 1 …
MAX_YEAR = 9998  # … nor above 9999; one year of slack for shifts

# Every value we emit matches this (TIMEX3 value attribute, TimeML 1.2 spec).
_DATE_PART = (
    r"(?:\d{4}|\d{3}X?|\d{2}(?:XX?)?|XXXX)"
    r"(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?|-W(?:\d{2}|XX)(?:-(?:[1-7]|WE|X))?"
    r"|-Q[1-4X]|-H[12X]|-(?:SP|SU|FA|WI))?"
)
_TIME_PART = r"T(?:\d{2}(?::\d{2}(?::\d{2})?)?|MO|AF|EV|NI|DT)"
_DURATION = (
    r"P(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|Q|DE|CE|WE|L|E))*(?:T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)?"
)
VALUE_RE = re.compile(
    rf"(?:{_DATE_PART}(?:{_TIME_PART})?|{_TIME_PART}|{_DURATION}|PRESENT_REF|PAST_REF|FUTURE_REF)"
)


class Gran(IntEnum):
    """Granularity of a calendar value, finest first."""

    DAY = 1
    WEEK = 2
    MONTH = 3
    QUARTER = 4
    HALF = 5
    SEASON = 6
    YEAR = 7
    DECADE = 8
    CENTURY = 9


# What a granularity falls back to when the window's ends disagree on it.
_COARSER: dict[Gran, Gran] = {
    Gran.DAY: Gran.MONTH,
    Gran.WEEK: Gran.MONTH,
    Gran.MONTH: Gran.YEAR,
    Gran.QUARTER: Gran.YEAR,
    Gran.HALF: Gran.YEAR,
    Gran.SEASON: Gran.YEAR,
    Gran.DECADE: Gran.CENTURY,
}  # a year never falls back to a decade: "last year" is a year or unknown

# The value written when nothing at all is known (no anchor, or ends disagree everywhere).
UNKNOWN: dict[Gran, str] = {
    Gran.DAY: "XXXX-XX-XX",
    Gran.WEEK: "XXXX-WXX",
    Gran.MONTH: "XXXX-XX",
    Gran.QUARTER: "XXXX-QX",
    Gran.HALF: "XXXX-HX",
    Gran.SEASON: "XXXX-XX",
    Gran.YEAR: "XXXX",
    Gran.DECADE: "XXX",
    Gran.CENTURY: "XX",
}

_SEASON_OF_MONTH = ("WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI")


@dataclasses.dataclass(frozen=True)
class Window:
    """The inclusive range of days an anchor allows; ``lo == hi`` for a known day."""

    lo: dt.date
    hi: dt.date

    @property
    def exact(self) -> bool:
        return self.lo == self.hi


def iso_bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of an ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (time ignored)."""
    found = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
    if not found:
        return None
    year, month, day = (int(g) if g else 0 for g in found.groups())
    try:
        if day:
            return (dt.date(year, month, day),) * 2
        if month:
            return dt.date(year, month, 1), dt.date(year, month, month_length(year, month))
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None


def window_of(anchor: DatedValue | None) -> Window | None:
    """The window an anchor allows, or None when it says nothing usable."""
    if anchor is None:
        return None
    if anchor.range is not None:
        lo, hi = iso_bounds(anchor.range[0]), iso_bounds(anchor.range[1])
        if lo and hi and lo[0] <= hi[1]:
            return Window(lo[0], hi[1])
    bounds = iso_bounds(anchor.value) if anchor.value else None
    return Window(*bounds) if bounds else None


def month_length(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """A date, or None for impossible ones (30 February, year 0, 32 May)."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def add_days(day: dt.date, n: int) -> dt.date:
    try:
        return day + dt.timedelta(days=n)
    except OverflowError:
        return day


def add_months(day: dt.date, n: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + n
    year, month = divmod(index, 12)
    if not MIN_YEAR <= year <= MAX_YEAR:
        return day
    return dt.date(year, month + 1, min(day.day, month_length(year, month + 1)))


def shifter(unit: Gran, n: int) -> Callable[[dt.date], dt.date]:
    """A function moving a date by ``n`` units (days, weeks, months, quarters, years...)."""
    if unit is Gran.DAY:
        return lambda d: add_days(d, n)
    if unit is Gran.WEEK:
        return lambda d: add_days(d, 7 * n)
    months = {Gran.MONTH: 1, Gran.QUARTER: 3, Gran.HALF: 6, Gran.SEASON: 3, Gran.YEAR: 12}
    step = months.get(unit, 120 if unit is Gran.DECADE else 1200)
    return lambda d: add_months(d, step * n)


def label(day: dt.date, gran: Gran) -> str:
    """The TIMEX3 value of the ``gran``-sized period holding ``day``."""
    if gran is Gran.DAY:
        return day.isoformat()
    if gran is Gran.WEEK:
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if gran is Gran.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    if gran is Gran.QUARTER:
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if gran is Gran.HALF:
        return f"{day.year:04d}-H{(day.month - 1) // 6 + 1}"
    if gran is Gran.SEASON:
        return f"{day.year:04d}-{_SEASON_OF_MONTH[day.month - 1]}"
    digits = {Gran.YEAR: 4, Gran.DECADE: 3, Gran.CENTURY: 2}[gran]
    return f"{day.year:04d}"[:digits]


def common_label(window: Window, gran: Gran) -> str | None:
    """The finest value at ``gran`` or coarser on which both window ends agree."""
    current: Gran | None = gran
    while current is not None:
        low, high = label(window.lo, current), label(window.hi, current)
        if low == high:
            return low
        current = _COARSER.get(current)
    return None


def resolve(
    window: Window | None, move: Callable[[dt.date], dt.date], gran: Gran
) -> tuple[str, bool]:
    """Move the anchor window and label it: (value, anchored)."""
    if window is None:
        return UNKNOWN[gran], False
    moved = Window(move(window.lo), move(window.hi))
    value = common_label(moved, gran)
    return (value, True) if value else (UNKNOWN[gran], False)


def weekday_near(day: dt.date, weekday: int, direction: int) -> dt.date:
    """The ``weekday`` (0=Monday) nearest ``day`` on the side ``direction`` (-1, 0, +1).

    The same weekday as ``day`` is ``day`` itself unless the direction is
    explicit ("last Friday" on a Friday means a week ago).
    """
    ahead = (weekday - day.weekday()) % 7
    if direction > 0:
        return add_days(day, ahead or 7)
    behind = (day.weekday() - weekday) % 7
    if direction < 0:
        return add_days(day, -(behind or 7))
    return add_days(day, -behind)


def month_day_near(day: dt.date, month: int, dom: int, direction: int) -> dt.date | None:
    """The date ``month``/``dom`` nearest to ``day``, in the year before, of or after it.

    A tense ``direction`` (-1 past, +1 future) overrides the nearest date only when
    the date on that side is less than :data:`TENSE_REACH` days away.
    """
    options = [d for k in (-1, 0, 1) if (d := safe_date(day.year + k, month, dom))]
    if not options:
        return None
    nearest = min(options, key=lambda d: (abs((d - day).days), d > day))
    if direction == 0 or (nearest - day).days * direction >= 0:
        return nearest
    sided = [d for d in options if 0 <= (d - day).days * direction <= TENSE_REACH]
    return min(sided, key=lambda d: abs((d - day).days)) if sided else nearest


TENSE_REACH = 270  # days: how far tense may push "March 31" from the nearest March 31


def month_near(day: dt.date, month: int, direction: int) -> dt.date:
    """The first day of the nearest ``month`` around ``day`` (tense decides close calls)."""
    found = month_day_near(day.replace(day=15), month, 15, direction)
    return found.replace(day=1) if found else day


def duration(amount: float | None, unit: str) -> str:
    """A TIMEX3 duration: ``P3D``, ``PT2H``, ``PXM`` (``amount`` None = vague)."""
    if amount is None:
        number = "X"
    elif amount == int(amount):
        number = str(int(amount))
    else:
        number = f"{amount:.1f}".rstrip("0").rstrip(".")
    return f"PT{number}{unit[1:]}" if unit.startswith("T") else f"P{number}{unit}"


def year_value(year: int) -> str | None:
    """A four-digit year value, or None outside the calendar we can represent."""
    return f"{year:04d}" if 0 <= year <= MAX_YEAR else None
