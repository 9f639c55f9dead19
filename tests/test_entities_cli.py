"""Entities across documents on the sample corpus: profile, merge, split, rebuild.

The gold people and namesakes come from examples/expected.json.
"""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storyline.build import build
from storyline.cli import app
from storyline.nlp import names
from storyline.query.entities import entities
from storyline.settings import Settings
from storyline.store import SQLiteStore

runner = CliRunner()


@pytest.fixture(scope="module")
def gold(examples_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((examples_dir / "expected.json").read_text())
    return data


@pytest.fixture(scope="module")
def built(examples_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kb")
    shutil.copytree(examples_dir / "story", folder / "story")
    store = SQLiteStore(folder / "kb.db")
    build([str(folder / "story")], store, Settings())
    store.close()
    return folder


@pytest.fixture
def db(built: Path, tmp_path: Path) -> str:
    """A private copy of the built knowledge base for tests that write judgements."""
    shutil.copy(built / "kb.db", tmp_path / "kb.db")
    return str(tmp_path / "kb.db")


def entity_names(db: str) -> list[set[str]]:
    store = SQLiteStore(db)
    try:
        return [{names.fold(a.text) for a in e.aliases} for e in entities(store)]
    finally:
        store.close()


def test_full_name_spellings_of_each_person_end_in_one_entity(
    db: str, gold: dict[str, Any]
) -> None:
    found = entity_names(db)
    for person in gold["people"]:
        full = {names.fold(s) for s in person["spellings"] if len(s.split()) > 1}
        holding = [g for g in found if g & full]
        assert len(holding) == 1, (person["name"], holding)


def test_namesakes_are_never_one_entity(db: str, gold: dict[str, Any]) -> None:
    found = entity_names(db)
    for group in gold["namesakes"]:
        for a, b in itertools.combinations(group["people"], 2):
            assert not any({names.fold(a), names.fold(b)} <= g for g in found), (a, b)


def test_entity_profile_lists_aliases_with_reasons(db: str) -> None:
    result = runner.invoke(app, ["entity", "Kubat Zhumaliyev", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    profile = json.loads(result.output)
    assert profile["type"] == "PERSON" and profile["documents"] >= 3
    assert all(a["why"] and a["docs"] for a in profile["aliases"])


def test_unknown_entity_is_a_clear_error(db: str) -> None:
    result = runner.invoke(app, ["merge", "Nobody Atall", "Kubat Zhumaliyev", "--db", db])
    assert result.exit_code != 0
    assert "E404" in str(result.exception) or "E404" in result.output


def test_split_survives_a_rebuild(db: str, built: Path) -> None:
    split = runner.invoke(
        app, ["split", "Kubat Jumaliev", "Kubat Zhumaliyev", "--db", db, "--author", "ed"]
    )
    assert split.exit_code == 0, split.output
    assert not any({"kubat jumaliev", "kubat zhumaliyev"} <= g for g in entity_names(db))
    store = SQLiteStore(db)
    build([str(built / "story")], store, Settings())
    store.close()
    assert not any({"kubat jumaliev", "kubat zhumaliyev"} <= g for g in entity_names(db))
    listed = runner.invoke(app, ["judgements", "--db", db, "--json"])
    assert json.loads(listed.output.splitlines()[0])["author"] == "ed"


def test_contradicting_a_split_is_refused(db: str) -> None:
    runner.invoke(app, ["split", "Kubat Jumaliev", "Kubat Zhumaliyev", "--db", db])
    result = runner.invoke(app, ["merge", "Kubat Jumaliev", "Kubat Zhumaliyev", "--db", db])
    assert result.exit_code != 0
    assert "E501" in str(result.exception) or "E501" in result.output


def test_export_entities_are_cross_document(db: str) -> None:
    result = runner.invoke(app, ["export", "--db", db])
    data = json.loads(result.output)
    docs_per_entity = [len({m["doc"] for m in e["mentions"]}) for e in data["entities"]]
    assert max(docs_per_entity) >= 3
    for entity in data["entities"]:
        assert {"id", "name", "type", "aliases", "mentions"} <= set(entity)


def test_conflicts_command_cites_every_value(db: str) -> None:
    result = runner.invoke(app, ["conflicts", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    claims = [r for r in rows if r["kind"] == "claim"]
    assert claims and all(len({v["doc"] for v in r["values"]}) >= 2 for r in claims)
    assert all(v["text"] for r in rows for v in r["values"] if r["kind"] == "claim")


def test_timeline_command_filters_by_date_and_entity(db: str) -> None:
    result = runner.invoke(
        app, ["timeline", "--db", db, "--json", "--from", "2015", "--to", "2015"]
    )
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert events and all(e["date"].startswith("2015") for e in events)
    missing = runner.invoke(app, ["timeline", "--db", db, "--entity", "Nobody Atall"])
    assert missing.exit_code != 0
    assert "E404" in str(missing.exception) or "E404" in missing.output
