"""What event coreference reads of a mention: the item, the weights, and derived keys."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re

from storyline.schema import compatible_event_types, event_types

# Sources of a date the text gives for the event itself (the rest is the report date).
TEXT_SOURCES = frozenset({"sentence", "context"})
REPORTED = "reported"
_WORD = re.compile(r"[^\W\d_]{4,}")
# Frequent words that say nothing about which event a sentence is about.
_STOP = frozenset(
    {
        "that", "this", "with", "from", "have", "were", "said", "says", "which", "their",
        "they", "been", "will", "would", "after", "about", "there", "when", "also", "into",
        "more", "than", "over", "what", "while", "where", "some", "other", "could",
    }
)  # fmt: skip
# Endings cut from a lemma to make its trigger key, longest first.
_SUFFIXES = ("ments", "ment", "ings", "ing", "ions", "ion", "ed", "es", "s")
_TIMEX = re.compile(r"(\d{3,4})(?:-(W?)(\d{2})(?:-(\d{2}))?)?")


@dataclasses.dataclass(frozen=True)
class EventItem:
    """One event mention as coreference sees it."""

    key: str  # the event statement's id
    doc: str
    type: str  # schema event type (a type outside the schema matches only itself)
    lemma: str  # the trigger's lemma
    participants: frozenset[str] = frozenset()  # canonical entity ids
    places: frozenset[str] = frozenset()  # canonical entity ids of places
    date: str | None = None  # TIMEX3 calendar value, None when not dated
    date_source: str = "none"  # sentence, context, reported, none
    sentence: str = ""  # the sentence text, for context similarity
    agents: frozenset[str] = frozenset()  # canonical ids in the agent role (a subset above)
    patients: frozenset[str] = frozenset()  # canonical ids in the patient role
    # what the document is about: canonical ids of the entities it names, and any other
    # document features the caller has (content words, years); empty: unknown
    context: frozenset[str] = frozenset()
    negated: bool = False  # "did not arrest": joins only other negated mentions


@dataclasses.dataclass(frozen=True)
class Weights:
    """How much each kind of evidence counts; tuned on ECB+ train/dev (docs/benchmarks.md)."""

    lemma: float = 0.5  # same trigger key
    type: float = 0.4  # same schema type, another trigger key (half for a compatible type)
    participant: float = 0.3  # at least one shared participant
    date: float = 0.3  # dates that overlap
    place: float = 0.1  # a shared place
    context: float = 0.0  # × Jaccard of the two documents' contexts (stories do this work)
    sentence: float = 0.0  # × Jaccard of the sentences' content words (no gain on ECB+)
    date_conflict: float = 0.3  # taken off when dates cannot both hold
    other_story: float = 0.5  # taken off when the two documents are in different stories
    story_link: float = 0.1  # average Jaccard of contexts at which documents are one story
    threshold: float = 0.5
    bucket_limit: int = 400  # a blocking key over this many items is compared by window
    window: int = 20  # neighbours each item of an over-limit key is compared with, per order


WEIGHTS = Weights()


@dataclasses.dataclass(slots=True)
class Profile:
    """What scoring needs of one item, computed once."""

    item: EventItem
    bounds: tuple[dt.date, dt.date] | None
    words: frozenset[str]  # the sentence's content words (empty unless weighed)
    in_schema: bool
    key: str  # the trigger key
    story: int  # the document's story group (-1: in every story)
    compatible: frozenset[str]  # the schema types this item's type may be one event with
    text_date: bool  # the date comes from the text (not the report date)


def profile(item: EventItem, story: int, weights: Weights = WEIGHTS) -> Profile:
    """The item's profile; sentence words are read only when ``weights`` counts them."""
    words = content_words(item.sentence) if weights.sentence else frozenset()
    bounds = date_bounds(item.date) if item.date else None
    in_schema, compatible = _type_facts(item.type)
    return Profile(
        item,
        bounds,
        words,
        in_schema,
        trigger_key(item.lemma),
        story,
        compatible,
        item.date_source in TEXT_SOURCES,
    )


@functools.lru_cache(maxsize=4096)
def _type_facts(kind: str) -> tuple[bool, frozenset[str]]:
    """Whether ``kind`` is a schema type, and the types it is compatible with."""
    if kind not in event_types():
        return False, frozenset()
    return True, compatible_event_types(kind)


@functools.lru_cache(maxsize=65_536)
def content_words(text: str) -> frozenset[str]:
    """The words of ``text`` that may tell one event or story from another (lower case)."""
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP)


@functools.lru_cache(maxsize=65_536)
def trigger_key(lemma: str) -> str:
    """The lemma lightly stemmed, so that "shooting"/"shoot", "dies"/"die" match."""
    word = lemma.lower().strip("#®’'\".")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


@functools.lru_cache(maxsize=65_536)
def date_bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day a TIMEX3 calendar value allows (week, month, season → wider)."""
    found = _TIMEX.match(value)
    if not found:
        return None
    digits, week, middle, day = found.groups()
    try:
        if len(digits) == 3:  # a decade: 201 → 2010–2019
            return dt.date(int(digits) * 10, 1, 1), dt.date(int(digits) * 10 + 9, 12, 31)
        year = int(digits)
        if week and middle:
            monday = dt.date.fromisocalendar(year, int(middle), 1)
            return monday, monday + dt.timedelta(days=6)
        if middle and day:
            return (dt.date(year, int(middle), int(day)),) * 2
        if middle:
            last = (dt.date(year + int(middle) // 12, int(middle) % 12 + 1, 1)) - dt.timedelta(
                days=1
            )
            return dt.date(year, int(middle), 1), last
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None
