"""The timeline: event mentions dated by their own text, conflicts kept, filters."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from storyline.model import Document, Statement
from storyline.query.corpus import Corpus
from storyline.query.timeline import date_conflicts, events, within

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


def test_an_event_is_dated_by_its_text_and_cites_every_mention(
    docs: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "storyline.query.timeline.cluster_events", lambda items: [[i.key for i in items]]
    )
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


def test_dates_that_cannot_both_hold_make_a_conflict_listing_both(
    docs: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "storyline.query.timeline.cluster_events", lambda items: [[i.key for i in items]]
    )
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


def test_undated_events_are_placed_at_their_first_report_and_sorted_last_when_unknown(
    docs: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "storyline.query.timeline.cluster_events", lambda items: [[i.key] for i in items]
    )
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
