"""Bulk loads on PostgreSQL: COPY, skipping existing keys when asked."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.store.pg_connection import PgConnection


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
    """Mixed into ``PostgresStore``: many rows appended through COPY."""

    conn: PgConnection

    def _bulk(self, table: str, columns: str, rows: Sequence[Sequence[object]]) -> None:
        if rows:
            copy_rows(self.conn, table, columns, rows)
