"""The PostgreSQL store: the Store interface on a database server, for teams and large corpora.

Same records as the SQLite store (``storyline/store/rows.py`` maps both), with what a
server adds: many readers while one build writes (MVCC: readers see the last commit),
COPY for bulk statements, a GIN-indexed ``tsvector`` for search, an advisory lock so
that two builds never write at once, and a connection that is re-opened after the
server dropped it (the open transaction is rolled back and reported as
``ConnectionLostError``; the build retries the batch, see ``storyline.store.retry``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import psycopg

from storyline.errors import StoreBusyError, StoreError
from storyline.model import Statement
from storyline.store.pg_connection import PgConnection
from storyline.store.pg_schema import BUILD_LOCK, migrate
from storyline.store.postgres_search import PgSearchTables
from storyline.store.postgres_tables import PgBulkTables, copy_rows
from storyline.store.records import Args, RecordTables, marks, now
from storyline.store.resolve_tables import ResolveTables
from storyline.store.rows import STATEMENT_COLUMNS, Row, statement_values
from storyline.store.vector_tables import VectorTables

# Statements above this many in one write go through COPY instead of INSERTs.
COPY_THRESHOLD = 200


class PostgresStore(RecordTables, PgBulkTables, ResolveTables, PgSearchTables, VectorTables):
    """A knowledge base in a PostgreSQL database (see ``storyline.store.base.Store``)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.conn = PgConnection(url)
        self._depth = 0
        self._build_lock = False
        self._lock_session = 0  # the connection (by reconnect count) that holds the lock
        self._df_cache = {}  # search: passages per phrase, valid until the next write
        self._match_counts = {}  # search: matches per expression and filter, likewise
        try:
            migrate(self.conn)
        except psycopg.Error as exc:
            self.conn.close()
            raise StoreError(
                f"cannot migrate the PostgreSQL knowledge base: {str(exc).strip()}",
                hint="does the user own the database (or may create tables in it)?",
            ) from exc

    @contextmanager
    def _outer_transaction(self) -> Iterator[None]:
        self.conn.reconnect_if_lost()
        if self._build_lock and self._lock_session != self.conn.reconnects:
            self._build_lock = False  # the lock went with the old session: take it again
            self._take_build_lock()
        try:
            with self.conn.transaction():
                yield
                self.conn.execute("SELECT nextval('store_changes')")
        except psycopg.OperationalError as exc:
            raise StoreError(f"PostgreSQL refused the write: {exc}") from exc

    def changes(self) -> int:
        """Committed write transactions so far: changes whenever the content may have."""
        row = self.conn.execute("SELECT last_value, is_called FROM store_changes").fetchone()
        return int(row["last_value"]) if row and row["is_called"] else 0

    # -- the primitives of RecordTables (``?`` placeholders become psycopg's ``%s``) ----

    def _all(self, sql: str, args: Args = ()) -> list[Row]:
        return list(self.conn.execute(sql.replace("?", "%s"), args).fetchall())

    def _one(self, sql: str, args: Args = ()) -> Row | None:
        return self.conn.execute(sql.replace("?", "%s"), args).fetchone()

    def _run(self, sql: str, args: Args = ()) -> int:
        return self.conn.execute(sql.replace("?", "%s"), args).rowcount

    def _many(self, sql: str, rows: Sequence[Args]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(sql.replace("?", "%s"), rows)

    # -- bulk writes -------------------------------------------------------------------

    def put_statements(self, statements: list[Statement]) -> None:
        """Add statements; one already stored (same id) is kept as it is (COPY when many)."""
        values = [statement_values(s) for s in statements]
        if len(values) >= COPY_THRESHOLD:
            copy_rows(self.conn, "statements", STATEMENT_COLUMNS, values, conflict="(id)")
            return
        self._many(
            f"INSERT INTO statements ({STATEMENT_COLUMNS}) VALUES ({marks(9)}) "
            "ON CONFLICT (id) DO NOTHING",
            values,
        )

    # -- runs and the build lock -------------------------------------------------------

    def start_run(self) -> int:
        """Record a build's start, holding the build lock until ``finish_run`` or ``close``.

        A second build on the same database is refused at once (StoreBusyError) rather
        than interleaving its batches with the first.
        """
        self._take_build_lock()
        with self.transaction():
            row = self.conn.execute(
                "INSERT INTO runs (started_at) VALUES (%s) RETURNING id", (now(),)
            ).fetchone()
        return int(row["id"]) if row else 0

    def _take_build_lock(self) -> None:
        row = self.conn.execute("SELECT pg_try_advisory_lock(%s) AS ok", (BUILD_LOCK,)).fetchone()
        if not (row and row["ok"]):
            raise StoreBusyError(
                "another build is writing to this knowledge base",
                hint="wait for it to finish, then run the build again",
            )
        self._build_lock = True
        self._lock_session = self.conn.reconnects

    def finish_run(self, run_id: int, summary: dict[str, int]) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE runs SET finished_at = %s, summary = %s WHERE id = %s",
                (now(), json.dumps(summary), run_id),
            )
        self._release_build_lock()

    def _release_build_lock(self) -> None:
        if self._build_lock and not self.conn.lost:
            self.conn.execute("SELECT pg_advisory_unlock(%s)", (BUILD_LOCK,))
        self._build_lock = False

    def close(self) -> None:
        if not self.conn.lost:
            self._release_build_lock()
            self.conn.close()
