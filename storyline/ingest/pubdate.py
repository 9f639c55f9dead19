"""Publication dates: strict parsing of date lines and page stamps, inference from content, choice.

Three kinds of evidence meet here. A *date line* ("17 April 2010" under the
byline), a container field or a meta tag says when the article was published.
A *page stamp* ("Updated at 22:06,23-05-2018") says when the page last
changed: it is recorded as ``Metadata.updated`` and never becomes the
publication date. When neither exists, the publication date is *inferred*
from the dates the text mentions and given as a range (see
``infer_from_content``), never as a made-up precise day.

All-numeric dates are read day first ("05/04/2010" is 5 April), as
European and most non-US news writes them; only when the second number
cannot be a month ("04/17/2010") is the month read first.
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from enum import IntEnum

from storyline.model import DatedValue, Precision

# The placeholder year of a yearless date until it is placed: a leap year, for 29 February.
YEARLESS_YEAR = 4
MIN_YEAR = 1800  # plausible years for news: earlier "dates" are numbers or history
MAX_YEAR = 2100  # later four-digit numbers are counts, codes or targets, not dates


def _words_list(text: str) -> list[str]:
    """A word table written as one string (tables read better than quoted lists)."""
    return text.split()


def _words(text: str) -> frozenset[str]:
    return frozenset(_words_list(text))


# Month names by month number, across the languages of the news we read (data, not logic).
_MONTH_NAMES = (
    "january jan januar jänner jän janvier janv enero gennaio janeiro januari styczeń stycznia "
    "январь января",
    "february feb februar février fevrier févr fevr febrero febbraio fevereiro februari "
    "luty lutego февраль февраля",
    "march mar märz mär mars marzo março maart marzec marca март марта",
    "april apr avril avr abril aprile kwiecień kwietnia апрель апреля",
    "may mai mayo maggio maio mei maj maja май мая",
    "june jun juni juin junio giugno junho czerwiec czerwca июнь июня",
    "july jul juli juillet juil julio luglio julho lipiec lipca июль июля",
    "august aug août aout agosto augustus sierpień sierpnia август августа",
    "september sep sept septembre septiembre setiembre settembre setembro wrzesień września "
    "сентябрь сентября",
    "october oct oktober okt octobre octubre ottobre outubro październik października "
    "октябрь октября",
    "november nov novembre noviembre novembro listopad listopada ноябрь ноября",
    "december dec dezember dez décembre decembre déc diciembre dicembre dezembro grudzień grudnia "
    "декабрь декабря",
)
MONTHS: dict[str, int] = {
    name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names.split()
}


_Trie = dict[str, "_Trie"]  # a prefix tree of characters; "" marks the end of a word


def _trie(words: Iterable[str]) -> str:
    """One regex matching any of ``words``, as a prefix tree: scanning stays fast on long text."""
    root: _Trie = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _branch(root)


def _branch(node: _Trie) -> str:
    alternatives = [
        re.escape(char) + _branch(child) for char, child in sorted(node.items()) if char
    ]
    if not alternatives:
        return ""
    if "" in node:
        return "(?:" + "|".join(alternatives) + ")?"
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"


_MONTH = rf"(?P<mon>{_trie(MONTHS)})\.?"
_ORD = r"(?:st|nd|rd|th|er|º|\.)?"  # 17th, 1er, 17.
_TZ = r"(?:Z|UTC|GMT|[ECMP][SD]T|BST|CES?T|EES?T|MSK|IST|JST|[+-]\d{2}:?\d{2})"
_TIME = r"(?P<hh>\d{1,2})[:.h](?P<mi>\d{2})(?::(?P<ss>\d{2})(?:[.,]\d+)?)?\s*(?P<ap>[ap]\.?m\.?)?"
_TIME_TAIL = (
    rf"(?:(?:\s*,?\s*(?:at\s+|um\s+|à\s+)?|T){_TIME}\s*{_TZ}?(?:\s*[+-]\d{{1,2}}(?::?\d{{2}})?)?)?"
)
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s*,?\s+)?"

# Whole-string date forms, most specific first: (pattern, what it is).
_FORMS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(_WEEKDAY + form + _TIME_TAIL, re.IGNORECASE)
    for form in (
        r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})",  # ISO 8601
        r"(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})",  # 2010/04/17
        r"(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})",  # 17.04.2010
        rf"(?P<d>\d{{1,2}}){_ORD}[\s-]*(?:of\s+|de\s+)?{_MONTH}[\s,-]+(?:de\s+)?(?P<y>\d{{4}})"
        r"(?:\s*(?:г\.?|года|r\.))?",  # 17 April 2010, 17-Apr-2010, 17 de abril de 2010
        rf"{_MONTH}\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>\d{{4}})",  # April 17, 2010
        r"(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?:(?P<d>\d{1,2})\s*[日일])?",  # CJK
        r"(?P<y>\d{4})-(?P<m>\d{2})",  # 2012-03
        rf"{_MONTH},?\s+(?:de\s+|of\s+)?(?P<y>\d{{4}})",  # March 2012
        r"(?P<y>\d{4})",  # 2012
    )
)
_TRIM = " \t\r\n,;|·•–—-"


def parse_date(text: str) -> tuple[str, Precision] | None:
    """The ISO date and precision of a string that *is* a date, or None.

    Strict: the whole string must be one date (a weekday before it and a time
    after it are allowed and the time dropped); impossible dates ("32 May
    2010") and years outside ``MIN_YEAR..MAX_YEAR`` give None.
    """
    found = _match_form(_clean(text))
    return _iso(found) if found else None


def _clean(text: str) -> str:
    return re.sub(r"[*_`#]+", " ", " ".join(text.split())).strip(_TRIM)


def _match_form(text: str) -> re.Match[str] | None:
    if len(text) > 80:
        return None
    return next((m for form in _FORMS if (m := form.fullmatch(text))), None)


def _iso(found: re.Match[str]) -> tuple[str, Precision] | None:
    """The ISO value of a matched form (validated), at the precision it gives."""
    return iso_of(*_ymd(found.groupdict()))


def iso_of(year: int, month: int, day: int) -> tuple[str, Precision] | None:
    """The ISO value of year/month/day (0 = not given), or None for impossible dates."""
    if not MIN_YEAR <= year <= MAX_YEAR or not 0 <= month <= 12:
        return None
    if not month:
        return f"{year:04d}", Precision.YEAR
    if not day:
        return f"{year:04d}-{month:02d}", Precision.MONTH
    if day > calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}", Precision.DAY


def _ymd(groups: dict[str, str | None]) -> tuple[int, int, int]:
    """Year, month, day (0 when absent) from the named groups of any form."""
    year = int(groups.get("y") or 0)
    if groups.get("a") and groups.get("b"):
        first, second = int(groups["a"] or 0), int(groups["b"] or 0)
        # Day first, unless only the other order is possible ("04/17/2010").
        day, month = (second, first) if second > 12 >= first else (first, second)
        return year, month, day
    if groups.get("mon"):
        month = MONTHS.get((groups["mon"] or "").lower().rstrip("."), 0)
    else:
        month = int(groups.get("m") or 0)
    return year, month, int(groups.get("d") or 0) if month else 0


# ---------------------------------------------------------------- page stamps and date lines

# Words that open a page stamp: the page changed then, the article was not published then.
_STAMP_LABEL = re.compile(
    r"(?:page\s+)?(?:last\s+)?(?:updated|modified|edited|revised|changed|aktualisiert|geändert"
    r"|mis\s+à\s+jour|actualizado|modificado|aggiornato|atualizado|bijgewerkt|обновлено"
    r"|изменено)(?:\s+(?:at|on|le|am|el|il|em|op))?\s*:?",
    re.IGNORECASE,
)
# Words that open a date line: "Published: ...", "Posted on ...".
_DATE_LABEL = re.compile(
    r"^(?:(?:first\s+)?published|posted|date|dated|issued|veröffentlicht|publié|publicado"
    r"|pubblicato|gepubliceerd|опубликовано)(?:\s+(?:on|at|am|le|el|il|em|op))?\s*:?\s*",
    re.IGNORECASE,
)


def parse_stamp(line: str) -> str | None:
    """The moment a page stamp names, as an ISO datetime (``2018-05-23T22:06``) or date.

    "Updated at 22:06,23-05-2018", "Last updated: 14 March 2017 09:00 GMT",
    "Modified 2019-03-14T08:30:00+01:00". The label is optional; without a
    time the result is the date at its precision.
    """
    text = _clean(line)
    label = _STAMP_LABEL.search(text)
    rest = text[label.end() :] if label else text
    time = re.search(rf"(?<![\d.:]){_TIME}(?![\d.])(?:\s*{_TZ}\b)?", rest)
    if time and (date := parse_date(rest)) and date[1] is Precision.DAY:
        return f"{date[0]}T{_clock(time)}"
    if time:
        rest = (rest[: time.start()] + " " + rest[time.end() :]).strip(_TRIM)
    date = parse_date(rest)
    if date is None:
        return None
    return f"{date[0]}T{_clock(time)}" if time and date[1] is Precision.DAY else date[0]


def _clock(time: re.Match[str]) -> str:
    hour, minute = int(time["hh"]), int(time["mi"])
    if time["ap"] and time["ap"][0].lower() == "p" and hour < 12:
        hour += 12
    elif time["ap"] and hour == 12:
        hour = 0
    seconds = f":{int(time['ss']):02d}" if time["ss"] else ""
    return f"{hour % 24:02d}:{minute % 60:02d}{seconds}"


def parse_date_line(line: str) -> tuple[str, Precision] | None:
    """The date of a date line or a byline carrying one ("By X | 17 April 2010")."""
    text = _DATE_LABEL.sub("", _clean(line))
    if _STAMP_LABEL.match(text):
        return None  # an update stamp, not a publication date
    if found := parse_date(text):
        return found
    mentions = [m for m in find_mentions(text) if not m.yearless]
    if not mentions:
        return None
    first = min(mentions, key=lambda m: m.start)
    return _format(first.lo, first.precision), first.precision


# Date paths in URLs: /2010/04/17/, /2010-04-17/, /20100417/, /2010/04/.
_URL_FORMS = (
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?:/|$)"),
    re.compile(r"[/_-](?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[/_.-]|$)"),
    re.compile(r"/(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?:/|$)"),
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/"),
)


def date_from_url(url: str) -> tuple[str, Precision] | None:
    """The date an article URL's path carries, or None."""
    for form in _URL_FORMS:
        if (found := form.search(url)) and (iso := _iso(found)):
            return iso
    return None


# ---------------------------------------------------------------- dates the text mentions


@dataclasses.dataclass(frozen=True)
class Mention:
    """One date the text names, as the window of days it covers."""

    text: str
    start: int
    lo: dt.date
    hi: dt.date
    precision: Precision
    yearless: bool = False  # "on 5 July": the year is placed by ``place_yearless``
    anchor: str = ""  # for a placed yearless date: the dated mention it was placed after


_DAY_MONTH = rf"(?P<d>\d{{1,2}}){_ORD}\s*(?:of\s+|de\s+)?{_MONTH}"
_MONTH_DAY = rf"{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
_LEFT = r"(?<![\w$€£¥./#+:-])"  # not inside a number, an amount, a path or a time
_RIGHT = r"(?![\w%]|[.,/:-]\d)"
# Mention forms in scan order; each found span is masked before the next form runs.
_MENTION_FORMS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(_LEFT + form + _RIGHT, re.IGNORECASE)
    for form in (
        r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})",
        r"(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})",
        rf"{_DAY_MONTH}[\s,]+(?:de\s+)?(?P<y>\d{{4}})",
        rf"{_MONTH_DAY},?\s+(?P<y>\d{{4}})",
        rf"{_MONTH},?\s+(?:de\s+|of\s+)?(?P<y>\d{{4}})",
        r"(?P<y0>\d{4})\s*[-–]\s*(?P<y>\d{4})",  # "2010-2012": its end year counts
        _DAY_MONTH,  # yearless: "On 3 September"
        _MONTH_DAY,  # yearless: "on May 8" (only with a capital, see _keep)
        r"(?P<y>\d{4})",
    )
)
# A word right before a number or date that makes it no past event: an amount, an index, a
# target ("$2010", "No. 2010", "by 2030"). "until" is not here: "ruled until 2010" is past.
_NOT_YEAR_BEFORE = _words(
    "usd eur gbp rub som soms no nr number flight room page pages article resolution route "
    "code model version vision agenda strategy horizon by before"
)
# A word right after a bare number that makes it a count ("2000 troops").
_NOT_YEAR_AFTER = _words(
    "people persons troops soldiers police tons tonnes km kilometres kilometers miles metres "
    "meters dollars euros roubles rubles soms bn billion m mn million thousand k percent votes "
    "seats cases deaths dead victims times hours days weeks months years year-old families "
    "households refugees members units cars copies words reads views signatures"
)
# Words within a few words before a date that make it a plan, not a past event.
_FUTURE_BEFORE = _words("will shall scheduled slated upcoming forthcoming expected")
_LAST_WORD = re.compile(r"(\S+)\s*$")
_FIRST_WORD = re.compile(r"\s*([\w-]+)")
_SENTENCE_END = re.compile(r"[.!?\n]\s")
_STAMP_LINE = re.compile(rf"^[\s*_#]*{_STAMP_LABEL.pattern}.*$", re.IGNORECASE | re.MULTILINE)


def find_mentions(text: str) -> list[Mention]:
    """Every date the text names, in order; yearless ones keep ``YEARLESS_YEAR`` until placed.

    Page-stamp lines are skipped (they date the page, not events), and so are
    numbers that are amounts or counts and dates that are plans ("will ... in 2030").
    """
    masked = _STAMP_LINE.sub(lambda m: " " * len(m.group()) if parse_stamp(m.group()) else
                             m.group(), text)  # fmt: skip
    found: list[Mention] = []
    for form in _MENTION_FORMS:
        spans: list[tuple[int, int]] = []
        for match in form.finditer(masked):
            if (mention := _mention(match, masked)) is not None:
                found.append(mention)
                spans.append(match.span())
        masked = _blank(masked, spans)
    return sorted(found, key=lambda m: m.start)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with ``spans`` (in order, disjoint) overwritten by spaces; offsets kept."""
    pieces, pos = [], 0
    for start, end in spans:
        pieces += [text[pos:start], " " * (end - start)]
        pos = end
    return "".join([*pieces, text[pos:]])


def _mention(match: re.Match[str], text: str) -> Mention | None:
    if not _keep(match, text):
        return None
    year, month, day = _ymd(match.groupdict())
    yearless = match.groupdict().get("y") is None
    # A yearless date is validated in a leap year, so that 29 February is kept.
    iso = iso_of(2000 if yearless else year, month, day)
    if iso is None:
        return None
    lo, hi = _bounds(iso[0])
    if yearless:
        lo = hi = dt.date(YEARLESS_YEAR, lo.month, lo.day)
    return Mention(match.group(), match.start(), lo, hi, iso[1], yearless)


def _keep(match: re.Match[str], text: str) -> bool:
    """False for numbers that are no dates and for dates of plans."""
    before = _words_before(text, match.start())
    previous = _LAST_WORD.search(text[max(0, match.start() - 30) : match.start()])
    if previous and previous.group(1).strip("\"'“”‘’(),;:.").lower() in _NOT_YEAR_BEFORE:
        return False
    if _FUTURE_BEFORE.intersection(before[-4:]):
        return False
    groups = match.groupdict()
    if groups.get("y0") is not None and int(groups["y0"] or 0) >= int(groups["y"] or 0):
        return False  # "2012-2010" is no range of years
    if groups.get("mon") is None and groups.get("m") is None and groups.get("a") is None:
        after = _FIRST_WORD.match(text[match.end() : match.end() + 20])
        return not (after and after.group(1).lower() in _NOT_YEAR_AFTER)
    if groups.get("y") is None and match.group().lstrip()[0].isalpha():
        return match.group()[0].isupper()  # "May 8" yes, "may 8" no
    return True


def _words_before(text: str, start: int) -> list[str]:
    window = _SENTENCE_END.split(text[max(0, start - 80) : start])[-1]
    return [w.strip("\"'“”‘’()[],;:").lower() for w in window.split()]


def _bounds(iso: str) -> tuple[dt.date, dt.date]:
    """First and last day of an ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` value."""
    parts = [int(p) for p in iso[:10].split("-")]
    year, month, day = [*parts, 0, 0][:3]
    if day:
        return (dt.date(year, month, day),) * 2
    if month:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _format(day: dt.date, precision: Precision) -> str:
    if precision is Precision.YEAR:
        return f"{day.year:04d}"
    if precision is Precision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


# ---------------------------------------------------------------- inference from content

WINDOW_YEARS = 1  # an article is dated by the end of the year after the latest event it names
YEARLESS_GRACE_DAYS = 31  # "on 28 December" is still written without a year in early January
NO_DATE = DatedValue(None, Precision.UNKNOWN, "no date line and no dated mention in the text")

_NUMBER_WORDS = dict(
    zip(
        _words_list("one two three four five six seven eight nine ten eleven twelve"),
        range(1, 13),
        strict=True,
    )
) | {"a": 1, "an": 1}
_COUNT = r"(?P<n>\d{1,2}|" + "|".join(_NUMBER_WORDS) + ")"
# Between a date and a deictic phrase: punctuation or "in"/"on" ("April 2010, five years ago").
_GAP = r"(?:\s*[,;:()\[\]–—-]\s*(?:(?:in|on)\s+)?|\s+(?:in|on)\s+)"
# Phrases counting back from the day of publication: kind → phrase.
_DEICTIC_PHRASES = {
    "years ago": rf"\b{_COUNT}\s+years?\s+ago\b",
    "months ago": rf"\b{_COUNT}\s+months?\s+ago\b",
    "last year": r"\blast\s+year\b",
    "this year": r"\bthis\s+year\b",
}
# Each phrase right after a date, and right before one: (kind, after, before).
_DEICTIC = tuple(
    (kind, re.compile(_GAP + phrase, re.IGNORECASE), re.compile(phrase + _GAP + "$", re.IGNORECASE))
    for kind, phrase in _DEICTIC_PHRASES.items()
)
_DEICTIC_ANY = re.compile(r"\bago\b|\b(?:last|this)\s+year\b", re.IGNORECASE)  # any of them
_NEAR = 40  # characters between a date and a deictic phrase next to it, at most
SCAN_CHARS = 300_000  # dates past this are not read: bounds the cost on book-length input


def infer_from_content(text: str, *, today: dt.date | None = None) -> DatedValue:
    """A publication range bounded by the dates the text mentions.

    The bounding rule:

    * **lower bound** = the start of the latest date the text names: an
      article cannot report an event before it happened. Years ("in 2014"),
      months ("February 2015") and days ("17 April 2010") count; amounts,
      counts and plans do not ("$2010", "2000 troops", "will ... in 2030").
    * A date **without a year** ("On 3 September") is read at its first
      occurrence not before the latest dated mention ("October 2011" → 3
      September 2012); by the news convention of omitting the current year,
      the article is from that same year (plus ``YEARLESS_GRACE_DAYS``), which
      gives the **upper bound**.
    * Otherwise the **upper bound** is the end of the year after the lower
      bound's year (``WINDOW_YEARS``): reports and analyses rarely come later.
    * A phrase counting back from publication *right next to* a dated
      mention ("in April 2010, five years ago", "2014, last year") narrows
      the range and overrides the window.
    * ``today``, when given, drops dates in the future and caps the range.

    The result is YEAR precision when both bounds fall in one year, else
    RANGE; ``value`` is the lower bound's year, the most likely year.
    Without any usable date the answer is unknown, never a guess.
    """
    cut = f"; only the first {SCAN_CHARS:,} characters were read" if len(text) > SCAN_CHARS else ""
    text = text[:SCAN_CHARS]
    mentions = [m for m in find_mentions(text) if today is None or m.yearless or m.lo <= today]
    mentions = [m for m in place_yearless(mentions) if today is None or m.lo <= today]
    if not mentions:
        return dataclasses.replace(NO_DATE, evidence=NO_DATE.evidence + cut) if cut else NO_DATE
    latest = max(mentions, key=lambda m: (m.lo, m.yearless, m.lo - m.hi))
    lo, hi = latest.lo, _window_end(latest)
    lo, hi, note = _narrow(text, mentions, lo, hi)
    if today is not None:
        hi = max(lo, min(hi, today))
    return _inferred(latest, lo, hi, note + cut)


def place_yearless(mentions: list[Mention]) -> list[Mention]:
    """Dated mentions plus yearless ones placed at or after the latest dated one."""
    dated = [m for m in mentions if not m.yearless]
    if not dated:
        return []
    anchor = max(dated, key=lambda m: m.lo)
    placed = [_placed(m, anchor) for m in mentions if m.yearless]
    return dated + [m for m in placed if m is not None]


def _placed(mention: Mention, anchor: Mention) -> Mention | None:
    for year in range(anchor.lo.year, min(anchor.lo.year + 5, MAX_YEAR + 1)):
        if iso_of(year, mention.lo.month, mention.lo.day) is None:
            continue  # 29 February of a common year
        day = dt.date(year, mention.lo.month, mention.lo.day)
        if day >= anchor.lo:
            return dataclasses.replace(
                mention, lo=day, hi=day, anchor=" ".join(anchor.text.split())
            )
    return None


def _window_end(latest: Mention) -> dt.date:
    if latest.yearless:
        return max(dt.date(latest.lo.year, 12, 31), latest.lo + dt.timedelta(YEARLESS_GRACE_DAYS))
    return dt.date(min(latest.lo.year + WINDOW_YEARS, MAX_YEAR), 12, 31)


def _narrow(
    text: str, mentions: list[Mention], lo: dt.date, hi: dt.date
) -> tuple[dt.date, dt.date, str]:
    """Intersect the range with what deictic phrases next to dated mentions imply."""
    phrases = [m.start() for m in _DEICTIC_ANY.finditer(text)]
    near = [m for m in mentions if not m.yearless and _has_near(phrases, m)]
    implied = [w for m in near for w in _deictic(text, m)]
    if not implied:
        return lo, hi, ""
    new_lo = max([lo] + [w[0] for w in implied])
    new_hi = min(w[1] for w in implied)
    quoted = ", ".join(f"'{phrase}'" for phrase in dict.fromkeys(w[2] for w in implied))
    if new_lo > new_hi:
        return lo, hi, f"; ignored {quoted}: it contradicts the dates mentioned"
    return new_lo, new_hi, f"; narrowed by {quoted}"


def _has_near(phrases: list[int], mention: Mention) -> bool:
    """Whether a deictic phrase starts within ``_NEAR`` characters of ``mention``."""
    index = bisect.bisect_left(phrases, mention.start - _NEAR)
    return index < len(phrases) and phrases[index] <= mention.start + len(mention.text) + _NEAR


def _deictic(text: str, mention: Mention) -> list[tuple[dt.date, dt.date, str]]:
    """Publication windows implied by phrases adjacent to ``mention``."""
    end = mention.start + len(mention.text)
    windows = []
    for kind, after_date, before_date in _DEICTIC:
        after = after_date.match(text[end : end + _NEAR])
        before = before_date.search(text[max(0, mention.start - _NEAR) : mention.start])
        if found := after or before:
            phrase = (mention.text + found.group()) if after else (found.group() + mention.text)
            windows.append((*_implied(mention, kind, found), " ".join(phrase.split())))
    return windows


def _implied(mention: Mention, kind: str, found: re.Match[str]) -> tuple[dt.date, dt.date]:
    count = found.groupdict().get("n") or "1"
    n = int(count) if count.isdigit() else _NUMBER_WORDS.get(count.lower(), 1)
    if kind == "years ago":
        return _shift(mention.lo, 12 * n - 6), _shift(mention.hi, 12 * n + 6)
    if kind == "months ago":
        return _shift(mention.lo, n) - dt.timedelta(15), _shift(mention.hi, n) + dt.timedelta(15)
    extra = 1 if kind == "last year" else 0
    return dt.date(mention.lo.year + extra, 1, 1), dt.date(mention.hi.year + extra, 12, 31)


def _shift(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    year = max(1, min(year, 9999))
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _inferred(latest: Mention, lo: dt.date, hi: dt.date, note: str) -> DatedValue:
    lower = _format(lo, latest.precision) if lo == latest.lo else lo.isoformat()
    upper = _format(hi, Precision.MONTH) if hi.day == _month_end(hi) else hi.isoformat()
    said = f"latest date mentioned '{' '.join(latest.text.split())}'"
    if latest.yearless:
        said += (
            f" (no year given: read as {latest.lo.isoformat()}, not before '{latest.anchor}', "
            "and published in that year)"
        )
    precision = Precision.YEAR if lo.year == hi.year else Precision.RANGE
    evidence = f"inferred from content: {said}; published {lower}..{upper}{note}"
    return DatedValue(f"{lo.year:04d}", precision, evidence, (lower, upper))


def _month_end(day: dt.date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


# ---------------------------------------------------------------- choosing among candidates


class Source(IntEnum):
    """Where a publication date came from, strongest evidence first."""

    FIELD = 1  # the container's own field: JSON, feed entry, WARC header
    META = 2  # a meta tag or JSON-LD the page declares
    DATE_LINE = 3  # a date line under the headline, or a byline carrying a date
    URL = 4  # a date in the article's URL path
    CONTENT = 5  # inferred from the dates the text mentions
    STAMP = 6  # a page stamp: when the page changed, never the publication date


@dataclasses.dataclass(frozen=True)
class Candidate:
    """One piece of evidence about the publication date."""

    source: Source
    date: DatedValue


@dataclasses.dataclass(frozen=True)
class Dating:
    """The chosen publication date and the page's last update, each with evidence."""

    published: DatedValue
    updated: str | None = None
    updated_evidence: str | None = None


_PRECISION_RANK = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2, Precision.RANGE: 3}


def choose_published(candidates: Iterable[Candidate]) -> Dating:
    """The strongest dated candidate as the publication date; page stamps become ``updated``.

    A stamp never wins: at most it caps an inferred range from above (the
    article existed when the page was updated). The latest stamp is the update.
    """
    pool = [c for c in candidates if c.date.value]
    stamps = [c for c in pool if c.source is Source.STAMP]
    stamp = max(stamps, key=lambda c: c.date.value or "") if stamps else None
    ranked = sorted((c for c in pool if c.source is not Source.STAMP), key=_strength)
    if not ranked:
        published = NO_DATE
        if stamp is not None:
            published = dataclasses.replace(
                NO_DATE, evidence=f"{NO_DATE.evidence}; {stamp.date.evidence} dates an update only"
            )
    elif ranked[0].source is Source.CONTENT and stamp is not None:
        published = _capped(ranked[0].date, stamp.date)
    else:
        published = _with_conflict_note(ranked[0], ranked[1:])
    if stamp is None:
        return Dating(published)
    return Dating(published, stamp.date.value, stamp.date.evidence)


def _strength(candidate: Candidate) -> tuple[int, int]:
    return candidate.source.value, _PRECISION_RANK.get(candidate.date.precision, 4)


def _capped(inferred: DatedValue, stamp: DatedValue) -> DatedValue:
    """An inferred range capped by a page stamp, or noted as earlier than the stamp."""
    if inferred.range is None or stamp.value is None:
        return inferred
    lo, hi = _bounds(inferred.range[0])[0], _bounds(inferred.range[1])[1]
    day = _bounds(stamp.value)[0]
    if day >= hi:
        note = f"; the page stamp ({stamp.value}) is later than that range: an update"
        return dataclasses.replace(inferred, evidence=inferred.evidence + note)
    if day < lo:
        note = f"; the page stamp ({stamp.value}) is earlier than dates the text names: ignored"
        return dataclasses.replace(inferred, evidence=inferred.evidence + note)
    precision = Precision.YEAR if lo.year == day.year else Precision.RANGE
    note = f"; no later than the page stamp ({stamp.value})"
    return dataclasses.replace(
        inferred,
        precision=precision,
        evidence=inferred.evidence + note,
        range=(inferred.range[0], day.isoformat()),
    )


def _with_conflict_note(best: Candidate, rest: list[Candidate]) -> DatedValue:
    """``best``, noting content that names dates after it (a wrong date line, or plans)."""
    content = next((c.date for c in rest if c.source is Source.CONTENT and c.date.range), None)
    if content is None or content.range is None or best.date.value is None:
        return best.date
    if _bounds(content.range[0])[0] <= _bounds(best.date.value)[1]:
        return best.date
    note = f"; note: the text names later dates ({content.range[0]})"
    return dataclasses.replace(best.date, evidence=best.date.evidence + note)
