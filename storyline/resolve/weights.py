"""How much each name word says, from the corpus being resolved, and names scored by it.

A word found in many distinct names ("University", "City", "Group") says little about
which entity a name means; a word found in few ("Quinnipiac") says a lot. Weights
are IDF-like, counted over the distinct names (skeletons) of the corpus at hand, so
they need no list and follow what each corpus finds common.

``weighted_similarity`` scores two names of organisations and places by the weight
of the words they share (matched by spelling similarity) against the weight of all
their words: two names that share only a common word ("Atlantic City", "Gaza City")
score low, a spelling variant of a rare word scores high. A one-word name never
matches a longer name by its one word ("Stanford" / "Stanford University",
"Strip" / "Gaza Strip"): they are often different entities, and one such join
chains many.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections import Counter
from collections.abc import Iterable

from storyline.resolve import similarity
from storyline.schema import schema

# Two words count as one word spelt two ways at this word similarity or above.
WORD_FLOOR = 0.6

Words = tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class WordWeights:
    """Word → how many distinct names contain it, among ``names`` distinct names."""

    counts: dict[str, int]
    names: int

    def weight(self, word: str) -> float:
        """log((names + 1) / (count + 1)) + 1: 1 for a word in every name, more when rarer."""
        return math.log((self.names + 1) / (self.counts.get(word, 0) + 1)) + 1.0

    def by_weight(self, words: Words) -> list[str]:
        """The distinct words, the rarest (heaviest) first; ties in word order."""
        unique = list(dict.fromkeys(words))
        return sorted(unique, key=lambda w: -self.weight(w))


def count_words(names: Iterable[Words]) -> WordWeights:
    """The weights of the words of these names, each distinct name counted once."""
    distinct = set(names)
    counts: Counter[str] = Counter(word for name in distinct for word in set(name))
    return WordWeights(dict(counts), len(distinct))


@functools.cache
def _designators() -> frozenset[str]:
    """Skeletons of the schema's ``org_suffixes`` (Inc, Corp, LLC...)."""
    return frozenset(similarity.skeleton_word(str(w)) for w in schema()["org_suffixes"])


def name_words(name: str) -> Words:
    """A non-person name's skeleton words without legal-form words (unless only those).

    "Apple Inc." is "Apple": the schema's ``org_suffixes`` say what the name is, not
    which one it is.
    """
    words = similarity.skeleton_words(name)
    kept = tuple(w for w in words if w not in _designators())
    return kept or words


def weighted_similarity(a: Words, b: Words, weights: WordWeights) -> float:
    """0..1: weight of the words two names share over the weight of all their words.

    Words are paired best first (``similarity.word_similarity``, no initials), each
    at most once; a pair under ``WORD_FLOOR`` is no match. A pair adds its similarity
    times both words' weights; the total is divided by the weight of every word of
    both names (a soft, weighted Dice). A one-word name against a longer one is 0.
    """
    if a == b:
        return 1.0 if a else 0.0
    if not a or not b or (len(a) == 1) != (len(b) == 1):
        return 0.0
    pairs = sorted(
        (-similarity.word_similarity(x, y, initials=False), i, j)
        for i, x in enumerate(a)
        for j, y in enumerate(b)
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    shared = 0.0
    for negative, i, j in pairs:
        if -negative < WORD_FLOOR:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        shared -= negative * (weights.weight(a[i]) + weights.weight(b[j]))
    total = sum(map(weights.weight, a)) + sum(map(weights.weight, b))
    return shared / total
