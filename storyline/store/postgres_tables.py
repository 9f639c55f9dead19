"""Bulk loads on PostgreSQL: COPY (skipping existing keys when asked), resolution replaced whole."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from storyline.resolve.model import Link
from storyline.store.pg_connection import PgConnection
from storyline.store.rows import (
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


class PgBulkTables:
    """Mixed into ``PostgresStore``: resolution's tables, replaced whole through COPY."""

    conn: PgConnection

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
