"""What a question asks: its kind, its content words, the names it gives, its parts.

Pure functions on the question's text, no store: ``ask`` (``answer.py``) reads the
kind to prefer sentences holding an answer of the expected type (a date for "when",
an amount of money for "how much"), the content words and names to measure how much of
the question the evidence covers, and the parts to search each half of a two-part
question on its own.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable
from enum import StrEnum

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.errors import EmptyInputError

# Characters of a question that are read; the rest of a pasted essay is ignored.
MAX_QUESTION_CHARS = 2000
# Content terms kept for searching and coverage (the first ones, in question order).
MAX_TERMS = 40


class Kind(StrEnum):
    """What kind of answer a question expects."""

    WHO = "who"  # a person or an organisation
    WHEN = "when"  # a date (a TIMEX)
    HOW_MUCH = "how_much"  # an amount of money
    HOW_MANY = "how_many"  # a count or a percentage
    WHERE = "where"  # a place
    WHY = "why"  # a cause or a reason
    YES_NO = "yes_no"  # a statement to confirm or deny
    WHAT = "what"  # anything else


# The wh-phrases that set a question's kind; the earliest match in the question wins
# (so the relative "who" of "Why did the man who fled …" does not make it a who-question).
KIND_PATTERNS: tuple[tuple[Kind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (
            Kind.HOW_MUCH,
            r"\bhow much\b|\b(?:what|which) (?:was |is )?(?:the )?(?:price|cost|sum)\b",
        ),
        (Kind.HOW_MANY, r"\bhow many\b|\b(?:what|which) (?:was |is )?(?:the )?number of\b"),
        (Kind.WHEN, r"\bwhen\b|\b(?:what|which) (?:year|date|day|month|time)\b|\bhow long ago\b"),
        (Kind.WHO, r"\bwho(?:m|se)?\b|\b(?:which|what) (?:person|individual|man|woman|people)\b"),
        (Kind.WHERE, r"\bwhere\b|\b(?:which|what) (?:city|country|place|town|region)\b"),
        (Kind.WHY, r"\bwhy\b|\bfor what reason\b|\bwhat (?:was|is) the reason\b"),
    )
)
# Auxiliaries that open a yes-no question ("Did Zalesia extradite him?").
YES_NO_OPENERS = frozenset(
    {"is", "are", "was", "were", "did", "does", "do", "has", "have", "had", "can", "could"}
    | {"will", "would", "should", "may", "might"}
)
# Question words and fillers that are no content of the question.
QUESTION_WORDS = frozenset(
    {"who", "whom", "whose", "what", "which", "when", "where", "why", "how", "much", "many"}
    | {"long", "ago", "according", "report", "reported", "reports", "article", "articles"}
    | {"say", "said", "says", "tell", "told", "considering", "information", "mentioned"}
)
# Joints that split a two-part question into parts searched on their own.
PART_JOINTS = re.compile(
    r",? (?:and|while|whereas|as well as|but|compared (?:to|with)|than|and also) ",
    re.IGNORECASE,
)
# One word of an outlet's name; a name: such words, small joiners inside ("Times of India").
_OUTLET_WORD = r"[A-Z][\w.&-]*(?:['’]\w+)*"
_OUTLET = (
    rf"{_OUTLET_WORD}"
    rf"(?:\s+(?:of\s+|and\s+(?={_OUTLET_WORD}\s+(?:article|report)))?{_OUTLET_WORD})*"
)
# Words that cue outlet names right after ("according to Reuters", "a report by …").
OUTLET_BEFORE = re.compile(
    r"\b(?i:according to|reported by|published by|(?:article|report|piece|story) (?:by|from|in))"
    rf"\s+(?:both\s+)?(?i:the\s+)?['‘\"“]?({_OUTLET})['’\"”]?"
    rf"(?:\s+and\s+(?i:the\s+)?['‘\"“]?({_OUTLET}))?",
)
# An outlet name right before a cue ("the TechCrunch article", "the 'Fortune' report"),
# in quotes or not; quotes must pair, so a title's tail ("… of the Year Odds' article")
# is no outlet.
OUTLET_AFTER = re.compile(
    r"(?:(?:\b(?:[Tt]he|[Aa]n?|[Aa]nother)\s+)?['‘\"“](?:[Tt]he\s+)?"
    rf"({_OUTLET})['’\"”]|\b(?:[Tt]he|[Aa]n?|[Aa]nother)\s+({_OUTLET}))\s+"
    r"(?:article|report|piece|story|review|post)\b",
)
# One word: letters, digits, inner apostrophes and hyphens.
WORD = re.compile(r"\w+(?:['’-]\w+)*")
# Capitalised words that are dates, not names ("on September 26", "last Monday").
CALENDAR_WORDS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august"}
    | {"september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun"}
    | {"jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday"}
    | {"thursday", "friday", "saturday", "sunday"}
)
# Small words allowed inside a name ("Bank of England", "Ales Hrabovich of Zalesia" stops).
NAME_JOINERS = frozenset({"of", "de", "al", "van", "von", "bin", "la", "du"})
# Suffixes stripped (and what replaces them) to compare word forms: "recalled" ~ "recall",
# "lives" ~ "lived" ~ "live"; the first that fits wins, leaving at least MIN_STEM letters.
SUFFIXES = (
    ("ies", "y"),
    ("ied", "y"),
    ("ings", ""),
    ("ing", ""),
    ("ed", ""),
    ("es", ""),
    ("s", ""),
    ("ly", ""),
)
# Past forms of irregular verbs news uses, read as their base: "fled" ~ "flee".
IRREGULAR = {
    past: base
    for base, forms in {
        "begin": "began begun",
        "bring": "brought",
        "build": "built",
        "buy": "bought",
        "catch": "caught",
        "choose": "chose chosen",
        "come": "came",
        "drive": "drove driven",
        "fall": "fell fallen",
        "fight": "fought",
        "find": "found",
        "flee": "fled",
        "fly": "flew flown",
        "give": "gave given",
        "go": "went gone",
        "grow": "grew grown",
        "hide": "hid hidden",
        "hold": "held",
        "keep": "kept",
        "know": "knew known",
        "lead": "led",
        "leave": "left",
        "lose": "lost",
        "make": "made",
        "meet": "met",
        "pay": "paid",
        "rise": "rose risen",
        "run": "ran",
        "say": "said",
        "see": "saw seen",
        "sell": "sold",
        "send": "sent",
        "shoot": "shot",
        "sit": "sat",
        "speak": "spoke spoken",
        "spend": "spent",
        "stand": "stood",
        "steal": "stole stolen",
        "strike": "struck",
        "take": "took taken",
        "tell": "told",
        "think": "thought",
        "win": "won",
        "write": "wrote written",
    }.items()
    for past in forms.split()
}
# Shortest stem a suffix may leave.
MIN_STEM = 3
# Endings of words whose final "s" is no plural ("press", "bus", "crisis").
KEEP_S = ("ss", "us", "is")


@dataclasses.dataclass(frozen=True)
class Question:
    """A question as ``ask`` reads it."""

    text: str  # whitespace collapsed, at most MAX_QUESTION_CHARS
    kind: Kind
    terms: tuple[str, ...]  # content words, folded, in question order, each once
    names: tuple[str, ...]  # capitalised phrases the question names ("Kubat Zhumaliyev")
    outlets: tuple[str, ...]  # names cued as outlets ("according to Steppe Courier")
    parts: tuple[str, ...]  # the question itself, or its two or more parts


def fold(text: str) -> str:
    """Lower case without accents: ``Zhumaliyév`` → ``zhumaliyev``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def stem(word: str) -> str:
    """A crude word stem that joins inflections: ``recalled``, ``recalls`` → ``recall``."""
    word = fold(word).replace("’", "'").removesuffix("'s")
    word = IRREGULAR.get(word, word)
    for suffix, replacement in SUFFIXES:
        if suffix == "s" and word.endswith(KEEP_S):
            break
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            word = word[: -len(suffix)] + replacement
            break
    return word[:-1] if len(word) > MIN_STEM and word.endswith("e") else word


def words(text: str) -> list[str]:
    return WORD.findall(text)


def content_terms(text: str) -> list[str]:
    """Folded words that carry content: no stopwords, no question words, each once."""
    seen: dict[str, None] = {}
    for word in words(text):
        folded = fold(word).replace("’", "'").removesuffix("'s")
        if len(folded) < 2 and not folded.isdigit():
            continue
        if folded in STOP_WORDS or folded in QUESTION_WORDS:
            continue
        seen.setdefault(folded, None)
    return list(seen)[:MAX_TERMS]


def question_kind(text: str) -> Kind:
    """The kind of answer ``text`` asks for (``Kind.WHAT`` when nothing tells)."""
    folded = fold(text)
    found = [(m.start(), kind) for kind, rx in KIND_PATTERNS if (m := rx.search(folded))]
    first = words(folded)[:1]
    if first and first[0] in YES_NO_OPENERS and not any(at < 12 for at, _ in found):
        return Kind.YES_NO
    return min(found)[1] if found else Kind.WHAT


def names_in(text: str) -> list[str]:
    """Runs of capitalised words, broken at punctuation; dates and numbers are no names.

    A run of one word at the very start is the sentence's first word, not a name.
    """
    runs: list[list[str]] = [[]]
    last = 0
    for match in WORD.finditer(text):
        token = match.group()
        if runs[-1] and text[last : match.start()].strip():
            runs.append([])  # a comma, a bar or a quote ends a name
        if _capitalised(token) or (runs[-1] and token in NAME_JOINERS):
            runs[-1].append(token)
        elif runs[-1]:
            runs.append([])
        last = match.end()
    first = words(text)[:1]
    if runs[0] and len(runs[0]) == 1 and runs[0][0] == first[0]:
        runs.pop(0)  # "Why", "Considering", "Кто": a sentence's first word
    return _unique(_bare(_trim_joiners(" ".join(run))) for run in runs)


def _capitalised(token: str) -> bool:
    """A word written with a capital, not a stopword, month or weekday: part of a name."""
    folded = fold(token)
    return token[0].isupper() and folded not in STOP_WORDS and _bare(folded) not in CALENDAR_WORDS


def _bare(name: str) -> str:
    """A name without quotes around it or a possessive ending: ``'Sridevi's`` → ``Sridevi``."""
    return re.sub(r"['’]s$|['’]$", "", name.strip(" '‘’\"“”"))


def _trim_joiners(name: str) -> str:
    parts = name.split()
    while parts and parts[-1] in NAME_JOINERS:
        parts.pop()
    return " ".join(parts)


def _unique(names: Iterable[str]) -> list[str]:
    out: dict[str, None] = {}
    for name in names:
        if name:
            out.setdefault(name, None)
    return list(out)


def outlets_in(text: str) -> list[str]:
    """Names the question gives as outlets: after "according to", before "article"."""
    found = [
        g for rx in (OUTLET_BEFORE, OUTLET_AFTER) for m in rx.finditer(text) for g in m.groups()
    ]
    return _unique(_bare(name) for name in found if name)


def split_parts(text: str) -> list[str]:
    """The parts of a two-part question, each with content of its own; else the whole."""
    pieces = [p.strip(" ,;?") for p in PART_JOINTS.split(text)]
    parts = [p for p in pieces if len(content_terms(p)) >= 2]
    return parts if len(parts) >= 2 else [text]


def parse_question(text: str) -> Question:
    """Read ``text`` as a question; an empty one is an input error (E204)."""
    clean = " ".join(text.split())[:MAX_QUESTION_CHARS]
    if not words(clean):
        raise EmptyInputError(
            "the question is empty", hint="ask about the story, e.g. 'Who fled to Zalesia?'"
        )
    return Question(
        text=clean,
        kind=question_kind(clean),
        terms=tuple(content_terms(clean)),
        names=tuple(names_in(clean)),
        outlets=tuple(outlets_in(clean)),
        parts=tuple(split_parts(clean)),
    )
