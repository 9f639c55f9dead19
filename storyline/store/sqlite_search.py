"""SQLite side of search: passage windows by offset, their FTS5 BM25 index, filtered ranking.

The FTS5 table ``passage_fts`` has external content: the view ``passage_text`` cuts each
passage out of its document's text, so no passage text is stored twice. Entries leave the
index through FTS5's ``'delete'`` command, fed from that same view, before their rows go.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime

from storyline.store.base import PassageFilter, PassageRow

# BM25 weight of the title column against the passage text (1.0): a title is shared by
# every passage of its article, so it helps find the article more than the passage.
TITLE_WEIGHT = 0.5
# Stamp of the analysis a document's passages were cut from (sentences come from it).
_ANALYSIS_STAMP = "COALESCE(a.pipeline || '@' || a.analysed_at, 'unanalysed')"
# Matches counted at most for a result's total: "10,000 passages" is all a page needs, and
# counting every match of a common word in a million passages costs tens of ms.
MAX_COUNT = 10_000
# End of any ISO date that starts with a given prefix: "2010-05" || "~" sorts after
# every day of May 2010, since "~" sorts after digits and "-".
_END = "~"


class SearchTables:
    """Mixed into ``SQLiteStore``: the passage index and the searches over it."""

    conn: sqlite3.Connection

    def pending_passages(self, pipeline: str) -> list[str]:
        """Current documents not yet cut into passages by ``pipeline`` from their analysis."""
        rows = self.conn.execute(
            f"""SELECT d.id FROM documents d
                LEFT JOIN analyses a ON a.doc_id = d.id
                LEFT JOIN passage_docs x ON x.doc_id = d.id
                WHERE d.is_current = 1
                  AND (x.pipeline IS NULL OR x.pipeline != ? || '|' || {_ANALYSIS_STAMP})
                ORDER BY d.path, d.key""",
            (pipeline,),
        )
        return [str(r[0]) for r in rows.fetchall()]

    def put_passages(self, doc_id: str, pipeline: str, spans: list[tuple[int, int]]) -> None:
        """Replace the document's passages and index entries; record what made them."""
        self._unindex("p.doc_id = ?", (doc_id,))
        self.conn.executemany(
            'INSERT INTO passages (doc_id, start, "end") VALUES (?, ?, ?)',
            [(doc_id, start, end) for start, end in spans],
        )
        self._add_passages(len(spans))
        self.conn.execute(
            "INSERT INTO passage_fts (rowid, text, title) "
            "SELECT t.id, t.text, t.title FROM passage_text t "
            "JOIN passages p ON p.id = t.id WHERE p.doc_id = ?",
            (doc_id,),
        )
        stamp = self.conn.execute(
            f"SELECT ? || '|' || {_ANALYSIS_STAMP} FROM documents d "
            "LEFT JOIN analyses a ON a.doc_id = d.id WHERE d.id = ?",
            (pipeline, doc_id),
        ).fetchone()
        self.conn.execute(
            "INSERT OR REPLACE INTO passage_docs VALUES (?, ?, ?)",
            (doc_id, stamp[0] if stamp else pipeline, datetime.now(UTC).isoformat()),
        )

    def put_passages_batch(
        self, pipeline: str, batch: list[tuple[str, list[tuple[int, int]]]]
    ) -> None:
        """``put_passages`` for each document (in-process: nothing to gain by batching)."""
        for doc_id, spans in batch:
            self.put_passages(doc_id, pipeline, spans)

    def drop_stale_passages(self) -> int:
        """Unindex the passages of superseded documents (a new version replaced them)."""
        stale = "p.doc_id IN (SELECT id FROM documents WHERE is_current = 0)"
        gone = self._unindex(stale, ())
        self.conn.execute(
            "DELETE FROM passage_docs WHERE doc_id IN "
            "(SELECT id FROM documents WHERE is_current = 0)"
        )
        return gone

    def _unindex(self, where: str, args: tuple[object, ...]) -> int:
        """Remove matching passages from the FTS5 index (with their exact text), then rows."""
        self.conn.execute(
            "INSERT INTO passage_fts (passage_fts, rowid, text, title) "
            "SELECT 'delete', t.id, t.text, t.title FROM passage_text t "
            f"JOIN passages p ON p.id = t.id WHERE {where}",
            args,
        )
        gone = self.conn.execute(f"DELETE FROM passages AS p WHERE {where}", args).rowcount
        self._add_passages(-gone)
        return gone

    def _add_passages(self, count: int) -> None:
        if count:
            self.conn.execute(
                "UPDATE search_counts SET value = value + ? WHERE name = 'passages'", (count,)
            )

    def search_passages(
        self,
        match: str,
        where: PassageFilter,
        *,
        limit: int,
        offset: int = 0,
        newest: int | None = None,
    ) -> list[PassageRow]:
        """Matching passages, best BM25 first, with text and document metadata.

        ``newest`` ranks only the most recently indexed matches, that many: FTS5 finds
        where they start by walking row ids (cheap) and scores from there on.
        """
        clauses, args = _filters(where)
        if newest is not None:
            first = self._newest_start(match, newest)
            if first is not None:
                clauses.append("passage_fts.rowid >= ?")
                args.append(first)
        joins = ""
        if any(c.startswith(("p.", "d.", "COALESCE(d.")) for c in clauses):
            joins = (
                "JOIN passages p ON p.id = passage_fts.rowid JOIN documents d ON d.id = p.doc_id "
            )
        ranked = (
            f"SELECT passage_fts.rowid AS id, bm25(passage_fts, 1.0, {TITLE_WEIGHT}) AS rank "
            f"FROM passage_fts {joins}"
            f"WHERE {' AND '.join(['passage_fts MATCH ?', *clauses])} "
            "ORDER BY rank LIMIT ? OFFSET ?"
        )
        rows = self.conn.execute(
            f"""SELECT p.id, p.doc_id, p.start, p."end", -r.rank AS score,
                       substr(d.text, p.start + 1, p."end" - p.start) AS text,
                       d.title, d.publisher, d.published
                FROM ({ranked}) r JOIN passages p ON p.id = r.id
                JOIN documents d ON d.id = p.doc_id
                ORDER BY r.rank, p.id""",
            (match, *args, limit, offset),
        ).fetchall()
        return [PassageRow(*tuple(row)) for row in rows]

    def _newest_start(self, match: str, count: int) -> int | None:
        """The row id from which the newest ``count`` matches run (None: fewer match)."""
        row = self.conn.execute(
            "SELECT rowid FROM passage_fts WHERE passage_fts MATCH ? "
            "ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            (match, count - 1),
        ).fetchone()
        return None if row is None else int(row[0])

    def count_passages(self, match: str, where: PassageFilter, *, cap: int = MAX_COUNT) -> int:
        """How many passages match, counted up to ``cap`` (a count costs its length)."""
        clauses, args = _filters(where)
        joins = ""
        if clauses:
            joins = (
                "JOIN passages p ON p.id = passage_fts.rowid JOIN documents d ON d.id = p.doc_id "
            )
        sql = (
            f"SELECT count(*) FROM (SELECT 1 FROM passage_fts {joins}"
            f"WHERE {' AND '.join(['passage_fts MATCH ?', *clauses])} LIMIT ?)"
        )
        return int(self.conn.execute(sql, (match, *args, cap)).fetchone()[0])

    def passage_stats(self, terms: list[str]) -> tuple[int, dict[str, int]]:
        """How many passages are indexed, and in how many each index term occurs."""
        total = self.passage_count()
        return total, self.term_counts(terms, cap=total + 1)

    def passage_count(self) -> int:
        """Passages indexed, read from a kept count (counting rows costs ms at a million)."""
        row = self.conn.execute("SELECT value FROM search_counts WHERE name = 'passages'")
        return int(row.fetchone()[0])

    def term_counts(self, terms: list[str], *, cap: int) -> dict[str, int]:
        """In how many passages each index term occurs, counted up to ``cap``.

        Counting stops at ``cap`` because the work is the length of the term's list of
        passages: a word in most of a million passages would cost more than the search.
        """
        found: dict[str, int] = {}
        for term in dict.fromkeys(terms):
            found[term] = int(
                self.conn.execute(
                    "SELECT count(*) FROM (SELECT 1 FROM passage_fts "
                    "WHERE passage_fts MATCH ? LIMIT ?)",
                    ('"' + term.replace('"', '""') + '"', cap),
                ).fetchone()[0]
            )
        return found

    def passages_covering(self, spans: list[tuple[str, int, int]]) -> tuple[int, ...]:
        """Passages that hold a whole span: the passages an entity's mentions fall in."""
        rows = self.conn.execute(
            """SELECT DISTINCT p.id FROM json_each(?) s
               JOIN passages p ON p.doc_id = json_extract(s.value, '$[0]')
                 AND p.start <= json_extract(s.value, '$[1]')
                 AND p."end" >= json_extract(s.value, '$[2]')
               ORDER BY p.id""",
            (json.dumps(spans),),
        ).fetchall()
        return tuple(int(r[0]) for r in rows)

    def passage_rows(self) -> Iterator[PassageRow]:
        """Every indexed passage with its text, in id order (for baselines and vectors)."""
        rows = self.conn.execute(
            """SELECT p.id, p.doc_id, p.start, p."end", 0.0,
                      substr(d.text, p.start + 1, p."end" - p.start), d.title, d.publisher,
                      d.published
               FROM passages p JOIN documents d ON d.id = p.doc_id ORDER BY p.id"""
        )
        for row in rows:
            yield PassageRow(*tuple(row))


def _filters(where: PassageFilter) -> tuple[list[str], list[object]]:
    """SQL conditions on ``p`` (passages) and ``d`` (documents) with their arguments."""
    clauses: list[str] = []
    args: list[object] = []
    if where.outlets is not None:
        clauses.append("d.publisher IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(list(where.outlets)))
    if where.date_from:
        clauses.append(f"COALESCE(d.published_hi, d.published) || '{_END}' >= ?")
        args.append(where.date_from)
    if where.date_to:
        clauses.append("COALESCE(d.published_lo, d.published) <= ?")
        args.append(where.date_to + _END)
    if where.doc:
        clauses.append("p.doc_id = ?")
        args.append(where.doc)
    if where.passages is not None:
        clauses.append("p.id IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(list(where.passages)))
    return clauses, args
