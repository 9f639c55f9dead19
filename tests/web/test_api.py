"""The reading endpoints of the REST API on the sample corpus: real data, checked against
the export and the document texts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storyline.export import export
from storyline.settings import Settings
from storyline.store import open_store
from storyline.web import create_app

LISTS = (
    "/api/documents",
    "/api/entities",
    "/api/events",
    "/api/timeline",
    "/api/relations",
    "/api/quotes",
    "/api/claims",
    "/api/conflicts",
    "/api/judgements",
    "/api/search",
)
# Parameters a list needs besides the page.
NEEDS = {"/api/search": {"q": "ambassador"}}


@pytest.fixture(scope="module")
def client(examples_db: Path) -> TestClient:
    return TestClient(create_app(Settings(db=str(examples_db))), base_url="http://127.0.0.1")


@pytest.fixture(scope="module")
def exported(examples_db: Path) -> dict[str, Any]:
    import io

    store = open_store(str(examples_db))
    try:
        out = io.StringIO()
        export(store, "json", out)
    finally:
        store.close()
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


def get(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def everything(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a list endpoint, page by page."""
    items: list[dict[str, Any]] = []
    while True:
        body = get(client, path, limit=7, offset=len(items), **params)
        items.extend(body["items"])
        if not body["items"]:
            return items


@pytest.mark.parametrize("path", LISTS)
def test_every_list_is_paginated_with_consistent_totals_and_slices(
    client: TestClient, path: str
) -> None:
    needs = NEEDS.get(path, {})
    whole = get(client, path, limit=500, **needs)
    assert whole["ok"] is True and whole["limit"] == 500 and whole["offset"] == 0
    assert whole["total"] == len(whole["items"])
    second = get(client, path, limit=2, offset=1, **needs)
    assert second["total"] == whole["total"]
    assert second["items"] == whole["items"][1:3]
    past = get(client, path, limit=5, offset=whole["total"] + 3, **needs)
    assert past["items"] == [] and past["total"] == whole["total"]


def test_documents_list_matches_the_export(client: TestClient, exported: dict[str, Any]) -> None:
    listed = everything(client, "/api/documents")
    assert {d["id"] for d in listed} == {d["id"] for d in exported["documents"]}
    assert all("text" not in d for d in listed)


def test_documents_filter_by_outlet(client: TestClient) -> None:
    outlets = get(client, "/api/outlets")
    assert (
        outlets and sum(o["documents"] for o in outlets) <= get(client, "/api/documents")["total"]
    )
    name = outlets[0]["name"]
    found = get(client, "/api/documents", outlet=name.upper(), limit=500)
    assert found["total"] == outlets[0]["documents"]
    assert {d["publisher"] for d in found["items"]} == {name}


def test_document_spans_point_at_their_text(client: TestClient, exported: dict[str, Any]) -> None:
    kinds: set[str] = set()
    for row in exported["documents"]:
        doc = get(client, f"/api/documents/{row['id']}")
        assert doc["text"] == row["text"]
        assert doc["removed"] == row["removed"]
        for cut in doc["removed"]:
            assert doc["source_text"][cut["start"] : cut["end"]] == cut["text"]
        for span in doc["spans"]:
            assert doc["text"][span["start"] : span["end"]] == span["text"]
            kinds.add(span["kind"])
    assert {"mention", "timex", "quote", "claim"} <= kinds


def test_document_mentions_carry_the_entity_the_export_gives_them(
    client: TestClient, exported: dict[str, Any]
) -> None:
    of_span = {
        (m["doc"], m["start"], m["end"]): e["id"]
        for e in exported["entities"]
        for m in e["mentions"]
    }
    doc_id = exported["documents"][0]["id"]
    spans = [s for s in get(client, f"/api/documents/{doc_id}")["spans"] if s["kind"] == "mention"]
    assert spans
    for span in spans:
        if (doc_id, span["start"], span["end"]) in of_span:
            assert span["entity"] == of_span[(doc_id, span["start"], span["end"])]


def test_entity_profile_lists_the_aliases_the_export_lists(
    client: TestClient, exported: dict[str, Any]
) -> None:
    for row in exported["entities"][:5]:
        profile = get(client, f"/api/entities/{row['id']}")
        assert profile["name"] == row["name"] and profile["type"] == row["type"]
        assert [(a["text"], a["count"]) for a in profile["aliases"]] == [
            (a["text"], a["count"]) for a in row["aliases"]
        ]
        assert profile["mentions"] == len(row["mentions"])
        assert sum(o["mentions"] for o in profile["outlets"]) == len(row["mentions"])
        assert profile["merge_evidence"] and all(m["rule"] for m in profile["merge_evidence"])


def test_entity_profile_by_alias_and_its_events_involve_it(
    client: TestClient, exported: dict[str, Any]
) -> None:
    person = next(
        e for e in exported["entities"] if e["type"] == "PERSON" and len(e["aliases"]) > 1
    )
    alias = person["aliases"][-1]["text"]
    profile = get(client, f"/api/entities/{alias}")
    assert profile["id"] == person["id"]
    assert all(person["id"] in e["participants"] for e in profile["events"])
    assert all(person["id"] in (r["subject"], r["object"]) for r in profile["relations"])
    assert all(q["speaker"] == person["id"] for q in profile["quotes"])


def test_entities_filter_by_type_and_name_part(client: TestClient) -> None:
    people = everything(client, "/api/entities", type="person")
    assert people and all(e["type"] == "PERSON" for e in people)
    name = people[0]["name"]
    part = name.split()[-1][1:4].lower()
    found = everything(client, "/api/entities", q=part)
    assert people[0]["id"] in {e["id"] for e in found}
    assert all(any(part in a["text"].lower() for a in e["aliases"]) for e in found)


def test_timeline_filter_by_entity_returns_only_its_events(
    client: TestClient, exported: dict[str, Any]
) -> None:
    involved = [e for e in exported["events"] if e["participants"]]
    entity = involved[0]["participants"][0]
    found = everything(client, "/api/events", entity=entity)
    expected = [e["id"] for e in exported["events"] if entity in e["participants"]]
    assert [e["id"] for e in found] == expected


def test_timeline_date_and_outlet_filters(client: TestClient) -> None:
    dated = [e for e in everything(client, "/api/timeline") if e["date"]]
    year = dated[0]["date"][:4]
    within = everything(client, "/api/timeline", date_from=year, date_to=year)
    assert dated[0]["id"] in {e["id"] for e in within}
    assert all(e["date"] for e in within)
    outlet = dated[0]["mentions"][0]["publisher"]
    if outlet:
        by_outlet = everything(client, "/api/timeline", outlet=outlet)
        assert all(any(m["publisher"] == outlet for m in e["mentions"]) for e in by_outlet)


def test_events_by_id(client: TestClient, exported: dict[str, Any]) -> None:
    event = exported["events"][0]
    assert get(client, f"/api/events/{event['id']}")["mentions"] == event["mentions"]


def test_story_lists_match_the_export(client: TestClient, exported: dict[str, Any]) -> None:
    for key in ("relations", "quotes", "claims"):
        assert everything(client, f"/api/{key}") == exported[key], key
    for agree, key in ((False, "conflicts"), (True, "agreements")):
        listed = everything(client, "/api/conflicts", agree=agree)
        assert [r.pop("values_total") for r in listed] == [len(r["values"]) for r in listed]
        assert listed == exported[key], key


def test_conflict_values_are_cut_with_their_total(client: TestClient) -> None:
    (row,) = get(client, "/api/conflicts", limit=1, values=1)["items"]
    assert len(row["values"]) == 1 and row["values_total"] >= 2


def test_quotes_and_claims_filters(client: TestClient, exported: dict[str, Any]) -> None:
    quote = next(q for q in exported["quotes"] if q["speaker"])
    by_speaker = everything(client, "/api/quotes", speaker=quote["speaker"])
    assert quote in by_speaker and all(q["speaker"] == quote["speaker"] for q in by_speaker)
    in_doc = everything(client, "/api/claims", doc=exported["claims"][0]["doc"])
    assert in_doc and all(c["doc"] == exported["claims"][0]["doc"] for c in in_doc)


def test_overview_counts(client: TestClient, exported: dict[str, Any]) -> None:
    overview = get(client, "/api/overview")
    assert overview["documents"] == len(exported["documents"])
    assert overview["entities"] == len(exported["entities"])
    assert overview["conflicts"] == len(exported["conflicts"])
    assert overview["top_entities"][0]["id"] == exported["entities"][0]["id"]


def test_search_and_ask_answer_with_citations(client: TestClient, exported: dict[str, Any]) -> None:
    texts = {d["id"]: d["text"] for d in exported["documents"]}
    found = get(client, "/api/search", q="ambassador", limit=3)
    assert found["items"] and found["total"] >= len(found["items"])
    for hit in found["items"]:
        assert texts[hit["doc"]][hit["start"] : hit["end"]] == hit["text"]
    answer = get(client, "/api/ask", q="Who recalled the ambassador?")
    assert set(answer) >= {"answer", "abstained", "citations"}
    for cite in answer["citations"]:
        assert texts[cite["doc"]][cite["start"] : cite["end"]] == cite["text"]


@pytest.mark.parametrize(
    ("fmt", "media"),
    [
        ("json", "application/json"),
        ("csv", "text/csv"),
        ("graphml", "application/graphml+xml"),
        ("gexf", "application/gexf+xml"),
        ("ftm", "application/x-ndjson"),
        ("timelinejs", "application/json"),
    ],
)
def test_export_streams_each_format_with_its_type(
    client: TestClient, exported: dict[str, Any], fmt: str, media: str
) -> None:
    response = client.get("/api/export", params={"format": fmt})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert "attachment" in response.headers["content-disposition"]
    if fmt == "json":
        assert response.json()["entities"] == exported["entities"]


def test_api_docs_page_lists_every_path_and_escapes(client: TestClient) -> None:
    spec = get(client, "/api/openapi.json")
    page = client.get("/api/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for path, item in spec["paths"].items():
        for method in item:
            assert f"{method.upper()} {path}" in page.text
    assert "<script" not in page.text
    assert "EntityProfile" in page.text and "limit" in page.text
