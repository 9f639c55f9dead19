"""Growing entities: items joined into groups under the constraints of a merge.

A join of two groups is refused when

- a split judgement separates an item of one from an item of the other;
- both are persons and some given name of one is incompatible with some given name
  of the other (so "K. Bakiyev" cannot chain Kurmanbek to Janysh);
- the groups' names are not compatible: the name most of each group's items carry
  (its representative) must score at least ``GROUP_THRESHOLD`` against the other's
  (``similarity.name_similarity`` for persons, ``weights.weighted_similarity`` for
  organisations and places). One good pair is not enough: a chain through a pair
  of odd spellings does not carry "University of X" into "Y University", nor
  "Joe Buck" through "Joey B" into "Joe Bird".

Merge judgements are forced joins and skip the name checks.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping, Sequence

from storyline.hashing import content_id
from storyline.resolve import similarity
from storyline.resolve.judgements import MERGE, SPLIT, Judgement, KeySets
from storyline.resolve.model import PERSON, DocCluster, Link
from storyline.resolve.weights import WordWeights, name_words, weighted_similarity

# Two groups join only when their names score this much (ECB+ train/dev: 0.6–0.8 tie;
# the scale benchmark's precision rises from 0.94 at 0.7 to 0.95 at 0.8, recall falls).
GROUP_THRESHOLD = 0.7

Features = tuple[tuple[str, float], ...]


def given_names(item: DocCluster) -> dict[str, str]:
    """A person's given names (``given_name`` of its full names), by skeleton: one spelling each.

    ``similarity.given_names_compatible`` reads a name through its skeleton, so one
    spelling per skeleton is enough to check and keeps group checks small.
    """
    if item.type != PERSON:
        return {}
    found = (given_name(m.name.split()) for m in item.mentions if len(m.name.split()) > 1)
    return {similarity.skeleton(word).replace(" ", ""): word for word in sorted(found)}


def given_name(words: Sequence[str]) -> str:
    """The first word of a full name; the second after an initial ("W. Mark Felt" → Mark).

    A first initial before a written-out middle name is not the name the person goes
    by, and would make "W. Mark Felt" and "Mark Felt" two people.
    """
    if len(words) > 2 and len(words[0].strip(".")) == 1 and len(words[1].strip(".")) > 1:
        return words[1]
    return words[0]


def compatible_given(a: Mapping[str, str], b: Mapping[str, str]) -> bool:
    """Whether every given name of one can be the same person's as every one of the other."""
    return all(x == y or similarity.given_names_compatible(a[x], b[y]) for x in a for y in b)


@dataclasses.dataclass
class Group:
    """A growing entity: its items and what constrains further merges."""

    items: list[int]
    person: bool
    given: dict[str, str]  # persons: given-name skeleton → one spelling of it
    names: Counter[str]  # how many items carry each name (persons: full names only)
    link: dict[int, tuple[float, Features, str]]

    def representative(self) -> str:
        """The name most items carry (the first such on a tie); "" when none counts."""
        return self.names.most_common(1)[0][0] if self.names else ""


class Groups:
    """Union of items into groups under the merge and split constraints."""

    def __init__(
        self,
        items: Sequence[DocCluster],
        judgements: Sequence[Judgement],
        weights: WordWeights,
        *,
        counts: Mapping[int, int] | None = None,
    ) -> None:
        """``counts``: items each position stands for in the names count (default 1)."""
        self.items = items
        self.weights = weights
        self._scores: dict[tuple[str, str], float] = {}
        self.of: dict[int, Group] = {}
        for index, item in enumerate(items):
            person = item.type == PERSON
            counted = not person or len(item.name.split()) > 1
            weight = counts.get(index, 1) if counts else 1
            names = Counter({item.name: weight} if counted else {})
            group = Group([index], person, given_names(item), names, {})
            group.link[index] = (1.0, (), "anchor")
            self.of[index] = group
        position = {item.key: i for i, item in enumerate(items)}
        self.never: set[tuple[int, int]] = set()
        for judgement in judgements:
            left = [position[k] for k in judgement.left if k in position]
            right = [position[k] for k in judgement.right if k in position]
            if judgement.kind == SPLIT:
                self.never.update((a, b) for a in left for b in right)
                self.never.update((b, a) for a in left for b in right)
        self._apply_merges(judgements, position)

    def _apply_merges(self, judgements: Sequence[Judgement], position: dict[str, int]) -> None:
        sets = KeySets()
        for judgement in (j for j in judgements if j.kind == MERGE):
            keys = [k for k in (*judgement.left, *judgement.right) if k in position]
            for key in keys[1:]:
                if sets.find(keys[0]) != sets.find(key):
                    sets.union(keys[0], key)
                    rule = f"judgement:{judgement.id}"
                    self.join(position[keys[0]], position[key], 1.0, (), rule, forced=True)

    def allowed(self, first: Group, second: Group, *, names: bool = True) -> bool:
        """Whether two groups' names allow a join (given names; representative names)."""
        if (first.person or second.person) and not compatible_given(first.given, second.given):
            return False
        if not names:
            return True
        a, b = first.representative(), second.representative()
        return not a or not b or a == b or self._names_score(a, b, first.person) >= GROUP_THRESHOLD

    def _names_score(self, a: str, b: str, person: bool) -> float:
        key = (a, b) if a < b else (b, a)
        if key not in self._scores:
            if person:
                score = similarity.name_similarity(a, b)
            else:
                score = weighted_similarity(name_words(a), name_words(b), self.weights)
            self._scores[key] = score
        return self._scores[key]

    def join(
        self,
        a: int,
        b: int,
        score: float,
        features: Features,
        rule: str,
        *,
        forced: bool = False,
        names_checked: bool = True,
    ) -> bool:
        """Join the groups of ``a`` and ``b`` unless a constraint forbids it.

        ``forced`` (merge judgements) skips every name check; ``names_checked=False``
        (one-word names, which never match a longer name) skips the representative
        names but not the given names.
        """
        first, second = self.of[a], self.of[b]
        if first is second:
            return False
        if self.never and any((x, y) in self.never for x in first.items for y in second.items):
            return False
        if not forced and not self.allowed(first, second, names=names_checked):
            return False
        if len(first.items) < len(second.items):
            first, second, a, b = second, first, b, a
        for index in second.items:
            self.of[index] = first
            first.link[index] = (score, features, rule) if index == b else second.link[index]
        first.items += second.items
        first.given |= second.given
        first.names += second.names
        return True

    def links(self) -> list[Link]:
        """One link per item: its entity (named by the group's smallest key) and how."""
        out = []
        seen: set[int] = set()
        for group in self.of.values():
            if id(group) in seen:
                continue
            seen.add(id(group))
            entity = content_id("e", min(self.items[i].key for i in group.items))
            for index in sorted(group.items):
                score, features, rule = group.link[index]
                out.append(Link(self.items[index].key, entity, score, features, rule))
        return sorted(out, key=lambda link: link.cluster)
