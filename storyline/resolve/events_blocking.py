"""Which event mentions are compared: blocking keys, and windows over the crowded ones.

Items sharing a key are compared pairwise while the key holds at most ``limit`` items.
A crowded key (a frequent trigger, a frequent type, a famous participant) is not
skipped, which would leave its items unclustered, nor compared pairwise, which grows
with its square: its items are sorted twice and each is compared with the ``window``
items after it in each order (sorted neighbourhood), so the pairs grow linearly and
likely matches, which sort close together, are still compared. The first order is by
story, trigger key, participants and date, and its windows stay inside a story. A pair
across stories pays ``other_story`` and joins only with a shared participant, that is
inside an entity key: a crowded entity key is also sorted by date, trigger key and
participants across stories, for those crossings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from storyline.resolve.events_model import WEIGHTS, EventItem, trigger_key
from storyline.schema import compatible_event_types, event_types

# An item's place in the two neighbourhood orders (the item's own key breaks ties).
_ByStory = tuple[int, str, tuple[str, ...], str, str]  # story, trigger, people, date
_ByDate = tuple[str, str, tuple[str, ...], str]  # date, trigger, people
_Orders = tuple[list[_ByStory], list[_ByDate], list[int]]


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


def candidate_pairs(
    items: Sequence[EventItem],
    limit: int,
    *,
    window: int = WEIGHTS.window,
    stories: Mapping[str, int] | None = None,
) -> set[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, sharing a blocking key; a key over ``limit``
    items pairs each only with its ``window`` nearest in two sort orders (see the module
    docstring).

    ``stories`` (document → story number) puts one story's items side by side.
    """
    buckets: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        for key in blocking_keys(item):
            buckets[key].append(index)
    pairs: set[tuple[int, int]] = set()
    orders: _Orders | None = None
    for key, members in buckets.items():
        if len(members) <= limit:
            for a, first in enumerate(members):
                pairs.update((first, second) for second in members[a + 1 :])
            continue
        orders = orders or _orders(items, stories or {})
        by_story, by_date, story_of = orders
        _neighbours(pairs, sorted(members, key=by_story.__getitem__), window, story_of)
        if len(key) == 4 and key[2] == "entity":  # one participant: pairs across stories
            _neighbours(pairs, sorted(members, key=by_date.__getitem__), window, None)
    return pairs


def _neighbours(
    pairs: set[tuple[int, int]], ranked: list[int], window: int, story_of: list[int] | None
) -> None:
    """Add each of ``ranked`` paired with the ``window`` after it; with ``story_of``, only
    while those are of its story (or it is in every story)."""
    for a, first in enumerate(ranked):
        story = story_of[first] if story_of else -1
        for second in ranked[a + 1 : a + 1 + window]:
            if story >= 0 and story_of and story_of[second] != story:
                break
            pairs.add((first, second) if first < second else (second, first))


def _orders(items: Sequence[EventItem], stories: Mapping[str, int]) -> _Orders:
    """Each item's place in the two neighbourhood orders (computed once per call): by
    story, trigger key, participants and date; by date, trigger key and participants.
    And each item's story."""
    by_story: list[_ByStory] = []
    by_date: list[_ByDate] = []
    story_of: list[int] = []
    for item in items:
        story = stories.get(item.doc, -1)
        key = trigger_key(item.lemma)
        people = tuple(sorted(item.participants))
        date = item.date or "~"  # undated last
        by_story.append((story, key, people, date, item.key))
        by_date.append((date, key, people, item.key))
        story_of.append(story)
    return by_story, by_date, story_of
