"""FollowTheMoney export: schemata, property names and entity ranges as FtM defines them.

``ftm_schemata.json`` holds, for the schemata the export writes, the property names, the
entity ranges and the required properties of FtM's schema YAML (see its ``source``); when
the ``followthemoney`` package is installed its model is checked as well.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from storyline.export import export
from storyline.export.ftm import ftm_entities, ftm_id, ftm_lines
from storyline.store import SQLiteStore

SCHEMATA: dict[str, Any] = json.loads(
    (Path(__file__).parent / "ftm_schemata.json").read_text(encoding="utf-8")
)["schemata"]


def _by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in ftm_entities(data)}


def test_every_property_and_reference_is_valid_ftm(contract_sample: dict[str, Any]) -> None:
    entities = _by_id(contract_sample)
    for entity in entities.values():
        schema = SCHEMATA[entity["schema"]]
        props = entity["properties"]
        assert set(props) <= set(schema["properties"]), entity
        assert all(req in props for req in schema["required"]), entity
        for name, values in props.items():
            assert values and all(isinstance(v, str) and v for v in values)
            target = schema["properties"][name]
            if target is None:
                continue  # not an entity reference
            for ident in values:  # a reference to an entity of the range's schema or below
                assert target in SCHEMATA[entities[ident]["schema"]]["extends"], (entity, name)


def test_entities_map_to_ftm_schemata(contract_sample: dict[str, Any]) -> None:
    entities = _by_id(contract_sample)
    assert entities["e1"]["schema"] == "Person"
    person = entities["e1"]["properties"]
    assert person["name"] == ["Arman Tokarev"] and person["alias"] == ["Tokarev"]
    assert person["position"] == ["former president"]
    assert person["citizenship"] == ["kg"]  # from citizen_of a country with a code
    assert person["sourceUrl"] == ["https://news.example.org/a?x=1&y=2"]  # never javascript:
    assert person["publisher"] == ["Daily Example"]
    country = entities["e3"]
    assert country["schema"] == "LegalEntity" and country["properties"]["country"] == ["kg"]
    assert entities["e4"]["schema"] == "Address"  # a city
    assert entities["e4"]["properties"]["country"] == ["kg"]  # from located_in
    assert entities["e5"]["schema"] == "Organization"
    assert "e6" not in entities  # OTHER has no FtM schema


def test_relations_become_interval_links(contract_sample: dict[str, Any]) -> None:
    links = [
        e
        for e in ftm_entities(contract_sample)
        if e["schema"]
        not in ("Person", "Organization", "LegalEntity", "Address", "Event", "Position")
    ]
    by_schema: dict[str, list[dict[str, Any]]] = {}
    for link in links:
        by_schema.setdefault(link["schema"], []).append(link["properties"])
    (family,) = by_schema["Family"]
    # "relative is <relationship> of person": Dana is Arman's sibling
    assert (family["relative"], family["person"], family["relationship"]) == (
        ["e2"],
        ["e1"],
        ["sibling"],
    )
    assert family["description"] == [
        "Dana Tokareva, the sister of Arman Tokarev",
        "his sister Dana Tokareva",
    ]
    (directorship,) = by_schema["Directorship"]
    assert directorship["director"] == ["e1"] and directorship["organization"] == ["e5"]
    (occupancy,) = by_schema["Occupancy"]  # leader of a country: a post, not a directorship
    assert occupancy["holder"] == ["e1"]
    (employment,) = by_schema["Employment"]
    assert employment["employee"] == ["e2"] and employment["employer"] == ["e5"]
    roles = sorted(p["role"][0] for p in by_schema["UnknownLink"])
    assert roles == ["citizen of", "granted asylum to", "located in"]
    # member_of Model Z (OTHER) and spouse_of a missing entity have no link
    assert "Membership" not in by_schema and len(links) == 7


def test_one_link_per_subject_predicate_object(contract_sample: dict[str, Any]) -> None:
    again = {
        "subject": "e2",
        "predicate": "sibling_of",
        "object": "e1",
        "mentions": [{"doc": "d2", "start": 0, "end": 5, "text": "Dana, his sister"}],
    }
    contract_sample["relations"].append(again)
    (family,) = [e for e in ftm_entities(contract_sample) if e["schema"] == "Family"]
    assert family["properties"]["description"][-1] == "Dana, his sister"


def test_events_name_who_and_when(contract_sample: dict[str, Any]) -> None:
    entities = _by_id(contract_sample)
    flight = entities["v1"]["properties"]
    assert entities["v1"]["schema"] == "Event"
    assert flight["date"] == ["2010-04-15"] and flight["involved"] == ["e1"]
    assert flight["addressEntity"] == ["e4"] and flight["location"] == ["Osh"]
    assert "date" not in entities["v6"]["properties"]  # a week is no FtM date
    assert entities["v2"]["properties"]["date"] == ["2005"]


def test_ids_are_stable_and_valid(contract_sample: dict[str, Any]) -> None:
    first = [e["id"] for e in ftm_entities(contract_sample)]
    assert first == [e["id"] for e in ftm_entities(contract_sample)]
    assert len(set(first)) == len(first)
    assert ftm_id("e1") == "e1"
    odd = ftm_id("person:1_a")
    assert odd != "person:1_a" and odd.replace("-", "").isalnum()


def test_lines_are_json_objects(tmp_path: Path, contract_sample: dict[str, Any]) -> None:
    lines = ftm_lines(contract_sample).splitlines()
    assert all(set(json.loads(line)) == {"id", "schema", "properties"} for line in lines)
    out = io.StringIO()
    export(SQLiteStore(tmp_path / "kb.db"), "ftm", out)
    assert out.getvalue() == ""


def test_followthemoney_accepts_every_entity(contract_sample: dict[str, Any]) -> None:
    ftm = pytest.importorskip("followthemoney")
    for data in ftm_entities(contract_sample):
        proxy = ftm.model.get_proxy(data, cleaned=False)
        for name in data["properties"]:
            assert proxy.schema.get(name) is not None, (data["schema"], name)
