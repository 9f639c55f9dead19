"""Exports: the JSON contract of DESIGN.md and documents.csv."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from storyline.errors import UnknownComponentError
from storyline.export import export
from storyline.export.formats import CONTRACT_KEYS, EXTRA_KEYS
from storyline.model import Document
from storyline.store import SQLiteStore


@pytest.fixture
def store(tmp_path: Path, make_doc: Callable[..., Document]) -> SQLiteStore:
    kb = SQLiteStore(tmp_path / "kb.db")
    with kb.transaction():
        kb.put_document(make_doc("a.txt", "The governor resigned.", author="Jane Roe"))
        kb.put_document(make_doc("b.txt", 'The envoy, "recalled", left.\nA second line.'))
    return kb


def test_json_export_follows_the_contract(store: SQLiteStore) -> None:
    out = io.StringIO()
    export(store, "json", out)
    data = json.loads(out.getvalue())
    assert set(data) == {*CONTRACT_KEYS, *EXTRA_KEYS}
    assert all(isinstance(data[key], list) for key in data)
    doc = data["documents"][0]
    for key in (
        "id",
        "path",
        "url",
        "title",
        "author",
        "publisher",
        "published",
        "published_precision",
        "published_evidence",
        "language",
        "text",
        "removed",
    ):
        assert key in doc
    assert doc["removed"] == [{"text": "MENU", "reason": "navigation", "start": 0, "end": 4}]
    assert doc["published_precision"] == "day"


def test_csv_export_has_one_row_per_document(store: SQLiteStore) -> None:
    out = io.StringIO()
    export(store, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 2
    assert rows[1]["text"] == 'The envoy, "recalled", left.\nA second line.'
    assert rows[0]["author"] == "Jane Roe" and rows[0]["words"] == "3"


def test_unknown_format_lists_the_choices(store: SQLiteStore) -> None:
    with pytest.raises(UnknownComponentError, match="csv, ftm, gexf, graphml, json, timelinejs"):
        export(store, "xml", io.StringIO())
