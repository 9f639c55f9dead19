"""The SQLite store: one file, WAL journal, named migrations, one writer, atomic batches."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from storyline.errors import NotFoundError, StoreError
from storyline.model import Document, Outcome, Statement, Status
from storyline.store.base import FileState, SourceRow
from storyline.store.migrations import migrate
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
from storyline.store.sqlite_extraction import ExtractionTables
from storyline.store.sqlite_resolution import ResolutionTables
from storyline.store.sqlite_search import SearchTables

# Seconds a writer waits for another writer's transaction before giving up.
BUSY_TIMEOUT_MS = 30_000


def _marks(values: tuple[str, ...]) -> str:
    return ", ".join("?" for _ in values)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SQLiteStore(ResolutionTables, ExtractionTables, SearchTables):
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
        self.conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL is durable against a killed process in WAL mode; only power loss can
        # drop the last commits, never corrupt the file.
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

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
        self.conn.execute("BEGIN IMMEDIATE")  # take the write lock now: one writer at a time
        self._depth = 1
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._depth = 0

    # -- files and sources -------------------------------------------------------------

    def file_state(self, path: str) -> FileState | None:
        row = self.conn.execute("SELECT * FROM files WHERE path = ?", (path,)).fetchone()
        if row is None:
            return None
        return FileState(row["path"], row["sha"], row["pipeline"], tuple(json.loads(row["keys"])))

    def put_file(self, state: FileState) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
            (state.path, state.sha, state.pipeline, json.dumps(list(state.keys)), now()),
        )

    def put_outcome(self, outcome: Outcome) -> None:
        """Record the latest outcome of a source; a failure keeps its earlier document."""
        self.conn.execute(
            """INSERT INTO sources (key, path, status, reason, code, doc_id, seen_at)
               VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(key) DO UPDATE SET path=excluded.path, status=excluded.status,
                 reason=excluded.reason, code=excluded.code,
                 doc_id=COALESCE(excluded.doc_id, sources.doc_id), seen_at=excluded.seen_at""",
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
            "SELECT id FROM documents WHERE key = ? AND is_current = 1", (key,)
        ).fetchone()
        return str(row["id"]) if row else None

    def put_document(self, doc: Document) -> tuple[Status, Document]:
        """Store ``doc`` as its source's current version.

        Same id as the current version → UNCHANGED. A new text for a known
        source → UPDATED: the old version stays, marked superseded. A text
        seen before (an older version) becomes current again.
        """
        current = self.current_document_id(doc.key)
        if current == doc.id:
            return Status.UNCHANGED, doc
        version = self._next_version(doc.key)
        existing = self.conn.execute("SELECT key FROM documents WHERE id = ?", (doc.id,)).fetchone()
        if existing is None:
            doc = dataclasses.replace(doc, version=version)
            self._insert_document(doc)
        elif existing["key"] != doc.key:
            # The same article from another source (a copy): point at the stored one.
            return Status.UNCHANGED, self.get_document(doc.id)
        if current:
            self.conn.execute(
                "UPDATE documents SET is_current = 0, superseded_by = ? WHERE id = ?",
                (doc.id, current),
            )
        self.conn.execute(
            "UPDATE documents SET is_current = 1, superseded_by = NULL WHERE id = ?", (doc.id,)
        )
        return (Status.UPDATED if current else Status.INGESTED), doc

    def _next_version(self, key: str) -> int:
        row = self.conn.execute(
            "SELECT MAX(version) FROM documents WHERE key = ?", (key,)
        ).fetchone()
        return int(row[0] or 0) + 1

    def _insert_document(self, doc: Document) -> None:
        self.conn.execute(
            f"INSERT INTO documents ({DOC_COLUMNS}, is_current, ingested_at) "
            f"VALUES ({', '.join('?' * 22)}, 1, ?)",
            (*document_values(doc), now()),
        )
        self.conn.executemany(
            'INSERT INTO removed (doc_id, seq, start, "end", reason, text) VALUES (?,?,?,?,?,?)',
            removed_values(doc),
        )

    def get_document(self, doc_id: str) -> Document:
        row = self.conn.execute(
            f"SELECT {DOC_COLUMNS} FROM documents WHERE id = ?", (doc_id,)
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
        )
        for row in rows.fetchall():
            yield self._document(row)

    def _document(self, row: sqlite3.Row) -> Document:
        removed = tuple(
            removed_from_row(r)
            for r in self.conn.execute(
                'SELECT text, reason, start, "end" FROM removed WHERE doc_id = ? ORDER BY seq',
                (row["id"],),
            )
        )
        return document_from_row(row, removed)

    # -- statements --------------------------------------------------------------------

    def put_statements(self, statements: list[Statement]) -> None:
        self.conn.executemany(
            f"INSERT OR IGNORE INTO statements ({STATEMENT_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?)",
            [statement_values(s) for s in statements],
        )

    def statements(
        self, doc_id: str | None = None, *, prop: str | None = None
    ) -> Iterator[Statement]:
        """Statements, optionally of one document and one property, in text order."""
        clauses = [c for c, v in (("doc_id = ?", doc_id), ("property = ?", prop)) if v]
        args = tuple(v for v in (doc_id, prop) if v)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self.conn.execute(
            f'SELECT * FROM statements {where} ORDER BY doc_id, start, "end"', args
        )
        for r in rows.fetchall():
            yield statement_from_row(r)

    # -- analyses ----------------------------------------------------------------------

    def pending_analysis(self, pipeline: str) -> list[str]:
        """Ids of current documents not yet analysed by exactly ``pipeline``."""
        rows = self.conn.execute(
            """SELECT d.id FROM documents d LEFT JOIN analyses a ON a.doc_id = d.id
               WHERE d.is_current = 1 AND (a.pipeline IS NULL OR a.pipeline != ?)
               ORDER BY d.path, d.key""",
            (pipeline,),
        )
        return [str(r[0]) for r in rows.fetchall()]

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
            f"DELETE FROM statements WHERE doc_id = ? AND property IN ({_marks(ANALYSED)})",
            (doc_id, *ANALYSED),
        )
        self.put_statements(statements)
        self.conn.execute("DELETE FROM extractions WHERE doc_id = ?", (doc_id,))  # redo it
        self.conn.execute("INSERT OR REPLACE INTO parses VALUES (?, ?, ?)", (doc_id, model, parse))
        self.conn.execute(
            "INSERT OR REPLACE INTO analyses VALUES (?, ?, ?, ?)",
            (doc_id, pipeline, json.dumps(list(notes)), now()),
        )

    def analysis_notes(self, doc_id: str) -> list[str] | None:
        row = self.conn.execute("SELECT notes FROM analyses WHERE doc_id = ?", (doc_id,)).fetchone()
        return None if row is None else list(json.loads(row[0]))

    def parse_of(self, doc_id: str) -> bytes | None:
        row = self.conn.execute("SELECT docbin FROM parses WHERE doc_id = ?", (doc_id,)).fetchone()
        return None if row is None else bytes(row[0])

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
