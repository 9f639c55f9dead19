"""Money, counts and percentages in running text: where each is and what it normalises to.

``find_quantities(text)`` scans a text once (linear time, no spaCy) for every amount tied to
a currency, a percent sign or a counted noun; ``text[q.start:q.end]`` is the whole expression
("$1.7 million", "upwards of 80 people"). The tables are in ``number_patterns``. Choices:

- ``value`` is the stated number, scaled ("$1.7m" → 1700000.0); ranges ("80-100 people") and
  vague amounts ("hundreds of") have ``value`` None and ``low``/``high`` set. A modifier fixes
  one end: "more than 100" has value 100 and low 100 (the bound itself, not 101).
- Percentages keep their number (12.5, not 0.125); unit "percent" or "percentage points".
- Count units are the head noun as written, lowercased ("daughters", "tons"); for units of
  measure an "of" phrase becomes ``what`` ("tons of fuel" → what "fuel"), and for money an
  "in"/"of" phrase does ("$50 million in financial aid" → what "financial aid"). The phrase
  is part of the span.
- A bare "$" is USD; "pounds" is GBP unless "pounds of" (then a weight, counted).
- Never reported: a number with no currency, percent or plural noun after it; years (a bare
  1000-2099 is never a count, "the 2005 elections"); dates ("8 May", "April 7"); times and
  other digit chains ("22:06", "23-05-2018", phone numbers); ordinals ("21st"); identifiers
  ("page 3", "No. 12", "COVID-19", a bare number after a name mid-sentence as in "Boeing 737",
  digit runs of 8+); durations ("three years": the TIMEX normaliser's
  job); hyphen compounds, so ages such as "43-year-old" are skipped; the word "one" alone
  ("one of them"); counters alone on a line ("252 reads").
- "1.500.000" and "1.500,5" are European; "1.500" alone is read as 1.5 (the English
  reading); space-grouped digits ("1 500 000") and comma decimals ("12,5") are not read.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from enum import StrEnum
from typing import NamedTuple

from storyline.nlp import number_patterns as pat
from storyline.registry import Registry

LEFT_WINDOW = 40  # characters before an amount searched for a modifier or currency sign
MAX_NOUN_WORDS = 4  # words read after an amount to find its noun ("two other Kyrgyz citizens")
MAX_WHAT_WORDS = 2  # words in a `what` phrase ("humanitarian aid"); a third is mostly a verb
LINE_SLACK = 80  # characters looked at each side of a counter to see that it is alone on a line


class QuantityKind(StrEnum):
    """What an amount measures."""

    MONEY = "MONEY"  # an amount of a currency; unit is the ISO 4217 code
    COUNT = "COUNT"  # a number of things; unit is the counted noun
    PERCENT = "PERCENT"  # a percentage; unit is "percent" or "percentage points"


@dataclasses.dataclass(frozen=True)
class Quantity:
    """One amount found in a text; ``text[start:end]`` is the whole expression."""

    start: int
    end: int
    text: str
    kind: QuantityKind
    value: float | None  # the stated number, scaled; None for ranges and vague amounts
    low: float | None = None  # lower bound (ranges, vague amounts, "at least")
    high: float | None = None  # upper bound (ranges, vague amounts, "up to")
    unit: str | None = None  # ISO code, counted noun, or "percent"
    what: str | None = None  # what is counted or paid for ("fuel", "financial aid")
    mod: str | None = None  # "approx", "about", "at least", "at most", "more than", "less than"
    approx: bool = False  # an estimate: "about", "some", vague amounts


class _Amount(NamedTuple):
    """A number before its unit is known."""

    start: int
    end: int
    value: float | None
    scale: float = 1.0  # the scale written with it ("million"), for ranges
    low: float | None = None
    high: float | None = None
    needs_of: bool = False  # "hundreds" must be followed by "of"
    vague: bool = False
    yearlike: bool = False  # a bare 1000-2099: never a count
    lone_one: bool = False  # the word "one" alone: never a count
    bare: bool = False  # plain digits, no separator or scale: may be a model number


class _Left(NamedTuple):
    """What stands before an amount: a modifier and a currency sign, and where they start."""

    start: int  # where the modifier (or else the sign, or else the amount) starts
    sign_start: int  # where the sign (or else the amount) starts
    mod: pat.Modifier | None = None
    currency: str | None = None
    prev_word: str = ""  # the word just before, for dates ("April 7") and ids ("page 3")
    after_name: bool = False  # a capitalised word mid-sentence comes just before ("Boeing 737")


class _Unit(NamedTuple):
    """What an amount is of, and where the expression ends."""

    end: int
    kind: QuantityKind
    unit: str
    what: str | None = None
    factor: float = 1.0  # "cents" are 0.01 of a dollar


QUANTITY_RECOGNISERS: Registry[Callable[[str], list[Quantity]]] = Registry("quantity recogniser")


@QUANTITY_RECOGNISERS.register("quantities.v1")
def find_quantities(text: str) -> list[Quantity]:
    """Every money amount, count and percentage in ``text``, in order, never overlapping."""
    found: list[Quantity] = []
    low = _lowered(text)
    floor = 0  # end of the last quantity: nothing may start before it
    scanned = 0  # end of the last number read: the next one starts after it
    for hit in pat.START_RE.finditer(low):
        match = pat.CORE_RE.match(low, hit.start()) if hit.start() >= scanned else None
        if match is None:
            continue
        scanned = match.end()
        quantity = _read_quantity(text, match, floor)
        if quantity is not None:
            found.append(quantity)
            floor = scanned = quantity.end
    return found


def _lowered(text: str) -> str:
    """``text`` in lower case with every offset kept (str.lower turns "İ" into two)."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(pat.ASCII_LOWER)


def _read_quantity(text: str, match: re.Match[str], floor: int) -> Quantity | None:
    if not (_unit_may_follow(text, match.end()) or _sign_may_precede(text, match.start())):
        return None
    amount = _read_amount(text, match)
    if amount is None:
        return None
    left = _read_left(text, amount.start, floor)
    amount, left = _read_range(text, amount, left)
    unit = _read_unit(text, amount, left)
    return None if unit is None else _build(text, amount, left, unit)


def _unit_may_follow(text: str, end: int) -> bool:
    """A cheap test that skips most bare numbers ("1 2 3") before the full reading."""
    return pat.UNIT_HINT_RE.match(text, end) is not None


def _sign_may_precede(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" \t\u00a0")
    return before[-1:] in pat.SIGN_HINTS


# --- the number itself -------------------------------------------------------------------------


def _read_amount(text: str, match: re.Match[str]) -> _Amount | None:
    if match.lastgroup == "digits":
        return _digit_amount(text, match)
    if match.lastgroup == "vague":
        return _vague_amount(match)
    return _word_amount(match)


def _digit_amount(text: str, match: re.Match[str]) -> _Amount | None:
    raw, end = match.group(), match.end()
    value = pat.parse_digits(raw)
    scaled = None if value is None else _read_scale(text, end)
    if value is None or scaled is None:
        return None
    scale, end = scaled
    bare = scale == 1 and raw.isdigit()
    yearlike = bare and len(raw) == 4 and 1000 <= value < 2100
    return _Amount(match.start(), end, value * scale, scale, yearlike=yearlike, bare=bare)


def _read_scale(text: str, pos: int) -> tuple[float, int] | None:
    """The scale after digits at ``pos`` and where it ends.

    None when the digits are part of something else: a date, time or phone chain
    ("23-05-2018", "22:06"), an ordinal or code ("21st", "3D"), a compound ("43-year-old").
    """
    after = pat.AFTER_DIGITS_RE.match(text, pos)
    if after is None:
        return 1.0, pos
    if after.lastgroup in ("chain", "compound"):
        return None
    factor = pat.GLUED_SCALES.get(after.group(after.lastgroup or "").lower())
    if after.lastgroup == "word":
        factor = pat.SCALE_WORDS.get(after.group("word").lower())
    if factor is None:
        return None if after.lastgroup == "glued" else (1.0, pos)
    return factor, after.end()


def _vague_amount(match: re.Match[str]) -> _Amount | None:
    words = match.group().lower().split()
    vague = pat.VAGUE_AMOUNTS.get(" ".join(words))
    if vague is not None:
        low, high = float(vague.low), float(vague.high)
        return _Amount(match.start(), match.end(), None, low=low, high=high,
                       needs_of=vague.needs_of, vague=True)  # fmt: skip
    factors = pat.VAGUE_QUANTIFIERS.get(" ".join(words[:-1]))
    scale = pat.VAGUE_SCALES.get(words[-1])
    if factors is None or scale is None:
        return None
    low, high = factors[0] * scale, factors[1] * scale
    return _Amount(match.start(), match.end(), None, low=low, high=high, vague=True)


def _word_amount(match: re.Match[str]) -> _Amount | None:
    words = pat.GLUED_WORD_RE.findall(match.group().lower())
    half = words[:1] == ["half"]
    article = bool({"a", "an"} & set(words[:2]))  # "a million", "half a dozen"
    words = [w for w in words if w not in {"half", "a", "an", "and"}]
    value = pat.parse_number_words(words)
    if value is None or not (article or pat.starts_group(words)):
        return None
    value = value / 2 if half else value
    return _Amount(match.start(), match.end(), value, lone_one=words == ["one"])


# --- what stands before and between ------------------------------------------------------------


def _read_left(text: str, start: int, floor: int) -> _Left:
    """The modifier and currency sign just before ``start`` (never before ``floor``)."""
    window = text[max(floor, start - LEFT_WINDOW) : start][::-1]
    prev_word, after_name = _prev_word(window)
    if not _left_may_hold(window, prev_word):
        return _Left(start, start, prev_word=prev_word, after_name=after_name)
    match = pat.LEFT_REV_RE.match(window)
    cur, mod = (match.group("cur"), match.group("mod")) if match else (None, None)
    currency = _sign_code(cur[::-1]) if cur else None
    modifier = pat.MODIFIERS.get(" ".join(mod[::-1].lower().split())) if mod else None
    if match is None or (currency is None and modifier is None):
        return _Left(start, start, prev_word=prev_word, after_name=after_name)
    sign_start = start - match.end("cur") if currency else start
    mod_start = start - match.end("mod") if modifier else sign_start
    return _Left(mod_start, sign_start, modifier, currency)


def _left_may_hold(reversed_window: str, prev_word: str) -> bool:
    """A cheap test before the full modifier/sign pattern: most numbers have neither."""
    if prev_word.lower() in pat.MODIFIER_LAST_WORDS or prev_word in pat.ISO_CODES:
        return True
    return reversed_window.lstrip(" \t\u00a0")[:1] in pat.SIGN_HINTS


def _sign_code(sign: str) -> str | None:
    return pat.CURRENCY_SIGNS.get(sign) or (sign if sign in pat.ISO_CODES else None)


def _prev_word(reversed_window: str) -> tuple[str, bool]:
    """The word before an amount, and whether it is a name inside a sentence."""
    match = pat.PREV_WORD_REV_RE.match(reversed_window)
    if match is None:
        return "", False
    word = match.group(1)[::-1]
    before = reversed_window[match.end() :].lstrip(" \t\u00a0")[:1]
    return word, word[:1].isupper() and before != "" and before not in pat.SENTENCE_OPENERS


def _read_range(text: str, amount: _Amount, left: _Left) -> tuple[_Amount, _Left]:
    """Join "80-100", "$1.7m to $2m" or "between 80 and 100" into one amount."""
    between = left.mod is pat.BETWEEN
    plain = left._replace(mod=None, start=left.sign_start) if between else left
    if amount.vague or amount.value is None:
        return amount, plain
    sep = (pat.AND_RE if between else pat.RANGE_RE).match(text, amount.end)
    second = _second_amount(text, sep, left) if sep else None
    if second is None or second.value is None:
        return amount, plain
    low = amount.value * second.scale if amount.scale == 1 else amount.value
    if low > second.value:
        return amount, plain
    joined = _Amount(amount.start, second.end, None, low=low, high=second.value,
                     yearlike=amount.yearlike or second.yearlike)  # fmt: skip
    return joined, left._replace(mod=None) if between else left


def _second_amount(text: str, sep: re.Match[str], left: _Left) -> _Amount | None:
    """The upper end of a range; "$5 to 10 charities" is no range, "$5 to $10" is."""
    pos = sep.end()
    sign = pat.SIGN_AFTER_RE.match(text, pos)
    if sign is not None and left.currency and _sign_code(sign.group("sign")) == left.currency:
        pos = sign.end()
    elif left.currency and "-" not in sep.group() and "–" not in sep.group():
        return None
    core = pat.RANGE_END_RE.match(text, pos)
    if core is None or core.lastgroup == "vague":
        return None
    return _read_amount(text, core)


# --- what comes after --------------------------------------------------------------------------


def _read_unit(text: str, amount: _Amount, left: _Left) -> _Unit | None:
    """The currency, percent sign or counted noun after an amount."""
    pos = amount.end
    if amount.needs_of:
        of = pat.OF_RE.match(text, pos)
        if of is None:
            return None
        pos = of.end()
    if left.currency:
        return _money(text, pos, left.currency, 1.0)
    words = _words_after(text, pos, MAX_NOUN_WORDS)
    first = words[0][0] if words else ""
    if not amount.needs_of and (not first or first.lower() in pat.PERCENT_WORDS):
        percent = _percent(text, pos)
        if percent is not None:
            return percent
    if not first or first.lower() in pat.CURRENCY_FIRST_WORDS or first in pat.ISO_CODES:
        money = _currency_after(text, pos)
        if money is not None:
            return money
    return _count(text, words, amount, left)


def _percent(text: str, pos: int) -> _Unit | None:
    match = pat.PERCENT_RE.match(text, pos)
    if match is None:
        return None
    unit = "percentage points" if match.group("points") else "percent"
    return _Unit(match.end(), QuantityKind.PERCENT, unit)


def _currency_after(text: str, pos: int) -> _Unit | None:
    word = pat.CURRENCY_WORD_RE.match(text, pos)
    if word is not None:
        name = " ".join(word.group("word").lower().split())
        currency = pat.CURRENCY_WORDS.get(name)
        if currency is None or (name.startswith("pound") and pat.OF_RE.match(text, word.end())):
            return None
        return _money(text, word.end(), currency.code, currency.factor)
    code = pat.CURRENCY_CODE_RE.match(text, pos)
    if code is None:
        return None
    found = code.group("code") or code.group("sign")
    currency_code = _sign_code(found)
    return None if currency_code is None else _money(text, code.end(), currency_code, 1.0)


def _money(text: str, pos: int, code: str, factor: float) -> _Unit:
    """A money unit; an "in"/"of" phrase after it says what the money is for."""
    link = pat.IN_OR_OF_RE.match(text, pos)
    what, end = _read_what(text, link.end()) if link else (None, pos)
    return _Unit(end if what else pos, QuantityKind.MONEY, code, what=what, factor=factor)


def _read_what(text: str, pos: int) -> tuple[str | None, int]:
    """Up to two plain lowercase words ("financial aid"); (None, pos) when there are none.

    A participle after the first word is taken for a verb: "tons of fuel arrived".
    """
    words: list[str] = []
    end = start = pos
    for word, word_end in _words_after(text, pos, MAX_WHAT_WORDS):
        low = word.lower()
        if word != low or low in pat.STOPWORDS or low in pat.TIME_UNITS or "'" in word:
            break
        if words and _is_participle(low):
            break
        words.append(word)
        end = word_end
    return (" ".join(words), end) if words else (None, start)


def _words_after(text: str, pos: int, limit: int) -> list[tuple[str, int]]:
    """The next ``limit`` (at most four) words after ``pos``, with only spaces between."""
    match = pat.WORDS_AFTER_RE.match(text, pos)
    if match is None:
        return []
    groups = range(1, min(limit, pat.WORDS_AFTER_LIMIT) + 1)
    return [(match.group(i), match.end(i)) for i in groups if match.group(i) is not None]


def _count(text: str, words: list[tuple[str, int]], amount: _Amount, left: _Left) -> _Unit | None:
    """A counted noun among the words after the amount ("two young daughters")."""
    if amount.yearlike or amount.lone_one or _is_date_or_id(amount, left):
        return None
    index = _head_noun([w for w, _ in words], singular=amount.value == 1)
    if index is None:
        return None
    noun, end = words[index][0].lower(), words[index][1]
    if noun in pat.WIDGET_NOUNS and _alone_on_line(text, amount.start, end):
        return None
    what, end = _measured(text, end) if noun in pat.MEASURE_UNITS else (None, end)
    return _Unit(end, QuantityKind.COUNT, noun, what=what)


def _is_date_or_id(amount: _Amount, left: _Left) -> bool:
    """ "April 7", "page 3", "Boeing 737 jets": the number names a day or a thing."""
    if left.prev_word in pat.MONTHS or left.prev_word.lower() in pat.ID_WORDS:
        return True
    return amount.bare and left.after_name


def _head_noun(words: list[str], *, singular: bool) -> int | None:
    """Index of the counted noun in ``words``: the first noun after modifiers, or None.

    A modifier that can itself be the noun is kept as a fallback: "85 Americans",
    "500 riot police", "two by-elections".
    """
    fallback: int | None = None
    for index, word in enumerate(words):
        low = word.lower()
        if low in pat.TIME_UNITS or (index == 0 and word in pat.MONTHS):
            return None
        if low in pat.STOPWORDS or "'" in low or "’" in low:
            break
        if word[:1].isupper() or _is_modifier(low):
            fallback = index if _may_be_noun(word, low) else fallback
        elif _is_noun(low, singular=singular):
            return index
        else:
            break
    return fallback


def _may_be_noun(word: str, low: str) -> bool:
    if low in pat.PLURAL_NOUNS:
        return True
    return (word[:1].isupper() or "-" in low) and _looks_plural(low)


def _is_noun(low: str, *, singular: bool) -> bool:
    if len(low) < 2:
        return False
    if low in pat.MEASURE_UNITS or low in pat.PLURAL_NOUNS:
        return True
    return singular or _looks_plural(low)


def _looks_plural(low: str) -> bool:
    """Regular plurals: "protesters", "citizens"; not "business", "status", "crisis"."""
    return len(low) > 2 and low.endswith("s") and not low.endswith(("ss", "us", "is", "'s"))


def _is_modifier(low: str) -> bool:
    return low in pat.NOUN_MODIFIERS or "-" in low or _is_participle(low)


def _is_participle(low: str) -> bool:
    """ "armed", "wounded", "arrived": an adjective before a noun, a verb after it."""
    return low.endswith("ed") and len(low) > 4 and low not in pat.STOPWORDS


def _measured(text: str, pos: int) -> tuple[str | None, int]:
    """The "of" phrase after a unit of measure: "tons of fuel" → "fuel"."""
    of = pat.OF_RE.match(text, pos)
    if of is None:
        return None, pos
    what, end = _read_what(text, of.end())
    return (what, end) if what else (None, pos)


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """Only spaces between the line's ends and the span; lines are looked at near the span."""
    head = text[max(0, start - LINE_SLACK) : start]
    tail = text[end : end + LINE_SLACK]
    head_ok = ("\n" in head or start <= LINE_SLACK) and not head.rpartition("\n")[2].strip()
    tail_ok = ("\n" in tail or end + LINE_SLACK >= len(text)) and not tail.partition("\n")[
        0
    ].strip()
    return head_ok and tail_ok


# --- the result --------------------------------------------------------------------------------


def _build(text: str, amount: _Amount, left: _Left, unit: _Unit) -> Quantity:
    value, low, high = (
        None if v is None else v * unit.factor for v in (amount.value, amount.low, amount.high)
    )
    mod = left.mod
    if mod is not None and value is not None and mod.bound == "low":
        low = value
    elif mod is not None and value is not None and mod.bound == "high":
        high = value
    start = min(left.start, amount.start)
    return Quantity(
        start=start,
        end=unit.end,
        text=text[start : unit.end],
        kind=unit.kind,
        value=value,
        low=low,
        high=high,
        unit=unit.unit,
        what=unit.what,
        mod=mod.mod if mod else None,
        approx=amount.vague or bool(mod and mod.approx),
    )
