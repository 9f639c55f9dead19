"""Judgements through the API, and who may write: the token, and same-site requests only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storyline.settings import Settings
from storyline.web import create_app

WRITE = {"X-Storyline": "1"}


def client_for(db: Path, base_url: str = "http://127.0.0.1", **settings: Any) -> TestClient:
    return TestClient(create_app(Settings(db=str(db), **settings)), base_url=base_url)


def entity_ids(client: TestClient) -> set[str]:
    return {e["id"] for e in client.get("/api/entities", params={"limit": 500}).json()["items"]}


def two_people(client: TestClient) -> tuple[dict[str, Any], dict[str, Any]]:
    people = client.get("/api/entities", params={"type": "PERSON", "limit": 2}).json()["items"]
    return people[0], people[1]


def test_a_merge_changes_the_entities_and_undoing_it_restores_them(
    writable_examples_db: Path,
) -> None:
    client = client_for(writable_examples_db)
    before = entity_ids(client)
    first, second = two_people(client)
    body = {"kind": "merge", "a": first["id"], "b": second["id"], "note": "same person"}
    answer = client.post("/api/judgements", json=body, headers=WRITE)
    assert answer.status_code == 201, answer.text
    judgement = answer.json()["judgement"]
    assert judgement["kind"] == "merge" and judgement["note"] == "same person"
    assert answer.json()["entities"] == len(before) - 1
    merged = client.get(f"/api/entities/{first['name']}").json()
    assert {a["text"] for a in second["aliases"]} <= {a["text"] for a in merged["aliases"]}
    assert [j["id"] for j in merged["judgements"]] == [judgement["id"]]
    assert len(entity_ids(client)) == len(before) - 1
    listed = client.get("/api/judgements").json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == judgement["id"]

    undone = client.delete(f"/api/judgements/{judgement['id']}", headers=WRITE)
    assert undone.status_code == 200, undone.text
    assert entity_ids(client) == before
    assert client.get("/api/judgements").json()["total"] == 0
    assert client.delete(f"/api/judgements/{judgement['id']}", headers=WRITE).status_code == 404


def test_a_split_by_names_separates_two_spellings(writable_examples_db: Path) -> None:
    client = client_for(writable_examples_db)
    found = client.get("/api/entities", params={"limit": 500}).json()["items"]

    def names_only(entity: str, alias: str) -> bool:
        return bool(client.get(f"/api/entities/{alias}").json().get("id") == entity)

    a, b = next(
        (x["text"], y["text"])
        for p in (client.get(f"/api/entities/{e['id']}").json() for e in found)
        for x in p["aliases"]
        for y in p["aliases"]
        if x["text"].casefold() != y["text"].casefold()
        and not set(x["docs"]) & set(y["docs"])
        and names_only(p["id"], x["text"])
        and names_only(p["id"], y["text"])
    )
    answer = client.post("/api/judgements", json={"kind": "split", "a": a, "b": b}, headers=WRITE)
    assert answer.status_code == 201, answer.text
    assert answer.json()["entities"] == len(found) + 1
    after_a = client.get(f"/api/entities/{a}").json()
    after_b = client.get(f"/api/entities/{b}").json()
    assert after_a["id"] != after_b["id"]


def test_a_token_server_accepts_the_bearer_token(writable_examples_db: Path) -> None:
    client = client_for(writable_examples_db, token="s3cret")
    first, second = two_people(client)
    body = {"kind": "split", "a": first["id"], "b": second["id"]}
    ok = client.post("/api/judgements", json=body, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 201, ok.text
    assert client.get("/api/judgements").json()["total"] == 1  # reading needs no token


@pytest.mark.parametrize(
    ("headers", "allowed"),
    [
        ({}, False),  # a plain form post from anywhere
        ({"X-Storyline": "1"}, True),
        ({"X-Storyline": "yes"}, False),
        ({"Sec-Fetch-Site": "same-origin"}, True),
        ({"Sec-Fetch-Site": "cross-site"}, False),
        ({"Origin": "http://127.0.0.1"}, True),
        ({"Origin": "https://evil.example"}, False),
        ({"Origin": "http://127.0.0.1.evil.example"}, False),
        ({"Origin": "null"}, False),
    ],
)
def test_writes_without_a_token_must_be_same_site(
    writable_examples_db: Path, headers: dict[str, str], allowed: bool
) -> None:
    client = client_for(writable_examples_db)
    first, second = two_people(client)
    body = {"kind": "split", "a": first["id"], "b": second["id"]}
    response = client.post("/api/judgements", json=body, headers=headers)
    assert response.status_code == (201 if allowed else 403), response.text
    assert client.get("/api/judgements").json()["total"] == (1 if allowed else 0)


def test_writes_under_a_foreign_host_name_are_refused(writable_examples_db: Path) -> None:
    """DNS rebinding: a page of evil.example resolving to 127.0.0.1 is same-origin to itself."""
    client = client_for(writable_examples_db, base_url="http://evil.example:8000")
    headers = {"Origin": "http://evil.example:8000", "X-Storyline": "1"}
    body = {"kind": "merge", "a": "x", "b": "y"}
    response = client.post("/api/judgements", json=body, headers=headers)
    assert response.status_code == 403 and "loopback" in response.json()["error"]


def test_writing_endpoints_are_listed_with_their_auth_errors(examples_db: Path) -> None:
    spec = client_for(examples_db).get("/api/openapi.json").json()
    for path, method in (("/api/judgements", "post"), ("/api/ingest", "post")):
        assert {"401", "403"} <= set(spec["paths"][path][method]["responses"])
    assert "multipart/form-data" in spec["paths"]["/api/ingest"]["post"]["requestBody"]["content"]


@pytest.mark.parametrize(
    "headers",
    [{"Host": "[::1"}, {"Origin": "http://[::1"}, {"Origin": "http://127.0.0.1", "Host": ""}],
)
def test_malformed_host_or_origin_is_refused_not_a_crash(
    writable_examples_db: Path, headers: dict[str, str]
) -> None:
    client = client_for(writable_examples_db)
    body = {"kind": "merge", "a": "x", "b": "y"}
    assert client.post("/api/judgements", json=body, headers=headers).status_code == 403
