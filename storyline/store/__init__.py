"""Knowledge-base stores: ``open_store(url)`` picks the backend (SQLite by default)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from storyline.errors import ConfigError
from storyline.registry import Registry
from storyline.store.base import FileState, SourceRow, Store
from storyline.store.sqlite import SQLiteStore

STORES: Registry[Callable[[str], Store]] = Registry("store")
STORES.register("sqlite.v1")(SQLiteStore)


@STORES.register("postgres.v1")
def _postgres(url: str) -> Store:
    """A PostgreSQL store; psycopg is imported only here (the ``postgres`` extra)."""
    try:
        from storyline.store.postgres import PostgresStore
    except ImportError as exc:
        raise ConfigError(
            "PostgreSQL stores need psycopg, which is not installed",
            hint="pip install 'storyline[postgres]'",
        ) from exc
    return PostgresStore(url)


def is_postgres(db: str) -> bool:
    """Whether ``db`` names a PostgreSQL database rather than a SQLite file."""
    return db.startswith(("postgresql://", "postgres://"))


__all__ = ["FileState", "SQLiteStore", "SourceRow", "Store", "is_postgres", "open_store"]


def open_store(db: str) -> Store:
    """Open (and migrate) the knowledge base at ``db``: a file path, ``sqlite:///path`` or
    ``postgresql://user@host:port/database``."""
    if is_postgres(db):
        return STORES.get("postgres.v1")(db)
    path = db.removeprefix("sqlite:///")
    parent = Path(path).expanduser().resolve().parent
    if not parent.is_dir():
        raise ConfigError(
            f"folder {parent} does not exist", hint="create it or choose another --db"
        )
    return STORES.get("sqlite.v1")(path)
