"""Rules for relative expressions: days and weekdays, this/last/next units, "ago", references.

Each value is computed by moving the anchor window ("yesterday" moves it one
day back) and labelling the result, so a coarse anchor gives a coarse value.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from storyline.nlp.timex_patterns import (
    NUMBER,
    PART_OF_DAY,
    PART_OF_DAY_KEYS,
    PARTS_OF_DAY,
    PERIODS,
    UNIT,
    UNIT_KEYS,
    UNITS,
    VAGUE,
    WEEKDAY,
    WEEKDAY_KEYS,
    WEEKDAYS,
    number_value,
    unit_key,
)
from storyline.nlp.timex_rules import Context, Found, Rule, rel_step, rule, word
from storyline.nlp.timex_values import Gran, add_days, shifter, weekday_near

_DAY_WORDS = {
    "today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}  # fmt: skip


def with_part_of_day(found: Found, pod: str) -> Found:
    """ "Friday" + "morning" → a TIME ``…TMO`` (or ``…T12:00`` for noon)."""
    code = PARTS_OF_DAY.get(pod.lower())
    if not code:
        return found
    return Found("TIME", f"{found.value}T{code}", found.mod, found.anchored)


DAY_WORD = (
    r"\b(?P<word>today|yesterday|tomorrow|tonight|the\s+day\s+before\s+yesterday"
    rf"|the\s+day\s+after\s+tomorrow)\b(?:\s+(?P<pod>{PART_OF_DAY}))?"
)


@rule("day-word", DAY_WORD, {"today", "yesterday", "tomorrow", "tonight"})
def day_word(m: re.Match[str], ctx: Context) -> Found | None:
    name = word(m, "word")
    found = ctx.at(shifter(Gran.DAY, _DAY_WORDS[name]), Gran.DAY)
    pod = "night" if name == "tonight" else word(m, "pod")
    return with_part_of_day(found, pod) if pod else found


@rule(
    "this-part-of-day",
    rf"\b(?P<rel>this|last|tomorrow|yesterday)\s+(?P<pod>{PART_OF_DAY})\b",
    PART_OF_DAY_KEYS,
)
def this_part_of_day(m: re.Match[str], ctx: Context) -> Found | None:
    back = word(m, "rel") in ("last", "yesterday")
    ahead = word(m, "rel") == "tomorrow"
    found = ctx.at(shifter(Gran.DAY, int(ahead) - int(back)), Gran.DAY)
    return with_part_of_day(found, word(m, "pod"))


WEEKDAY_NAMED = (
    r"\b(?:(?:the\s+)?(?P<rel>last|next|this\s+past|this\s+coming|this|coming|past|previous"
    rf"|following)\s+)?(?P<wd>{WEEKDAY})\b(?:\s+(?P<pod>{PART_OF_DAY}))?"
)


@rule("weekday", WEEKDAY_NAMED, WEEKDAY_KEYS, tensed=True)
def weekday(m: re.Match[str], ctx: Context) -> Found | None:
    if not m["wd"][0].isupper():
        return None  # "friday" in lower case is rarely the day in edited news text
    target = WEEKDAYS[word(m, "wd")]
    rel = word(m, "rel")
    step = rel_step(rel) if rel else None
    if ctx.window is None:
        found = Found("DATE", f"XXXX-WXX-{target + 1}")
    else:
        way = ctx.direction(*m.span()) if step in (None, 0) else step or 0
        strict = step not in (None, 0)
        found = ctx.at(lambda d: _weekday(d, target, way, strict), Gran.DAY)
        found = found if found.anchored else Found("DATE", f"XXXX-WXX-{target + 1}")
    return with_part_of_day(found, word(m, "pod")) if m["pod"] else found


def _weekday(day: dt.date, target: int, way: int, strict: bool) -> dt.date:
    if strict:
        return weekday_near(day, target, way)
    if way > 0:
        return add_days(day, (target - day.weekday()) % 7)
    return add_days(day, -((day.weekday() - target) % 7))


THIS_UNIT = (
    r"\b(?:(?P<det>the)\s+)?(?P<rel>this\s+past|this\s+coming|this|last|next|past|previous"
    r"|coming|current|present|following|prior|upcoming)\s+(?:calendar\s+)?"
    r"(?P<unit>week|weekend|month|quarter|fiscal\s+year|year|decade|century)\b(?!-)"
)


@rule("this-unit", THIS_UNIT, UNIT_KEYS)
def this_unit(m: re.Match[str], ctx: Context) -> Found | None:
    unit, rel = word(m, "unit"), word(m, "rel")
    step = rel_step(rel) or 0
    if unit in ("decade", "century") and step and m["det"]:
        return Found("DURATION", "P10Y" if unit == "decade" else "P100Y")
    if unit == "weekend":
        return weekend(ctx, step)
    gran = PERIODS[unit]
    return ctx.at(shifter(gran, step), gran)


def weekend(ctx: Context, step: int) -> Found:
    """The weekend of the anchor's week moved by ``step`` weeks (``2010-W18-WE``)."""
    found = ctx.at(shifter(Gran.WEEK, step), Gran.WEEK)
    value = f"{found.value}-WE" if "-W" in found.value else found.value
    return Found("DATE", value, anchored=found.anchored)


@rule("the-weekend", r"\bthe\s+weekend\b", {"weekend"}, tensed=True)
def the_weekend(m: re.Match[str], ctx: Context) -> Found | None:
    win = ctx.window
    if win is None:
        return Found("DATE", "XXXX-WXX-WE")
    way = ctx.direction(*m.span())
    past = way < 0 or (way == 0 and win.lo.weekday() < 3)
    return weekend(ctx, -1 if past and win.lo.weekday() < 5 else 0)


AGO = (
    rf"\b(?P<num>{NUMBER}|{VAGUE})[\s-]+(?P<unit>{UNIT})s?\s+"
    r"(?P<dir>ago|earlier|from\s+now|hence|back|before\s+that)\b"
)


@rule("ago", AGO, UNIT_KEYS)
def ago(m: re.Match[str], ctx: Context) -> Found | None:
    forward = word(m, "dir") in ("from now", "hence")
    amount = number_value(m["num"])
    if amount is None:
        return Found("DATE", "FUTURE_REF" if forward else "PAST_REF")
    _, gran, per = UNITS[unit_key(word(m, "unit"))]
    steps = int(amount * (per or 1)) * (1 if forward else -1)
    if gran in (Gran.DECADE, Gran.CENTURY):
        gran, steps = Gran.YEAR, steps * (10 if gran is Gran.DECADE else 100)
    if steps == 0 or abs(steps) > 100_000:
        return None
    found = ctx.at(shifter(gran, steps), gran)
    if gran is Gran.YEAR and steps < 0 and word(m, "dir") in ("ago", "earlier"):
        return dataclasses.replace(found, years_back=-steps)
    return found


RELATIVE_RULES: list[Rule] = [day_word, this_part_of_day, weekday, this_unit, the_weekend, ago]
