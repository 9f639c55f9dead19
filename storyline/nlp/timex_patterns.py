"""Vocabulary and regular-expression fragments of English time expressions, as data.

The tables map words to numbers (months, weekdays, ordinals, number words) and
units to their TIMEX3 duration letters; the fragments are regex strings the
rule table (``timex_rules``) assembles. Every fragment is bounded (no nested
unbounded repetition) so a scan stays linear in the text length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from storyline.nlp.timex_values import Gran

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2,
    "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
}  # fmt: skip

NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "thousand": 1000, "dozen": 12,
}  # fmt: skip

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "twenty-first": 21, "twenty-second": 22,
    "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25,
    "twenty-sixth": 26, "twenty-seventh": 27, "twenty-eighth": 28,
    "twenty-ninth": 29, "thirty-first": 31, "last": 4, "final": 4,
}  # fmt: skip

# Decades written as words: "the nineties" → the 9th decade of a century.
DECADE_WORDS: dict[str, int] = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
    "seventies": 7, "eighties": 8, "nineties": 9,
}  # fmt: skip

# unit word → (duration letter(s), calendar granularity, amount of that granularity)
UNITS: dict[str, tuple[str, Gran, int]] = {
    "second": ("TS", Gran.DAY, 0), "minute": ("TM", Gran.DAY, 0),
    "hour": ("TH", Gran.DAY, 0), "day": ("D", Gran.DAY, 1),
    "night": ("D", Gran.DAY, 1), "week": ("W", Gran.WEEK, 1),
    "weekend": ("WE", Gran.WEEK, 1), "fortnight": ("W", Gran.WEEK, 2),
    "month": ("M", Gran.MONTH, 1), "quarter": ("Q", Gran.QUARTER, 1),
    "year": ("Y", Gran.YEAR, 1), "decade": ("DE", Gran.DECADE, 1),
    "century": ("CE", Gran.CENTURY, 1), "centurie": ("CE", Gran.CENTURY, 1),
}  # fmt: skip

# unit word of "this/last/next UNIT" → the granularity of its value
PERIODS: dict[str, Gran] = {
    "week": Gran.WEEK, "month": Gran.MONTH, "quarter": Gran.QUARTER, "year": Gran.YEAR,
    "fiscal year": Gran.YEAR, "decade": Gran.DECADE, "century": Gran.CENTURY,
}  # fmt: skip

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}  # fmt: skip

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
    "overnight": "NI", "midday": "12:00", "noon": "12:00", "midnight": "24:00",
}  # fmt: skip

# (month, day) of fixed-date holidays; moving feasts are computed in timex_rules.
HOLIDAYS: dict[str, tuple[int, int]] = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "valentine's day": (2, 14),
    "independence day": (7, 4), "halloween": (10, 31), "christmas eve": (12, 24),
    "christmas day": (12, 25), "christmas": (12, 25), "boxing day": (12, 26),
    "veterans day": (11, 11), "bastille day": (7, 14),
}  # fmt: skip

# Words before an expression that set its TIMEX3 ``mod`` (and join its extent).
MODIFIERS: dict[str, str] = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "less than": "LESS_THAN",
    "under": "LESS_THAN", "more than": "MORE_THAN", "over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS", "early": "START", "the early": "START", "late": "END",
    "the late": "END", "mid": "MID", "the mid": "MID", "earlier": "START", "later": "END",
    "the end of": "END", "the beginning of": "START", "the start of": "START",
    "the middle of": "MID", "the turn of": "START", "the close of": "END",
    "just over": "MORE_THAN", "well over": "MORE_THAN", "just under": "LESS_THAN",
}  # fmt: skip


# Tokens that every match of a rule must contain (lower-cased words, or a class of
# number: "#year" 1000-2099, "#clock" 8pm / 22:06, "#decade" 1990s / 90s).
# A rule only scans the text around its key tokens, which keeps long texts fast.
YEAR_KEYS = frozenset({"#year"})
MONTH_KEYS = frozenset(MONTHS)
WEEKDAY_KEYS = frozenset(list(WEEKDAYS)[:7])
UNIT_KEYS = frozenset({*UNITS, *(u + "s" for u in UNITS), "centuries"})
SEASON_KEYS = frozenset(SEASONS)
CLOCK_KEYS = frozenset({"#clock", "am", "pm", "m", "noon", "midnight", "midday"})
DECADE_KEYS = frozenset({"#decade", "#year", *DECADE_WORDS})
PART_OF_DAY_KEYS = frozenset({"morning", "afternoon", "evening", "night", "overnight"})


def alternation(words: Iterable[str], *, dotted: bool = False) -> str:
    """A regex alternation of ``words``, longest first; ``dotted`` allows "Jan." forms."""
    ordered = sorted(words, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
    return f"(?:{body})\\.?" if dotted else f"(?:{body})"


# "May" and "March" are also a verb and a noun: only their capitalised forms are months.
_MONTH_WORDS = [w for w in MONTHS if w not in ("may", "march", "mar")]
MONTH = rf"(?:{alternation(_MONTH_WORDS, dotted=True)}|(?-i:May|MAY|March|MARCH|Mar\.?))"
WEEKDAY = alternation(list(WEEKDAYS)[:7])
DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
ORDINAL_DAY = rf"(?:{DAY}|{alternation(list(ORDINALS)[:-2])})"
YEAR = r"(?:1[0-9]{3}|20[0-9]{2})(?![0-9,.]?[0-9])"
YEAR_TAIL = r"(?:'[0-9]{2}|1[0-9]{3}|20[0-9]{2})(?![0-9,.]?[0-9])"
NUMBER_WORD = alternation(list(NUMBER_WORDS)) + r"(?![a-z])"
NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s+1/2)?|(?:a\s+)?{NUMBER_WORD}"
    rf"(?:(?:\s+and\s+|[\s-]+){NUMBER_WORD}){{0,3}}(?:\s+and\s+a\s+half)?"
    r"|an?(?:\s+and\s+a\s+half)?|half\s+an?|a\s+couple\s+of|a\s+dozen)"
)
VAGUE = (
    r"(?:a\s+few|few|several|many|some|a\s+couple\s+of|a\s+number\s+of|a\s+couple"
    r"|countless|numerous)"
)
UNIT = (
    r"(?:second|minute|hour|day|night|weekend|week|fortnight|month|quarter|year|decade"
    r"|centur(?:y|ie))"
)
SEASON = alternation(list(SEASONS))
PART_OF_DAY = r"(?:morning|afternoon|evening|night|overnight)"
ORDINAL = rf"(?:{alternation(list(ORDINALS)[:12])}|1st|2nd|3rd|4th)"
_MOVING_HOLIDAYS = r"thanksgiving(?:\s+day)?|easter(?:\s+sunday)?|election\s+day"
HOLIDAY = rf"(?:{alternation(list(HOLIDAYS))}|{_MOVING_HOLIDAYS})"
TIMEZONE = r"(?:[ECMP][SD]T|GMT|UTC|BST|CET|CEST|local\s+time)"
CLOCK = (
    r"(?:(?P<hh>[01]?[0-9]|2[0-3])(?:[:.](?P<mi>[0-5][0-9]))?\s*"
    r"(?P<ampm>[ap]\.?\s?m\b\.?)|(?P<hh24>[01]?[0-9]|2[0-3]):(?P<mi24>[0-5][0-9])(?![0-9])"
    r"|(?P<named>noon|midnight|midday))"
)


def unit_key(text: str) -> str:
    """The UNITS key of a unit word as written ("centuries" → "century", "days" → "day")."""
    text = text.lower()
    return "century" if text.startswith("centur") else text.removesuffix("s")


def number_value(text: str) -> float | None:
    """The number written in ``text`` ("twenty-four", "2 1/2", "a", "1,000"), or None."""
    words = re.sub(r"[-,]", " ", text.lower().replace(",", "")).split()
    if not words:
        return None
    if len(words) == 1 and re.fullmatch(r"\d+(?:\.\d+)?", words[0]):
        return float(words[0])
    return _word_number(words)


def _word_number(words: list[str]) -> float | None:
    if len(words) > 1 and words[0] in ("a", "an") and words[1] in NUMBER_WORDS:
        words = words[1:] if NUMBER_WORDS[words[1]] < 100 else words  # "a five-year" vs "a hundred"
    total, current = 0.0, 0.0
    for word in words:
        if word in ("a", "an") and current == 0:
            current = 1
        elif word in NUMBER_WORDS:
            current = _combine(current, NUMBER_WORDS[word])
        elif word == "half":
            current = current + 0.5 if current else 0.5
        elif word == "1/2":
            current += 0.5
        elif re.fullmatch(r"\d+(?:\.\d+)?", word):
            current += float(word)
        elif word in ("and", "couple", "of"):
            current = 2 if word == "couple" else current
        else:
            return None
        if current >= 1000:
            total, current = total + current, 0
    return total + current


def _combine(current: float, value: int) -> float:
    if value in (100, 1000):
        return (current or 1) * value
    if value == 12 and current:  # "two dozen"
        return current * 12
    return current + value
