"""How English news writes amounts: number words, scales, currencies, modifiers and nouns.

Everything the quantity recogniser knows about spelling lives here: tables as data, the
regular expressions built from them, and the two parsers that turn one written number into
a value (``parse_digits``, ``parse_number_words``); ``numbers.py`` finds amounts in text.
Every expression is linear: repetitions are possessive (``*+``, ``++``) so that a long
run of spaces or digits is never scanned twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final, NamedTuple


def _words(text: str) -> frozenset[str]:
    """A word table written as one string, so that it stays readable."""
    return frozenset(text.split())


# --- numbers -----------------------------------------------------------------------------------

# Cardinal words below twenty.
SMALL_NUMBERS: Final[dict[str, int]] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip

# Tens words; "twenty-five" joins one of these to a unit word.
TENS: Final[dict[str, int]] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip

# Multipliers that stay inside a number group ("three hundred", "two dozen").
GROUP_WORDS: Final[dict[str, int]] = {"hundred": 100, "dozen": 12}

# Scale words that close a group ("2 million", "three thousand").
SCALE_WORDS: Final[dict[str, float]] = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}

# Scale abbreviations glued to digits ("$1.7m", "3bn", "10k"); news style, any case.
GLUED_SCALES: Final[dict[str, float]] = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12, "trn": 1e12,
}  # fmt: skip

# Abbreviations that may also stand after a space ("$2 bn"); a spaced "m" is metres.
SPACED_SCALES: Final[frozenset[str]] = frozenset({"mn", "mln", "bn", "tn", "trn"})


class Vague(NamedTuple):
    """A vague amount: the range it stands for and whether "of" must follow it."""

    low: float
    high: float
    needs_of: bool


# Vague plural amounts: each covers from two of its unit up to the next spoken order.
VAGUE_AMOUNTS: Final[dict[str, Vague]] = {
    "dozens": Vague(24, 99, True),
    "scores": Vague(40, 99, True),
    "hundreds": Vague(200, 999, True),
    "thousands": Vague(2e3, 9_999, True),
    "tens of thousands": Vague(2e4, 99_999, True),
    "hundreds of thousands": Vague(2e5, 999_999, True),
    "millions": Vague(2e6, 9_999_999, True),
    "tens of millions": Vague(2e7, 99_999_999, True),
    "hundreds of millions": Vague(2e8, 999_999_999, True),
    "billions": Vague(2e9, 9_999_999_999, True),
    "tens of billions": Vague(2e10, 99_999_999_999, True),
    "hundreds of billions": Vague(2e11, 999_999_999_999, True),
}

# Quantifiers before a scale word ("several hundred", "a few thousand"): factor range.
VAGUE_QUANTIFIERS: Final[dict[str, tuple[float, float]]] = {
    "several": (3, 9),
    "a few": (2, 5),
}

# The scale words a vague quantifier may take.
VAGUE_SCALES: Final[dict[str, float]] = {"dozen": 12, "hundred": 100, **SCALE_WORDS}

# --- modifiers ---------------------------------------------------------------------------------


class Modifier(NamedTuple):
    """What a word before an amount does to it."""

    mod: str  # the value of Quantity.mod
    bound: str | None  # "low" or "high": which end the stated number fixes
    approx: bool  # the amount is an estimate


APPROX = Modifier("approx", None, True)
ABOUT = Modifier("about", None, True)
NEARLY = Modifier("approx", "high", True)
MORE_THAN = Modifier("more than", "low", False)
AT_LEAST = Modifier("at least", "low", False)
LESS_THAN = Modifier("less than", "high", False)
AT_MOST = Modifier("at most", "high", False)
BETWEEN = Modifier("between", None, False)  # only kept when "and" closes a range

# Words and phrases before an amount (or before its currency sign), lowercase.
MODIFIERS: Final[dict[str, Modifier]] = {
    "about": ABOUT,
    "around": APPROX, "approximately": APPROX, "roughly": APPROX, "some": APPROX,
    "an estimated": APPROX, "estimated": APPROX, "circa": APPROX, "~": APPROX,
    "nearly": NEARLY, "almost": NEARLY, "close to": NEARLY, "just under": NEARLY,
    "more than": MORE_THAN, "over": MORE_THAN, "in excess of": MORE_THAN, "above": MORE_THAN,
    "at least": AT_LEAST, "upwards of": AT_LEAST, "upward of": AT_LEAST,
    "no fewer than": AT_LEAST, "no less than": AT_LEAST, "a minimum of": AT_LEAST,
    "less than": LESS_THAN, "fewer than": LESS_THAN, "under": LESS_THAN, "below": LESS_THAN,
    "at most": AT_MOST, "up to": AT_MOST, "no more than": AT_MOST, "not more than": AT_MOST,
    "as many as": AT_MOST, "as much as": AT_MOST, "a maximum of": AT_MOST,
    "between": BETWEEN,
}  # fmt: skip

# The last word of each modifier: when the word before a number is none of these, the
# modifier pattern is not tried.
MODIFIER_LAST_WORDS: Final[frozenset[str]] = frozenset(p.split()[-1] for p in MODIFIERS)

# --- currencies --------------------------------------------------------------------------------

# Signs written before (and, for a few, after) the amount. A bare "$" is read as USD.
CURRENCY_SIGNS: Final[dict[str, str]] = {
    "$": "USD", "US$": "USD", "U.S.$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD",
    "AU$": "AUD", "HK$": "HKD", "NZ$": "NZD", "S$": "SGD", "R$": "BRL", "€": "EUR",
    "£": "GBP", "¥": "JPY", "₽": "RUB", "₸": "KZT", "₴": "UAH", "₹": "INR", "₺": "TRY",
    "₩": "KRW",
}  # fmt: skip

# Signs that European style writes after the amount ("500 €").
TRAILING_SIGNS: Final[frozenset[str]] = frozenset({"€", "£", "₽", "₸", "₴", "₺"})

# ISO 4217 codes recognised before or after an amount ("USD 1.7m", "500 KGS"); upper case only.
ISO_CODES: Final[frozenset[str]] = _words(
    "USD EUR GBP RUB KGS KZT BYN BYR UAH UZS TJS AZN GEL AMD MDL CNY JPY CHF INR TRY CAD "
    "AUD NZD HKD SGD BRL KRW SEK NOK DKK PLN CZK HUF"
)


class Currency(NamedTuple):
    """A currency named in words: its code and what one of it is worth in that code."""

    code: str
    factor: float


# Currency names after an amount, lowercase; "pounds of" is a weight (see numbers.py).
CURRENCY_WORDS: Final[dict[str, Currency]] = {
    "dollar": Currency("USD", 1), "dollars": Currency("USD", 1),
    "us dollars": Currency("USD", 1), "u.s. dollars": Currency("USD", 1),
    "american dollars": Currency("USD", 1), "canadian dollars": Currency("CAD", 1),
    "australian dollars": Currency("AUD", 1), "hong kong dollars": Currency("HKD", 1),
    "euro": Currency("EUR", 1), "euros": Currency("EUR", 1),
    "pound": Currency("GBP", 1), "pounds": Currency("GBP", 1), "sterling": Currency("GBP", 1),
    "pounds sterling": Currency("GBP", 1), "british pounds": Currency("GBP", 1),
    "rouble": Currency("RUB", 1), "roubles": Currency("RUB", 1), "ruble": Currency("RUB", 1),
    "rubles": Currency("RUB", 1), "russian roubles": Currency("RUB", 1),
    "russian rubles": Currency("RUB", 1), "belarusian roubles": Currency("BYN", 1),
    "belarusian rubles": Currency("BYN", 1), "som": Currency("KGS", 1),
    "soms": Currency("KGS", 1), "kyrgyz som": Currency("KGS", 1),
    "tenge": Currency("KZT", 1), "kazakh tenge": Currency("KZT", 1),
    "hryvnia": Currency("UAH", 1), "hryvnias": Currency("UAH", 1),
    "yuan": Currency("CNY", 1), "renminbi": Currency("CNY", 1), "yen": Currency("JPY", 1),
    "rupee": Currency("INR", 1), "rupees": Currency("INR", 1),
    "swiss francs": Currency("CHF", 1), "lira": Currency("TRY", 1),
    "cents": Currency("USD", 0.01), "euro cents": Currency("EUR", 0.01),
    "pence": Currency("GBP", 0.01), "kopecks": Currency("RUB", 0.01),
}  # fmt: skip

# First words of currency names ("u" of "u.s. dollars"): others skip the currency pattern.
CURRENCY_FIRST_WORDS: Final[frozenset[str]] = frozenset(
    re.split(r"[ .]", w)[0] for w in CURRENCY_WORDS
)

# First words of a percent unit ("12 per cent", "5 percentage points").
PERCENT_WORDS: Final[frozenset[str]] = frozenset({"per", "percent", "pct", "percentage"})

# --- nouns after a number ----------------------------------------------------------------------

# Units of measure: counted even in the singular, and they take an "of" phrase (the `what`).
MEASURE_UNITS: Final[frozenset[str]] = _words(
    "ton tons tonne tonnes kg kilogram kilograms kilogrammes gram grams pounds ounces "
    "barrel barrels litre litres liter liters gallon gallons km kilometre kilometres "
    "kilometer kilometers mile miles metre metres meter meters feet hectare hectares acre "
    "acres megawatts cubic bags boxes sacks truckloads containers"
)

# Time units: "three years" is a duration, left to the TIMEX normaliser; "three times" a ratio.
TIME_UNITS: Final[frozenset[str]] = _words(
    "second seconds minute minutes hour hours day days night nights week weeks weekend "
    "weekends month months year years decade decades century centuries times"
)

# Plural nouns that do not end in "s".
PLURAL_NOUNS: Final[frozenset[str]] = _words(
    "people men women children police personnel staff cattle sheep livestock aircraft "
    "infantry militia youth clergy poultry deer fish offspring folk kin crew"
)

# Page furniture counted on a line of its own ("252 reads") is not news.
WIDGET_NOUNS: Final[frozenset[str]] = _words("reads views comments shares likes replies retweets")

# Words allowed between a number and its noun ("two young daughters", "500 riot police").
NOUN_MODIFIERS: Final[frozenset[str]] = _words(
    "other more additional further young old new former current senior junior small large "
    "big major minor armed unarmed foreign local international national private public top "
    "key main leading separate different similar elderly innocent wounded injured dead "
    "missing suspected alleged ethnic military civilian police security government "
    "opposition state federal regional border riot aid health election party family human "
    "rights humanitarian financial economic political well-known known unknown square"
)

# Words that end a noun search: no count noun is any of these.
STOPWORDS: Final[frozenset[str]] = _words(
    "a an the and or but nor of in on at to from by for with without within into onto over "
    "under about above below after before since until during per as than then that this "
    "these those it its is are was were be been being has have had do does did will would "
    "shall should can could may might must not no yes so such very more most less least "
    "others each every some any all both either neither his her hers their theirs our ours "
    "your yours my mine him them they we you he she i me us who whom whose which what when "
    "where why how also only just even still yet already again ago later earlier there here "
    "out up down off back always perhaps sometimes besides whereas thus across among "
    "amongst towards afterwards via versus plus minus percent per cent dozens scores "
    "hundreds thousands millions billions trillions tens"
)

# Month names: a number beside one is part of a date ("8 May", "April 7").
MONTHS: Final[frozenset[str]] = _words(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
)

# Words before a number that make it an identifier ("page 3", "No. 12"), never a count.
ID_WORDS: Final[frozenset[str]] = _words(
    "no nos number page pages p pp room flight route article chapter section paragraph item "
    "ticket case id tel phone fax ext box vol volume issue resolution order code version "
    "platform gate seat row line level grade"
)

# --- regular expressions -----------------------------------------------------------------------

_SP = r"[ \t\u00a0]"  # a space within a line


def alternation(phrases: Iterable[str], *, reverse: bool = False) -> str:
    """A regex alternation of ``phrases``, longest first, inner spaces as space runs."""
    ordered = sorted(phrases, key=len, reverse=True)
    texts = [p[::-1] if reverse else p for p in ordered]
    return "|".join(re.escape(t).replace(r"\ ", rf"{_SP}++") for t in texts)


_NUMBER_WORD = alternation([*SMALL_NUMBERS, *TENS, *GROUP_WORDS, *SCALE_WORDS])
_CLOSES_GROUP = "|".join(f"(?<={w})" for w in [*GROUP_WORDS, *SCALE_WORDS])
_VAGUE_SCALE = alternation(VAGUE_SCALES)


def _core_pattern(*, after_dash: bool, flags: int = 0) -> re.Pattern[str]:
    """Where an amount may begin: digits, a vague amount, or number words (lowercase).

    Digits glued to a word, a dot or a colon are never an amount's start ("A380", "22:06",
    "Su-25");
    after "digit-" only when reading the upper end of a range (``after_dash``).
    """
    dash = "" if after_dash else "(?<![0-9]-)"
    return re.compile(
        rf"""
    (?P<digits>(?<![\w.,:/+\#])(?<![^\W\d_]-){dash}[0-9]++(?:[.,][0-9]++)*+)
    | (?P<vague>\b(?:(?:{alternation(VAGUE_QUANTIFIERS)}){_SP}++(?:{_VAGUE_SCALE})
        | {alternation(VAGUE_AMOUNTS)})\b)
    | (?P<words>\b(?:(?:half{_SP}++)?an?{_SP}++(?=(?:hundred|dozen|{alternation(SCALE_WORDS)})\b))?
        (?:{_NUMBER_WORD})\b
        (?:(?:{_SP}*+-{_SP}*+|{_SP}++|(?:{_CLOSES_GROUP}){_SP}++and{_SP}++)(?:{_NUMBER_WORD})\b)*+)
    """,
        re.VERBOSE | flags,
    )


# Where CORE_RE may match: a digit or the first word of one of its branches. Scanning for
# these first and trying CORE_RE only there is three times faster than scanning with it.
_FIRST_WORDS = {p.split()[0] for p in [*VAGUE_AMOUNTS, *VAGUE_QUANTIFIERS]}
START_RE: Final = re.compile(
    rf"[0-9]|\b(?:{alternation({*_FIRST_WORDS, 'a', 'an', 'half', *SMALL_NUMBERS, *TENS})})\b"
)

# Lower case for ASCII letters only, when str.lower would change a text's length ("İ").
ASCII_LOWER: Final[dict[int, int]] = {ord(c): ord(c.lower()) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}

# Scanning runs over a lowercased copy: a case-sensitive pattern is several times faster.
CORE_RE: Final = _core_pattern(after_dash=False)
RANGE_END_RE: Final = _core_pattern(after_dash=True, flags=re.IGNORECASE)

# Number spellings: plain ("12.5", "2010"), English groups ("1,500.5"), European ("1.500.000").
MAX_PLAIN_DIGITS = 7  # a longer run of bare digits is an id or a phone number
MAX_NUMBER_CHARS = 32  # longer digit strings are ids or noise, never amounts
PLAIN_NUMBER_RE: Final = re.compile(r"(?:0|[1-9][0-9]{0,6})(?:\.[0-9]+)?")
ENGLISH_NUMBER_RE: Final = re.compile(r"[1-9][0-9]{0,2}(?:,[0-9]{3})++(?:\.[0-9]+)?")
EUROPEAN_NUMBER_RE: Final = re.compile(
    r"[1-9][0-9]{0,2}(?:(?:\.[0-9]{3}){2,}+(?:,[0-9]+)?|(?:\.[0-9]{3})++,[0-9]+)"
)


# After digits, in one match: a date, time, phone or version chain ("23-05-2018", "22:06",
# "1/2"); a hyphen compound ("43-year-old"); letters glued to them ("1.7m", "21st", "3D");
# a spelled-out scale ("2 million") or a spaced abbreviation ("$2 bn").
AFTER_DIGITS_RE: Final = re.compile(
    rf"""(?P<chain>(?:[-/.:][0-9]++){{2}}|[:/][0-9])
    | (?P<compound>-[^\W\d_])
    | (?P<glued>[^\W\d_]++)
    | {_SP}++(?:(?P<word>{alternation(SCALE_WORDS)})|(?P<abbrev>{alternation(SPACED_SCALES)}))\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
GLUED_WORD_RE: Final = re.compile(r"[^\W\d_]++")

# Before an amount, read on the reversed text: a currency sign or code, then a modifier.
# Signs with letters ("US$") and codes must not be the tail of a longer word.
_LETTERED_SIGNS = [s for s in CURRENCY_SIGNS if s[0].isalpha()]
_PURE_SIGNS = [s for s in CURRENCY_SIGNS if not s[0].isalpha()]
LEFT_REV_RE: Final = re.compile(
    rf"""{_SP}*+
    (?:(?P<cur>(?-i:{alternation(_LETTERED_SIGNS, reverse=True)})(?![A-Za-z])
        | {alternation(_PURE_SIGNS, reverse=True)}
        | (?-i:{alternation(ISO_CODES, reverse=True)})(?![A-Za-z])
       ){_SP}*+)?
    (?:(?P<mod>{alternation(MODIFIERS, reverse=True)})(?![^\W\d_]))?
    """,
    re.IGNORECASE | re.VERBOSE,
)
# What may stand before the first word of a sentence or clause.
SENTENCE_OPENERS: Final[frozenset[str]] = frozenset(".!?\n\"“‘'(:;—–-•*#")
PREV_WORD_REV_RE: Final = re.compile(rf"{_SP}*+(?:\.{_SP}*+)?([^\W\d_]++)")

# Between the two ends of a range ("80-100", "$1.7m to $2m", "between 80 and 100").
RANGE_RE: Final = re.compile(rf"{_SP}*+[-–]{_SP}*+|{_SP}++to{_SP}++")
AND_RE: Final = re.compile(rf"{_SP}++and{_SP}++")
SIGN_AFTER_RE: Final = re.compile(
    rf"(?P<sign>{alternation(CURRENCY_SIGNS)}|{alternation(ISO_CODES)}(?![A-Za-z])){_SP}*+"
)

# After an amount: percent, currency name, code or trailing sign.
PERCENT_RE: Final = re.compile(
    rf"{_SP}*+%|(?:{_SP}++|-)(?:(?P<points>percentage{_SP}++points?)|per{_SP}?cent|percent|pct)\b",
    re.IGNORECASE,
)
CURRENCY_WORD_RE: Final = re.compile(
    rf"{_SP}++(?P<word>{alternation(CURRENCY_WORDS)})(?![^\W\d_])", re.IGNORECASE
)
CURRENCY_CODE_RE: Final = re.compile(
    rf"{_SP}*+(?:(?P<code>{alternation(ISO_CODES)})(?![A-Za-z])"
    rf"|(?P<sign>{alternation(TRAILING_SIGNS)}))"
)

# One word after a gap of spaces, at most one line break ("two young\ndaughters").
# Up to four words in one match, each after a gap of spaces with at most one line break
# ("two young\ndaughters"); group i is the i-th word.
WORDS_AFTER_LIMIT = 4
_GAP_WORD = r"(?=\s)[ \t\u00a0\r]*+(?:\n[ \t\u00a0\r]*+)?([^\W\d_]++(?:['’-][^\W\d_]++)*+)"
WORDS_AFTER_RE: Final = re.compile(
    "(?:".join([_GAP_WORD] * WORDS_AFTER_LIMIT) + ")?" * (WORDS_AFTER_LIMIT - 1)
)
OF_RE: Final = re.compile(rf"{_SP}++of\b", re.IGNORECASE)
IN_OR_OF_RE: Final = re.compile(rf"{_SP}++(?:in|of)\b", re.IGNORECASE)

# Quick tests: after an amount, a unit starts with a letter, "%", a dash or a trailing sign;
# before it, a currency sign, the last letter of an ISO code, or "~".
UNIT_HINT_RE: Final = re.compile(
    rf"[ \t\u00a0\r]*+(?:\n[ \t\u00a0\r]*+)?(?:[^\W\d_]|[%\-–]|{alternation(TRAILING_SIGNS)})"
)
SIGN_HINTS: Final[frozenset[str]] = frozenset(
    {s[-1] for s in CURRENCY_SIGNS} | set("ABCDEFGHIJKLMNOPQRSTUVWXYZ~")
)


# --- spellings of a number ---------------------------------------------------------------------


def parse_digits(raw: str) -> float | None:
    """The value of a digit string, or None when it is no well-formed number."""
    if raw.isdigit() and len(raw) <= MAX_PLAIN_DIGITS:
        return None if raw[0] == "0" and len(raw) > 1 else float(raw)  # "007" is an id
    if len(raw) > MAX_NUMBER_CHARS:
        return None
    if PLAIN_NUMBER_RE.fullmatch(raw) or ENGLISH_NUMBER_RE.fullmatch(raw):
        return float(raw.replace(",", ""))
    if EUROPEAN_NUMBER_RE.fullmatch(raw):
        return float(raw.replace(".", "").replace(",", "."))
    return None


def parse_number_words(words: list[str]) -> float | None:
    """The value of number words ("two hundred", "twenty-five", "three million")."""
    total, group, previous = 0.0, 0.0, ""
    for word in words:
        small = SMALL_NUMBERS.get(word, TENS.get(word))
        if small is not None:
            if not _may_follow(previous, small):
                return None
            group += small
        elif word in GROUP_WORDS:
            group = (group or 1) * GROUP_WORDS[word]
        elif word in SCALE_WORDS:
            total, group = total + (group or 1) * SCALE_WORDS[word], 0.0
        else:
            return None
        previous = word
    return total + group


def starts_group(words: list[str]) -> bool:
    """Without "a", a number cannot open with a multiplier ("million dollars")."""
    return bool(words) and words[0] not in GROUP_WORDS and words[0] not in SCALE_WORDS


def _may_follow(previous: str, small: int) -> bool:
    """Two small number words in a row only as tens then unit ("twenty-five")."""
    if previous in SMALL_NUMBERS:
        return False
    return previous not in TENS or 0 < small < 10
