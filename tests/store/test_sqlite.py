"""The SQLite store: migrations, versions, outcomes, atomic transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from storyline.errors import NotFoundError, StoreError
from storyline.model import Document, Outcome, Precision, Statement, Status
from storyline.store import FileState, SQLiteStore, open_store
from storyline.store.migrations import MIGRATIONS

MakeDoc = Callable[..., Document]


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    return SQLiteStore(tmp_path / "kb.db")


def test_migrations_run_once(tmp_path: Path) -> None:
    SQLiteStore(tmp_path / "kb.db").close()
    again = SQLiteStore(tmp_path / "kb.db")
    names = [r[0] for r in again.conn.execute("SELECT name FROM migrations ORDER BY name")]
    assert names == [name for name, _ in MIGRATIONS]


def test_wal_journal(store: SQLiteStore, make_doc: MakeDoc) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_document_round_trip(store: SQLiteStore, make_doc: MakeDoc) -> None:
    doc = make_doc("a.txt", "The governor resigned.", author="Jane Roe")
    with store.transaction():
        status, stored = store.put_document(doc)
    assert status is Status.INGESTED
    again = store.get_document(doc.id)
    assert again == stored
    assert again.removed[0].reason == "navigation"
    assert again.meta.published.precision is Precision.DAY


def test_same_document_again_is_unchanged(store: SQLiteStore, make_doc: MakeDoc) -> None:
    doc = make_doc("a.txt", "The governor resigned.")
    with store.transaction():
        store.put_document(doc)
        status, _ = store.put_document(doc)
    assert status is Status.UNCHANGED
    assert len(list(store.documents(include_superseded=True))) == 1


def test_new_text_is_a_new_version_and_the_old_one_is_kept(
    store: SQLiteStore, make_doc: MakeDoc
) -> None:
    old, new = make_doc("a.txt", "First text."), make_doc("a.txt", "Second text.")
    with store.transaction():
        store.put_document(old)
        status, stored = store.put_document(new)
    assert status is Status.UPDATED and stored.version == 2
    assert [d.id for d in store.documents()] == [new.id]
    assert {d.id for d in store.documents(include_superseded=True)} == {old.id, new.id}
    assert store.current_document_id("a.txt") == new.id


def test_reverting_to_an_old_text_makes_it_current_again(
    store: SQLiteStore, make_doc: MakeDoc
) -> None:
    old, new = make_doc("a.txt", "First text."), make_doc("a.txt", "Second text.")
    with store.transaction():
        store.put_document(old)
        store.put_document(new)
        status, _ = store.put_document(old)
    assert status is Status.UPDATED
    assert store.current_document_id("a.txt") == old.id


def test_failure_keeps_the_earlier_document(store: SQLiteStore, make_doc: MakeDoc) -> None:
    doc = make_doc("a.txt", "The governor resigned.")
    with store.transaction():
        store.put_document(doc)
        store.put_outcome(Outcome("a.txt", "a.txt", Status.INGESTED, doc_id=doc.id))
        store.put_outcome(Outcome("a.txt", "a.txt", Status.FAILED, "vanished", code="E206"))
    (row,) = store.sources()
    assert row.status == "failed" and row.reason == "vanished"
    assert row.doc_id == doc.id
    assert store.get_document(doc.id).text == doc.text


def test_a_failed_transaction_writes_nothing(store: SQLiteStore, make_doc: MakeDoc) -> None:
    doc = make_doc("a.txt", "The governor resigned.")
    with pytest.raises(RuntimeError), store.transaction():
        store.put_document(doc)
        store.put_file(FileState("a.txt", "f" * 64, "p", ("a.txt",)))
        raise RuntimeError("killed halfway")
    assert list(store.documents()) == []
    assert store.file_state("a.txt") is None


def test_statements_round_trip(store: SQLiteStore, make_doc: MakeDoc) -> None:
    doc = make_doc("a.txt", "The governor resigned.")
    stmt = Statement("s1", "m1", "mention", "PERSON", doc.id, 4, 12, "test.v1", 0.9)
    with store.transaction():
        store.put_document(doc)
        store.put_statements([stmt, stmt])
    assert list(store.statements(doc.id)) == [stmt]


def test_missing_document_is_not_found(store: SQLiteStore, make_doc: MakeDoc) -> None:
    with pytest.raises(NotFoundError):
        store.get_document("nope")


def test_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    bad = tmp_path / "kb.db"
    bad.write_bytes(b"this is not a database file at all" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        open_store(str(bad))


def test_the_store_passes_integrity_check(store: SQLiteStore, make_doc: MakeDoc) -> None:
    assert store.integrity_check() == "ok"
    assert isinstance(store.conn, sqlite3.Connection)
