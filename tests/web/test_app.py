"""The application shell: one JSON error shape, security headers on every response."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.cli_web import check_exposure, is_loopback
from storyline.errors import ConfigError
from storyline.settings import Settings
from storyline.web import create_app


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(Settings(db=str(tmp_path / "kb.db"))))


def test_health_answers_with_the_version(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["ok"] is True and body["version"]


def test_unknown_api_path_answers_the_one_error_shape(client: TestClient) -> None:
    response = client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {
        "ok": False,
        "error": "Not Found",
        "code": "H404",
        "hint": "",
        "status": 404,
    }


def test_every_response_carries_a_strict_content_security_policy(client: TestClient) -> None:
    for path in ("/api/health", "/api/no-such-thing", "/api/openapi.json"):
        policy = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert client.get(path).headers["x-content-type-options"] == "nosniff"


def test_openapi_document_is_served_under_api(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert spec["info"]["title"] == "storyline"
    assert "/api/health" in spec["paths"]


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("10.1.2.3", False),
    ],
)
def test_loopback_hosts_are_told_apart(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_listening_beyond_loopback_without_a_token_is_refused() -> None:
    with pytest.raises(ConfigError, match="token"):
        check_exposure(Settings(host="0.0.0.0"))
    check_exposure(Settings(host="0.0.0.0", token="s3cret"))  # with a token it may start
    check_exposure(Settings())
