"""Entity look-ups from the stored resolution agree with the whole-corpus entities."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.errors import AmbiguousReferenceError, NotFoundError
from storyline.query.entities import entities, entity_profile, lookup, one
from storyline.query.search_aliases import variants
from storyline.resolve.entities import Entity
from storyline.store import SQLiteStore, open_store
from storyline.store.base import Store


@pytest.fixture
def store(examples_db: Path) -> Iterator[Store]:
    opened = SQLiteStore(examples_db)
    yield opened
    opened.close()


def same(a: Entity, b: Entity) -> bool:
    return (a.id, a.name, a.type, a.aliases, a.mentions) == (
        b.id,
        b.name,
        b.type,
        b.aliases,
        b.mentions,
    )


def test_every_entity_reads_the_same_from_its_documents_alone(store: Store) -> None:
    for entity in entities(store):
        found = entity_profile(store, entity.id)
        assert found is not None and same(found, entity)


def test_a_reference_finds_what_the_whole_corpus_finds(store: Store) -> None:
    found = entities(store)
    references = [e.id for e in found[:5]] + [e.id[:8] for e in found[:5]]
    references += [a.text for e in found[:10] for a in e.aliases]
    references += [a.text.upper() for e in found[:3] for a in e.aliases[:1]]
    for reference in references:
        try:
            expected: Entity | type[Exception] = one(found, reference)
        except (AmbiguousReferenceError, NotFoundError) as exc:
            expected = type(exc)
        if isinstance(expected, Entity):
            assert same(lookup(store, reference), expected), reference
        else:
            with pytest.raises(expected):
                lookup(store, reference)


def test_an_unknown_name_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        lookup(store, "Nobody Of That Name")


def test_a_store_without_resolution_state_is_read_whole(examples_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kb.db"
    with sqlite3.connect(examples_db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
        target.execute("DELETE FROM resolve_docs")  # as a store built before the state was kept
    opened = SQLiteStore(copy)
    try:
        first = entities(opened)[0]
        assert same(lookup(opened, first.id), first)
    finally:
        opened.close()


def test_look_ups_agree_across_backends(store: Store, examples_pg: str) -> None:
    other = open_store(examples_pg)
    try:
        for entity in entities(store)[:12]:
            for reference in (entity.id, entity.id[:8], entity.name):
                try:
                    expected = lookup(store, reference)
                except AmbiguousReferenceError:
                    with pytest.raises(AmbiguousReferenceError):
                        lookup(other, reference)
                    continue
                assert same(lookup(other, reference), expected), reference
        ours, theirs = variants(store), variants(other)
        words = {w for e in entities(store) for a in e.aliases for w in a.text.split()}
        for word in sorted(words):
            assert set(ours.of(word)) == set(theirs.of(word)), word
    finally:
        other.close()
