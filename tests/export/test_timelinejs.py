"""TimelineJS3 export: dates as precise as known, undated events counted, HTML escaped."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from storyline.export import EXPORTERS, export
from storyline.export.timelinejs import start_date, timeline, timeline_json, undated_events
from storyline.store import SQLiteStore


def _slides(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {slide["unique_id"]: slide for slide in timeline(data)["events"]}


def test_dates_are_as_precise_as_the_evidence(contract_sample: dict[str, Any]) -> None:
    slides = _slides(contract_sample)
    assert slides["v1"]["start_date"] == {"year": 2010, "month": 4, "day": 15}
    assert slides["v2"]["start_date"] == {"year": 2005}
    assert slides["v3"]["start_date"] == {"year": 2010, "month": 5}
    week = slides["v6"]["start_date"]
    assert (week["year"], week["month"], week["day"]) == (2011, 1, 17)  # Monday of ISO week 3
    assert "week 3" in week["display_date"]


def test_undated_events_are_left_out_and_counted(contract_sample: dict[str, Any]) -> None:
    data = timeline(contract_sample)
    ids = [slide["unique_id"] for slide in data["events"]]
    assert "v4" not in ids and "v5" not in ids
    assert undated_events(contract_sample) == 2
    assert "2 events without a date are not shown" in data["title"]["text"]["text"]
    assert ids == ["v2", "v1", "v3", "v6"]  # in date order


def test_article_text_is_escaped_and_sources_cited(contract_sample: dict[str, Any]) -> None:
    slide = _slides(contract_sample)["v1"]
    headline, body = slide["text"]["headline"], slide["text"]["text"]
    assert "<b>" not in headline and "&lt;b&gt;north&lt;/b&gt; &amp; hid" in headline
    assert "&lt;b&gt;" in body and "<b>" not in body
    # the outlet and the escaped title of each source; the link only where it is http(s)
    assert "Daily Example" in body and "Envoy &lt;recalled&gt; &amp; more" in body
    assert 'href="https://news.example.org/a?x=1&amp;y=2"' in body
    assert "javascript:" not in body and "second.txt" in body
    assert "disagree" in body  # the conflict flag
    assert "Arman Tokarev" in body and "Osh" in body  # participants by name
    assert slide["group"] == "flight"


def test_start_date_values() -> None:
    assert start_date("2010-05-08") == {"year": 2010, "month": 5, "day": 8}
    assert start_date("2010-05-08", "month") == {"year": 2010, "month": 5}
    assert start_date("2010-02-30") is None
    assert start_date("2010-13") is None
    assert start_date("2010-SU") == {"year": 2010, "display_date": "SU 2010"}
    assert start_date("201") == {"year": 2010, "display_date": "2010s"}
    for value in (None, "", "PRESENT_REF", "XXXX-05-08", "P2Y", 2010):
        assert start_date(value) is None


def test_json_text_and_registered_exporter(tmp_path: Path, contract_sample: dict[str, Any]) -> None:
    parsed = json.loads(timeline_json(contract_sample))
    assert set(parsed) == {"title", "events"}
    assert "timelinejs" in EXPORTERS
    out = io.StringIO()
    export(SQLiteStore(tmp_path / "kb.db"), "timelinejs", out)
    empty = json.loads(out.getvalue())
    assert empty["events"] == [] and "headline" in empty["title"]["text"]
