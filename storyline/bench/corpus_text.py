"""Article texts for generated corpora: excerpts on sentence boundaries, respelt names, moved dates.

Everything here works on one source article at a time and keeps nothing of the
generated documents, so a corpus of any size is made in constant memory.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from storyline.bench import variants
from storyline.bench.pages import sentences
from storyline.errors import MissingInputError

# "Frank Harris", "Jean-Luc Picard": two capitalised words, a cheap stand-in for NER.
NAME_RE = re.compile(r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?) ([A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)\b")
LOWER_RE = re.compile(r"\b[a-z]+\b")  # words seen in lower case are no proper nouns
WORD_RE = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")  # fmt: skip
MONTH_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
              "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}  # fmt: skip
_MONTH = r"(?:" + "|".join(MONTH_NAMES) + r"|" + "|".join(MONTH_ABBR) + r")\.?"
# "November 27, 2023", "Nov. 27", "27 November 2023", or a year alone near the article's.
DATE_RE = re.compile(
    rf"\b(?P<m1>{_MONTH}) (?P<d1>\d{{1,2}})(?P<th>st|nd|rd|th)?(?P<y1>,? (?:19|20)\d\d)?\b"
    rf"|\b(?P<d2>\d{{1,2}}) (?P<m2>{_MONTH})(?P<y2> (?:19|20)\d\d)?\b"
    r"|(?<![\d,.$£€-])\b(?P<year>(?:19|20)\d\d)\b(?![-–/]?\d)"
)
# Years further than this from the article's own year are history: never moved.
YEAR_REACH = 3
# Paragraphs longer than this (in words; some dataset bodies are one block) are split.
LONG_PARAGRAPH = 150
PIECE_SENTENCES = 4  # sentences per paragraph when one is split
# Share of a respelt name's occurrences that get the variant (outlets are not consistent).
RESPELL_SHARE = 0.8


@dataclasses.dataclass(frozen=True)
class SourceArticle:
    """One dataset article, split once into paragraphs of sentences with their word counts."""

    title: str
    author: str | None
    publisher: str
    published: dt.datetime
    category: str
    paragraphs: tuple[tuple[tuple[str, int], ...], ...]
    paragraph_words: tuple[int, ...]
    names: tuple[str, ...]  # person-like names, each written in full somewhere in the body
    # Finds the names and their surnames in one pass (compiled once per article, not per use).
    name_pattern: re.Pattern[str] | None

    @property
    def words(self) -> int:
        return sum(n for para in self.paragraphs for _, n in para)


def load_sources(data: Path) -> list[SourceArticle]:
    """The MultiHop-RAG articles of ``data/corpus_train.json``, ready to be cut and varied."""
    path = data / "corpus_train.json"
    if not path.is_file():
        raise MissingInputError(
            f"no corpus_train.json in {data}", hint="give --data the MultiHop-RAG folder"
        )
    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if _body(r).strip()]
    common: set[str] = set()
    for record in records:
        common.update(LOWER_RE.findall(_body(record)))
    return [source_article(r, common) for r in records]


def _body(record: dict[str, str | None]) -> str:
    return str(record.get("body") or "")


def source_article(record: dict[str, str | None], common: set[str]) -> SourceArticle:
    """One record as an article; ``common`` holds every word seen written in lower case."""
    body = _body(record)
    paragraphs = tuple(
        piece
        for p in re.split(r"\n\s*\n|\n", body)
        if p.strip()
        for piece in _pieces(tuple((s, len(s.split())) for s in sentences(p)))
    )
    author = record.get("author")
    names = find_names(body, common)
    return SourceArticle(
        title=" ".join(str(record.get("title") or "").split()) or "Untitled",
        author=None if author in (None, "", "None") else author,
        publisher=str(record.get("source") or "Unknown"),
        published=parse_published(record.get("published_at")),
        category=str(record.get("category") or "news"),
        paragraphs=paragraphs,
        paragraph_words=tuple(sum(n for _, n in para) for para in paragraphs),
        names=names,
        name_pattern=names_pattern(names),
    )


def _pieces(para: tuple[tuple[str, int], ...]) -> list[tuple[tuple[str, int], ...]]:
    """A paragraph, split in runs of ``PIECE_SENTENCES`` sentences when it is over-long."""
    if sum(n for _, n in para) <= LONG_PARAGRAPH:
        return [para]
    return [para[i : i + PIECE_SENTENCES] for i in range(0, len(para), PIECE_SENTENCES)]


def parse_published(value: str | None) -> dt.datetime:
    """``2023-11-27 08:45:59.000000000Z`` (or an ISO string) as UTC; a fixed day when absent."""
    if not value:
        return dt.datetime(2023, 11, 1, 12, tzinfo=dt.UTC)
    head = value.strip().replace("T", " ")[:19]
    try:
        return dt.datetime.strptime(head, "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.UTC)
    except ValueError:
        return dt.datetime(2023, 11, 1, 12, tzinfo=dt.UTC)


def find_names(body: str, common: set[str]) -> tuple[str, ...]:
    """Person-like names: two proper nouns, the second also standing alone elsewhere.

    A proper noun is a capitalised word never seen in lower case (``common``):
    that drops "Penn State" and "Late Thursday". News writes "Frank Harris" once
    and "Harris" after; organisations and places rarely do that.
    """
    words = Counter(WORD_RE.findall(body))
    found: Counter[str] = Counter()
    for match in NAME_RE.finditer(body):
        given, surname = match.groups()
        if given.lower() not in common and surname.lower() not in common:
            found[match.group()] += 1
    return tuple(name for name, n in found.items() if words[name.split(" ")[1]] > n)


def names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for ``names`` and their surnames, longest first; None when there are none."""
    if not names:
        return None
    words = {*names, *(name.split(" ")[-1] for name in names)}
    return re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(words, key=len)[::-1])) + r")\b")


def excerpt(article: SourceArticle, words: int, rng: random.Random, *, first: bool) -> list[str]:
    """Paragraphs of about ``words`` words (0: all), cut after a whole sentence.

    ``first`` starts at the top (a corpus's first pass through the articles); later
    passes start at a random paragraph so that they read differently.
    """
    paragraphs = article.paragraphs
    if words > 0 and not first:
        starts = _starts_with_room(article.paragraph_words, words)
        paragraphs = paragraphs[rng.choice(starts) :]
    out: list[str] = []
    total = 0
    for para in paragraphs:
        kept: list[str] = []
        for sentence, count in para:
            if words > 0 and total + count > words and (kept or out):
                return [*out, " ".join(kept)] if kept else out
            kept.append(sentence)
            total += count
        out.append(" ".join(kept))
    return out


def _starts_with_room(paragraph_words: tuple[int, ...], words: int) -> list[int]:
    """Paragraph indices from which at least ``words`` words follow (at least the first)."""
    after = 0
    starts = []
    for index in range(len(paragraph_words) - 1, -1, -1):
        after += paragraph_words[index]
        if after >= words:
            starts.append(index)
    return starts or [0]


def ie_to_iye(name: str, rng: random.Random) -> str | None:
    """``ie`` written ``iye`` or the reverse (Dmitriev/Dmitriyev) at one place."""
    found = [(m.start(), m.group()) for m in re.finditer(r"iye|ie", name)]
    if not found:
        return None
    at, old = rng.choice(found)
    return name[:at] + ("ie" if old == "iye" else "iye") + name[at + len(old) :]


def respelling(name: str, rng: random.Random) -> str | None:
    """One transliteration-style variant of a person's name, or None when none applies."""
    changes: list[Callable[[], str | None]] = [
        lambda: variants.swap_letters(name, rng),
        lambda: ie_to_iye(name, rng),
        lambda: variants.double_letter(name, rng),
        lambda: variants.drop_vowel(name, rng),
        lambda: variants.given_initial(name, variants.PERSON),
        lambda: variants.add_accent(name, rng),
    ]
    rng.shuffle(changes)
    for change in changes:
        changed = change()
        if changed and changed != name and len(changed.split(" ")) == len(name.split(" ")):
            return changed
    return None


def respell_names(
    text: str, article: SourceArticle, names: dict[str, str], rng: random.Random
) -> tuple[str, int]:
    """``text`` with most occurrences of each name (and its surname alone) respelt.

    ``names`` maps some of the article's names to their variants. Returns the
    text and how many occurrences were changed.
    """
    if article.name_pattern is None:
        return text, 0
    spelling = dict(names)
    for name, variant in names.items():
        surname, new_surname = name.split(" ")[-1], variant.split(" ")[-1]
        if new_surname != surname:
            spelling.setdefault(surname, new_surname)
    changed = 0

    def swap(match: re.Match[str]) -> str:
        nonlocal changed
        new = spelling.get(match.group())
        if new is None or rng.random() >= RESPELL_SHARE:
            return match.group()
        changed += 1
        return new

    return article.name_pattern.sub(swap, text), changed


def shift_dates(text: str, weeks: int, around: dt.datetime) -> str:
    """Dates in ``text`` moved by ``weeks`` weeks, as the article's own date moves.

    Whole weeks keep "on Tuesday" true; years near the article's year move by as
    many years as its date did, so "last year" and "the 2023 season" still agree.
    """
    if weeks == 0:
        return text
    delta = dt.timedelta(weeks=weeks)
    years = (around + delta).year - around.year
    return DATE_RE.sub(lambda m: _moved(m, delta, years, around), text)


def _moved(match: re.Match[str], delta: dt.timedelta, years: int, around: dt.datetime) -> str:
    if match["year"]:
        year = int(match["year"])
        return str(year + years) if abs(year - around.year) <= YEAR_REACH else match["year"]
    month_text = match["m1"] or match["m2"]
    day, year_text = int(match["d1"] or match["d2"]), match["y1"] or match["y2"]
    month = _month_number(month_text)
    year = int(year_text.strip(", ")) if year_text else around.year
    try:
        old = dt.date(year, month, day)
    except ValueError:
        return match.group()
    if not year_text and abs((old - around.date()).days) > 183:  # "Jan 3" in a December article
        old = old.replace(year=year + (1 if old < around.date() else -1))
    new = old + delta
    name = _month_text(new.month, like=month_text)
    year_out = year_text.replace(str(year), str(new.year)) if year_text else ""
    if match["m1"]:
        return f"{name} {new.day}{_ordinal(new.day) if match['th'] else ''}{year_out}"
    return f"{new.day} {name}{year_out}"


def _ordinal(day: int) -> str:
    if day in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _month_text(month: int, *, like: str) -> str:
    """Month ``month`` written as ``like`` writes its month: in full, or abbreviated."""
    name = MONTH_NAMES[month - 1]
    if like.rstrip(".") in MONTH_NAMES or month == 5:
        return name
    short = "Sept" if month == 9 and like.startswith("Sept") else name[:3]
    return short + "." if like.endswith(".") else short


def _month_number(text: str) -> int:
    bare = text.rstrip(".")
    return MONTH_NAMES.index(bare) + 1 if bare in MONTH_NAMES else MONTH_ABBR[bare]
