"""What only the SQLite store has: its migrations table, WAL journal, file checks."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from storyline.errors import StoreError
from storyline.model import Document
from storyline.store import SQLiteStore, open_store
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


def test_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    bad = tmp_path / "kb.db"
    bad.write_bytes(b"this is not a database file at all" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        open_store(str(bad))


def test_the_store_passes_integrity_check(store: SQLiteStore, make_doc: MakeDoc) -> None:
    assert store.integrity_check() == "ok"
    assert isinstance(store.conn, sqlite3.Connection)
