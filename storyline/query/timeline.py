"""The story's timeline: event mentions of every outlet merged into events, dated.

An event's date is the one most of its mentions' own text supports (a time expression
in the sentence, or in the paragraph before it), as precise as that evidence is. Dates
that cannot both hold are not averaged: the event is marked ``conflict`` and every date
is listed with its citation. An event no text dates is placed at the earliest
publication that reports it, marked ``reported``.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
from typing import Any

from storyline.hashing import content_id
from storyline.nlp.timex_values import iso_bounds
from storyline.query.corpus import Corpus
from storyline.resolve.events import EventItem, cluster_events

TEXT_SOURCES = ("sentence", "context")
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "year": 4, "decade": 5}


@dataclasses.dataclass(frozen=True)
class DatedMention:
    key: str
    doc: str
    start: int
    end: int
    value: dict[str, Any]  # the event statement's value


def event_items(corpus: Corpus) -> tuple[list[EventItem], dict[str, DatedMention]]:
    """Each event statement as coreference sees it (participants as entity ids), and as
    the timeline cites it."""
    rows = corpus.of("event")
    involved: dict[str, set[str]] = {}  # document → the entities its events involve
    for stmt, value in rows:
        involved.setdefault(stmt.doc, set()).update(
            corpus.entity(p["mention"]) for p in value["participants"]
        )
    context = {doc: frozenset(found) for doc, found in involved.items()}
    items, mentions = [], {}
    for stmt, value in rows:
        people, places = _participants(corpus, value["participants"])
        time = value["time"]
        start, end = value["sentence"]
        items.append(
            EventItem(
                stmt.id,
                stmt.doc,
                value["type"],
                value["lemma"],
                people,
                places,
                time["value"] if time["source"] in TEXT_SOURCES else None,
                time["source"],
                corpus.docs[stmt.doc].text[start:end],
                context=context[stmt.doc],
                negated=bool(value.get("negated")),
            )
        )
        mentions[stmt.id] = DatedMention(stmt.id, stmt.doc, stmt.start, stmt.end, value)
    return items, mentions


def _participants(
    corpus: Corpus, found: list[dict[str, Any]]
) -> tuple[frozenset[str], frozenset[str]]:
    """The entity ids of an event's participants other than places, and of its places."""
    people: set[str] = set()
    places: set[str] = set()
    for participant in found:
        entity = corpus.entity(participant["mention"])
        (places if participant["role"] == "place" else people).add(entity)
    return frozenset(people), frozenset(places)


def bounds(value: str | None) -> tuple[dt.date, dt.date] | None:
    return _iso_bounds(value) if value else None


@functools.lru_cache(maxsize=65_536)
def _iso_bounds(value: str) -> tuple[dt.date, dt.date] | None:
    return iso_bounds(value)


def overlaps(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def events(corpus: Corpus) -> list[dict[str, Any]]:
    """Every event of the corpus, in date order (undated last)."""
    items, mentions = event_items(corpus)
    out = [_event(corpus, [mentions[k] for k in group]) for group in cluster_events(items)]
    return sorted(out, key=_order)


def _order(event: dict[str, Any]) -> tuple[int, str, str]:
    found = bounds(event["date"])
    return (0, found[0].isoformat(), event["id"]) if found else (1, "", event["id"])


def _event(corpus: Corpus, group: list[DatedMention]) -> dict[str, Any]:
    group = sorted(group, key=lambda m: (m.doc, m.start))
    dates = [_dated(corpus, m) for m in group]
    text_dates = [d for d in text_cited(dates) if bounds(d["value"])]
    chosen, conflict = _choose(text_dates)
    if chosen is None:
        reported = sorted(
            (d for d in dates if d["source"] == "reported" and d["value"]),
            key=lambda d: str(d["value"]),
        )
        chosen = reported[0] if reported else None
    participants = sorted(
        {corpus.entity(p["mention"]) for m in group for p in m.value["participants"]}
    )
    first = group[0]
    return {
        "id": content_id("ev", *sorted(m.key for m in group)),
        "type": first.value["type"],
        "text": corpus.docs[first.doc].text[first.start : first.end],
        "date": chosen["value"] if chosen else None,
        "date_precision": chosen["precision"] if chosen else "unknown",
        "date_text": chosen["text"] if chosen else "",
        "date_source": chosen["source"] if chosen else "none",
        "conflict": conflict,
        "participants": participants,
        "documents": len({m.doc for m in group}),
        "dates": dates,
        "mentions": [corpus.cite(m.doc, m.start, m.end) for m in group],
    }


def text_cited(dates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The dates read in the text, one per time expression: two mentions of one article
    dated by the same words ("met … the meeting" in "July 2017") are one source, not two
    votes."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for date in dates:
        key = (date["doc"], date.get("start"), date.get("end"), date["value"])
        if date["source"] in TEXT_SOURCES and key not in seen:
            seen.add(key)
            out.append(date)
    return out


def _dated(corpus: Corpus, mention: DatedMention) -> dict[str, Any]:
    time = mention.value["time"]
    row: dict[str, Any] = {
        "value": time["value"],
        "precision": time["precision"],
        "source": time["source"],
        "doc": mention.doc,
    }
    if time.get("start") is not None:
        row.update(corpus.cite(mention.doc, time["start"], time["end"]))
    else:
        row["text"] = ""
    return row


def _choose(dates: list[dict[str, Any]]) -> tuple[dict[str, Any] | None, bool]:
    """The best supported text date, and whether some text dates cannot both hold.

    A date's support is the number of dates overlapping it (itself included): all the
    known spans less those ending before it starts and those starting after it ends,
    counted by bisection over the sorted ends and starts (n log n, not n²). Two spans
    cannot both hold exactly when the earliest end comes before the latest start.
    """
    if not dates:
        return None, False
    spans = [bounds(d["value"]) for d in dates]
    known = [s for s in spans if s is not None]
    starts = sorted(s[0] for s in known)
    ends = sorted(s[1] for s in known)
    conflict = bool(known) and ends[0] < starts[-1]
    support = [_overlapping(s, starts, ends) if s else 0 for s in spans]
    best = min(
        range(len(dates)),
        key=lambda i: (
            -support[i],
            _PRECISION_RANK.get(dates[i]["precision"], 9),
            str(dates[i]["value"]),
        ),
    )
    return dates[best], conflict


def _overlapping(span: tuple[dt.date, dt.date], starts: list[dt.date], ends: list[dt.date]) -> int:
    """How many of the spans whose sorted starts and ends are given overlap ``span``."""
    before = bisect.bisect_left(ends, span[0])  # ending before it starts
    after = len(starts) - bisect.bisect_right(starts, span[1])  # starting after it ends
    return len(ends) - before - after


def date_conflicts(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events whose sources give dates that cannot both hold, as conflict entries."""
    return [
        {
            "kind": "date",
            "subject": event["id"],
            "subject_text": event["text"],
            "property": "date",
            "agree": False,
            "documents": event["documents"],
            "values": text_cited(event["dates"]),
        }
        for event in found
        if event["conflict"]
    ]


def within(
    event: dict[str, Any],
    entity: str | None = None,
    start: str | None = None,
    end: str | None = None,
    outlet: str | None = None,
) -> bool:
    """Whether an event passes the timeline's filters (an undated one fails date filters)."""
    if entity and entity not in event["participants"]:
        return False
    if outlet and not any(
        (m.get("publisher") or "").lower() == outlet.lower() for m in event["mentions"]
    ):
        return False
    if start or end:
        found = bounds(event["date"])
        low, high = bounds(start or "0001"), bounds(end or "9999")
        if found is None or low is None or high is None:
            return False
        return overlaps(found, (low[0], high[1]))
    return True
