"""Candidate generation: which pairs of items are worth scoring at all.

Every item's names give keys (``similarity.blocking_keys``: word skeletons, phonetic
keys, first/last letter and length); only items sharing a key, of one type class,
are compared, so the pairs grow with the corpus, not with its square.

- A person is keyed by every word of its names: given names are checked apart.
- An organisation or a place is keyed only by its ``KEYED_WORDS`` rarest words
  (``weights.WordWeights``): two names that share only "University" or "City" would
  not score high enough to join, so they need not meet. One misspelt word still
  leaves the rare word it was not to key on.
- A key shared by more than ``BUCKET_LIMIT`` items is too common to block on and is
  dropped (counted in the stats), so no bucket grows with the square of the corpus.
"""

from __future__ import annotations

import functools
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from storyline.nlp import translit
from storyline.resolve import similarity
from storyline.resolve.model import Stats
from storyline.resolve.weights import WordWeights

# Keys shared by more items than this are not used for blocking.
BUCKET_LIMIT = 400
# A bucket of up to this many items gives all its pairs; a larger one only neighbours.
ALL_PAIRS_LIMIT = 50
# Neighbours each member of a large bucket is paired with, in each sort order.
WINDOW = 10
# An organisation or place name is keyed by this many of its rarest words.
KEYED_WORDS = 2

# (type class, key): the items that share a key within one type class.
Key = tuple[str, str]


@functools.lru_cache(maxsize=translit.CACHE_SIZE)
def _word_keys(word: str) -> frozenset[str]:
    return frozenset(similarity.blocking_keys(word))


def rare_word_keys(name: str, words: tuple[str, ...], weights: WordWeights) -> set[str]:
    """Keys of the ``KEYED_WORDS`` rarest long words of a name; all its keys if none is long."""
    long = [w for w in weights.by_weight(words) if len(w) >= similarity.MIN_KEY_LETTERS]
    if not long:
        return similarity.blocking_keys(name)
    return {key for word in long[:KEYED_WORDS] for key in _word_keys(word)}


def candidate_pairs(
    keys: Sequence[Iterable[Key]],
    stats: Stats,
    orders: Sequence[Sequence[str]] = (),
    *,
    new_from: int | None = None,
) -> set[tuple[int, int]]:
    """Pairs of positions (``i < j``) whose key sets meet in a bucket of usable size.

    A bucket of up to ``ALL_PAIRS_LIMIT`` members gives all its pairs. A larger one
    gives, for each sort order in ``orders`` (one string per position and order, e.g.
    a name's skeleton and the same words reversed), each member with the next
    ``WINDOW`` members in that order (sorted neighbourhood): its pairs grow with its
    size, not with its square. Buckets over ``BUCKET_LIMIT`` are dropped.

    With ``new_from`` (an incremental pass) only pairs with a position at or after it
    are given: a bucket without one gives none, and is not paired at all.
    """
    buckets: dict[Key, list[int]] = defaultdict(list)
    for position, found in enumerate(keys):
        for key in set(found):
            buckets[key].append(position)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        if new_from is not None and members[-1] < new_from:
            continue  # positions are appended in order: the last is the largest
        if len(members) > BUCKET_LIMIT:
            stats.skipped_keys += 1
        elif len(members) <= ALL_PAIRS_LIMIT or not orders:
            pairs.update(_all_pairs(members, new_from))
        else:
            stats.windowed_keys += 1
            near = neighbours(members, orders, WINDOW)
            pairs.update(p for p in near if new_from is None or p[1] >= new_from)
    stats.pairs = len(pairs)
    return pairs


def _all_pairs(members: list[int], new_from: int | None) -> Iterable[tuple[int, int]]:
    """Every pair of the bucket; with ``new_from``, those with a member at or after it."""
    if new_from is None:
        return itertools.combinations(members, 2)
    return (
        (other, late) if other < late else (late, other)
        for late in members
        if late >= new_from
        for other in members
        if other < late or (other != late and other < new_from)
    )


def neighbours(
    members: list[int], orders: Sequence[Sequence[str]], window: int
) -> Iterator[tuple[int, int]]:
    """Each member with the next ``window`` members, in each sort order; as (low, high).

    ``window`` is passed in (``WINDOW`` in ``candidate_pairs``) so that the Spark scorer
    (``engine/blocking.py``) can give its executors the driver's value.
    """
    for order in range(len(orders[members[0]])):
        ranked = sorted(members, key=lambda p: (orders[p][order], p))
        for rank, first in enumerate(ranked):
            for second in ranked[rank + 1 : rank + 1 + window]:
                yield (first, second) if first < second else (second, first)
