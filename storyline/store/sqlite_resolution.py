"""SQLite tables of cross-document resolution: item entities, canonical ids, judgements."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from storyline.errors import NotFoundError
from storyline.resolve.judgements import Judgement
from storyline.resolve.model import Link
from storyline.store.rows import judgement_from_row, link_from_row, link_values


class ResolutionTables:
    """Mixed into ``SQLiteStore``: reads and writes of resolution's tables."""

    conn: sqlite3.Connection

    def put_resolution(
        self, links: Iterable[Link], canonical: Iterable[tuple[str, str, str]]
    ) -> None:
        """Replace the whole resolution: item links and (mention, entity, item) rows."""
        self.conn.execute("DELETE FROM resolution")
        self.conn.execute("DELETE FROM canonical")
        self.conn.executemany(
            "INSERT INTO resolution VALUES (?, ?, ?, ?, ?, ?)", [link_values(x) for x in links]
        )
        self.conn.executemany("INSERT OR REPLACE INTO canonical VALUES (?, ?, ?)", canonical)

    def resolution(self) -> list[Link]:
        """Every item's link, ordered by entity then item."""
        rows = self.conn.execute("SELECT * FROM resolution ORDER BY entity, item").fetchall()
        return [link_from_row(r) for r in rows]

    def canonical_ids(self) -> dict[str, str]:
        """Mention id → canonical entity id."""
        rows = self.conn.execute("SELECT mention, entity FROM canonical").fetchall()
        return {str(r[0]): str(r[1]) for r in rows}

    def add_judgement(
        self, kind: str, left: list[str], right: list[str], author: str, created: str, note: str
    ) -> Judgement:
        cur = self.conn.execute(
            "INSERT INTO judgements (kind, left_items, right_items, author, created, note) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (kind, json.dumps(left), json.dumps(right), author, created, note),
        )
        return Judgement(
            int(cur.lastrowid or 0), kind, tuple(left), tuple(right), author, created, note
        )

    def judgements(self) -> list[Judgement]:
        rows = self.conn.execute("SELECT * FROM judgements ORDER BY id").fetchall()
        return [judgement_from_row(r) for r in rows]

    def remove_judgement(self, judgement_id: int) -> None:
        cur = self.conn.execute("DELETE FROM judgements WHERE id = ?", (judgement_id,))
        if cur.rowcount == 0:
            raise NotFoundError(
                f"no judgement {judgement_id}", hint="list them: storyline judgements"
            )
