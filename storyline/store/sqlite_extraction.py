"""SQLite rows of the extraction stage: which documents it has done, and their statements."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from storyline.model import Statement
from storyline.store.rows import EXTRACTED


class ExtractionTables:
    """Mixed into ``SQLiteStore``: reads and writes of the extraction stage."""

    conn: sqlite3.Connection

    def put_statements(self, statements: list[Statement]) -> None: ...

    def pending_extraction(self, pipeline: str) -> list[str]:
        """Current, analysed documents not yet extracted by exactly ``pipeline``."""
        rows = self.conn.execute(
            """SELECT d.id FROM documents d
               JOIN analyses a ON a.doc_id = d.id
               LEFT JOIN extractions x ON x.doc_id = d.id
               WHERE d.is_current = 1 AND (x.pipeline IS NULL OR x.pipeline != ?)
               ORDER BY d.path, d.key""",
            (pipeline,),
        )
        return [str(r[0]) for r in rows.fetchall()]

    def put_extraction(self, doc_id: str, pipeline: str, statements: list[Statement]) -> None:
        """Replace the document's extracted statements."""
        marks = ", ".join("?" for _ in EXTRACTED)
        self.conn.execute(
            f"DELETE FROM statements WHERE doc_id = ? AND property IN ({marks})",
            (doc_id, *EXTRACTED),
        )
        self.put_statements(statements)
        self.conn.execute(
            "INSERT OR REPLACE INTO extractions VALUES (?, ?, ?)",
            (doc_id, pipeline, datetime.now(UTC).isoformat(timespec="seconds")),
        )
