"""Name expansion: other spellings of a name word from one entity's aliases, not its other words."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storyline.query.entities import entities
from storyline.query.search import search
from storyline.query.search_aliases import StoredVariants, build_variants, variants, word_groups
from storyline.resolve.entities import Alias, Entity
from storyline.store import SQLiteStore
from storyline.store.index_words import fold


def _entity(ident: str, kind: str, *aliases: tuple[str, int]) -> Entity:
    return Entity(
        id=ident,
        name=aliases[0][0],
        type=kind,
        aliases=tuple(Alias(text, count, ("d1",), "test") for text, count in aliases),
        mentions=(),
        items=(),
        links=(),
    )


# An invented family: a father, his daughter, and a place that sounds alike.
FATHER = _entity(
    "e1", "PERSON", ("Timur Orbakov", 5), ("Orbakov", 3), ("Orbakoff", 1), ("Тимур Орбаков", 1)
)
DAUGHTER = _entity("e2", "PERSON", ("Aida Orbakova", 2), ("Орбакова", 1))
PLACE = _entity("e3", "GPE", ("Orbak", 4))
THING = _entity("e4", "OTHER", ("Orbakov", 1), ("Orbakow", 1))


def _fold(spellings: tuple[str, ...]) -> set[str]:
    return {fold(s) for s in spellings}


def test_spellings_of_one_word_are_grouped_apart_from_other_words() -> None:
    groups = [_fold(tuple(g)) for g in word_groups(FATHER)]
    assert {"orbakov", "orbakoff", "орбаков"} in groups
    assert {"timur", "тимур"} in groups
    assert not any("timur" in g and "orbakov" in g for g in groups)


def test_a_query_word_finds_the_other_spellings_of_its_entity() -> None:
    table = build_variants([FATHER, DAUGHTER, PLACE, THING])
    assert _fold(table.of("Orbakov")) == {"orbakoff", "орбаков"}
    assert _fold(table.of("ORBAKOV")) == {"orbakoff", "орбаков"}
    assert _fold(table.of("Тимур")) == {"timur"}
    assert _fold(table.of("Orbakova")) == {"орбакова"}  # the daughter's name is her own
    assert table.of("Orbak") == ()  # one spelling only: nothing to add
    assert "orbakow" not in _fold(table.of("Orbakov"))  # OTHER entities are not expanded


def test_a_spelling_no_alias_uses_is_matched_by_its_skeleton() -> None:
    table = build_variants([FATHER])
    assert "orbakov" in _fold(table.of("Orbakow"))


def test_stored_spellings_agree_with_the_table_of_every_entity(examples_db: Path) -> None:
    store = SQLiteStore(examples_db)
    try:
        table = build_variants(entities(store))
        stored = variants(store)
        assert isinstance(stored, StoredVariants)
        words = {w for e in entities(store) for a in e.aliases for w in a.text.split()}
        for word in [*sorted(words), "Zhumaliev", "Bakiyev", "Lukashenka"]:
            assert _fold(stored.of(word)) == _fold(table.of(word)), word
    finally:
        store.close()


def test_the_table_is_cached_until_resolution_changes(writable_examples_db: Path) -> None:
    with sqlite3.connect(writable_examples_db) as conn:
        conn.execute("DELETE FROM resolve_docs")  # a store without the state: the whole table
    store = SQLiteStore(writable_examples_db)
    try:
        first = variants(store)
        assert variants(store) is first
        store.finish_run(store.start_run(), {})
        assert variants(store) is not first
        assert search(store, "Zhumaliev").expanded
    finally:
        store.close()
