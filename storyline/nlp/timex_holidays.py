"""Rules for named days of the year: Christmas, Thanksgiving, Easter, US Election Day.

Fixed-date holidays come from ``timex_patterns.HOLIDAYS``; the moving ones are
computed here. Without a year in the text, the occurrence nearest the anchor is
taken ("last Christmas" and "next Easter" pick the side).
"""

from __future__ import annotations

import datetime as dt
import re

from storyline.nlp.timex_patterns import HOLIDAY, HOLIDAYS, YEAR
from storyline.nlp.timex_rules import Context, Found, Rule, rel_step, rule, word
from storyline.nlp.timex_values import Gran, safe_date

_HOLIDAY_KEYS = frozenset(
    {name.split()[0].removesuffix("'s") for name in HOLIDAYS}
    | {"thanksgiving", "easter", "election"}
)
HOLIDAY_NAMED = rf"\b(?:(?P<rel>last|this|next)\s+)?(?P<name>{HOLIDAY})(?:,?\s+(?P<year>{YEAR}))?\b"


@rule("holiday", HOLIDAY_NAMED, _HOLIDAY_KEYS)
def holiday(m: re.Match[str], ctx: Context) -> Found | None:
    name = word(m, "name")
    if m["year"]:
        found = holiday_date(name, int(m["year"]))
        return Found("DATE", found.isoformat()) if found else None
    step = rel_step(word(m, "rel"))
    win = ctx.window
    if win is None:
        fixed = HOLIDAYS.get(name)
        return Found("DATE", f"XXXX-{fixed[0]:02d}-{fixed[1]:02d}" if fixed else "XXXX-XX-XX")
    return ctx.at(lambda d: _nearest_holiday(d, name, step or 0), Gran.DAY)


def _nearest_holiday(day: dt.date, name: str, step: int) -> dt.date:
    options = [h for k in (-1, 0, 1) if (h := holiday_date(name, day.year + k))]
    if step:
        options = [h for h in options if (h - day).days * step > 0] or options
    return min(options, key=lambda h: abs((h - day).days)) if options else day


def holiday_date(name: str, year: int) -> dt.date | None:
    """The date of a holiday in ``year`` (fixed dates, Thanksgiving, Easter)."""
    if name in HOLIDAYS:
        return safe_date(year, *HOLIDAYS[name])
    first = safe_date(year, 11, 1)
    if name.startswith("thanksgiving"):  # fourth Thursday of November
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21) if first else None
    if name.startswith("election"):  # US: the Tuesday after the first Monday of November
        return first + dt.timedelta(days=(0 - first.weekday()) % 7 + 1) if first else None
    return easter(year)


def easter(year: int) -> dt.date | None:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return safe_date(year, month, day + 1)


HOLIDAY_RULES: list[Rule] = [holiday]
