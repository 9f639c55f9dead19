"""Rules for calendar periods: seasons, quarters, halves, period edges, "year-earlier".

A period without a year ("the third quarter", "last summer") is placed around
the anchor: the one under way, or the latest that has begun.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from storyline.nlp.timex_calendar import REL, year_number
from storyline.nlp.timex_patterns import (
    ORDINALS,
    PERIODS,
    SEASON,
    SEASON_KEYS,
    SEASONS,
    YEAR,
    YEAR_TAIL,
)
from storyline.nlp.timex_rules import Context, Found, Rule, rel_step, rule, word
from storyline.nlp.timex_values import Gran, add_months, shifter

_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # month each season begins in


SEASON_NAMED = (
    rf"\b(?:(?P<rel>{REL}|the|early|late)\s+)?(?P<season>{SEASON})"
    rf"(?:\s+(?:of\s+)?(?P<year>{YEAR_TAIL}))?(?!\s+of\b)\b"
)


@rule("season", SEASON_NAMED, SEASON_KEYS)
def season(m: re.Match[str], ctx: Context) -> Found | None:
    code = SEASONS[word(m, "season")]
    if m["year"]:
        return Found("DATE", f"{year_number(m['year'], ctx):04d}-{code}")
    if not m["rel"]:
        return None  # bare "fall" and "spring" are too often verbs and springs
    step = rel_step(word(m, "rel"))
    return ctx.at(lambda d: season_start(d, code, step or 0), Gran.SEASON)


def season_start(day: dt.date, code: str, step: int) -> dt.date:
    """The first day of the season ``code`` that is current (0), past (-1) or next (+1)."""
    starts = [dt.date(day.year + k, _SEASON_START[code], 1) for k in (-2, -1, 0, 1)]
    ends = [add_months(start, 3) for start in starts]  # exclusive
    if step < 0:
        return max(s for s, e in zip(starts, ends, strict=True) if e <= day)
    if step > 0:
        return min(s for s in starts if s > day)
    holding = [s for s, e in zip(starts, ends, strict=True) if s <= day < e]
    return holding[0] if holding else starts[2]


QUARTER = (
    r"\b(?:(?:the|its|their|this|a)\s+)?"
    r"(?:(?P<adj>year-earlier|year-ago|year-before|comparable|prior-year)[\s-]+)?"
    rf"(?:(?P<year>{YEAR})\s+|(?P<rel>this|last|next)\s+year's\s+)?(?:fiscal[\s-]+)?"
    r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal[\s-]+)?quarters?\b"
    rf"(?:\s+of\s+(?:fiscal\s+)?(?:(?P<year2>{YEAR})|(?P<rel2>this|last|next)\s+year))?"
)


@rule("quarter", QUARTER, {"quarter", "quarters"})
def quarter(m: re.Match[str], ctx: Context) -> Found | None:
    number = ORDINALS.get(word(m, "ord"), 0) or int(m["ord"][0])
    year = m["year"] or m["year2"]
    back = 1 if m["adj"] else 0
    if year:
        return Found("DATE", f"{int(year) - back:04d}-Q{number}")
    step = rel_step(word(m, "rel") or word(m, "rel2")) or 0
    return ctx.at(lambda d: _quarter_date(d, number, step - back), Gran.QUARTER)


def _quarter_date(day: dt.date, number: int, years: int) -> dt.date:
    """Quarter ``number`` of the anchor's year, or of the year before if it has not begun."""
    start = dt.date(day.year, 3 * number - 2, 1)
    start = start if start <= day or years else dt.date(day.year - 1, start.month, 1)
    return start.replace(year=start.year + years)


@rule(
    "q-quarter",
    rf"\b(?:Q(?P<q>[1-4])\s*(?P<year>{YEAR}|'[0-9]{{2}})|(?P<year2>{YEAR})\s*Q(?P<q2>[1-4]))\b",
    {"q1", "q2", "q3", "q4"},
)
def q_quarter(m: re.Match[str], ctx: Context) -> Found | None:
    year = year_number(m["year"] or m["year2"], ctx)
    return Found("DATE", f"{year:04d}-Q{m['q'] or m['q2']}")


HALF = (
    r"\b(?:the\s+)?(?P<ord>first|second|last|latter)\s+half"
    rf"(?:\s+of\s+(?:(?P<year>{YEAR})|(?P<rel>this|last|next)\s+year|the\s+year)|(?!\s+of\b))"
)


@rule("half", HALF, {"half"})
def half(m: re.Match[str], ctx: Context) -> Found | None:
    number = 1 if word(m, "ord") == "first" else 2
    if m["year"]:
        return Found("DATE", f"{m['year']}-H{number}")
    step = rel_step(word(m, "rel")) or 0
    return ctx.at(lambda d: dt.date(d.year + step, 6 * number - 5, 1), Gran.HALF)


PERIOD_EDGE = (
    r"\b(?:the\s+)?(?P<edge>end|beginning|start|middle|turn|close)\s+of\s+"
    r"(?P<rel>the|this|next|last)\s+(?P<unit>week|month|year|quarter|decade|century)\b"
)


@rule("period-edge", PERIOD_EDGE, {"end", "beginning", "start", "middle", "turn", "close"})
def period_edge(m: re.Match[str], ctx: Context) -> Found | None:
    gran = PERIODS[word(m, "unit")]
    found = ctx.at(shifter(gran, rel_step(word(m, "rel")) or 0), gran)
    mod = {"end": "END", "close": "END", "middle": "MID"}.get(word(m, "edge"), "START")
    return Found("DATE", found.value, mod, found.anchored)


@rule("year-end", r"\b(?:the\s+)?(?:year[\s-]end|year's\s+end)\b", {"year"})
def year_end(m: re.Match[str], ctx: Context) -> Found | None:
    found = ctx.at(lambda d: d, Gran.YEAR)
    return Found("DATE", found.value, "END", found.anchored)


YEAR_EARLIER = (
    r"\b(?:(?P<the>the)\s+(?:comparable\s+)?)?year[\s-](?:earlier|ago|before)\b"
    r"(?(the)\s+period\b)"  # "the year-ago period" needs its noun; "year-earlier" stands alone
)


@rule("year-earlier", YEAR_EARLIER, {"year"})
def year_earlier(m: re.Match[str], ctx: Context) -> Found | None:
    """ "year-earlier results": last year; "the year-ago period": that quarter last year."""
    if m["the"]:
        return ctx.at(shifter(Gran.QUARTER, -5), Gran.QUARTER)
    return dataclasses.replace(ctx.at(shifter(Gran.YEAR, -1), Gran.YEAR), years_back=1)


THE_QUARTER = (
    r"\b(?:the|this|last|next)\s+(?:comparable\s+)?(?:(?P<rel>latest|last|past|previous|current"
    r"|present|most\s+recent|recent|just-ended|year-earlier|year-ago|comparable|same)[\s-]+)?"
    r"(?:(?:fiscal|calendar)\s+)?quarter\b(?!\s+of\b)(?:\s+a\s+year\s+(?P<ago>ago|earlier))?"
)


@rule("the-quarter", THE_QUARTER, {"quarter"})
def the_quarter(m: re.Match[str], ctx: Context) -> Found | None:
    lead, rel = m.group().split()[0].lower(), word(m, "rel")
    step = {"this": 0, "next": 1}.get(lead, -1)
    if rel in ("current", "present"):
        step = 0
    elif rel in ("year-earlier", "year-ago", "comparable") or m["ago"]:
        step = -5
    return ctx.at(shifter(Gran.QUARTER, step), Gran.QUARTER)


@rule(
    "in-the-period",
    r"\b(?P<edge>earlier|later|early|late)\s+in\s+the\s+(?P<unit>year|month|week)\b",
    {"earlier", "later", "early", "late"},
)
def in_the_period(m: re.Match[str], ctx: Context) -> Found | None:
    gran = PERIODS[word(m, "unit")]
    found = ctx.at(lambda d: d, gran)
    mod = "START" if word(m, "edge").startswith("earl") else "END"
    return Found("DATE", found.value, mod, found.anchored)


PERIOD_RULES: list[Rule] = [
    *(season, quarter, q_quarter, half, period_edge, year_end, year_earlier, the_quarter),
    in_the_period,
]
