"""Temporal awareness of SemEval-2015 Task 4 timelines: the task's official metric, re-implemented.

The task's scorer (``evaluation_all.py`` → ``evaluation_timeline.py`` → TempEval-3's
``temporal_evaluation.py``; Minard et al. 2015 after UzZaman & Allen 2011) turns each
timeline into TimeML TLINKs and compares reduced graphs. Step by step, as it does:

1. The lines are sorted by natural order of their text (order number, then date, then
   events); lines of order 0 are dropped on both sides, and so is their date.
2. Every event is an interval SIMULTANEOUS with its date (one time per distinct date
   string; dates are never ordered among themselves); each event is BEFORE the next one
   in the list when the order number grows, else SIMULTANEOUS with it.
3. Events are identified by their ``docid-sentence-token`` string: gold events are
   numbered in list order, a system event takes the number of the gold event with the
   same string (a repeated string the next gold occurrence, as the scorer looks it up),
   an event not in the gold a fresh one.
4. The links are added one by one to a graph of interval end points (start < end): a
   link the graph already entails is redundant and left out of the reduced graph; a link
   that contradicts it is a violation, kept in the reduced graph but not added; any
   other link is added.
5. Precision: the system's reduced links that the gold graph entails or that the gold
   states (either direction) / the system's reduced links; recall the other way round.
   Hits and totals are summed over a corpus's timelines (micro average), then
   P = 100·round(hits/total, 6) and F1 = 2PR/(P+R).

TempEval-3's Timegraph (chains of points with pseudo-times) is replaced by an exact
closure over the point algebra {<, =}: a union-find of equal points and reachability
over ``<``. For the only two relations timelines produce it computes the same
entailments; ``docs/benchmarks.md`` records the cross-check against the official scripts.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from itertools import pairwise

BEFORE = "BEFORE"
AFTER = "AFTER"
SIMULTANEOUS = "SIMULTANEOUS"
# The scorer's reversal of a relation, for the "stated either direction" test.
REVERSE = {BEFORE: AFTER, AFTER: BEFORE, SIMULTANEOUS: SIMULTANEOUS}

Node = tuple[str, int | str]  # ("e", event number) or ("t", date string)
Link = tuple[Node, Node, str]
Point = tuple[Node, int]  # (interval, 0 for its start, 1 for its end)


@dataclasses.dataclass(frozen=True)
class Line:
    """One timeline line: order (0 = not ordered), anchor date, coreferent event mentions."""

    order: int
    date: str  # YYYY-MM-DD with XX for unknown parts, or XXXX-XX-XX
    events: tuple[str, ...]  # docid-sentence-token, multi-word tokens joined by "_"

    def text(self) -> str:
        return "\t".join((str(self.order), self.date, *self.events))


@dataclasses.dataclass(frozen=True)
class Timeline:
    """A target entity's timeline: its name (the file's first line) and its lines."""

    entity: str
    lines: tuple[Line, ...]


def parse_timeline(text: str) -> Timeline:
    """A timeline in the task's file format; lines with fewer than three cells are skipped."""
    rows = text.splitlines()
    lines = []
    for row in rows[1:]:
        cells = row.rstrip().split("\t")
        if len(cells) >= 3:
            lines.append(Line(int(cells[0]), cells[1], tuple(cells[2:])))
    return Timeline(rows[0].strip() if rows else "", tuple(lines))


def format_timeline(timeline: Timeline) -> str:
    """The task's file format: the entity, then one tab-separated line per event group."""
    return "\n".join([timeline.entity, *(line.text() for line in timeline.lines)]) + "\n"


def natural_key(text: str) -> list[int | str]:
    """The scorer's sort key: digit runs compare as numbers ("10" after "9")."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def ordered_events(timeline: Timeline) -> Iterator[tuple[str, int, str]]:
    """(event, order, date) of the ordered lines (order ≠ 0), in the scorer's sort order."""
    for line in sorted(timeline.lines, key=lambda line: natural_key(line.text())):
        if line.order != 0:
            yield from ((event, line.order, line.date) for event in line.events)


@dataclasses.dataclass(frozen=True)
class Numbered:
    """One side's events as the scorer numbers them, with the TLINKs it writes."""

    ids: tuple[int, ...]  # event numbers in list order
    strings: tuple[str, ...]  # the event strings in the same order
    links: tuple[Link, ...]


def number_gold(gold: Timeline) -> Numbered:
    events = list(ordered_events(gold))
    ids = tuple(range(1, len(events) + 1))
    info = {i: (order, date) for i, (_, order, date) in zip(ids, events, strict=True)}
    return Numbered(ids, tuple(e for e, _, _ in events), tlinks(ids, info))


def number_system(system: Timeline, gold: Numbered) -> Numbered:
    """The system's events numbered against the gold's, as ``create_system_tml`` does."""
    fresh = len(gold.ids) + 1
    ids: list[int] = []
    strings: list[str] = []
    info: dict[int, tuple[int, str]] = {}
    for event, order, date in ordered_events(system):
        seen = strings.count(event)
        if event in gold.strings and seen < gold.strings.count(event):
            # the scorer's look-up: the first gold occurrence at or after first + seen
            first = gold.strings.index(event)
            number = gold.ids[gold.strings.index(event, first + seen)]
        else:
            number, fresh = fresh, fresh + 1
        ids.append(number)
        strings.append(event)
        info[number] = (order, date)  # a repeated number keeps its last order and date
    return Numbered(tuple(ids), tuple(strings), tlinks(tuple(ids), info))


def tlinks(ids: tuple[int, ...], info: dict[int, tuple[int, str]]) -> tuple[Link, ...]:
    """Each event SIMULTANEOUS with its date; each BEFORE or SIMULTANEOUS with the next."""
    anchors = [(("e", i), ("t", info[i][1]), SIMULTANEOUS) for i in ids]
    chain = [
        (("e", a), ("e", b), BEFORE if info[a][0] < info[b][0] else SIMULTANEOUS)
        for a, b in pairwise(ids)
    ]
    return (*anchors, *chain)


class PointGraph:
    """Interval end points under the point algebra {<, =}, closed on demand.

    Equal points share a class (union-find); ``<`` edges are kept between points and
    followed class to class, so ``a < b`` holds when a class path leads from a to b.
    """

    def __init__(self) -> None:
        self.parent: dict[Point, Point] = {}
        self.members: dict[Point, list[Point]] = {}
        self.after: dict[Point, set[Point]] = {}

    def has(self, node: Node) -> bool:
        return (node, 0) in self.parent

    def ensure(self, node: Node) -> None:
        """Add the interval ``node`` (its start before its end) if it is new."""
        if not self.has(node):
            for point in ((node, 0), (node, 1)):
                self.parent[point] = point
                self.members[point] = [point]
                self.after[point] = set()
            self.after[(node, 0)].add((node, 1))

    def find(self, point: Point) -> Point:
        while self.parent[point] != point:
            self.parent[point] = self.parent[self.parent[point]]
            point = self.parent[point]
        return point

    def same(self, a: Point, b: Point) -> bool:
        return self.find(a) == self.find(b)

    def precedes(self, a: Point, b: Point) -> bool:
        """Whether ``a < b`` follows from the graph."""
        start, goal = self.find(a), self.find(b)
        if start == goal:
            return False
        seen, stack = {start}, [start]
        while stack:
            for member in self.members[stack.pop()]:
                for nxt in self.after[member]:
                    root = self.find(nxt)
                    if root == goal:
                        return True
                    if root not in seen:
                        seen.add(root)
                        stack.append(root)
        return False

    def entails(self, link: Link) -> bool:
        x, y, rel = link
        if not (self.has(x) and self.has(y)):
            return False
        if rel == SIMULTANEOUS:
            return self.same((x, 0), (y, 0)) and self.same((x, 1), (y, 1))
        if rel == AFTER:
            return self.precedes((y, 1), (x, 0))
        return rel == BEFORE and self.precedes((x, 1), (y, 0))

    def contradicts(self, link: Link) -> bool:
        x, y, rel = link
        if rel == SIMULTANEOUS:
            pairs = [((x, k), (y, k)) for k in (0, 1)]
            return any(self.precedes(a, b) or self.precedes(b, a) for a, b in pairs)
        if rel == AFTER:
            x, y = y, x
        return self.same((y, 0), (x, 1)) or self.precedes((y, 0), (x, 1))

    def add(self, link: Link) -> None:
        x, y, rel = link
        if rel == SIMULTANEOUS:
            self._union((x, 0), (y, 0))
            self._union((x, 1), (y, 1))
        elif rel == AFTER:
            self.after[(y, 1)].add((x, 0))
        else:
            self.after[(x, 1)].add((y, 0))

    def _union(self, a: Point, b: Point) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
            self.members[ra] += self.members.pop(rb)


@dataclasses.dataclass
class Reduced:
    """One side's graph and its reduced links (added ones, then violations)."""

    graph: PointGraph
    kept: list[Link]
    stated: set[Link]  # every link as written, in both directions


def reduce(links: Iterable[Link]) -> Reduced:
    """Add ``links`` in order, as the Timegraph does; keep those not entailed before."""
    graph, added, violated, seen = PointGraph(), [], [], set()
    for link in links:
        if link in seen:
            continue
        seen.add(link)
        x, y, rel = link
        if x == y and rel != SIMULTANEOUS:
            graph.ensure(x)
            violated.append(link)
        elif not (graph.has(x) and graph.has(y)):
            graph.ensure(x)
            graph.ensure(y)
            graph.add(link)
            added.append(link)
        elif graph.entails(link):
            continue
        elif graph.contradicts(link):
            violated.append(link)
        else:
            graph.add(link)
            added.append(link)
    stated = seen | {(y, x, REVERSE.get(rel, rel)) for x, y, rel in seen}
    return Reduced(graph, added + violated, stated)


@dataclasses.dataclass
class Tally:
    """Temporal-awareness counts, summed over timelines."""

    precision_hits: int = 0
    system: int = 0  # system links in the reduced graph
    recall_hits: int = 0
    gold: int = 0  # gold links in the reduced graph

    def add(self, other: Tally) -> None:
        self.precision_hits += other.precision_hits
        self.system += other.system
        self.recall_hits += other.recall_hits
        self.gold += other.gold

    def figures(self) -> dict[str, float]:
        """Precision, recall and F1 in percent, as ``evaluation_all.py`` prints them."""
        p = 100 * round(self.precision_hits / self.system, 6) if self.system else 0.0
        r = 100 * round(self.recall_hits / self.gold, 6) if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 2), "recall": round(r, 2), "f1": round(f1, 2)}


def compare(gold: Timeline, system: Timeline) -> Tally:
    """Temporal-awareness counts of one system timeline against its gold timeline."""
    gold_numbered = number_gold(gold)
    ours = reduce(number_system(system, gold_numbered).links)
    theirs = reduce(gold_numbered.links)
    return Tally(
        precision_hits=_hits(ours.kept, theirs),
        system=len(ours.kept),
        recall_hits=_hits(theirs.kept, ours),
        gold=len(theirs.kept),
    )


def _hits(links: list[Link], other: Reduced) -> int:
    return sum(1 for link in links if link in other.stated or other.graph.entails(link))
