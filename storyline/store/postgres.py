"""The PostgreSQL store: the Store interface on a database server, for teams and large corpora.

Same records as the SQLite store (``storyline/store/rows.py`` maps both), with what a
server adds: many readers while one build writes (MVCC: readers see the last commit),
COPY for bulk statements, a GIN-indexed ``tsvector`` for search, an advisory lock so
that two builds never write at once, and a connection that is re-opened after the
server dropped it (the open transaction is rolled back and reported as
``ConnectionLostError``; the build retries the batch, see ``storyline.store.retry``).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import psycopg

from storyline.errors import NotFoundError, StoreBusyError, StoreError
from storyline.model import Document, Outcome, Statement, Status
from storyline.store.base import FileState, SourceRow
from storyline.store.pg_connection import PgConnection
from storyline.store.pg_schema import BUILD_LOCK, migrate
from storyline.store.postgres_search import PgSearchTables
from storyline.store.postgres_tables import PgStageTables, copy_rows
from storyline.store.rows import (
    ANALYSED,
    DOC_COLUMNS,
    STATEMENT_COLUMNS,
    document_from_row,
    document_values,
    removed_from_row,
    removed_values,
    statement_from_row,
    statement_values,
)

# Statements above this many in one write go through COPY instead of INSERTs.
COPY_THRESHOLD = 200


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class PostgresStore(PgStageTables, PgSearchTables):
    """A knowledge base in a PostgreSQL database (see ``storyline.store.base.Store``)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.conn = PgConnection(url)
        self._depth = 0
        self._build_lock = False
        self._lock_session = 0  # the connection (by reconnect count) that holds the lock
        try:
            migrate(self.conn)
        except psycopg.Error as exc:
            self.conn.close()
            raise StoreError(
                f"cannot migrate the PostgreSQL knowledge base: {str(exc).strip()}",
                hint="does the user own the database (or may create tables in it)?",
            ) from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction (nested calls join the outer one); rolled back on error."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.conn.reconnect_if_lost()
        if self._build_lock and self._lock_session != self.conn.reconnects:
            self._build_lock = False  # the lock went with the old session: take it again
            self._take_build_lock()
        self._depth = 1
        try:
            with self.conn.transaction():
                yield
                self.conn.execute("SELECT nextval('store_changes')")
        except psycopg.Error as exc:
            if isinstance(exc, psycopg.OperationalError):
                raise StoreError(f"PostgreSQL refused the write: {exc}") from exc
            raise
        finally:
            self._depth = 0

    def changes(self) -> int:
        """Committed write transactions so far: changes whenever the content may have."""
        row = self.conn.execute("SELECT last_value, is_called FROM store_changes").fetchone()
        return int(row["last_value"]) if row and row["is_called"] else 0

    # -- files and sources -------------------------------------------------------------

    def file_state(self, path: str) -> FileState | None:
        row = self.conn.execute("SELECT * FROM files WHERE path = %s", (path,)).fetchone()
        if row is None:
            return None
        return FileState(row["path"], row["sha"], row["pipeline"], tuple(json.loads(row["keys"])))

    def put_file(self, state: FileState) -> None:
        self.conn.execute(
            """INSERT INTO files VALUES (%s, %s, %s, %s, %s) ON CONFLICT (path) DO UPDATE
               SET sha = excluded.sha, pipeline = excluded.pipeline, keys = excluded.keys,
                   seen_at = excluded.seen_at""",
            (state.path, state.sha, state.pipeline, json.dumps(list(state.keys)), now()),
        )

    def put_outcome(self, outcome: Outcome) -> None:
        """Record the latest outcome of a source; a failure keeps its earlier document."""
        self.conn.execute(
            """INSERT INTO sources (key, path, status, reason, code, doc_id, seen_at)
               VALUES (%s, %s, %s, %s, %s, %s, %s)
               ON CONFLICT (key) DO UPDATE SET path = excluded.path, status = excluded.status,
                 reason = excluded.reason, code = excluded.code,
                 doc_id = COALESCE(excluded.doc_id, sources.doc_id), seen_at = excluded.seen_at""",
            (
                outcome.key,
                outcome.path,
                outcome.status.value,
                outcome.reason,
                outcome.code,
                outcome.doc_id,
                now(),
            ),
        )

    def sources(self) -> list[SourceRow]:
        rows = self.conn.execute("SELECT * FROM sources ORDER BY path, key").fetchall()
        return [
            SourceRow(
                r["key"], r["path"], r["status"], r["reason"], r["code"], r["doc_id"], r["seen_at"]
            )
            for r in rows
        ]

    # -- documents ---------------------------------------------------------------------

    def current_document_id(self, key: str) -> str | None:
        row = self.conn.execute(
            "SELECT id FROM documents WHERE key = %s AND is_current = 1", (key,)
        ).fetchone()
        return str(row["id"]) if row else None

    def put_document(self, doc: Document) -> tuple[Status, Document]:
        """Store ``doc`` as its source's current version (same rules as the SQLite store)."""
        current = self.current_document_id(doc.key)
        if current == doc.id:
            return Status.UNCHANGED, doc
        row = self.conn.execute(
            "SELECT COALESCE(MAX(version), 0) AS v FROM documents WHERE key = %s", (doc.key,)
        ).fetchone()
        version = int(row["v"] if row else 0) + 1
        existing = self.conn.execute(
            "SELECT key FROM documents WHERE id = %s", (doc.id,)
        ).fetchone()
        if existing is None:
            doc = dataclasses.replace(doc, version=version)
            self._insert_document(doc)
        elif existing["key"] != doc.key:
            return Status.UNCHANGED, self.get_document(doc.id)
        if current:
            self.conn.execute(
                "UPDATE documents SET is_current = 0, superseded_by = %s WHERE id = %s",
                (doc.id, current),
            )
        self.conn.execute(
            "UPDATE documents SET is_current = 1, superseded_by = NULL WHERE id = %s", (doc.id,)
        )
        return (Status.UPDATED if current else Status.INGESTED), doc

    def _insert_document(self, doc: Document) -> None:
        marks = ", ".join(["%s"] * 22)
        self.conn.execute(
            f"INSERT INTO documents ({DOC_COLUMNS}, is_current, ingested_at) "
            f"VALUES ({marks}, 1, %s)",
            (*document_values(doc), now()),
        )
        with self.conn.cursor() as cur:
            cur.executemany(
                'INSERT INTO removed (doc_id, seq, start, "end", reason, text) '
                "VALUES (%s, %s, %s, %s, %s, %s)",
                removed_values(doc),
            )

    def get_document(self, doc_id: str) -> Document:
        row = self.conn.execute(
            f"SELECT {DOC_COLUMNS} FROM documents WHERE id = %s", (doc_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(
                f"no document {doc_id!r}", hint="list them with storyline documents"
            )
        return self._document(row)

    def documents(self, *, include_superseded: bool = False) -> Iterator[Document]:
        where = "" if include_superseded else "WHERE is_current = 1"
        rows = self.conn.execute(
            f"SELECT {DOC_COLUMNS} FROM documents {where} ORDER BY path, key, version"
        ).fetchall()
        for row in rows:
            yield self._document(row)

    def _document(self, row: dict[str, Any]) -> Document:
        removed = tuple(
            removed_from_row(r)
            for r in self.conn.execute(
                'SELECT text, reason, start, "end" FROM removed WHERE doc_id = %s ORDER BY seq',
                (row["id"],),
            ).fetchall()
        )
        return document_from_row(row, removed)

    # -- statements --------------------------------------------------------------------

    def put_statements(self, statements: list[Statement]) -> None:
        """Add statements; one already stored (same id) is kept as it is."""
        values = [statement_values(s) for s in statements]
        if len(values) >= COPY_THRESHOLD:
            copy_rows(self.conn, "statements", STATEMENT_COLUMNS, values, conflict="(id)")
            return
        with self.conn.cursor() as cur:
            cur.executemany(
                f"INSERT INTO statements ({STATEMENT_COLUMNS}) VALUES "
                "(%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO NOTHING",
                values,
            )

    def statements(
        self, doc_id: str | None = None, *, prop: str | None = None
    ) -> Iterator[Statement]:
        """Statements, optionally of one document and one property, in text order."""
        clauses = [c for c, v in (("doc_id = %s", doc_id), ("property = %s", prop)) if v]
        args = tuple(v for v in (doc_id, prop) if v)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self.conn.execute(
            f'SELECT * FROM statements {where} ORDER BY doc_id, start, "end", id', args
        ).fetchall()
        for r in rows:
            yield statement_from_row(r)

    # -- analyses ----------------------------------------------------------------------

    def put_analysis(
        self,
        doc_id: str,
        pipeline: str,
        statements: list[Statement],
        *,
        parse: bytes,
        model: str,
        notes: tuple[str, ...] = (),
    ) -> None:
        """Replace the document's derived statements and parse with a new analysis."""
        self.conn.execute(
            "DELETE FROM statements WHERE doc_id = %s AND property = ANY(%s)",
            (doc_id, list(ANALYSED)),
        )
        self.put_statements(statements)
        self.conn.execute("DELETE FROM extractions WHERE doc_id = %s", (doc_id,))
        self.conn.execute(
            """INSERT INTO parses VALUES (%s, %s, %s) ON CONFLICT (doc_id) DO UPDATE
               SET model = excluded.model, docbin = excluded.docbin""",
            (doc_id, model, parse),
        )
        self.conn.execute(
            """INSERT INTO analyses VALUES (%s, %s, %s, %s) ON CONFLICT (doc_id) DO UPDATE
               SET pipeline = excluded.pipeline, notes = excluded.notes,
                   analysed_at = excluded.analysed_at""",
            (doc_id, pipeline, json.dumps(list(notes)), now()),
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
