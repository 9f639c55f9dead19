"""Spark-side blocking and scoring for cross-document resolution: the local pairs, on executors.

Resolution (``resolve.cluster.resolve``) takes its blocking and scoring as a ``Scorer``.
Its default, ``cluster.scored_pairs``, runs on one core: keys per profile, buckets per
key (``resolve.blocking.candidate_pairs``), then ``score_pair`` on every candidate pair.
The scoring is most of resolution's time and each pair is independent, so here the same
steps run on Spark, and give exactly what ``scored_pairs`` gives (pairs, scores,
features, order and ``Stats``):

1. The profiles and the word weights are broadcast once; the executors compute each
   profile's keys (``profile_keys``) over a range of positions and emit (key, position).
2. Positions are gathered per key, capped: a bucket that grows past ``BUCKET_LIMIT`` is
   kept only as "over the limit" (so a very common key never holds its whole list).
3. Each bucket emits its pairs as ``candidate_pairs`` does: all pairs up to
   ``ALL_PAIRS_LIMIT`` members, sorted-neighbourhood pairs above (``blocking.neighbours``
   with ``sort_orders``), none over ``BUCKET_LIMIT``; pairs met in several buckets are
   kept once (``distinct``). A pair travels as one number, ``i * n + j`` (``pair_code``):
   shuffling ints took half the time of shuffling tuples (9 s against 17-20 s, 1.7M pairs).
4. The executors score the pairs (``score_pair``) and return, per partition, how many
   they scored and the (i, j, score, features) that reach ``threshold``; the driver
   turns positions back into its own profiles and sorts as ``scored_pairs`` does.

The blocking constants are read on the driver when the scorer runs and shipped to the
executors (``Limits``), so a changed constant holds on both sides. Below
``LOCAL_BELOW`` profiles the local ``scored_pairs`` is used: starting Spark jobs costs
more than scoring a few thousand pairs.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING

from storyline.resolve import blocking
from storyline.resolve.blocking import Key, neighbours
from storyline.resolve.cluster import (
    Profile,
    Scored,
    Scorer,
    profile_keys,
    score_pair,
    scored_pairs,
    sort_orders,
    threshold,
)
from storyline.resolve.groups import Features
from storyline.resolve.model import Stats
from storyline.resolve.weights import WordWeights

if TYPE_CHECKING:
    from pyspark import RDD, Broadcast, SparkContext
    from pyspark.sql import SparkSession

# Fewer profiles than this are scored locally (``cluster.scored_pairs``): Spark's jobs
# cost seconds, a few thousand profiles' pairs less than that.
LOCAL_BELOW = 2_000
# Partitions per Spark core for the buckets and the pairs: two, so one slow partition
# does not hold a core's whole share (more cost more than they save: each task has a
# fixed cost, measured 36 s against 45 s for 4 and 8 partitions on local[2]).
PARTITIONS_PER_CORE = 2
# A bucket's kinds, counted for ``Stats`` (``bucket_kind``).
ALL_PAIRS = "all"  # up to ALL_PAIRS_LIMIT members: every pair
WINDOWED = "windowed"  # more: sorted-neighbourhood pairs (Stats.windowed_keys)
SKIPPED = "skipped"  # over BUCKET_LIMIT: dropped (Stats.skipped_keys)

# What the executors read: the profiles (by position) and the word weights.
Shared = tuple[list[Profile], WordWeights]
# A bucket's positions while they are gathered; None once it is over the limit.
Bucket = list[int] | None
# A pair that reaches its threshold, by positions: (i, j, score, features).
Hit = tuple[int, int, float, Features]


@dataclasses.dataclass(frozen=True)
class Limits:
    """The blocking constants (``resolve/blocking.py``) as the driver reads them."""

    bucket: int  # BUCKET_LIMIT
    all_pairs: int  # ALL_PAIRS_LIMIT
    window: int  # WINDOW


def current_limits() -> Limits:
    """The blocking constants now (read at call time, so the executors get these values)."""
    return Limits(blocking.BUCKET_LIMIT, blocking.ALL_PAIRS_LIMIT, blocking.WINDOW)


def spark_scorer(
    spark: SparkSession, partitions: int | None = None, *, local_below: int | None = None
) -> Scorer:
    """A ``Scorer`` that blocks and scores on ``spark``, locally below ``local_below`` profiles.

    ``partitions``: for the buckets and the pairs; by default ``PARTITIONS_PER_CORE`` per
    core of the session. ``local_below``: by default ``LOCAL_BELOW`` when the scorer runs.
    """

    def scorer(profiles: Sequence[Profile], weights: WordWeights, stats: Stats) -> Scored:
        if len(profiles) < (LOCAL_BELOW if local_below is None else local_below):
            return scored_pairs(profiles, weights, stats)
        return spark_scored_pairs(spark, profiles, weights, stats, partitions=partitions)

    return scorer


def spark_scored_pairs(
    spark: SparkSession,
    profiles: Sequence[Profile],
    weights: WordWeights,
    stats: Stats,
    *,
    partitions: int | None = None,
) -> Scored:
    """What ``cluster.scored_pairs`` returns (and counts in ``stats``), computed on Spark."""
    context = spark.sparkContext
    slices = partitions or max(1, context.defaultParallelism * PARTITIONS_PER_CORE)
    limits = current_limits()
    shared = context.broadcast((list(profiles), weights))
    buckets = gathered_buckets(context, shared, limits, slices).persist()
    try:
        kinds = Counter(buckets.map(partial(bucket_kind, limits=limits)).countByValue())
        pairs = buckets.flatMap(partial(bucket_codes, shared=shared, limits=limits))
        scored = pairs.distinct(slices).mapPartitions(partial(score_partition, shared=shared))
        parts = scored.collect()
    finally:
        buckets.unpersist()
        shared.destroy()
    stats.skipped_keys += kinds[SKIPPED]
    stats.windowed_keys += kinds[WINDOWED]
    stats.pairs = sum(count for count, _ in parts)
    hits = [(profiles[i], profiles[j], score, f) for _, found in parts for i, j, score, f in found]
    return sorted(hits, key=lambda s: (-s[2], s[0].index, s[1].index))


def gathered_buckets(
    context: SparkContext, shared: Broadcast[Shared], limits: Limits, slices: int
) -> RDD[Bucket]:
    """Each key's bucket of positions (None: over ``limits.bucket``); keys found on executors."""
    positions = context.range(len(shared.value[0]), numSlices=slices)
    keyed = positions.flatMap(partial(position_keys, shared=shared))
    return keyed.combineByKey(
        partial(capped, limit=limits.bucket),
        partial(add_position, limit=limits.bucket),
        partial(merge_buckets, limit=limits.bucket),
        numPartitions=slices,
    ).values()


def position_keys(position: int, *, shared: Broadcast[Shared]) -> Iterator[tuple[Key, int]]:
    """(key, position) for each blocking key of the profile at ``position``."""
    profiles, weights = shared.value
    for key in profile_keys(profiles[position], weights):
        yield key, position


def capped(position: int, *, limit: int) -> Bucket:
    """A new bucket of one position (None if even one is over the limit)."""
    return [position] if limit >= 1 else None


def add_position(bucket: Bucket, position: int, *, limit: int) -> Bucket:
    """The bucket with one more position; None once it holds more than ``limit``."""
    if bucket is None or len(bucket) >= limit:
        return None
    bucket.append(position)
    return bucket


def merge_buckets(first: Bucket, second: Bucket, *, limit: int) -> Bucket:
    """Two partial buckets of one key as one; None when either or both are over the limit."""
    if first is None or second is None or len(first) + len(second) > limit:
        return None
    first.extend(second)
    return first


def bucket_kind(bucket: Bucket, *, limits: Limits) -> str:
    """``SKIPPED``, ``ALL_PAIRS`` or ``WINDOWED``, as ``candidate_pairs`` treats the bucket."""
    if bucket is None:
        return SKIPPED
    return ALL_PAIRS if len(bucket) <= limits.all_pairs else WINDOWED


def bucket_pairs(
    bucket: Bucket, *, shared: Broadcast[Shared], limits: Limits
) -> Iterator[tuple[int, int]]:
    """The bucket's candidate pairs (i < j), exactly as ``blocking.candidate_pairs`` makes them.

    Members are sorted by position, as ``candidate_pairs`` lists them. For a windowed
    bucket, ``neighbours`` runs on the members' ranks (0..n-1, in position order, so its
    ties and its (low, high) fall as they would on the positions), then maps them back.
    """
    if bucket is None:  # over the limit: dropped
        return
    members = sorted(bucket)
    if len(members) <= limits.all_pairs:
        yield from itertools.combinations(members, 2)
        return
    profiles = shared.value[0]
    orders = [sort_orders(profiles[p]) for p in members]
    for low, high in neighbours(list(range(len(members))), orders, limits.window):
        yield members[low], members[high]


def bucket_codes(bucket: Bucket, *, shared: Broadcast[Shared], limits: Limits) -> Iterator[int]:
    """The bucket's candidate pairs (``bucket_pairs``), each as its ``pair_code``."""
    size = len(shared.value[0])
    for i, j in bucket_pairs(bucket, shared=shared, limits=limits):
        yield pair_code(i, j, size)


def pair_code(i: int, j: int, size: int) -> int:
    """One number for the pair of positions (i, j) among ``size`` profiles."""
    return i * size + j


def score_partition(
    codes: Iterable[int], *, shared: Broadcast[Shared]
) -> Iterator[tuple[int, list[Hit]]]:
    """One (pairs scored, pairs at or above their threshold) for a partition of pair codes."""
    profiles, weights = shared.value
    count, hits = 0, []
    for code in codes:
        i, j = divmod(code, len(profiles))
        count += 1
        score, features = score_pair(profiles[i], profiles[j], weights)
        if score >= threshold(profiles[i]):
            hits.append((i, j, score, features))
    yield count, hits
