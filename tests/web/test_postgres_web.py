"""The web UI and REST API over a PostgreSQL knowledge base answer as over SQLite."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storyline.settings import Settings
from storyline.web import create_app

pytest.importorskip("psycopg")

# Read-only endpoints whose answers depend only on the knowledge base's content.
ENDPOINTS = [
    "/api/overview",
    "/api/documents",
    "/api/entities",
    "/api/timeline",
    "/api/conflicts",
    "/api/search?q=Zhumaliev",
]


def _rounded(value: Any) -> Any:
    """Scores to 9 significant digits: the backends sum BM25 terms in another order."""
    if isinstance(value, float):
        return float(f"{value:.9g}")
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def _client(db: str) -> TestClient:
    return TestClient(create_app(Settings(db=db)), base_url="http://127.0.0.1")


def test_the_api_answers_the_same_on_both_backends(examples_pg: str, examples_db: Path) -> None:
    with _client(examples_pg) as pg, _client(str(examples_db)) as sqlite:
        for path in ENDPOINTS:
            mine, theirs = pg.get(path), sqlite.get(path)
            assert mine.status_code == theirs.status_code == 200, path
            assert _rounded(mine.json()) == _rounded(theirs.json()), path


def test_pages_render_from_postgresql(examples_pg: str) -> None:
    with _client(examples_pg) as pg:
        for path in ("/", "/entities", "/timeline", "/search?q=asylum"):
            page = pg.get(path)
            assert page.status_code == 200, path
            assert "Zhumaliyev" in page.text or "asylum" in page.text.lower(), path
