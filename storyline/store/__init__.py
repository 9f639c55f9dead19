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

__all__ = ["FileState", "SQLiteStore", "SourceRow", "Store", "open_store"]


def open_store(db: str) -> Store:
    """Open (and migrate) the knowledge base at ``db``: a file path or ``sqlite:///path``."""
    if db.startswith(("postgresql://", "postgres://")):
        raise ConfigError(
            "PostgreSQL stores are not available in this version",
            hint="use a SQLite file path for --db",
        )
    path = db.removeprefix("sqlite:///")
    parent = Path(path).expanduser().resolve().parent
    if not parent.is_dir():
        raise ConfigError(
            f"folder {parent} does not exist", hint="create it or choose another --db"
        )
    return STORES.get("sqlite.v1")(path)
