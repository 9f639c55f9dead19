"""Human judgements: "these are one entity" (merge) and "these never are" (split).

A judgement names item keys (document, type, fullest name: see ``items.item_key``),
not entity ids, so it survives rebuilds: ids may change as documents come and go,
the articles' clusters do not. Keys that no longer exist are ignored.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from storyline.errors import ContradictoryJudgementError

MERGE = "merge"
SPLIT = "split"


@dataclasses.dataclass(frozen=True)
class Judgement:
    """One recorded decision: ``left`` and ``right`` are item keys."""

    id: int
    kind: str  # MERGE or SPLIT
    left: tuple[str, ...]
    right: tuple[str, ...]
    author: str
    created: str  # ISO time
    note: str = ""

    def describe(self) -> str:
        return f"judgement {self.id} ({self.kind} by {self.author} at {self.created})"


class KeySets:
    """Union-find over item keys."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def merged_sets(judgements: Iterable[Judgement]) -> KeySets:
    """The key sets that merge judgements join (all keys of both sides, transitively)."""
    sets = KeySets()
    for judgement in judgements:
        if judgement.kind == MERGE:
            keys = (*judgement.left, *judgement.right)
            for key in keys[1:]:
                sets.union(keys[0], key)
    return sets


def check_consistent(judgements: Sequence[Judgement]) -> None:
    """Raise when a split separates keys that merges join, naming both judgements."""
    merges = [j for j in judgements if j.kind == MERGE]
    sets = merged_sets(merges)
    for split in (j for j in judgements if j.kind == SPLIT):
        for a in split.left:
            for b in split.right:
                if a == b or sets.find(a) == sets.find(b):
                    raise ContradictoryJudgementError(
                        f"{split.describe()} contradicts {_merging(merges, a, b).describe()}",
                        hint="remove one of them with `storyline judgements --remove ID`",
                    )


def _merging(merges: Sequence[Judgement], a: str, b: str) -> Judgement:
    """The last merge on the path joining ``a`` and ``b`` (one of them, to name)."""
    sets = KeySets()
    for merge in merges:
        keys = (*merge.left, *merge.right)
        for key in keys[1:]:
            sets.union(keys[0], key)
        if sets.find(a) == sets.find(b):
            return merge
    return merges[-1]
