"""Rules for amounts of time and their kin: durations, sets, and present/past/future references.

"five years" is a DURATION (``P5Y``), "every Monday" a SET (``XXXX-WXX-1``),
"recently" a DATE with the reference value ``PAST_REF``. None of them needs the
anchor.
"""

from __future__ import annotations

import re

from storyline.nlp.timex_patterns import (
    NUMBER,
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
from storyline.nlp.timex_rules import Context, Found, Rule, rule, word

_SPAN_ADJ = (
    r"past|last|next|first|coming|previous|following|final|latest|recent|additional|further"
    r"|initial|ensuing|preceding|remaining|same|other"
)
DURATION = (
    rf"\b(?:(?P<det>the|these|those|its|their)\s+)?(?:(?P<rel>{_SPAN_ADJ})\s+)?"
    rf"(?P<num>{NUMBER}|{VAGUE})(?:[\s-]+(?:more|additional|full|straight|consecutive|long|extra))?"
    rf"(?:\s+(?:to|or)\s+(?P<upto>{NUMBER}))?[\s-]+(?P<unit>{UNIT})s?(?:-long)?"
    r"(?:\s+and\s+a\s+half)?(?:\s+or\s+so)?(?![\w-])(?!\s+old\b)"
)


@rule("duration", DURATION, UNIT_KEYS, contextual=True)
def duration_rule(m: re.Match[str], ctx: Context) -> Found | None:
    unit = unit_key(word(m, "unit"))
    raw = word(m, "num")
    if raw in ("a", "an") and (unit in ("second", "quarter") or _is_rate(ctx.text, m.start())):
        return None  # "a second round", "a quarter of the vote", "$55 a night"
    amount = None if m["upto"] else number_value(raw)  # "two to three weeks": vague
    if amount is not None and m.group().lower().endswith("and a half"):
        amount += 0.5
    if amount is not None and (amount <= 0 or amount > 100_000):
        return None
    return Found("DURATION", duration_value(amount, unit))


_RATE_BEFORE = re.compile(
    r"(?:\d|\$|%|\bpercent|\bcents?|\bdollars?|\btimes|\bonce|\btwice)\S*(?:\s+\S+){0,3}\s*$",
    re.IGNORECASE,
)


def _is_rate(text: str, start: int) -> bool:
    """ "700 seats a week", "$55 a night": "a week" is a rate there, not a duration."""
    return _RATE_BEFORE.search(text[max(0, start - 30) : start]) is not None


def duration_value(amount: float | None, unit: str) -> str:
    """``P5Y`` for five years, ``P20Y`` for two decades, ``PXM`` for several months."""
    letters, _, _ = UNITS[unit]
    scale = {"DE": (10, "Y"), "CE": (100, "Y"), "WE": (2, "D")}.get(letters)
    if unit == "fortnight":
        scale = (2, "W")
    if scale and amount is not None:
        amount, letters = amount * scale[0], scale[1]
    number = "X" if amount is None else f"{amount:g}"
    return f"PT{number}{letters[1:]}" if letters.startswith("T") else f"P{number}{letters}"


VAGUE_UNITS = (
    r"\b(?:(?P<det>the)\s+)?(?P<rel>past|last|next|coming|recent|following|previous|ensuing)\s+"
    rf"(?:(?:few|several|couple\s+of|many)\s+)?(?P<unit>{UNIT})s\b"
)


@rule("vague-units", VAGUE_UNITS, UNIT_KEYS)
def vague_units(m: re.Match[str], ctx: Context) -> Found | None:
    unit = unit_key(word(m, "unit"))
    return Found("DURATION", duration_value(None, unit)) if unit in UNITS else None


BARE_UNITS = (
    r"\b(?:(?:for|over|within|in|from)\s+(?P<x>days|weeks|months|years|decades|centuries|hours"
    r"|minutes)\b(?!\s+(?:of|to|ago|before|after|earlier|later))"
    r"|(?P<y>the\s+(?:days|weeks|months|years)\s+(?:ahead|to\s+come)))\b"
)


@rule("bare-units", BARE_UNITS, UNIT_KEYS, group="x")
def bare_units(m: re.Match[str], ctx: Context) -> Found | None:
    unit = unit_key(word(m, "x") or word(m, "y").split()[1])
    return Found("DURATION", duration_value(None, unit))


_REFS: dict[str, str] = {
    "now": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "currently": "PRESENT_REF", "presently": "PRESENT_REF", "at present": "PRESENT_REF",
    "these days": "PRESENT_REF", "the present": "PRESENT_REF", "current": "PRESENT_REF",
    "at the moment": "PRESENT_REF", "recently": "PAST_REF", "lately": "PAST_REF",
    "the past": "PAST_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the long term": "FUTURE_REF",
    "the short term": "FUTURE_REF", "as soon as possible": "FUTURE_REF",
}  # fmt: skip
# Left out on purpose, measured on TimeBank: "previously", "formerly", "soon", "recent",
# "future" are annotated far less often than they occur.
_REF_KEYS = frozenset(w for phrase in _REFS for w in phrase.split() if w != "the")
_REF_WORDS = "|".join(sorted((k.replace(" ", r"\s+") for k in _REFS), key=len, reverse=True))


@rule("reference", rf"\b(?P<ref>{_REF_WORDS})\b(?!-)", _REF_KEYS)
def reference(m: re.Match[str], ctx: Context) -> Found | None:
    return Found("DATE", _REFS[word(m, "ref")])


_SET_UNITS: dict[str, str] = {
    "day": "P1D", "night": "P1D", "week": "P1W", "weekend": "P1WE", "month": "P1M",
    "quarter": "P3M", "year": "P1Y", "hour": "PT1H", "minute": "PT1M", "decade": "P10Y",
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M",
    "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H", "biweekly": "P2W",
    "morning": "XXXX-XX-XXTMO", "afternoon": "XXXX-XX-XXTAF", "evening": "XXXX-XX-XXTEV",
}  # fmt: skip


_SET_KEYS = frozenset(
    {"every", "each", "per", "once", "twice", "times", "daily", "nightly", "weekly", "monthly"}
    | {"yearly", "hourly", "biweekly"}
)
EVERY = (
    r"\b(?:(?:every|each|per)\s+(?:other\s+|single\s+)?"
    rf"(?P<unit>{UNIT}|morning|afternoon|evening|(?P<wd>{WEEKDAY}))"
    r"|(?P<adv>daily|nightly|weekly|monthly|yearly|hourly|biweekly)"
    rf"|(?:once|twice|(?:{NUMBER})\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit2>{UNIT}))\b"
)


@rule("set", EVERY, _SET_KEYS)
def every(m: re.Match[str], ctx: Context) -> Found | None:
    if m["wd"]:
        return Found("SET", f"XXXX-WXX-{WEEKDAYS[word(m, 'wd')] + 1}")
    key = word(m, "unit") or word(m, "adv") or word(m, "unit2")
    value = _SET_UNITS.get(key.rstrip("s") if key not in _SET_UNITS else key)
    return Found("SET", value) if value else None


@rule(
    "plural-weekday",
    rf"\b(?:on\s+)?(?P<x>{WEEKDAY}s)\b",
    {d + "s" for d in WEEKDAY_KEYS},
    group="x",
)
def plural_weekday(m: re.Match[str], ctx: Context) -> Found | None:
    day = WEEKDAYS.get(word(m, "x")[:-1])
    return Found("SET", f"XXXX-WXX-{day + 1}") if day is not None else None


THE_YEAR = (
    r"\bthe\s+(?:full\s+|whole\s+|entire\s+|fiscal\s+)?(?P<unit>year|month)\b"
    r"(?![\s-]+(?:earlier|ago|before|end|long|old|'s)\b)(?!\s+(?:two\s+thousand|\d))"
)


@rule("the-year", THE_YEAR, {"year", "month"})
def the_year(m: re.Match[str], ctx: Context) -> Found | None:
    return Found("DURATION", "P1Y" if word(m, "unit") == "year" else "P1M")


DURATION_RULES: list[Rule] = [
    *(duration_rule, vague_units, bare_units, reference, every, plural_weekday, the_year),
]
