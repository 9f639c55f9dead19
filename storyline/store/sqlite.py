"""The SQLite store: one file, WAL journal, named migrations, one writer, atomic batches."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from storyline.errors import StoreError
from storyline.model import Statement
from storyline.store.migrations import migrate
from storyline.store.records import Args, RecordTables, marks, now
from storyline.store.resolve_tables import ResolveTables
from storyline.store.rows import STATEMENT_COLUMNS, Row, statement_values
from storyline.store.sqlite_search import SearchTables
from storyline.store.vector_tables import VectorTables

# Seconds a writer waits for another writer's transaction before giving up.
BUSY_TIMEOUT_MS = 30_000
# Seconds to keep asking for WAL mode while another process holds the new file.
WAL_WAIT_S = 30


class SQLiteStore(RecordTables, ResolveTables, SearchTables, VectorTables):
    """A knowledge base in one SQLite file (see ``storyline.store.base.Store``)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self._configure()
            migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"cannot open the knowledge base {self.path}: {exc}",
                hint="is it a storyline database, and is the disk writable?",
            ) from exc
        self._depth = 0

    def _configure(self) -> None:
        self.conn.row_factory = sqlite3.Row
        self.conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        self._set_wal()
        # NORMAL is durable against a killed process in WAL mode; only power loss can
        # drop the last commits, never corrupt the file.
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")

    def _set_wal(self) -> None:
        """Switch to WAL; a second process creating the same new file at once waits its turn.

        Changing the journal mode takes an exclusive lock and SQLite does not wait for it
        (no busy handler), so a busy answer is retried here for up to WAL_WAIT_S.
        """
        deadline = time.monotonic() + WAL_WAIT_S
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    @contextmanager
    def _outer_transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")  # take the write lock now: one writer at a time
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- the primitives of RecordTables ------------------------------------------------

    def _all(self, sql: str, args: Args = ()) -> list[Row]:
        rows: list[Row] = self.conn.execute(sql, args).fetchall()
        return rows

    def _one(self, sql: str, args: Args = ()) -> Row | None:
        row: Row | None = self.conn.execute(sql, args).fetchone()
        return row

    def _run(self, sql: str, args: Args = ()) -> int:
        return self.conn.execute(sql, args).rowcount

    def _many(self, sql: str, rows: Sequence[Args]) -> None:
        self.conn.executemany(sql, rows)

    # -- bulk writes -------------------------------------------------------------------

    def put_statements(self, statements: list[Statement]) -> None:
        """Add statements; one already stored (same id) is kept as it is."""
        self.conn.executemany(
            f"INSERT OR IGNORE INTO statements ({STATEMENT_COLUMNS}) VALUES ({marks(9)})",
            [statement_values(s) for s in statements],
        )

    def _bulk(self, table: str, columns: str, rows: Sequence[Sequence[object]]) -> None:
        count = len(columns.split(","))
        self.conn.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks(count)})", rows)

    # -- runs --------------------------------------------------------------------------

    def start_run(self) -> int:
        with self.transaction():
            cur = self.conn.execute("INSERT INTO runs (started_at) VALUES (?)", (now(),))
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, summary: dict[str, int]) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE runs SET finished_at = ?, summary = ? WHERE id = ?",
                (now(), json.dumps(summary), run_id),
            )

    def integrity_check(self) -> str:
        return str(self.conn.execute("PRAGMA integrity_check").fetchone()[0])

    def close(self) -> None:
        self.conn.close()
