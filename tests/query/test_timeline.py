"""The timeline: event mentions dated by their own text, conflicts kept, filters."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from storyline.model import Document, Statement
from storyline.nlp.timex_values import iso_bounds
from storyline.query.corpus import Corpus
from storyline.query.timeline import _PRECISION_RANK, _choose, date_conflicts, events, within

TEXT = "In May 2010 the summit was held in the capital, and talks went on for days."


def _event(doc: Document, key: str, date: str | None, source: str, who: str = "m1") -> Statement:
    start = TEXT.index("summit")
    value: dict[str, Any] = {
        "type": "meeting",
        "trigger": "summit",
        "lemma": "summit",
        "sentence": [0, len(TEXT)],
        "participants": [
            {"role": "agent", "mention": who, "start": 0, "end": 2, "text": "In", "type": "PERSON"}
        ],
        "time": {
            "value": date,
            "precision": "month" if date and len(date) == 7 else "day",
            "source": source,
            "start": 3 if source == "sentence" else None,
            "end": 11 if source == "sentence" else None,
            "text": "May 2010" if source == "sentence" else "",
            "low": None,
            "high": None,
        },
        "negated": False,
        "modality": "asserted",
    }
    return Statement(key, key, "event", json.dumps(value), doc.id, start, start + 6, "events.v1")


@pytest.fixture
def docs(make_doc: Callable[..., Document]) -> list[Document]:
    return [make_doc(f"doc{i}", TEXT) for i in range(3)]


def _corpus(docs: list[Document], statements: list[Statement]) -> Corpus:
    return Corpus({d.id: d for d in docs}, {"event": statements}, {"m1": "e1", "m2": "e2"})


@pytest.fixture
def one_event(monkeypatch: pytest.MonkeyPatch) -> None:
    """Coreference makes every mention one event."""
    monkeypatch.setattr(
        "storyline.query.timeline.cluster_events", lambda items: [[i.key for i in items]]
    )


@pytest.fixture
def each_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Coreference keeps every mention an event of its own."""
    monkeypatch.setattr(
        "storyline.query.timeline.cluster_events", lambda items: [[i.key] for i in items]
    )


@pytest.mark.usefixtures("one_event")
def test_an_event_is_dated_by_its_text_and_cites_every_mention(docs: list[Document]) -> None:
    found = events(
        _corpus(
            docs,
            [
                _event(docs[0], "s1", "2010-05", "sentence"),
                _event(docs[1], "s2", "2010-05-08", "sentence"),
                _event(docs[2], "s3", "2016-01-01", "reported"),
            ],
        )
    )
    (event,) = found
    assert event["date"] == "2010-05-08"  # the most precise of the agreeing dates
    assert event["date_source"] == "sentence" and not event["conflict"]
    assert event["participants"] == ["e1"]
    assert [m["text"] for m in event["mentions"]] == ["summit"] * 3
    assert date_conflicts(found) == []


@pytest.mark.usefixtures("one_event")
def test_dates_that_cannot_both_hold_make_a_conflict_listing_both(docs: list[Document]) -> None:
    found = events(
        _corpus(
            docs,
            [
                _event(docs[0], "s1", "2010-07", "sentence"),
                _event(docs[1], "s2", "2010-05-08", "sentence"),
            ],
        )
    )
    (conflict,) = date_conflicts(found)
    assert sorted(v["value"] for v in conflict["values"]) == ["2010-05-08", "2010-07"]
    assert all(v["text"] == "May 2010" for v in conflict["values"])  # each cited


@pytest.mark.usefixtures("one_event")
def test_one_expression_dating_two_mentions_of_an_article_is_one_source(
    docs: list[Document],
) -> None:
    found = events(
        _corpus(
            docs,
            [
                _event(docs[0], "s1", "2010-07", "sentence"),
                _event(docs[0], "s1b", "2010-07", "sentence"),  # "met … the meeting"
                _event(docs[1], "s2", "2010-05-08", "sentence"),
            ],
        )
    )
    (event,) = found
    assert event["date"] == "2010-05-08"  # one source each: the more precise wins the tie
    assert len(event["dates"]) == 3  # every mention keeps its own date
    (conflict,) = date_conflicts(found)
    assert sorted(v["value"] for v in conflict["values"]) == ["2010-05-08", "2010-07"]


@pytest.mark.usefixtures("each_alone")
def test_undated_events_are_placed_at_their_first_report_and_sorted_last_when_unknown(
    docs: list[Document],
) -> None:
    found = events(
        _corpus(
            docs,
            [
                _event(docs[0], "s1", "2012-03-01", "reported"),
                _event(docs[1], "s2", None, "none", who="m2"),
                _event(docs[2], "s3", "2009", "sentence"),
            ],
        )
    )
    assert [(e["date"], e["date_source"]) for e in found] == [
        ("2009", "sentence"),
        ("2012-03-01", "reported"),
        (None, "none"),
    ]


def test_filters_by_entity_dates_and_outlet(docs: list[Document]) -> None:
    (event,) = events(_corpus(docs, [_event(docs[0], "s1", "2010-05", "sentence")]))
    assert within(event, entity="e1") and not within(event, entity="e2")
    assert within(event, start="2010", end="2010-12") and not within(event, start="2011")
    assert not within(event, outlet="Nobody Daily")


def _pairwise_choice(dates: list[dict[str, Any]]) -> tuple[dict[str, Any] | None, bool]:
    """The date ``_choose`` must pick, counted pair by pair (the quadratic definition)."""
    spans = [iso_bounds(d["value"]) for d in dates]
    known = [s for s in spans if s]
    conflict = any(a[1] < b[0] or b[1] < a[0] for a in known for b in known)
    support = [sum(1 for b in known if a[0] <= b[1] and b[0] <= a[1]) if a else 0 for a in spans]
    best = min(
        range(len(dates)),
        key=lambda i: (
            -support[i],
            _PRECISION_RANK.get(dates[i]["precision"], 9),
            dates[i]["value"],
        ),
    )
    return (dates[best] if dates else None), conflict


def test_issue_6_the_date_choice_counts_support_without_comparing_every_pair() -> None:
    values = ["2010", "2010-05", "2010-05-08", "2010-06", "2011", "2009-12", "soon", "2010-05-31"]
    precision = {4: "year", 7: "month", 10: "day"}
    for size in (1, 2, 3, 5, 8):
        for shift in range(len(values)):
            chosen = [values[(shift + k * 3) % len(values)] for k in range(size)]
            dates = [{"value": v, "precision": precision.get(len(v), "unknown")} for v in chosen]
            found, conflict = _choose(dates)
            expected, expected_conflict = _pairwise_choice(dates)
            assert found is expected and conflict == expected_conflict
    assert _choose([]) == (None, False)
