"""TempEval-3 (SemEval-2013 Task 1, task A timexes) scorer for our TIMEX3 recogniser.

Reads TimeML ``.tml`` files, runs the recogniser on each document's ``<TEXT>``
with its creation time (DCT) as anchor, and scores the result as the official
TE3 toolkit does: a relaxed match is any overlap, a strict match the exact
extent; precision and recall are micro-averaged over all documents; value and
type are judged on relaxed matches, and their F1 is the attribute accuracy
times the relaxed F1. A dateparser-only baseline is scored in the same run.

Figures are reported on ``te3-platinum`` (the test set) at the top level and
on ``TBAQ-cleaned`` (the training set we tuned on) under ``train``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from storyline.eval import Scorer
from storyline.model import DatedValue, Precision
from storyline.nlp.dates import find_timexes

TEST = "te3-platinum"
TRAIN = "TBAQ-cleaned"


@dataclasses.dataclass(frozen=True)
class Span:
    """One timex, gold or system: character extent in the document text, type and value."""

    start: int
    end: int
    type: str
    value: str


@dataclasses.dataclass(frozen=True)
class TimeMLDoc:
    """A TimeML document reduced to what task A needs."""

    name: str
    dct: str  # the creation time's TIMEX3 value, e.g. 1998-01-08 or 1998-02-27T08:17:00
    text: str  # the content of <TEXT>, tags removed
    timexes: tuple[Span, ...]


@dataclasses.dataclass
class Counts:
    """Micro-averaged tallies over documents."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0  # relaxed matches with the gold value
    type: int = 0  # relaxed matches with the gold type

    def add(self, other: Counts) -> None:
        for field in dataclasses.fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))


System = Callable[[TimeMLDoc], list[Span]]


def read_timeml(source: str, name: str = "") -> TimeMLDoc:
    """Parse one TimeML document: DCT, plain text of <TEXT>, and its TIMEX3 spans."""
    root = ET.fromstring(source)
    dct = next((t.get("value", "") for t in root.iter("TIMEX3")
                if t.get("functionInDocument") == "CREATION_TIME"), "")  # fmt: skip
    body = root.find("TEXT")
    pieces: list[str] = []
    spans: list[Span] = []
    if body is not None:
        _walk(body, pieces, spans)
    return TimeMLDoc(name, dct, "".join(pieces), tuple(spans))


def _walk(element: ET.Element, pieces: list[str], spans: list[Span]) -> None:
    """Append ``element``'s text to ``pieces``, noting where each TIMEX3 lies."""
    start = sum(map(len, pieces))
    pieces.append(element.text or "")
    for child in element:
        _walk(child, pieces, spans)
        pieces.append(child.tail or "")
    if element.tag == "TIMEX3":
        end = start + len("".join(element.itertext()))
        spans.append(Span(start, end, element.get("type", ""), element.get("value", "")))


def anchor_of(dct: str) -> DatedValue | None:
    """The DCT as an anchor, at day precision (our anchors carry no clock time)."""
    day = dct[:10]
    for size, precision in ((10, Precision.DAY), (7, Precision.MONTH), (4, Precision.YEAR)):
        if len(day) >= size and day[:size].replace("-", "").isdigit():
            return DatedValue(day[:size], precision, "TimeML DCT")
    return None


def ours(doc: TimeMLDoc) -> list[Span]:
    return [
        Span(t.start, t.end, t.type, t.value) for t in find_timexes(doc.text, anchor_of(doc.dct))
    ]


def dateparser_baseline(doc: TimeMLDoc) -> list[Span]:
    """dateparser's ``search_dates`` with the DCT as relative base, values at day precision."""
    from dateparser.search import search_dates  # slow import: only when the baseline runs

    settings = {"RELATIVE_BASE": _base_of(doc.dct), "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        found = search_dates(doc.text, languages=["en"], settings=settings) or []
    except Exception:  # a baseline crash counts as finding nothing; it is not what we measure
        found = []
    return list(_locate(doc.text, ((text, when.date().isoformat()) for text, when in found)))


def _base_of(dct: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(dct[:10])
    except ValueError:
        return dt.datetime(2000, 1, 1)


def _locate(text: str, found: Iterable[tuple[str, str]]) -> Iterable[Span]:
    """Offsets of each found substring, searching forward from the previous one."""
    cursor = 0
    for piece, value in found:
        start = text.find(piece, cursor)
        if start < 0:
            start = text.find(piece)
        if start >= 0:
            cursor = start + len(piece)
            yield Span(start, start + len(piece), "DATE", value)


def compare(gold: Iterable[Span], system: Iterable[Span]) -> Counts:
    """Tally one document: one-to-one relaxed matching, largest overlap first (ties: earlier)."""
    gold, system = sorted(gold, key=_key), sorted(system, key=_key)
    counts = Counts(gold=len(gold), system=len(system))
    used_gold: set[int] = set()
    used_system: set[int] = set()
    for _, i, j in _overlapping_pairs(gold, system):
        if i not in used_gold and j not in used_system:
            used_gold.add(i)
            used_system.add(j)
            _tally(counts, gold[i], system[j])
    return counts


def _overlapping_pairs(gold: list[Span], system: list[Span]) -> list[tuple[int, int, int]]:
    """(-overlap, gold index, system index) of every overlapping pair, best first."""
    pairs = [(-_overlap(g, s), i, j) for i, g in enumerate(gold) for j, s in enumerate(system)]
    return sorted(pair for pair in pairs if pair[0] < 0)


def _tally(counts: Counts, gold: Span, system: Span) -> None:
    counts.relaxed += 1
    counts.strict += (gold.start, gold.end) == (system.start, system.end)
    counts.value += gold.value == system.value
    counts.type += gold.type == system.type


def _key(span: Span) -> tuple[int, int]:
    return span.start, span.end


def _overlap(a: Span, b: Span) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def figures(counts: Counts) -> dict[str, float | int]:
    """Strict/relaxed P, R, F1; value and type F1 (accuracy on relaxed matches x relaxed F1)."""
    out: dict[str, float | int] = {"gold": counts.gold, "system": counts.system}
    for name, hits in (("strict", counts.strict), ("relaxed", counts.relaxed)):
        p, r = _ratio(hits, counts.system), _ratio(hits, counts.gold)
        out |= {f"{name}_precision": p, f"{name}_recall": r, f"{name}_f1": _f1(p, r)}
    for name, hits in (("value", counts.value), ("type", counts.type)):
        accuracy = _ratio(hits, counts.relaxed)
        out[f"{name}_accuracy"] = accuracy
        out[f"{name}_f1"] = accuracy * float(out["relaxed_f1"])
        out[f"{name}_precision"] = accuracy * float(out["relaxed_precision"])
        out[f"{name}_recall"] = accuracy * float(out["relaxed_recall"])
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in out.items()}


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def read_split(folder: Path) -> list[TimeMLDoc]:
    """Every ``.tml`` document under ``folder``, sorted by path."""
    paths = sorted(folder.rglob("*.tml"))
    return [read_timeml(path.read_text(encoding="utf-8"), path.stem) for path in paths]


def evaluate(docs: list[TimeMLDoc], system: System) -> Counts:
    total = Counts()
    for doc in docs:
        total.add(compare(doc.timexes, system(doc)))
    return total


def score_split(docs: list[TimeMLDoc], *, baseline: bool = True) -> dict[str, Any]:
    """Our figures on ``docs``, with the dateparser baseline's under ``baseline``."""
    result: dict[str, Any] = dict(figures(evaluate(docs, ours)))
    result["documents"] = len(docs)
    if baseline:
        result["baseline"] = figures(evaluate(docs, dateparser_baseline))
    return result


def score(data: Path | None) -> dict[str, Any]:
    """TempEval-3 task A (timexes): platinum at the top level, TBAQ under ``train``."""
    root = Path(data) if data else Path("../shared/datasets/tempeval3")
    result = score_split(read_split(root / TEST))
    result["train"] = score_split(read_split(root / TRAIN))
    result["recogniser"] = "timex.v2"
    return result


_: Scorer = score
