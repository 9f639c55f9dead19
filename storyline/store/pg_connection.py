"""One PostgreSQL connection that outlives a dropped link: reconnects, and retries reads.

The server may drop a connection (restart, failover, an administrator's kill). Outside
a transaction a read is simply run again on a new connection; inside one, or for a
write, the error becomes ``ConnectionLostError``: the server has rolled the transaction
back, and the caller decides whether to redo it (``storyline.store.retry``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.abc import Params
from psycopg.rows import dict_row

from storyline.errors import ConnectionLostError, StoreError

Row = dict[str, Any]
# Seconds to wait for the server when connecting.
CONNECT_TIMEOUT_S = 10


def connect(url: str) -> psycopg.Connection[Row]:
    """An autocommit connection with dict rows, or a StoreError saying why not."""
    try:
        return psycopg.connect(
            url, autocommit=True, row_factory=dict_row, connect_timeout=CONNECT_TIMEOUT_S
        )
    except psycopg.Error as exc:
        raise StoreError(
            f"cannot connect to the PostgreSQL knowledge base: {str(exc).strip()}",
            hint="check the postgresql:// URL, that the server runs and the database exists",
        ) from exc


class PgConnection:
    """The store's connection: ``execute``, ``cursor`` and ``transaction`` as psycopg's."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.raw = connect(url)
        self.in_transaction = False
        self.reconnects = 0

    @property
    def lost(self) -> bool:
        return self.raw.broken or self.raw.closed

    def reconnect_if_lost(self) -> bool:
        """Open a new connection if the old one is gone; True if it was."""
        if not self.lost:
            return False
        self.raw = connect(self.url)
        self.reconnects += 1
        return True

    def execute(self, query: str | bytes, params: Params | None = None) -> psycopg.Cursor[Row]:
        try:
            return self.raw.execute(query, params)
        except psycopg.OperationalError as exc:
            if not self.lost:
                raise
            if self.in_transaction or not _is_read(query):
                raise _lost(exc) from exc
        self.reconnect_if_lost()
        return self.raw.execute(query, params)

    def cursor(self) -> psycopg.Cursor[Row]:
        return self.raw.cursor()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A transaction on a live connection; a dropped link ends it as ConnectionLostError."""
        self.reconnect_if_lost()
        self.in_transaction = True
        try:
            with self.raw.transaction():
                yield
        except psycopg.OperationalError as exc:
            if self.lost:
                raise _lost(exc) from exc
            raise
        finally:
            self.in_transaction = False

    def close(self) -> None:
        self.raw.close()


def _is_read(query: str | bytes) -> bool:
    text = query.decode() if isinstance(query, bytes) else str(query)
    return text.lstrip().upper().startswith(("SELECT", "WITH RECURSIVE"))


def _lost(exc: Exception) -> ConnectionLostError:
    return ConnectionLostError(
        f"the database connection was lost; nothing of this batch was kept ({exc})",
        hint="run the same command again: work already committed is kept",
    )
