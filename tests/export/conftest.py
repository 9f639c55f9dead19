"""A small invented knowledge base in the shape of the JSON export contract (DESIGN.md)."""

from __future__ import annotations

from typing import Any

import pytest


def _mention(doc: str, start: int, text: str) -> dict[str, Any]:
    return {"doc": doc, "start": start, "end": start + len(text), "text": text}


def contract() -> dict[str, Any]:
    """Invented people and outlets; two documents, one with a link that must never be used."""
    documents = [
        {
            "id": "d1",
            "path": "in/first.html",
            "url": "https://news.example.org/a?x=1&y=2",
            "title": "Envoy <recalled> & more",
            "publisher": "Daily Example",
            "published": "2010-05-20",
        },
        {
            "id": "d2",
            "path": "in/second.txt",
            "url": "javascript:alert(1)",
            "title": None,
            "publisher": None,
            "published": None,
        },
    ]
    entities = [
        {
            "id": "e1",
            "name": "Arman Tokarev",
            "type": "PERSON",
            "aliases": [{"text": "Arman Tokarev", "count": 2}, {"text": "Tokarev", "count": 1}],
            "attributes": [{"kind": "title", "text": "former president"}],
            "mentions": [
                _mention("d1", 0, "Arman Tokarev"),
                _mention("d1", 40, "Tokarev"),
                _mention("d2", 5, "Arman Tokarev"),
            ],
        },
        {
            "id": "e2",
            "name": "Dana Tokareva",
            "type": "PERSON",
            "aliases": [],
            "mentions": [_mention("d1", 60, "Dana Tokareva")],
        },
        {
            "id": "e3",
            "name": "Kyrgyzstan",
            "type": "GPE",
            "aliases": [{"text": "Kyrgyzstan", "count": 2}],
            "mentions": [_mention("d1", 80, "Kyrgyzstan"), _mention("d2", 30, "Kyrgyzstan")],
        },
        {
            "id": "e4",
            "name": "Osh",
            "type": "GPE",
            "aliases": [],
            "mentions": [_mention("d2", 50, "Osh")],
        },
        {
            "id": "e5",
            "name": "National Bank of Zembia",
            "type": "ORG",
            "aliases": [],
            "mentions": [_mention("d1", 100, "National Bank of Zembia")],
        },
        {
            "id": "e6",
            "name": "Model Z",
            "type": "OTHER",
            "aliases": [],
            "mentions": [_mention("d1", 130, "Model Z")],
        },
    ]
    events = [
        {
            "id": "v1",
            "type": "flight",
            "text": "Tokarev fled <b>north</b> & hid",
            "date": "2010-04-15",
            "date_precision": "day",
            "date_text": "on 15 April",
            "participants": ["e1", "e4"],
            "conflict": True,
            "mentions": [
                _mention("d1", 200, "Tokarev fled <b>north</b> & hid"),
                _mention("d2", 90, "he fled"),
            ],
        },
        {
            "id": "v2",
            "type": "election",
            "text": "elections were held",
            "date": "2005",
            "date_precision": "year",
            "date_text": "in 2005",
            "participants": ["e3"],
            "mentions": [_mention("d1", 250, "elections were held")],
        },
        {
            "id": "v3",
            "type": "meeting",
            "text": "Tokarev met Tokareva",
            "date": "2010-05",
            "date_precision": "month",
            "date_text": "in May",
            "participants": ["e1", "e2", "e5"],
            "mentions": [_mention("d1", 300, "Tokarev met Tokareva")],
        },
        {
            "id": "v4",
            "type": "statement",
            "text": "an undated statement",
            "date": None,
            "date_precision": "unknown",
            "date_text": "",
            "participants": ["e1", "e2"],
            "mentions": [_mention("d2", 120, "an undated statement")],
        },
        {
            "id": "v5",
            "type": "statement",
            "text": "on 8 May of some year",
            "date": "XXXX-05-08",
            "date_precision": "unknown",
            "date_text": "on 8 May",
            "participants": [],
            "mentions": [],
        },
        {
            "id": "v6",
            "type": "arrest",
            "text": "an arrest that week",
            "date": "2011-W03",
            "date_precision": "week",
            "date_text": "that week",
            "participants": ["e2"],
            "mentions": [_mention("d1", 400, "an arrest that week")],
        },
    ]
    relations = [
        {
            "subject": "e2",
            "predicate": "sibling_of",
            "object": "e1",
            "mentions": [
                _mention("d1", 60, "Dana Tokareva, the sister of Arman Tokarev"),
                _mention("d2", 10, "his sister Dana Tokareva"),
            ],
        },
        {
            "subject": "e1",
            "predicate": "leader_of",
            "object": "e3",
            "mentions": [_mention("d1", 20, "Kyrgyz president Arman Tokarev")],
        },
        {
            "subject": "e1",
            "predicate": "leader_of",
            "object": "e5",
            "mentions": [_mention("d1", 100, "Arman Tokarev, the head of the National Bank")],
        },
        {
            "subject": "e1",
            "predicate": "citizen_of",
            "object": "e3",
            "mentions": [_mention("d2", 30, "Tokarev gained Kyrgyz citizenship")],
        },
        {
            "subject": "e4",
            "predicate": "located_in",
            "object": "e3",
            "mentions": [_mention("d2", 50, "Osh, Kyrgyzstan")],
        },
        {
            "subject": "e2",
            "predicate": "works_for",
            "object": "e5",
            "mentions": [_mention("d1", 150, "Dana Tokareva, an adviser to the bank")],
        },
        {
            "subject": "e3",
            "predicate": "granted_asylum_to",
            "object": "e2",
            "mentions": [_mention("d1", 170, "Kyrgyzstan granted asylum to Dana Tokareva")],
        },
        {
            "subject": "e1",
            "predicate": "member_of",
            "object": "e6",
            "mentions": [_mention("d1", 130, "a member of Model Z")],
        },
        {
            "subject": "e1",
            "predicate": "spouse_of",
            "object": "e-missing",
            "mentions": [_mention("d1", 190, "his wife")],
        },
    ]
    return {
        "documents": documents,
        "entities": entities,
        "events": events,
        "relations": relations,
        "quotes": [],
        "claims": [],
        "conflicts": [],
    }


@pytest.fixture
def contract_sample() -> dict[str, Any]:
    return contract()
