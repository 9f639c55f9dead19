"""The web benchmark's page weight: a page and the static files it loads, counted once."""

from __future__ import annotations

from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from storyline.bench.web import assets_of, page_weight
from storyline.settings import Settings
from storyline.web import create_app


def test_assets_are_the_local_static_files_a_page_loads_each_once() -> None:
    html = (
        '<link rel="stylesheet" href="/static/storyline.css">'
        '<script type="module" src="/static/reader.js"></script>'
        '<a href="/entities/e1">x</a><img src="https://example.org/x.png">'
        '<script src="/static/reader.js"></script>'
    )
    assert assets_of(html) == ["/static/storyline.css", "/static/reader.js"]


def test_page_weight_counts_the_page_and_its_assets(tmp_path: Path) -> None:
    client: httpx.Client = TestClient(create_app(Settings(db=str(tmp_path / "kb.db"))))
    page = client.get("/")
    assets = assets_of(page.text)
    assert assets, "the overview loads its stylesheet from /static"
    weight = page_weight(client, "/")
    expected_assets = sum(len(client.get(a).content) for a in assets)
    assert weight["asset_bytes"] == expected_assets > 0
    assert weight["total_bytes"] == weight["html_bytes"] + expected_assets
    assert weight["requests"] == 1 + len(assets)
