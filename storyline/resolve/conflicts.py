"""Claims compared across documents: where outlets agree, and where they disagree.

Claims are grouped by what they are about: subject, property, unit (money compares only
in one currency) and owner entity. Claims with no owner join a group only when it has
one owner at most, so two people's houses are never compared. Within a group, each
claim is an interval of the values it allows (its range, or its value give or take the
tolerance); two claims from different documents whose intervals do not meet disagree.
Nothing is averaged: a group lists every claim with its citation.
"""

from __future__ import annotations

import dataclasses
import heapq
import math
from collections import defaultdict
from collections.abc import Iterable


@dataclasses.dataclass(frozen=True)
class ClaimItem:
    """One claim as comparison sees it."""

    key: str  # the claim statement's id
    doc: str
    subject: str
    property: str
    kind: str  # MONEY, COUNT, PERCENT
    unit: str
    value: float | None
    low: float | None
    high: float | None
    approx: bool = False
    owner: str | None = None  # canonical entity id


@dataclasses.dataclass(frozen=True)
class ClaimGroup:
    """Claims of several documents about one thing, and whether they agree."""

    subject: str
    property: str
    unit: str
    owner: str | None
    claims: tuple[ClaimItem, ...]
    agree: bool  # every pair of documents' claims can both hold
    documents: int  # distinct documents in the group


def interval(item: ClaimItem, tolerance: float, approx_tolerance: float) -> tuple[float, float]:
    """The values a claim allows: its bounds ("more than 100": 100 up), or its value give
    or take the tolerance (the wider one for approximate amounts); open ends are infinite."""
    if item.low is None and item.high is None:
        if item.value is None:
            return -math.inf, math.inf
        slack = abs(item.value) * (approx_tolerance if item.approx else tolerance)
        return item.value - slack, item.value + slack
    low = item.low if item.low is not None else -math.inf
    high = item.high if item.high is not None else math.inf
    return low, high


def comparable(item: ClaimItem) -> bool:
    """Whether a claim says enough to be compared with another outlet's.

    A bare count ("two men", "several hundred people") or an amount of nobody's is
    about too little to tell whether two outlets speak of the same thing.
    """
    if item.subject == "unknown" or item.property == "count":
        return False
    return item.property != "amount" or item.owner is not None


def compatible(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def compare_claims(
    items: Iterable[ClaimItem], tolerance: float = 0.05, approx_tolerance: float = 0.15
) -> list[ClaimGroup]:
    """Groups of claims from two or more documents, each marked agreeing or not."""
    by_topic: dict[tuple[str, str, str], list[ClaimItem]] = defaultdict(list)
    for item in items:
        if not comparable(item):
            continue
        unit = item.unit if item.kind == "MONEY" else item.kind
        by_topic[(item.subject, item.property, unit)].append(item)
    groups = []
    for (subject, prop, unit), members in sorted(by_topic.items()):
        for owner, claims in _by_owner(members).items():
            docs = {c.doc for c in claims}
            if len(docs) < 2:
                continue
            spans = [(c.doc, interval(c, tolerance, approx_tolerance)) for c in claims]
            agree = _agree(spans)
            groups.append(ClaimGroup(subject, prop, unit, owner, tuple(claims), agree, len(docs)))
    return groups


def _agree(spans: list[tuple[str, tuple[float, float]]]) -> bool:
    """Whether every two intervals of different documents meet (``compatible``).

    Two intervals fail to meet when one ends before the other starts, so it is enough
    to hold each interval against the earliest end among the other documents: the
    earliest end per document, and the two earliest of those (linear, not quadratic).
    """
    ends: dict[str, float] = {}
    for doc, (_, high) in spans:
        ends[doc] = min(high, ends.get(doc, math.inf))
    if len(ends) < 2:
        return True
    first, second = heapq.nsmallest(2, ((high, doc) for doc, high in ends.items()))
    for doc, (low, _) in spans:
        earliest = second[0] if doc == first[1] else first[0]
        if earliest < low:
            return False
    return True


def _by_owner(members: list[ClaimItem]) -> dict[str | None, list[ClaimItem]]:
    owners = sorted({m.owner for m in members if m.owner})
    if len(owners) <= 1:
        return {owners[0] if owners else None: members}
    split: dict[str | None, list[ClaimItem]] = defaultdict(list)
    for member in members:
        split[member.owner].append(member)
    return dict(split)
