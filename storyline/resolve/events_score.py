"""How two event mentions compare: the hard rules that keep them apart, and their score."""

from __future__ import annotations

from storyline.resolve.events_model import EventItem, Profile, Weights, trigger_key
from storyline.schema import compatible_event_types, event_types


def compatible_types(a: EventItem, b: EventItem) -> bool:
    """Two schema types the schema calls compatible, or one outside it and one trigger key."""
    types = event_types()
    if a.type in types and b.type in types:
        return b.type in compatible_event_types(a.type)
    return trigger_key(a.lemma) == trigger_key(b.lemma)


def _disjoint(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a) and bool(b) and not a & b


def _apart(a: EventItem, b: EventItem) -> bool:
    """The rules besides types: polarity, agents, patients, places."""
    return (
        a.negated != b.negated
        or _disjoint(a.agents, b.agents)
        or _disjoint(a.patients, b.patients)
        or _disjoint(a.places, b.places)
    )


def blocked(a: EventItem, b: EventItem) -> bool:
    """A hard rule keeps the two apart (types, polarity, agents, patients, places)."""
    return not compatible_types(a, b) or _apart(a, b)


def blocks(a: Profile, b: Profile) -> bool:
    """``blocked`` on two profiles, reading the types' compatibility computed once."""
    if a.in_schema and b.in_schema:
        if b.item.type not in a.compatible:
            return True
    elif a.key != b.key:
        return True
    return _apart(a.item, b.item)


def pair_score(a: Profile, b: Profile, weights: Weights) -> float:
    """How strongly two mentions look like one event (see ``storyline.resolve.events``)."""
    x, y = a.item, b.item
    if a.key == b.key:
        score = weights.lemma
    elif x.type == y.type and a.in_schema:
        score = weights.type
    else:
        score = weights.type / 2
    if a.story != b.story and a.story >= 0 and b.story >= 0:
        score -= weights.other_story
    if x.participants and not x.participants.isdisjoint(y.participants):
        score += weights.participant
    if x.places and not x.places.isdisjoint(y.places):
        score += weights.place
    if weights.context:
        score += weights.context * _jaccard(x.context, y.context)
    if weights.sentence:
        score += weights.sentence * _jaccard(a.words, b.words)
    if a.bounds and b.bounds:
        half = 1.0 if a.text_date and b.text_date else 0.5
        if a.bounds[0] <= b.bounds[1] and b.bounds[0] <= a.bounds[1]:
            score += weights.date * half
        else:
            score -= weights.date_conflict * half
            if half == 1.0 and not strong(a, b):
                return 0.0  # a date conflict is allowed only between strong matches
    return score


def strong(a: Profile, b: Profile) -> bool:
    """A match that may override a date conflict: a shared participant and one key or type."""
    x, y = a.item, b.item
    shared = bool(x.participants) and not x.participants.isdisjoint(y.participants)
    return shared and (a.key == b.key or x.type == y.type)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0
