"""Dense passage vectors (the ``dense`` extra), kept beside the passages on both stores.

One row per passage and model: the passage's id, document and offsets, and its vector
as float32 bytes (little-endian, unit length). A vector is current only while a passage
with that id still has that document and those offsets: an id reused for other text
never joins its old vector, so a vector is never served for text it was not computed
from. Written once with ``?`` placeholders (``records.py``); SQLite keeps the bytes in a
BLOB, PostgreSQL in a BYTEA.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.store.base import PassageRow
from storyline.store.records import Primitives, marks
from storyline.store.rows import Row

# A vector joined to the passage it still describes.
CURRENT = (
    "JOIN passages p ON p.id = v.passage_id AND p.doc_id = v.doc_id AND p.start = v.start "
    'AND p."end" = v."end"'
)
# One vector row to write: passage id, document, start, end, vector bytes.
VectorRow = tuple[int, str, int, int, bytes]
# The rows of ``search_counts`` counting vector writes, one per model ("vector_writes:<model>").
WRITES = "vector_writes"
# Passage ids looked up in one statement.
ID_CHUNK = 500


class VectorTables(Primitives):
    """Mixed into both stores, which supply the ``Primitives`` (``records.py``)."""

    def has_vectors(self, model: str) -> bool:
        """Whether any passage has a vector of ``model``."""
        return (
            self._one("SELECT 1 AS x FROM passage_vectors WHERE model = ? LIMIT 1", (model,))
            is not None
        )

    def vector_pending(self, model: str) -> list[tuple[int, str, int, int, str]]:
        """Passages without a current vector of ``model``: id, document, offsets, text."""
        rows = self._all(
            """SELECT p.id, p.doc_id, p.start, p."end",
                      substr(d.text, p.start + 1, p."end" - p.start) AS text
               FROM passages p JOIN documents d ON d.id = p.doc_id
               LEFT JOIN passage_vectors v ON v.passage_id = p.id AND v.model = ?
                 AND v.doc_id = p.doc_id AND v.start = p.start AND v."end" = p."end"
               WHERE v.passage_id IS NULL ORDER BY p.id""",
            (model,),
        )
        return [
            (int(r["id"]), str(r["doc_id"]), int(r["start"]), int(r["end"]), str(r["text"]))
            for r in rows
        ]

    def drop_stale_vectors(self, model: str) -> int:
        """Remove the vectors of ``model`` whose passage is gone or holds other text."""
        gone = self._run(
            f"""DELETE FROM passage_vectors WHERE model = ? AND passage_id NOT IN
                (SELECT v.passage_id FROM passage_vectors v {CURRENT} WHERE v.model = ?)""",
            (model, model),
        )
        if gone:
            self._count_write(model)
        return gone

    def _count_write(self, model: str) -> None:
        """Bump the count of writes of ``model``'s vectors (what ``vector_stamp`` tells by)."""
        self._run(
            """INSERT INTO search_counts (name, value) VALUES (?, 1)
               ON CONFLICT (name) DO UPDATE SET value = search_counts.value + 1""",
            (_writes(model),),
        )

    def put_vectors(self, model: str, rows: Sequence[VectorRow]) -> None:
        """Store (or replace) vectors of ``model``, in the caller's transaction."""
        self._many(
            """INSERT INTO passage_vectors (passage_id, model, doc_id, start, "end", vector)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (passage_id, model) DO UPDATE SET doc_id = excluded.doc_id,
                 start = excluded.start, "end" = excluded."end", vector = excluded.vector""",
            [(pid, model, doc, start, end, vector) for pid, doc, start, end, vector in rows],
        )
        self._count_write(model)

    def vectors(self, model: str) -> list[tuple[int, bytes]]:
        """Every current vector of ``model``: passage id and bytes, by passage id."""
        rows = self._all(
            f"SELECT v.passage_id, v.vector FROM passage_vectors v {CURRENT} "
            "WHERE v.model = ? ORDER BY v.passage_id",
            (model,),
        )
        return [(int(r["passage_id"]), bytes(r["vector"])) for r in rows]

    def vector_stamp(self, model: str) -> tuple[object, ...]:
        """What changes when passages are re-indexed or vectors of ``model`` come or go."""
        docs = self._one("SELECT count(*) AS n, max(indexed_at) AS last FROM passage_docs")
        counts = {
            str(r["name"]): r["value"]
            for r in self._all(
                "SELECT name, value FROM search_counts WHERE name IN ('passages', ?)",
                (_writes(model),),
            )
        }
        return (
            (docs["n"], docs["last"]) if docs else None,
            counts.get("passages"),
            counts.get(_writes(model), 0),
        )

    def passages_by_id(self, ranked: Sequence[tuple[int, float]]) -> list[PassageRow]:
        """Passage rows with text and metadata, in the order and with the scores given."""
        found: dict[int, Row] = {}
        ids = [pid for pid, _ in ranked]
        for begin in range(0, len(ids), ID_CHUNK):
            chunk = ids[begin : begin + ID_CHUNK]
            for row in self._all(
                f"""SELECT p.id, p.doc_id, p.start, p."end",
                           substr(d.text, p.start + 1, p."end" - p.start) AS text,
                           d.title, d.publisher, d.published
                    FROM passages p JOIN documents d ON d.id = p.doc_id
                    WHERE p.id IN ({marks(len(chunk))})""",
                chunk,
            ):
                found[int(row["id"])] = row
        return [
            PassageRow(
                pid,
                str(r["doc_id"]),
                int(r["start"]),
                int(r["end"]),
                score,
                str(r["text"]),
                r["title"],
                r["publisher"],
                r["published"],
            )
            for pid, score in ranked
            if (r := found.get(pid)) is not None
        ]


def _writes(model: str) -> str:
    """The ``search_counts`` row counting writes of ``model``'s vectors."""
    return f"{WRITES}:{model}"
