"""The Store methods whose SQL both backends share: sources, versioned documents, stages.

Written once with ``?`` placeholders and columns read by name; each backend supplies the
four primitives below (SQLite runs the text as it is, PostgreSQL with ``%s``), and keeps
to itself only what truly differs: bulk loading, search, locks and transactions.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime

from storyline.errors import NotFoundError
from storyline.model import Document, Outcome, Statement, Status
from storyline.resolve.judgements import Judgement
from storyline.store.base import FileState, SourceRow
from storyline.store.rows import (
    ANALYSED,
    DOC_COLUMNS,
    EXTRACTED,
    Row,
    document_from_row,
    document_values,
    judgement_from_row,
    removed_from_row,
    removed_values,
    statement_from_row,
)

Args = Sequence[object]


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def marks(count: int) -> str:
    """``?, ?, ?`` for ``count`` values."""
    return ", ".join("?" * count)


class Primitives:
    """The four statements every shared table mixin runs; each store implements them."""

    def _all(self, sql: str, args: Args = ()) -> list[Row]:
        raise NotImplementedError

    def _one(self, sql: str, args: Args = ()) -> Row | None:
        raise NotImplementedError

    def _run(self, sql: str, args: Args = ()) -> int:
        """Run a write; return the rows it touched."""
        raise NotImplementedError

    def _many(self, sql: str, rows: Sequence[Args]) -> None:
        raise NotImplementedError


class RecordTables(Primitives):
    """Mixed into both stores; they implement the ``Primitives`` and
    ``_outer_transaction``, and set ``_depth = 0``."""

    _depth: int  # transactions open: nested ones join the outermost

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
        self._depth = 1
        try:
            with self._outer_transaction():
                yield
        finally:
            self._depth = 0

    def _outer_transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def put_statements(self, statements: list[Statement]) -> None:
        raise NotImplementedError

    # -- files and sources -------------------------------------------------------------

    def file_state(self, path: str) -> FileState | None:
        row = self._one("SELECT * FROM files WHERE path = ?", (path,))
        if row is None:
            return None
        return FileState(row["path"], row["sha"], row["pipeline"], tuple(json.loads(row["keys"])))

    def put_file(self, state: FileState) -> None:
        self._run(
            """INSERT INTO files VALUES (?, ?, ?, ?, ?) ON CONFLICT (path) DO UPDATE
               SET sha = excluded.sha, pipeline = excluded.pipeline, keys = excluded.keys,
                   seen_at = excluded.seen_at""",
            (state.path, state.sha, state.pipeline, json.dumps(list(state.keys)), now()),
        )

    def put_outcome(self, outcome: Outcome) -> None:
        """Record the latest outcome of a source; a failure keeps its earlier document."""
        self._run(
            """INSERT INTO sources (key, path, status, reason, code, doc_id, seen_at)
               VALUES (?, ?, ?, ?, ?, ?, ?)
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
        return [
            SourceRow(
                r["key"], r["path"], r["status"], r["reason"], r["code"], r["doc_id"], r["seen_at"]
            )
            for r in self._all("SELECT * FROM sources ORDER BY path, key")
        ]

    # -- documents ---------------------------------------------------------------------

    def current_document_id(self, key: str) -> str | None:
        row = self._one("SELECT id FROM documents WHERE key = ? AND is_current = 1", (key,))
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
        existing = self._one("SELECT key FROM documents WHERE id = ?", (doc.id,))
        if existing is None:
            doc = dataclasses.replace(doc, version=self._next_version(doc.key))
            self._insert_document(doc)
        elif existing["key"] != doc.key:
            # The same article from another source (a copy): point at the stored one.
            return Status.UNCHANGED, self.get_document(doc.id)
        if current:
            self._run(
                "UPDATE documents SET is_current = 0, superseded_by = ? WHERE id = ?",
                (doc.id, current),
            )
        self._run(
            "UPDATE documents SET is_current = 1, superseded_by = NULL WHERE id = ?", (doc.id,)
        )
        return (Status.UPDATED if current else Status.INGESTED), doc

    def _next_version(self, key: str) -> int:
        row = self._one(
            "SELECT COALESCE(MAX(version), 0) AS v FROM documents WHERE key = ?", (key,)
        )
        return int(row["v"] if row else 0) + 1

    def _insert_document(self, doc: Document) -> None:
        self._run(
            f"INSERT INTO documents ({DOC_COLUMNS}, is_current, ingested_at) "
            f"VALUES ({marks(22)}, 1, ?)",
            (*document_values(doc), now()),
        )
        self._many(
            'INSERT INTO removed (doc_id, seq, start, "end", reason, text) VALUES (?,?,?,?,?,?)',
            removed_values(doc),
        )

    def get_document(self, doc_id: str) -> Document:
        row = self._one(f"SELECT {DOC_COLUMNS} FROM documents WHERE id = ?", (doc_id,))
        if row is None:
            raise NotFoundError(
                f"no document {doc_id!r}", hint="list them with storyline documents"
            )
        return self._document(row)

    def documents(self, *, include_superseded: bool = False) -> Iterator[Document]:
        where = "" if include_superseded else "WHERE is_current = 1"
        rows = self._all(f"SELECT {DOC_COLUMNS} FROM documents {where} ORDER BY path, key, version")
        for row in rows:
            yield self._document(row)

    def _document(self, row: Row) -> Document:
        removed = self._all(
            'SELECT text, reason, start, "end" FROM removed WHERE doc_id = ? ORDER BY seq',
            (row["id"],),
        )
        return document_from_row(row, tuple(removed_from_row(r) for r in removed))

    # -- statements and stages ---------------------------------------------------------

    def statements(
        self, doc_id: str | None = None, *, prop: str | None = None
    ) -> Iterator[Statement]:
        """Statements, optionally of one document and one property, in text order."""
        clauses = [c for c, v in (("doc_id = ?", doc_id), ("property = ?", prop)) if v]
        args = tuple(v for v in (doc_id, prop) if v)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        for r in self._all(
            f'SELECT * FROM statements {where} ORDER BY doc_id, start, "end", id', args
        ):
            yield statement_from_row(r)

    def pending_analysis(self, pipeline: str) -> list[str]:
        """Ids of current documents not yet analysed by exactly ``pipeline``."""
        rows = self._all(
            """SELECT d.id FROM documents d LEFT JOIN analyses a ON a.doc_id = d.id
               WHERE d.is_current = 1 AND (a.pipeline IS NULL OR a.pipeline != ?)
               ORDER BY d.path, d.key""",
            (pipeline,),
        )
        return [str(r["id"]) for r in rows]

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
        self._run(
            f"DELETE FROM statements WHERE doc_id = ? AND property IN ({marks(len(ANALYSED))})",
            (doc_id, *ANALYSED),
        )
        self.put_statements(statements)
        self._run("DELETE FROM extractions WHERE doc_id = ?", (doc_id,))  # redo it
        self._run("DELETE FROM resolve_docs WHERE doc_id = ?", (doc_id,))  # and resolve it
        self._run(
            """INSERT INTO parses VALUES (?, ?, ?) ON CONFLICT (doc_id) DO UPDATE
               SET model = excluded.model, docbin = excluded.docbin""",
            (doc_id, model, parse),
        )
        self._run(
            """INSERT INTO analyses VALUES (?, ?, ?, ?) ON CONFLICT (doc_id) DO UPDATE
               SET pipeline = excluded.pipeline, notes = excluded.notes,
                   analysed_at = excluded.analysed_at""",
            (doc_id, pipeline, json.dumps(list(notes)), now()),
        )

    def analysis_notes(self, doc_id: str) -> list[str] | None:
        row = self._one("SELECT notes FROM analyses WHERE doc_id = ?", (doc_id,))
        return None if row is None else list(json.loads(row["notes"]))

    def parse_of(self, doc_id: str) -> bytes | None:
        row = self._one("SELECT docbin FROM parses WHERE doc_id = ?", (doc_id,))
        return None if row is None else bytes(row["docbin"])

    def pending_extraction(self, pipeline: str) -> list[str]:
        """Current, analysed documents not yet extracted by exactly ``pipeline``."""
        rows = self._all(
            """SELECT d.id FROM documents d
               JOIN analyses a ON a.doc_id = d.id
               LEFT JOIN extractions x ON x.doc_id = d.id
               WHERE d.is_current = 1 AND (x.pipeline IS NULL OR x.pipeline != ?)
               ORDER BY d.path, d.key""",
            (pipeline,),
        )
        return [str(r["id"]) for r in rows]

    def put_extraction(self, doc_id: str, pipeline: str, statements: list[Statement]) -> None:
        """Replace the document's extracted statements."""
        self._run(
            f"DELETE FROM statements WHERE doc_id = ? AND property IN ({marks(len(EXTRACTED))})",
            (doc_id, *EXTRACTED),
        )
        self.put_statements(statements)
        self._run(
            """INSERT INTO extractions VALUES (?, ?, ?) ON CONFLICT (doc_id) DO UPDATE
               SET pipeline = excluded.pipeline, extracted_at = excluded.extracted_at""",
            (doc_id, pipeline, now()),
        )

    # -- resolution and judgements -----------------------------------------------------

    def add_judgement(
        self, kind: str, left: list[str], right: list[str], author: str, created: str, note: str
    ) -> Judgement:
        row = self._one(
            "INSERT INTO judgements (kind, left_items, right_items, author, created, note) "
            "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            (kind, json.dumps(left), json.dumps(right), author, created, note),
        )
        number = int(row["id"]) if row else 0
        return Judgement(number, kind, tuple(left), tuple(right), author, created, note)

    def judgements(self) -> list[Judgement]:
        return [judgement_from_row(r) for r in self._all("SELECT * FROM judgements ORDER BY id")]

    def remove_judgement(self, judgement_id: int) -> None:
        if self._run("DELETE FROM judgements WHERE id = ?", (judgement_id,)) == 0:
            raise NotFoundError(
                f"no judgement {judgement_id}", hint="list them: storyline judgements"
            )

    def publishers(self) -> list[str]:
        """The distinct publishers of the current documents."""
        rows = self._all(
            "SELECT DISTINCT publisher FROM documents "
            "WHERE is_current = 1 AND publisher IS NOT NULL AND publisher != '' "
            "ORDER BY publisher"
        )
        return [str(r["publisher"]) for r in rows]

    def resolution_stamp(self) -> str:
        """Changes whenever entities may have: a build ran or finished, a judgement came or went.

        Cheap (small tables and indexes only), so views can cache what they derive from
        ``entities()`` and check the stamp on every query.
        """
        row = self._one(
            """SELECT (SELECT count(*) || ':' || COALESCE(max(id), 0) FROM judgements) AS j,
                      (SELECT count(finished_at) || ':' || COALESCE(max(id), 0) FROM runs) AS r,
                      (SELECT count(*) FROM canonical) AS c,
                      (SELECT count(*) FROM resolution) AS l"""
        )
        return "|".join(str(row[k]) for k in ("j", "r", "c", "l")) if row else ""
