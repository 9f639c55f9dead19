"""Coreference metrics: MUC, B³, CEAF-e and CoNLL F1, as the reference scorer computes them.

The definitions follow Pradhan et al. (2014), "Scoring Coreference Partitions of
Predicted Mentions: A Reference Implementation" (reference scorer v8):

- **MUC** (Vilain et al. 1995) counts links: recall is Σ(|K| − |p(K)|) / Σ(|K| − 1)
  over key entities K, where p(K) is K cut by the response entities and every
  key mention the response lacks is a part on its own; precision swaps key and
  response. Singletons add nothing to either side.
- **B³** (Bagga & Baldwin 1998) averages over mentions: recall is
  Σ_K Σ_R |K∩R|² / |K| divided by the number of key mentions; precision swaps.
  Mentions found only on one side add zero to the other side's sum.
- **CEAF-e** (Luo 2005) aligns key and response entities one to one with the
  Kuhn-Munkres algorithm to maximise Σ φ4(K, R) = 2|K∩R| / (|K| + |R|); recall
  divides the best total by the number of key entities, precision by the number
  of response entities.
- **CoNLL F1** is the unweighted mean of the three F1 values.

Partitions are sequences of clusters of hashable mention ids. Singleton clusters
are kept as given: the caller decides whether they are scored (the ECB+
literature scores them).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Collection, Hashable, Sequence

Partition = Sequence[Collection[Hashable]]


@dataclasses.dataclass(frozen=True)
class Score:
    """Recall and precision of one metric, with F1 derived."""

    recall: float
    precision: float

    @property
    def f1(self) -> float:
        total = self.recall + self.precision
        return 2 * self.recall * self.precision / total if total else 0.0


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def _clusters(partition: Partition) -> list[frozenset[Hashable]]:
    """The non-empty clusters as sets."""
    return [frozenset(cluster) for cluster in partition if cluster]


def _index(partition: Sequence[frozenset[Hashable]]) -> dict[Hashable, int]:
    """Mention → position of its cluster; a mention in two clusters is an error."""
    where: dict[Hashable, int] = {}
    for position, cluster in enumerate(partition):
        for mention in cluster:
            if mention in where:
                raise ValueError(f"mention {mention!r} is in two clusters")
            where[mention] = position
    return where


def _muc_side(
    keys: Sequence[frozenset[Hashable]], responses: Sequence[frozenset[Hashable]]
) -> float:
    """MUC recall of ``responses`` against ``keys`` (precision when swapped)."""
    where = _index(responses)
    found = total = 0
    for key in keys:
        aligned = {where[m] for m in key if m in where}
        parts = len(aligned) + sum(1 for m in key if m not in where)
        found += len(key) - parts
        total += len(key) - 1
    return _ratio(found, total)


def muc(key: Partition, response: Partition) -> Score:
    """MUC link-based recall and precision."""
    keys, responses = _clusters(key), _clusters(response)
    return Score(_muc_side(keys, responses), _muc_side(responses, keys))


def _b3_side(
    keys: Sequence[frozenset[Hashable]], responses: Sequence[frozenset[Hashable]]
) -> float:
    """B³ recall of ``responses`` against ``keys`` (precision when swapped)."""
    where = _index(responses)
    total = 0.0
    for key in keys:
        overlaps: dict[int, int] = defaultdict(int)
        for mention in key:
            if mention in where:
                overlaps[where[mention]] += 1
        total += sum(n * n for n in overlaps.values()) / len(key)
    return _ratio(total, sum(len(key) for key in keys))


def b_cubed(key: Partition, response: Partition) -> Score:
    """B³ mention-based recall and precision."""
    keys, responses = _clusters(key), _clusters(response)
    return Score(_b3_side(keys, responses), _b3_side(responses, keys))


def phi4(key: frozenset[Hashable], response: frozenset[Hashable]) -> float:
    """Luo's entity similarity: the Dice coefficient of two clusters."""
    return 2 * len(key & response) / (len(key) + len(response))


def ceafe(key: Partition, response: Partition) -> Score:
    """Entity-based CEAF with φ4 and the optimal one-to-one alignment."""
    keys, responses = _clusters(key), _clusters(response)
    best = sum(_best_alignment(keys, responses, block) for block in _blocks(keys, responses))
    return Score(_ratio(best, len(keys)), _ratio(best, len(responses)))


def _blocks(
    keys: Sequence[frozenset[Hashable]], responses: Sequence[frozenset[Hashable]]
) -> list[tuple[list[int], list[int]]]:
    """Connected groups of (key, response) clusters that share mentions.

    Clusters in different groups have similarity 0, so the optimal alignment is
    the union of each group's optimal alignment; solving groups apart keeps the
    cubic assignment small.
    """
    where = _index(responses)
    parent = list(range(len(keys) + len(responses)))  # keys first, then responses

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for k, cluster in enumerate(keys):
        for mention in cluster:
            if mention in where:
                parent[find(len(keys) + where[mention])] = find(k)
    groups: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for node in range(len(parent)):
        rows, cols = groups[find(node)]
        if node < len(keys):
            rows.append(node)
        else:
            cols.append(node - len(keys))
    return [(rows, cols) for rows, cols in groups.values() if rows and cols]


def _best_alignment(
    keys: Sequence[frozenset[Hashable]],
    responses: Sequence[frozenset[Hashable]],
    block: tuple[list[int], list[int]],
) -> float:
    """The largest total φ4 of a one-to-one alignment inside one block."""
    rows, cols = block
    weights = [[phi4(keys[k], responses[r]) for r in cols] for k in rows]
    return sum(weights[i][j] for i, j in max_weight_assignment(weights))


def max_weight_assignment(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Kuhn-Munkres: the (row, column) pairs of a one-to-one assignment of largest total.

    Works on rectangular matrices (every row or every column is assigned,
    whichever are fewer); non-negative weights are assumed, as φ4 gives.
    """
    if not weights or not weights[0]:
        return []
    transposed = len(weights) > len(weights[0])
    matrix = [list(col) for col in zip(*weights, strict=True)] if transposed else weights
    top = max(max(row) for row in matrix)
    cost = [[top - w for w in row] for row in matrix]
    pairs = _hungarian(cost)
    return sorted((j, i) for i, j in pairs) if transposed else pairs


def _hungarian(cost: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Minimum-cost assignment of every row (n ≤ m) by shortest augmenting paths, O(n²m)."""
    n, m = len(cost), len(cost[0])
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)  # potentials, 1-based with 0 as sentinel
    owner = [0] * (m + 1)  # owner[j]: row assigned to column j (0: none)
    for row in range(1, n + 1):
        owner[0], col = row, 0
        least, way, used = [inf] * (m + 1), [0] * (m + 1), [False] * (m + 1)
        while owner[col]:
            used[col] = True
            i, delta, nxt = owner[col], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    reduced = cost[i - 1][j - 1] - u[i] - v[j]
                    if reduced < least[j]:
                        least[j], way[j] = reduced, col
                    if least[j] < delta:
                        delta, nxt = least[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            col = nxt
        while col:  # augment along the path back to the sentinel
            prev = way[col]
            owner[col] = owner[prev]
            col = prev
    return sorted((owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j])


def conll(key: Partition, response: Partition) -> dict[str, float]:
    """MUC, B³ and CEAF-e recall, precision and F1, and CoNLL F1 (their mean F1), rounded."""
    scores = {
        "muc": muc(key, response),
        "b3": b_cubed(key, response),
        "ceafe": ceafe(key, response),
    }
    out: dict[str, float] = {}
    for name, score in scores.items():
        out |= {f"{name}_p": score.precision, f"{name}_r": score.recall, f"{name}_f1": score.f1}
    out["conll_f1"] = sum(score.f1 for score in scores.values()) / len(scores)
    return {name: round(value, 4) for name, value in out.items()}
