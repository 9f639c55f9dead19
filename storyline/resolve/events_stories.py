"""Stories for event coreference: documents about the same things, by average link.

Documents with one and the same context are one node of the clustering, weighed by
their number (exact for average link: they would join first, at similarity 1), so a
corpus that repeats itself costs what its distinct documents cost. Nodes are compared
when they share a context feature; a feature held by more than ``bucket_limit`` nodes
compares each node only with its ``window`` neighbours in an order that puts nodes
sharing their rarest features side by side.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Sequence

from storyline.resolve.events_model import EventItem, Weights


def story_groups(items: Sequence[EventItem], weights: Weights) -> dict[str, int]:
    """Document → story number: documents about the same things, by average link.

    A pair of nodes never compared counts as similarity 0. Documents with no context
    are left out (in every story).
    """
    contexts: dict[str, set[str]] = defaultdict(set)
    for item in items:
        contexts[item.doc] |= item.context
    docs = sorted(d for d, c in contexts.items() if c)
    number: dict[frozenset[str], int] = {}
    node_of = [number.setdefault(frozenset(contexts[doc]), len(number)) for doc in docs]
    nodes = list(number)
    sizes = Counter(node_of)
    sims = _similarities(nodes, weights)
    groups = average_link(len(nodes), sims, weights.story_link, sizes=sizes)
    return {doc: groups[node] for doc, node in zip(docs, node_of, strict=True)}


def _similarities(
    nodes: Sequence[frozenset[str]], weights: Weights
) -> dict[tuple[int, int], float]:
    """Jaccard similarity of the node pairs that share a feature (see the docstring)."""
    index: dict[str, list[int]] = defaultdict(list)
    for position, context in enumerate(nodes):
        for feature in context:
            index[feature].append(position)
    sims: dict[tuple[int, int], float] = {}

    def compare(first: int, second: int) -> None:
        pair = (first, second) if first < second else (second, first)
        if pair not in sims:
            x, y = nodes[first], nodes[second]
            sims[pair] = len(x & y) / len(x | y)

    rarest: list[tuple[tuple[int, str], ...]] | None = None
    for members in index.values():
        if len(members) <= weights.bucket_limit:
            for a, first in enumerate(members):
                for second in members[a + 1 :]:
                    compare(first, second)
            continue
        if rarest is None:
            rarest = [tuple(sorted((len(index[f]), f) for f in c)) for c in nodes]
        ranked = sorted(members, key=rarest.__getitem__)
        for a, first in enumerate(ranked):
            for second in ranked[a + 1 : a + 1 + weights.window]:
                compare(first, second)
    return sims


def average_link(
    count: int,
    sims: dict[tuple[int, int], float],
    link: float,
    *,
    sizes: dict[int, int] | None = None,
) -> dict[int, int]:
    """Item → group of an average-link clustering stopped below ``link``.

    ``sims`` holds the similarity of the pairs that have one (others count as 0);
    ``sizes`` says how many identical members an item stands for (1 when not given).
    Group links are kept per neighbour and the best is taken from a heap (stale entries
    are skipped), so the work follows the number of similar pairs, not the square.
    """
    members = {i: (sizes or {}).get(i, 1) for i in range(count)}
    near: dict[int, dict[int, float]] = defaultdict(dict)  # summed similarity to neighbours
    for (a, b), value in sims.items():
        near[a][b] = near[b][a] = value * members[a] * members[b]
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
