"""The resolution stage in builds: incremental after the first, the same entities as one build."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.build import build
from storyline.errors import AmbiguousReferenceError, ConfigError, JudgementError
from storyline.judge import judge, remove_judgement
from storyline.nlp import names
from storyline.query.entities import entities
from storyline.resolve.stage import resolve_store
from storyline.settings import Settings
from storyline.store import SQLiteStore
from storyline.store.base import Store
from tests.conftest import EXAMPLES


def partition(store: Store) -> list[tuple[str, list[str]]]:
    """Entities as (id, sorted item keys)."""
    return sorted((e.id, sorted(i.key for i in e.items)) for e in entities(store))


def test_a_corpus_built_in_steps_resolves_as_one_build(examples_db: Path, tmp_path: Path) -> None:
    files = sorted((EXAMPLES / "story").iterdir())
    store = SQLiteStore(tmp_path / "kb.db")
    settings = Settings(db=str(tmp_path / "kb.db"), resolve_mode="incremental")
    try:
        first = build([str(f) for f in files[:4]], store, settings)
        second = build([str(f) for f in files[:7]], store, settings)
        third = build([str(f) for f in files], store, settings)
        again = build([str(f) for f in files], store, settings)
        assert first.resolution.startswith("full")  # nothing stored yet
        assert second.resolution.startswith("incremental")
        assert third.resolution.startswith("incremental")
        assert again.resolution == "resolution unchanged"
        once = SQLiteStore(examples_db)
        try:
            assert partition(store) == partition(once)
        finally:
            once.close()
    finally:
        store.close()


def test_a_judgement_resolves_only_the_judged_entities(writable_examples_db: Path) -> None:
    store = SQLiteStore(writable_examples_db)
    try:
        before = {e.id: e for e in entities(store)}
        people = [e for e in before.values() if e.type == "PERSON" and len(e.items) > 1]
        first, second = people[0], people[1]
        report = judge(store, "merge", first.id, second.id, author="ed")
        assert report.resolved.mode == "incremental"
        assert report.resolved.stats.items == len(first.items) + len(second.items)
        after = entities(store)
        merged = [e for e in after if {i.key for i in first.items} <= {i.key for i in e.items}]
        assert {i.key for i in second.items} <= {i.key for i in merged[0].items}
        untouched = {e.id for e in after} - {merged[0].id}
        assert untouched == set(before) - {first.id, second.id}
        undone = remove_judgement(store, report.judgement.id)
        assert undone.mode == "incremental"
        assert partition(store) == sorted(
            (e.id, sorted(i.key for i in e.items)) for e in before.values()
        )
    finally:
        store.close()


def test_a_shared_alias_means_the_entity_a_judgement_is_made_within(examples_db: Path) -> None:
    store = SQLiteStore(examples_db)
    try:
        found = entities(store)
        owners: dict[str, set[str]] = {}
        for entity in found:
            for item in entity.items:
                for mention in item.mentions:
                    owners.setdefault(names.fold(mention.name), set()).add(entity.id)
        named = {names.fold(e.name) for e in found}  # a name picks its own entity first
        shared = next(a for a, ids in sorted(owners.items()) if len(ids) > 1 and a not in named)
        entity = min(owners[shared])
        with pytest.raises(AmbiguousReferenceError):
            judge(store, "merge", shared, entity)
        with pytest.raises(JudgementError, match="already one entity"):
            judge(store, "merge", shared, entity, within=entity)  # the alias is its own
    finally:
        store.close()


def test_an_unknown_mode_is_a_configuration_error(writable_examples_db: Path) -> None:
    store = SQLiteStore(writable_examples_db)
    try:
        with pytest.raises(ConfigError, match="resolve_mode"):
            resolve_store(store, mode="sometimes")
    finally:
        store.close()
