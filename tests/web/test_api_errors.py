"""One JSON error shape for every error class the API answers, pinned."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storyline.nlp import names
from storyline.settings import Settings
from storyline.web import create_app

SHAPE = {"ok", "error", "code", "hint", "status"}
WRITE = {"X-Storyline": "1"}


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    assert set(body) == SHAPE
    assert body["ok"] is False and body["status"] == status and body["code"] == code
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["hint"], str)
    return body


@pytest.fixture(scope="module")
def client(examples_db: Path) -> TestClient:
    return TestClient(create_app(Settings(db=str(examples_db))), base_url="http://127.0.0.1")


@pytest.fixture
def writer(writable_examples_db: Path) -> TestClient:
    settings = Settings(db=str(writable_examples_db))
    return TestClient(create_app(settings), base_url="http://127.0.0.1")


def ambiguous_alias(client: TestClient) -> str:
    """An alias two entities of the corpus share and no entity has as its name (a name
    picks its entity before aliases are looked at)."""
    owners: dict[str, set[str]] = defaultdict(set)
    found = client.get("/api/entities", params={"limit": 500}).json()["items"]
    for entity in found:
        for alias in entity["aliases"]:
            owners[names.fold(alias["text"])].add(entity["id"])
    named = {names.fold(e["name"]) for e in found}
    return next(text for text, ids in owners.items() if len(ids) > 1 and text not in named)


@pytest.mark.parametrize(
    "path",
    [
        "/api/documents/no-such-document",
        "/api/entities/no-such-entity",
        "/api/events/no-such-event",
        "/api/jobs/no-such-job",
        "/api/nothing-here",
    ],
)
def test_unknown_ids_answer_404(client: TestClient, path: str) -> None:
    body = assert_error(client.get(path), 404, "H404" if "nothing" in path else "E404")
    assert body["error"]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/entities", {"limit": 0}),
        ("/api/entities", {"limit": 501}),
        ("/api/documents", {"offset": -1}),
        ("/api/documents", {"limit": "many"}),
        ("/api/events", {"date_from": "last week"}),
        ("/api/search", {}),
        ("/api/export", {"format": "docx"}),
    ],
)
def test_bad_parameters_answer_422(client: TestClient, path: str, params: dict[str, Any]) -> None:
    assert_error(client.get(path, params=params), 422, "E422")


@pytest.mark.parametrize("date", ["2010-02-30", "2010-04-31", "2010-13", "0000", "2010-1-1"])
def test_an_impossible_date_answers_422(client: TestClient, date: str) -> None:
    body = assert_error(client.get("/api/events", params={"date_to": date}), 422, "E422")
    assert "date_to" in body["error"]


def test_a_leap_day_of_a_common_year_counts_as_the_28th(client: TestClient) -> None:
    common = client.get("/api/events", params={"date_from": "2010-02-29"})
    assert common.status_code == 200
    assert common.json() == client.get("/api/events", params={"date_from": "2010-02-28"}).json()


def test_an_ambiguous_entity_name_answers_400(client: TestClient) -> None:
    alias = ambiguous_alias(client)
    body = assert_error(client.get(f"/api/entities/{alias}"), 400, "E502")
    assert "entity id" in body["hint"]
    assert_error(client.get("/api/events", params={"entity": alias}), 400, "E502")


def test_a_contradictory_judgement_answers_409(writer: TestClient) -> None:
    first, second = writer.get("/api/entities", params={"limit": 2}).json()["items"]
    split = {"kind": "split", "a": first["id"], "b": second["id"]}
    assert writer.post("/api/judgements", json=split, headers=WRITE).status_code == 201
    merge = {"kind": "merge", "a": first["id"], "b": second["id"]}
    body = assert_error(writer.post("/api/judgements", json=merge, headers=WRITE), 409, "E501")
    assert "judgement" in body["error"]


def test_an_invalid_judgement_body_answers_422(writer: TestClient) -> None:
    bad = {"kind": "marry", "a": "x", "b": "y"}
    assert_error(writer.post("/api/judgements", json=bad, headers=WRITE), 422, "E422")


def test_missing_and_wrong_tokens_answer_401_and_403(writable_examples_db: Path) -> None:
    app = create_app(Settings(db=str(writable_examples_db), token="s3cret"))
    client = TestClient(app, base_url="http://127.0.0.1")
    body = {"kind": "merge", "a": "x", "b": "y"}
    missing = client.post("/api/judgements", json=body)
    assert_error(missing, 401, "H401")
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = {"Authorization": "Bearer nope"}
    assert_error(client.post("/api/judgements", json=body, headers=wrong), 403, "H403")
    assert_error(client.delete("/api/judgements/1", headers=wrong), 403, "H403")


def test_a_cross_site_write_answers_403(writer: TestClient) -> None:
    body = {"kind": "merge", "a": "x", "b": "y"}
    response = writer.post("/api/judgements", json=body, headers={"Origin": "https://evil.example"})
    assert "X-Storyline" in assert_error(response, 403, "H403")["error"]


def test_an_upload_over_the_limit_answers_413(writable_examples_db: Path) -> None:
    app = create_app(Settings(db=str(writable_examples_db), max_upload_mb=0.001))
    client = TestClient(app, base_url="http://127.0.0.1")
    files = {"files": ("big.txt", b"words " * 1000, "text/plain")}
    assert_error(client.post("/api/ingest", files=files, headers=WRITE), 413, "H413")


def test_errors_carry_the_security_headers(client: TestClient) -> None:
    response = client.get("/api/entities/no-such-entity")
    assert "script-src 'self'" in response.headers["content-security-policy"]
