"""Union of event mentions into groups, refusing a join that breaks a rule inside a group.

Between the two groups a join would bring together: no hard rule may hold between any
two mentions; no two dates from the text may conflict unless the joining pair is itself
a strong match (a date conflict is allowed only where the evidence says "same event"
anyway); and a pair of one story (or with an item in every story) never brings two
stories together: only a pair that crossed stories, and paid for it in its score, may
do that.

Each group keeps what those checks read, merged smaller into larger: its distinct
shapes (what the hard rules read; items of one shape block alike), its stories, and
the earliest end and latest start of its text dates (two groups' dates conflict exactly
when one's earliest end comes before the other's latest start). A join costs the
product of the two groups' distinct shapes, not of their sizes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from storyline.resolve.events_model import Profile
from storyline.resolve.events_score import blocks, strong

# A group's text dates as (earliest last day, latest first day); None: no text date.
Span = tuple[dt.date, dt.date] | None


class Groups:
    """Union-find over profiles (see the module docstring)."""

    def __init__(self, profiles: Sequence[Profile]) -> None:
        self.profiles = profiles
        self.parent = list(range(len(profiles)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(profiles))}
        self.shapes: dict[int, dict[tuple[object, ...], Profile]] = {
            i: {_shape(p): p} for i, p in enumerate(profiles)
        }
        self.stories: dict[int, frozenset[int]] = {
            i: frozenset({p.story} if p.story >= 0 else ()) for i, p in enumerate(profiles)
        }
        # root pairs a hard rule keeps apart: a rule that holds between two groups holds
        # between anything they grow into, so a refusal is remembered while both are roots
        self.apart: set[tuple[int, int]] = set()
        self.spans: dict[int, Span] = {
            i: (p.bounds[1], p.bounds[0]) if p.bounds and p.text_date else None
            for i, p in enumerate(profiles)
        }

    def find(self, index: int) -> int:
        while self.parent[index] != index:
            self.parent[index] = self.parent[self.parent[index]]
            index = self.parent[index]
        return index

    def join(self, a: int, b: int) -> bool:
        """Join the groups of ``a`` and ``b`` unless a rule forbids it; whether joined."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        x, y = self.profiles[a], self.profiles[b]
        crossed = min(x.story, y.story) >= 0 and x.story != y.story
        left, right = self.stories[ra], self.stories[rb]
        if not crossed and left and right and left != right:
            return False
        if _dates_conflict(self.spans[ra], self.spans[rb]) and not strong(x, y):
            return False
        pair = (ra, rb) if ra < rb else (rb, ra)
        if pair in self.apart:
            return False
        if self._conflict(ra, rb):
            self.apart.add(pair)
            return False
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] += self.members.pop(rb)
        shapes = self.shapes.pop(rb)
        if len(shapes) > len(self.shapes[ra]):
            shapes, self.shapes[ra] = self.shapes[ra], shapes
        self.shapes[ra].update(shapes)
        self.stories[ra] = left | right
        self.spans[ra] = _merged(self.spans[ra], self.spans.pop(rb))
        return True

    def _conflict(self, ra: int, rb: int) -> bool:
        """Whether any two distinct shapes across the groups are blocked."""
        second = self.shapes[rb].values()
        return any(blocks(p, q) for p in self.shapes[ra].values() for q in second)

    def groups(self) -> list[list[int]]:
        """The groups, as lists of profile indices."""
        return list(self.members.values())


def _dates_conflict(left: Span, right: Span) -> bool:
    if left is None or right is None:
        return False
    return left[0] < right[1] or right[0] < left[1]


def _merged(left: Span, right: Span) -> Span:
    if left is None or right is None:
        return left or right
    return min(left[0], right[0]), max(left[1], right[1])


def _shape(profile: Profile) -> tuple[object, ...]:
    """What the hard rules read of an item: items of one shape block alike."""
    item = profile.item
    return (item.type, profile.key, item.negated, item.agents, item.patients, item.places)
