"""PostgreSQL rows of the later stages: analyses, extractions, resolution, judgements; COPY."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from storyline.errors import NotFoundError
from storyline.model import Statement
from storyline.resolve.judgements import Judgement
from storyline.resolve.model import Link
from storyline.store.pg_connection import PgConnection
from storyline.store.rows import (
    EXTRACTED,
    judgement_from_row,
    link_from_row,
    link_values,
)


def copy_rows(
    conn: PgConnection,
    table: str,
    columns: str,
    rows: Sequence[Sequence[object]],
    *,
    conflict: str | None = None,
) -> None:
    """Bulk-load ``rows`` with COPY; with ``conflict``, rows whose key exists are skipped.

    COPY cannot skip conflicts itself, so those rows go through a temporary table
    dropped at commit, then one ``INSERT … ON CONFLICT DO NOTHING``.
    """
    target = table
    if conflict:
        target = f"load_{table}"
        conn.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {target} (LIKE {table} INCLUDING DEFAULTS) "
            "ON COMMIT DELETE ROWS"
        )
    with conn.cursor() as cur, cur.copy(f"COPY {target} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    if conflict:
        conn.execute(
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {target} "
            f"ON CONFLICT {conflict} DO NOTHING"
        )
        conn.execute(f"DELETE FROM {target}")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class PgStageTables:
    """Mixed into ``PostgresStore``: the stage bookkeeping and resolution's tables."""

    conn: PgConnection

    def put_statements(self, statements: list[Statement]) -> None: ...

    def pending_analysis(self, pipeline: str) -> list[str]:
        """Ids of current documents not yet analysed by exactly ``pipeline``."""
        rows = self.conn.execute(
            """SELECT d.id FROM documents d LEFT JOIN analyses a ON a.doc_id = d.id
               WHERE d.is_current = 1 AND (a.pipeline IS NULL OR a.pipeline != %s)
               ORDER BY d.path, d.key""",
            (pipeline,),
        ).fetchall()
        return [str(r["id"]) for r in rows]

    def analysis_notes(self, doc_id: str) -> list[str] | None:
        row = self.conn.execute(
            "SELECT notes FROM analyses WHERE doc_id = %s", (doc_id,)
        ).fetchone()
        return None if row is None else list(json.loads(row["notes"]))

    def parse_of(self, doc_id: str) -> bytes | None:
        row = self.conn.execute("SELECT docbin FROM parses WHERE doc_id = %s", (doc_id,)).fetchone()
        return None if row is None else bytes(row["docbin"])

    def pending_extraction(self, pipeline: str) -> list[str]:
        """Current, analysed documents not yet extracted by exactly ``pipeline``."""
        rows = self.conn.execute(
            """SELECT d.id FROM documents d
               JOIN analyses a ON a.doc_id = d.id
               LEFT JOIN extractions x ON x.doc_id = d.id
               WHERE d.is_current = 1 AND (x.pipeline IS NULL OR x.pipeline != %s)
               ORDER BY d.path, d.key""",
            (pipeline,),
        ).fetchall()
        return [str(r["id"]) for r in rows]

    def put_extraction(self, doc_id: str, pipeline: str, statements: list[Statement]) -> None:
        """Replace the document's extracted statements."""
        self.conn.execute(
            "DELETE FROM statements WHERE doc_id = %s AND property = ANY(%s)",
            (doc_id, list(EXTRACTED)),
        )
        self.put_statements(statements)
        self.conn.execute(
            """INSERT INTO extractions VALUES (%s, %s, %s) ON CONFLICT (doc_id) DO UPDATE
               SET pipeline = excluded.pipeline, extracted_at = excluded.extracted_at""",
            (doc_id, pipeline, _now()),
        )

    # -- resolution --------------------------------------------------------------------

    def put_resolution(
        self, links: Iterable[Link], canonical: Iterable[tuple[str, str, str]]
    ) -> None:
        """Replace the whole resolution: item links and (mention, entity, item) rows."""
        self.conn.execute("DELETE FROM resolution")
        self.conn.execute("DELETE FROM canonical")
        copy_rows(
            self.conn,
            "resolution",
            "item, entity, doc_id, score, features, rule",
            [link_values(link) for link in links],
        )
        copy_rows(
            self.conn,
            "canonical",
            "mention, entity, item",
            list(dict((m, (m, e, i)) for m, e, i in canonical).values()),
        )

    def resolution(self) -> list[Link]:
        """Every item's link, ordered by entity then item."""
        rows = self.conn.execute("SELECT * FROM resolution ORDER BY entity, item").fetchall()
        return [link_from_row(r) for r in rows]

    def canonical_ids(self) -> dict[str, str]:
        """Mention id → canonical entity id."""
        rows = self.conn.execute("SELECT mention, entity FROM canonical").fetchall()
        return {str(r["mention"]): str(r["entity"]) for r in rows}

    def add_judgement(
        self, kind: str, left: list[str], right: list[str], author: str, created: str, note: str
    ) -> Judgement:
        row = self.conn.execute(
            "INSERT INTO judgements (kind, left_items, right_items, author, created, note) "
            "VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
            (kind, json.dumps(left), json.dumps(right), author, created, note),
        ).fetchone()
        return Judgement(
            int(row["id"] if row else 0), kind, tuple(left), tuple(right), author, created, note
        )

    def judgements(self) -> list[Judgement]:
        rows = self.conn.execute("SELECT * FROM judgements ORDER BY id").fetchall()
        return [judgement_from_row(r) for r in rows]

    def remove_judgement(self, judgement_id: int) -> None:
        cur = self.conn.execute("DELETE FROM judgements WHERE id = %s", (judgement_id,))
        if cur.rowcount == 0:
            raise NotFoundError(
                f"no judgement {judgement_id}", hint="list them: storyline judgements"
            )
