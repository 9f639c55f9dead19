"""Cross-document event coreference: mentions of one real event become one event.

Input is one ``EventItem`` per event mention, with its participants already mapped to
canonical entity ids; output is groups of item keys. Dates are compared by what they
allow, so mentions whose dates cannot both hold may still be one event (the timeline
marks that as a date conflict); type and participants decide.

1. Blocking: an item is filed under its trigger key (the lemma, lightly stemmed:
   "shooting" and "shoot", "nomination" and "nominate" share one) and under keys
   made of a pair of compatible types (schema ``compatible``) and the type or one
   participant; only items sharing a key are compared, and keys shared by more than
   ``Weights.bucket_limit`` items are skipped, so the pairs grow with the corpus, not
   with its square.
2. Hard rules, per pair and then between whole groups: two schema types must be
   compatible, and a type outside the schema matches only the same trigger key;
   asserted and negated mentions never join; two agent sets that share nothing
   block, as do two patient sets and two place sets.
3. Stories: documents are grouped by what they are about (``context``: the entities
   they name, and whatever document features the caller adds), average link over
   Jaccard similarity at ``story_link``; a pair across two groups costs
   ``other_story`` (two earthquakes of one topic are two events). Documents without
   a context are in every story.
4. Scoring: same trigger key, or same/compatible type; a shared participant;
   overlapping dates; a shared place; documents about the same things; sentences
   sharing words.
5. Dates: two dates from the text that cannot both hold (``2010-04`` and ``2012``)
   cost ``date_conflict``, and the pair may join only when it matches strongly anyway
   (same lemma or type and a shared participant): outlets disagree on dates, and the
   timeline shows such an event with a date conflict instead of splitting it. A
   publication date (``reported``) counts half, both ways.
6. Clustering: pairs at or above ``threshold``, best first, join groups unless a hard
   rule holds between any two of their mentions.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

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
    bucket_limit: int = 400


WEIGHTS = Weights()


@dataclasses.dataclass(frozen=True)
class _Profile:
    """What scoring needs of one item, computed once."""

    item: EventItem
    bounds: tuple[dt.date, dt.date] | None
    words: frozenset[str]
    in_schema: bool
    key: str  # the trigger key
    story: int  # the document's story group (-1: in every story)


def cluster_events(items: list[EventItem], *, weights: Weights = WEIGHTS) -> list[list[str]]:
    """Groups of item keys, each one real event; every item is in exactly one group."""
    stories = story_groups(items, weights)
    profiles = [_profile(item, stories.get(item.doc, -1)) for item in items]
    scored = []
    for i, j in candidate_pairs(items, weights.bucket_limit):
        if blocked(items[i], items[j]):
            continue
        score = pair_score(profiles[i], profiles[j], weights)
        if score >= weights.threshold:
            scored.append((score, i, j))
    groups = _Groups(profiles)
    for _, i, j in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        groups.join(i, j)
    return groups.keys()


def content_words(text: str) -> frozenset[str]:
    """The words of ``text`` that may tell one event or story from another (lower case)."""
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP)


def _profile(item: EventItem, story: int) -> _Profile:
    words = content_words(item.sentence)
    bounds = date_bounds(item.date) if item.date else None
    return _Profile(item, bounds, words, item.type in event_types(), trigger_key(item.lemma), story)


# Endings cut from a lemma to make its trigger key, longest first.
_SUFFIXES = ("ments", "ment", "ings", "ing", "ions", "ion", "ed", "es", "s")


def trigger_key(lemma: str) -> str:
    """The lemma lightly stemmed, so that "shooting"/"shoot", "dies"/"die" match."""
    word = lemma.lower().strip("#®’'\".")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


def blocking_keys(item: EventItem) -> set[tuple[str, ...]]:
    """The keys ``item`` is filed under: its trigger key; compatible types and a feature."""
    keys: set[tuple[str, ...]] = {("*", "key", trigger_key(item.lemma))}
    if item.type not in event_types():
        return keys
    for other in compatible_event_types(item.type):
        pair = (min(item.type, other), max(item.type, other))
        keys.add((*pair, "type"))
        keys.update((*pair, "entity", p) for p in item.participants)
    return keys


def candidate_pairs(items: Sequence[EventItem], limit: int) -> set[tuple[int, int]]:
    """Index pairs sharing a blocking key; keys over ``limit`` items are skipped."""
    buckets: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        for key in blocking_keys(item):
            buckets[key].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) > limit:
            continue
        for a, first in enumerate(members):
            pairs.update((first, second) for second in members[a + 1 :])
    return pairs


def compatible_types(a: EventItem, b: EventItem) -> bool:
    """Two schema types the schema calls compatible, or one outside it and one trigger key."""
    types = event_types()
    if a.type in types and b.type in types:
        return b.type in compatible_event_types(a.type)
    return trigger_key(a.lemma) == trigger_key(b.lemma)


def _disjoint(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a) and bool(b) and not a & b


def blocked(a: EventItem, b: EventItem) -> bool:
    """A hard rule keeps the two apart (types, polarity, agents, patients, places)."""
    return (
        not compatible_types(a, b)
        or a.negated != b.negated
        or _disjoint(a.agents, b.agents)
        or _disjoint(a.patients, b.patients)
        or _disjoint(a.places, b.places)
    )


def pair_score(a: _Profile, b: _Profile, weights: Weights) -> float:
    """How strongly two mentions look like one event (see the module docstring)."""
    x, y = a.item, b.item
    same_key = a.key == b.key
    if same_key:
        score = weights.lemma
    elif x.type == y.type and a.in_schema:
        score = weights.type
    else:
        score = weights.type / 2
    if a.story != b.story and a.story >= 0 and b.story >= 0:
        score -= weights.other_story
    shared = bool(x.participants & y.participants)
    score += weights.participant if shared else 0.0
    score += weights.place if x.places & y.places else 0.0
    score += weights.context * _jaccard(x.context, y.context)
    score += weights.sentence * _jaccard(a.words, b.words)
    if a.bounds and b.bounds:
        half = 1.0 if x.date_source in TEXT_SOURCES and y.date_source in TEXT_SOURCES else 0.5
        if a.bounds[0] <= b.bounds[1] and b.bounds[0] <= a.bounds[1]:
            score += weights.date * half
        else:
            score -= weights.date_conflict * half
            if half == 1.0 and not strong(a, b):
                return 0.0  # a date conflict is allowed only between strong matches
    return score


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def date_bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day a TIMEX3 calendar value allows (week, month, season → wider)."""
    found = re.match(r"(\d{3,4})(?:-(W?)(\d{2})(?:-(\d{2}))?)?", value)
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


def story_groups(items: Sequence[EventItem], weights: Weights) -> dict[str, int]:
    """Document → story number: documents about the same things, by average link.

    Documents are compared when they share a context feature held by at most
    ``bucket_limit`` documents; a pair never compared counts as similarity 0.
    Documents with no context are left out (in every story).
    """
    contexts: dict[str, set[str]] = defaultdict(set)
    for item in items:
        contexts[item.doc] |= item.context
    docs = sorted(d for d, c in contexts.items() if c)
    index: dict[str, list[int]] = defaultdict(list)
    for number, doc in enumerate(docs):
        for feature in contexts[doc]:
            index[feature].append(number)
    sims: dict[tuple[int, int], float] = {}
    for members in index.values():
        if len(members) <= weights.bucket_limit:
            for a, first in enumerate(members):
                for second in members[a + 1 :]:
                    if (first, second) not in sims:
                        x, y = contexts[docs[first]], contexts[docs[second]]
                        sims[(first, second)] = len(x & y) / len(x | y)
    return {
        docs[n]: group for n, group in average_link(len(docs), sims, weights.story_link).items()
    }


def average_link(count: int, sims: dict[tuple[int, int], float], link: float) -> dict[int, int]:
    """Item → group of an average-link clustering stopped below ``link``.

    ``sims`` holds the similarity of the pairs that have one (others count as 0). Group
    links are kept per neighbour and the best is taken from a heap (stale entries are
    skipped), so the work follows the number of similar pairs, not the square.
    """
    members = {i: 1 for i in range(count)}
    near: dict[int, dict[int, float]] = defaultdict(dict)  # summed similarity to neighbours
    for (a, b), value in sims.items():
        near[a][b] = near[b][a] = value
    heap = [(-value, a, b) for (a, b), value in sims.items() if value >= link]
    heapq.heapify(heap)
    parent = list(range(count))
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in members or b not in members or b not in near[a]:
            continue
        if abs(near[a][b] / (members[a] * members[b]) + negative) > 1e-12:
            continue  # stale: the two groups changed since this entry was made
        members[a] += members.pop(b)
        parent[b] = a
        for other, value in near.pop(b).items():
            near[other].pop(b, None)
            if other != a:
                near[a][other] = near[other][a] = near[a].get(other, 0.0) + value
        for other, value in near[a].items():
            average = value / (members[a] * members[other])
            if average >= link:
                heapq.heappush(heap, (-average, min(a, other), max(a, other)))
    return {i: _root(parent, i) for i in range(count)}


def _root(parent: list[int], index: int) -> int:
    while parent[index] != index:
        index = parent[index]
    return index


class _Groups:
    """Union of items into groups, refusing a join that breaks a rule inside a group.

    Between the two groups a join would bring together: no hard rule may hold between
    any two mentions; no two dates from the text may conflict unless the joining pair
    is itself a strong match (a date conflict is allowed only where the evidence says
    "same event" anyway); and a pair of one story (or with an item in every story)
    never brings two stories together: only a pair that crossed stories, and paid for
    it in its score, may do that.
    """

    def __init__(self, profiles: Sequence[_Profile]) -> None:
        self.profiles = profiles
        self.items = [p.item for p in profiles]
        self.parent = list(range(len(profiles)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(profiles))}
        self.in_stories: dict[int, set[int]] = {
            i: ({p.story} if p.story >= 0 else set()) for i, p in enumerate(profiles)
        }
        self.dates: dict[int, set[tuple[dt.date, dt.date]]] = {
            i: ({p.bounds} if p.bounds and p.item.date_source in TEXT_SOURCES else set())
            for i, p in enumerate(profiles)
        }

    def find(self, index: int) -> int:
        while self.parent[index] != index:
            self.parent[index] = self.parent[self.parent[index]]
            index = self.parent[index]
        return index

    def join(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or self._conflict(self.members[ra], self.members[rb]):
            return False
        x, y = self.profiles[a], self.profiles[b]
        crossed = min(x.story, y.story) >= 0 and x.story != y.story
        left, right = self.in_stories[ra], self.in_stories[rb]
        if not crossed and left and right and left != right:
            return False
        if _dates_conflict(self.dates[ra], self.dates[rb]) and not strong(x, y):
            return False
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] += self.members.pop(rb)
        self.in_stories[ra] = left | right
        self.dates[ra] |= self.dates.pop(rb)
        return True

    def _conflict(self, left: Iterable[int], right: Iterable[int]) -> bool:
        """Whether any two distinct shapes across the groups are blocked."""
        first = {_shape(self.profiles[i]): i for i in left}
        second = {_shape(self.profiles[j]): j for j in right}
        return any(
            blocked(self.items[i], self.items[j]) for i in first.values() for j in second.values()
        )

    def keys(self) -> list[list[str]]:
        groups = [sorted(self.items[i].key for i in members) for members in self.members.values()]
        return sorted(groups)


def strong(a: _Profile, b: _Profile) -> bool:
    """A match that may override a date conflict: a shared participant and one key or type."""
    x, y = a.item, b.item
    return bool(x.participants & y.participants) and (a.key == b.key or x.type == y.type)


def _dates_conflict(
    left: set[tuple[dt.date, dt.date]], right: set[tuple[dt.date, dt.date]]
) -> bool:
    return any(p[1] < q[0] or q[1] < p[0] for p in left for q in right)


def _shape(profile: _Profile) -> tuple[object, ...]:
    """What the hard rules read of an item: items of one shape block alike."""
    item = profile.item
    return (item.type, profile.key, item.negated, item.agents, item.patients, item.places)
