"""Rules for calendar expressions: dates, months, years, decades, quarters, seasons, clock times.

Explicit parts of a date come from the text; whatever is missing (the year of
"on 8 May", the month of nothing) comes from the anchor window, or becomes
``XX`` when there is no anchor.
"""

from __future__ import annotations

import datetime as dt
import re

from storyline.nlp.timex_patterns import (
    CLOCK,
    CLOCK_KEYS,
    DECADE_KEYS,
    DECADE_WORDS,
    MONTH,
    MONTH_KEYS,
    MONTHS,
    NUMBER_WORDS,
    ORDINAL,
    ORDINAL_DAY,
    ORDINALS,
    TIMEZONE,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
    YEAR_KEYS,
    YEAR_TAIL,
    alternation,
)
from storyline.nlp.timex_rules import Context, Found, Rule, rel_step, rule, word
from storyline.nlp.timex_values import (
    Gran,
    add_months,
    month_day_near,
    month_near,
    safe_date,
)

REL = r"this\s+past|this\s+coming|this|last|next|past|coming|previous"


def month_number(text: str) -> int:
    return MONTHS[text.lower()[:3]]


def day_number(text: str) -> int:
    digits = re.match(r"\d+", text)
    return int(digits.group()) if digits else ORDINALS.get(text.lower(), 0)


def year_number(text: str, ctx: Context) -> int:
    """A four-digit year from "1998" or "'98" (the century of the anchor, else 19xx)."""
    if not text.startswith(("'", "’")):
        return int(text)
    century = ctx.window.lo.year // 100 * 100 if ctx.window else 1900
    return century + int(text[1:])


def month_day(ctx: Context, span: tuple[int, int], month: int, dom: int) -> Found | None:
    """A month and day without a year, resolved to the nearest such day around the anchor."""
    if safe_date(2000, month, dom) is None:  # 2000 is a leap year: only impossible days fail
        return None
    win = ctx.window
    if win is None:
        return Found("DATE", f"XXXX-{month:02d}-{dom:02d}")
    if not win.exact and win.lo.year == win.hi.year:
        found = safe_date(win.lo.year, month, dom)  # a coarse anchor lends only its year
        return Found("DATE", found.isoformat(), anchored=True) if found else None
    way = ctx.direction(*span)
    return ctx.at(lambda d: month_day_near(d, month, dom, way) or d, Gran.DAY)


def _date(ctx: Context, m: re.Match[str], month: int, dom: int) -> Found | None:
    year = m.group("year")
    if not year and m["wd"] and ctx.window:
        return _by_weekday(ctx, month, dom, WEEKDAYS[word(m, "wd")])
    if not year:
        return month_day(ctx, m.span(), month, dom)
    found = safe_date(year_number(year, ctx), month, dom)
    return Found("DATE", found.isoformat()) if found else None


def _by_weekday(ctx: Context, month: int, dom: int, weekday: int) -> Found | None:
    """ "Monday, Oct. 26": the year near the anchor in which that day is that weekday."""

    def pick(day: dt.date) -> dt.date:
        options = [d for k in (0, -1, 1) if (d := safe_date(day.year + k, month, dom))]
        fits = [d for d in options if d.weekday() == weekday] or options
        return min(fits, key=lambda d: abs((d - day).days)) if fits else day

    return ctx.at(pick, Gran.DAY)


ISO_DATE = (
    r"\b(?P<y>1[0-9]{3}|20[0-9]{2})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3][0-9])"
    r"(?:[T ](?P<hh>[01][0-9]|2[0-3]):(?P<mi>[0-5][0-9])(?::[0-5][0-9])?)?(?![\d-])"
)


@rule("iso-date", ISO_DATE, YEAR_KEYS)
def iso_date(m: re.Match[str], ctx: Context) -> Found | None:
    found = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if found is None:
        return None
    if m["hh"]:
        return Found("TIME", f"{found.isoformat()}T{m['hh']}:{m['mi']}")
    return Found("DATE", found.isoformat())


@rule(
    "slash-date",
    r"(?<![\d/.])(?P<a>[01]?[0-9])/(?P<b>[0-3]?[0-9])/(?P<y>(?:19|20)[0-9]{2})(?![\d/])",
    YEAR_KEYS,
)
def slash_date(m: re.Match[str], ctx: Context) -> Found | None:
    first, second = int(m["a"]), int(m["b"])
    month, dom = (first, second) if first <= 12 else (second, first)  # US order unless impossible
    found = safe_date(int(m["y"]), month, dom)
    return Found("DATE", found.isoformat()) if found else None


MONTH_DAY = (
    rf"\b(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<month>{MONTH})\s+(?:the\s+)?"
    rf"(?P<day>{ORDINAL_DAY})\b(?:,?\s+(?P<year>{YEAR_TAIL}))?"
)
DAY_MONTH = (
    rf"\b(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{ORDINAL_DAY})(?:\s+of)?\s+"
    rf"(?P<month>{MONTH})(?![a-z])(?:,?\s+(?P<year>{YEAR_TAIL}))?"
)


@rule("month-day", MONTH_DAY, MONTH_KEYS, tensed=True)
def month_first(m: re.Match[str], ctx: Context) -> Found | None:
    return _date(ctx, m, month_number(m["month"]), day_number(m["day"]))


@rule("day-month", DAY_MONTH, MONTH_KEYS, tensed=True)
def day_first(m: re.Match[str], ctx: Context) -> Found | None:
    return _date(ctx, m, month_number(m["month"]), day_number(m["day"]))


@rule("month-year", rf"\b(?P<month>{MONTH})(?:\s+of)?,?\s+(?P<year>{YEAR_TAIL})", MONTH_KEYS)
def month_year(m: re.Match[str], ctx: Context) -> Found | None:
    return Found("DATE", f"{year_number(m['year'], ctx):04d}-{month_number(m['month']):02d}")


MONTH_REL = (
    rf"\b(?:(?P<rel>{REL})\s+(?P<month>{MONTH})"
    rf"|(?P<month2>{MONTH})\s+(?:of\s+)?(?P<rel2>this|last|next)\s+year)\b"
)


@rule("month-rel", MONTH_REL, MONTH_KEYS)
def month_rel(m: re.Match[str], ctx: Context) -> Found | None:
    if m["month2"]:
        month, step = month_number(m["month2"]), rel_step(word(m, "rel2")) or 0
        return ctx.at(lambda d: dt.date(d.year + step, month, 1), Gran.MONTH)
    month, step = month_number(m["month"]), rel_step(word(m, "rel")) or 0
    if step == 0:
        return ctx.at(lambda d: dt.date(d.year, month, 1), Gran.MONTH)
    return ctx.at(
        lambda d: month_near(add_months(d, -1 if step < 0 else 0), month, step), Gran.MONTH
    )


_FULL_MONTHS = [w for w in MONTHS if len(w) > 3 and w not in ("may", "march")]


@rule(
    "month",
    rf"\b(?P<month>{alternation(_FULL_MONTHS)}|Sept\.|(?-i:May|March))\b",
    MONTH_KEYS,
    tensed=True,
)
def month_alone(m: re.Match[str], ctx: Context) -> Found | None:
    month = month_number(m["month"])
    if ctx.window is None:
        return Found("DATE", f"XXXX-{month:02d}")
    way = ctx.direction(*m.span())
    return ctx.at(lambda d: month_near(d, month, way), Gran.MONTH)


_PERIOD_NOUN = r"(?:period|quarter|fiscal\s+year)\b"
YEAR_ALONE = (
    rf"(?<![\d$£€.,:/])\b(?:(?:the\s+)?(?:fiscal|calendar)\s+(?:year\s+)?|the\s+year\s+"
    rf"|(?=the\s+{YEAR}\s+{_PERIOD_NOUN})the\s+)?(?P<year>{YEAR})(?:\s+{_PERIOD_NOUN})?"
    r"(?!\s*(?:%|percent|per\s*cent))"
)


@rule("year", YEAR_ALONE, YEAR_KEYS)
def year_alone(m: re.Match[str], ctx: Context) -> Found | None:
    return Found("DATE", m["year"])


_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"


YEAR_WORDS = (
    rf"\b(?:the\s+year\s+)?(?:(?P<century>nineteen|eighteen|twenty)[\s-]+"
    rf"(?P<tens>{_TENS})(?:[\s-]+(?P<ones>{_ONES}))?|(?P<y2k>(?<=year\s)two\s+thousand)"
    rf"(?:\s+and)?(?:[\s-]+(?P<small>{_ONES}|{_TEENS}))?)\b"
)


@rule("year-words", YEAR_WORDS, {"nineteen", "eighteen", "twenty", "thousand"})
def year_words(m: re.Match[str], ctx: Context) -> Found | None:
    """ "nineteen ninety-six" → 1996; "the year two thousand" → 2000."""
    if m["y2k"]:
        small = word(m, "small")
        return Found("DATE", f"{2000 + (NUMBER_WORDS.get(small, 0) if small else 0):04d}")
    century = NUMBER_WORDS[word(m, "century")] * 100
    tens = NUMBER_WORDS[word(m, "tens")]
    return Found("DATE", f"{century + tens + NUMBER_WORDS.get(word(m, 'ones'), 0):04d}")


DECADE = (
    r"\b(?:the\s+)?(?:(?P<full>1[0-9]{2}0|20[0-9]0)|(?:(?<=the\s)|['’])(?P<short>[0-9]0))['’]?s\b"
    rf"|\bthe\s+(?P<words>{alternation(list(DECADE_WORDS))})\b"
)


@rule("decade", DECADE, DECADE_KEYS)
def decade(m: re.Match[str], ctx: Context) -> Found | None:
    if m["full"]:
        return Found("DATE", m["full"][:3])
    tens = int(m["short"]) // 10 if m["short"] else DECADE_WORDS[word(m, "words")]
    last = ctx.window.lo.year if ctx.window else 1999
    start = last // 100 * 100 + tens * 10
    start -= 100 if start > last else 0  # "the 90s" seen from 2010 are the 1990s
    return Found("DATE", f"{start:04d}"[:3], anchored=ctx.window is not None)


@rule(
    "century",
    rf"\b(?:the\s+)?(?:(?P<num>\d{{1,2}})(?:st|nd|rd|th)|(?P<ord>{ORDINAL}))[\s-]+century\b",
    {"century"},
)
def century(m: re.Match[str], ctx: Context) -> Found | None:
    number = int(m["num"]) if m["num"] else ORDINALS.get(word(m, "ord"), 0)
    return Found("DATE", f"{number - 1:02d}") if 1 <= number <= 99 else None


@rule("clock", rf"(?<![\d:.])\b{CLOCK}(?:\s*(?P<tz>{TIMEZONE}))?(?!\w)(?:\s+o'clock)?", CLOCK_KEYS)
def clock(m: re.Match[str], ctx: Context) -> Found | None:
    text = clock_text(m)
    if text is None:
        return None
    win = ctx.window
    day = win.lo.isoformat() if win and win.exact else "XXXX-XX-XX"
    return Found("TIME", f"{day}{text}", anchored=bool(win and win.exact), clock=text)


def clock_text(m: re.Match[str]) -> str | None:
    """``T17:00`` for "5 p.m.", ``T22:06`` for "22:06", ``T12:00`` for "noon"."""
    if m["named"]:
        return {"noon": "T12:00", "midday": "T12:00", "midnight": "T24:00"}[m["named"].lower()]
    if m["hh24"]:
        return f"T{int(m['hh24']):02d}:{m['mi24']}"
    hour = int(m["hh"])
    if not 1 <= hour <= 12:
        return None
    pm = m["ampm"].lower().startswith("p")
    hour = hour % 12 + (12 if pm else 0)
    return f"T{hour:02d}:{m['mi'] or '00'}"


CALENDAR_RULES: list[Rule] = [
    *(iso_date, slash_date, month_first, day_first, month_year, month_rel, month_alone),
    *(year_alone, year_words, decade, century, clock),
]
