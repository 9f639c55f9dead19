"""Cross-document event coreference: mentions of one real event become one event.

Input is one ``EventItem`` per event mention, with its participants already mapped to
canonical entity ids; output is groups of item keys. Dates are compared by what they
allow, so mentions whose dates cannot both hold may still be one event (the timeline
marks that as a date conflict); type and participants decide.

1. Blocking: an item is filed under its trigger key (the lemma, lightly stemmed:
   "shooting" and "shoot", "nomination" and "nominate" share one) and under keys
   made of a pair of compatible types (schema ``compatible``) and the type or one
   participant; only items sharing a key are compared, and a key shared by more than
   ``Weights.bucket_limit`` items is compared by windows over two sort orders
   (``events_blocking``), so the pairs grow with the corpus, not with its square.
   Before that, items of one signature (everything scoring and the rules read: story,
   type, trigger key, participants, roles, places, date, polarity) become one node:
   they would join anyway, and a corpus that repeats one story costs what one telling
   of it costs.
2. Hard rules, per pair and then between whole groups: two schema types must be
   compatible, and a type outside the schema matches only the same trigger key;
   asserted and negated mentions never join; two agent sets that share nothing
   block, as do two patient sets and two place sets.
3. Stories: documents are grouped by what they are about (``context``: the entities
   they name, and whatever document features the caller adds), average link over
   Jaccard similarity at ``story_link`` (``events_stories``); a pair across two
   groups costs ``other_story`` (two earthquakes of one topic are two events).
   Documents without a context are in every story.
4. Scoring: same trigger key, or same/compatible type; a shared participant;
   overlapping dates; a shared place; documents about the same things; sentences
   sharing words.
5. Dates: two dates from the text that cannot both hold (``2010-04`` and ``2012``)
   cost ``date_conflict``, and the pair may join only when it matches strongly anyway
   (same lemma or type and a shared participant): outlets disagree on dates, and the
   timeline shows such an event with a date conflict instead of splitting it. A
   publication date (``reported``) counts half, both ways.
6. Clustering: pairs at or above ``threshold``, best first, join groups unless a hard
   rule holds between any two of their mentions (``events_groups``).
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.resolve.events_blocking import blocking_keys, candidate_pairs
from storyline.resolve.events_groups import Groups
from storyline.resolve.events_model import (
    REPORTED,
    TEXT_SOURCES,
    WEIGHTS,
    EventItem,
    Profile,
    Weights,
    content_words,
    date_bounds,
    profile,
    trigger_key,
)
from storyline.resolve.events_score import blocked, blocks, compatible_types, pair_score, strong
from storyline.resolve.events_stories import average_link, story_groups

__all__ = [
    "REPORTED",
    "TEXT_SOURCES",
    "WEIGHTS",
    "EventItem",
    "Weights",
    "average_link",
    "blocked",
    "blocking_keys",
    "candidate_pairs",
    "cluster_events",
    "compatible_types",
    "content_words",
    "date_bounds",
    "merge_identical",
    "pair_score",
    "story_groups",
    "strong",
    "trigger_key",
]


def cluster_events(items: list[EventItem], *, weights: Weights = WEIGHTS) -> list[list[str]]:
    """Groups of item keys, each one real event; every item is in exactly one group."""
    stories = story_groups(items, weights)
    nodes, members = merge_identical(
        [profile(item, stories.get(item.doc, -1), weights) for item in items], weights
    )
    reps = [node.item for node in nodes]
    scored = []
    pairs = candidate_pairs(reps, weights.bucket_limit, window=weights.window, stories=stories)
    threshold = weights.threshold
    for i, j in pairs:
        a, b = nodes[i], nodes[j]
        score = pair_score(a, b, weights)  # cheaper than the rules, and most pairs fail it
        if score >= threshold and not blocks(a, b):
            scored.append((score, i, j))
    groups = Groups(nodes)
    for _, i, j in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        groups.join(i, j)
    found = [
        sorted(items[k].key for node in group for k in members[node]) for group in groups.groups()
    ]
    return sorted(found)


def merge_identical(
    profiles: Sequence[Profile], weights: Weights
) -> tuple[list[Profile], list[list[int]]]:
    """One node per signature (see the module docstring), in order of first occurrence,
    and the indices of the profiles each node stands for.

    Items of one signature are merged only where such a pair scores at least the
    threshold (it always does with the default weights).
    """
    nodes: list[Profile] = []
    members: list[list[int]] = []
    seen: dict[tuple[object, ...], int] = {}
    for index, found in enumerate(profiles):
        key = _signature(found, weights)
        number = seen.get(key)
        if number is None:
            if pair_score(found, found, weights) >= weights.threshold:
                seen[key] = len(nodes)
            nodes.append(found)
            members.append([index])
        else:
            members[number].append(index)
    return nodes, members


def _signature(found: Profile, weights: Weights) -> tuple[object, ...]:
    """Everything pair scoring, the hard rules and the group checks read of an item."""
    item = found.item
    return (
        found.story,
        item.type,
        found.key,
        item.participants,
        item.places,
        item.agents,
        item.patients,
        item.date,
        item.date_source,
        item.negated,
        item.context if weights.context else None,
        found.words if weights.sentence else None,
    )
