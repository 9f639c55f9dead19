"""PostgreSQL side of search: passages by offset, a GIN-indexed tsvector each, FTS5's BM25.

Each passage row holds its offsets and a ``tsvector`` made from ``index_words`` (the
same folding as SQLite's FTS5 tokenizer), never its text. A query's tsquery finds the
candidates through the GIN index; the server cuts each candidate's query words out of
its tsvector (``ts_filter``, in C), and they are ranked in Python with FTS5's BM25 from
those positions (``storyline.store.pg_match``), so rankings agree across backends. Each
word's passage count is kept in ``passage_terms`` as passages come and go, so idf is a
lookup; a results page's total comes from the candidates already fetched.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from storyline.store.base import PassageFilter, PassageRow
from storyline.store.index_words import index_words
from storyline.store.pg_connection import PgConnection
from storyline.store.pg_match import (
    Match,
    bm25,
    idf,
    indexable,
    lexeme,
    parse_match,
    phrase_hits,
    query_positions,
    tsvector_literal,
)
from storyline.store.postgres_tables import copy_rows

# BM25 weight of the title column (as in the SQLite store's TITLE_WEIGHT).
TITLE_WEIGHT = 0.5
_ANALYSIS_STAMP = "COALESCE(a.pipeline || '@' || a.analysed_at, 'unanalysed')"
MAX_COUNT = 10_000
# Phrases whose passage counts are remembered between searches (cleared past this).
DF_CACHE_SIZE = 50_000
# End of any ISO date with a given prefix (see sqlite_search); compared byte-wise.
_END = "~"
_ROW = """SELECT p.id, p.doc_id, p.start, p."end", 0.0::float8 AS score,
                 substr(d.text, p.start + 1, p."end" - p.start) AS text,
                 d.title, d.publisher, d.published
          FROM passages p JOIN documents d ON d.id = p.doc_id"""


def _passage_values(
    doc_id: str, row: Any, spans: list[tuple[int, int]], terms: Counter[str]
) -> list[tuple[str, int, int, int, str]]:
    """COPY rows of one document's passages: offsets, word count, tsvector.

    ``terms`` counts, for each indexed word, the passages that hold it.
    """
    title = index_words(row["title"])
    values = []
    for start, end in spans:
        words = index_words(row["text"][start:end])
        values.append((doc_id, start, end, len(words) + len(title), tsvector_literal(words, title)))
        terms.update(w for w in {*words, *title} if indexable(w))
    return values


class PgSearchTables:
    """Mixed into ``PostgresStore``: the passage index and the searches over it."""

    conn: PgConnection
    _df_cache: dict[tuple[str, ...], int]  # phrase → passages; () → the change it is valid for
    _match_counts: dict[tuple[str, PassageFilter], int]  # (expression, filter) → matches

    def changes(self) -> int:
        raise NotImplementedError  # PostgresStore's committed-write counter

    def pending_passages(self, pipeline: str) -> list[str]:
        rows = self.conn.execute(
            f"""SELECT d.id FROM documents d
                LEFT JOIN analyses a ON a.doc_id = d.id
                LEFT JOIN passage_docs x ON x.doc_id = d.id
                WHERE d.is_current = 1
                  AND (x.pipeline IS NULL OR x.pipeline != %s::text || '|' || {_ANALYSIS_STAMP})
                ORDER BY d.path, d.key""",
            (pipeline,),
        ).fetchall()
        return [str(r["id"]) for r in rows]

    def put_passages(self, doc_id: str, pipeline: str, spans: list[tuple[int, int]]) -> None:
        """Replace the document's passages; record what made them."""
        self.put_passages_batch(pipeline, [(doc_id, spans)])

    def put_passages_batch(
        self, pipeline: str, batch: list[tuple[str, list[tuple[int, int]]]]
    ) -> None:
        """``put_passages`` for many documents in five round trips, whatever their number."""
        ids = [doc_id for doc_id, _ in batch]
        self._unindex("p.doc_id = ANY(%s)", (ids,))
        rows = self.conn.execute(
            f"""SELECT d.id, d.text, COALESCE(d.title, '') AS title,
                       %s::text || '|' || {_ANALYSIS_STAMP} AS stamp
                FROM documents d LEFT JOIN analyses a ON a.doc_id = d.id WHERE d.id = ANY(%s)""",
            (pipeline, ids),
        ).fetchall()
        found = {str(row["id"]): row for row in rows}
        values = []
        terms: Counter[str] = Counter()
        for doc_id, spans in batch:
            if doc_id in found:
                values += _passage_values(doc_id, found[doc_id], spans, terms)
        copy_rows(self.conn, "passages", 'doc_id, start, "end", words, tsv', values)
        self._add_passages(len(values), sum(v[3] for v in values))
        if terms:
            self.conn.execute(
                """INSERT INTO passage_terms SELECT * FROM unnest(%s::text[], %s::bigint[])
                   ON CONFLICT (term) DO UPDATE
                   SET passages = passage_terms.passages + excluded.passages""",
                (list(terms), list(terms.values())),
            )
        indexed = datetime.now(UTC).isoformat()
        with self.conn.cursor() as cur:
            cur.executemany(
                """INSERT INTO passage_docs VALUES (%s, %s, %s) ON CONFLICT (doc_id) DO UPDATE
                   SET pipeline = excluded.pipeline, indexed_at = excluded.indexed_at""",
                [(doc_id, found[doc_id]["stamp"], indexed) for doc_id in ids if doc_id in found],
            )

    def drop_stale_passages(self) -> int:
        stale = "p.doc_id IN (SELECT id FROM documents WHERE is_current = 0)"
        gone = self._unindex(stale, ())
        self.conn.execute(
            "DELETE FROM passage_docs WHERE doc_id IN "
            "(SELECT id FROM documents WHERE is_current = 0)"
        )
        return gone

    def _unindex(self, where: str, args: tuple[object, ...]) -> int:
        row = self.conn.execute(
            f"""WITH gone AS (DELETE FROM passages p WHERE {where} RETURNING p.words, p.tsv),
                terms AS (UPDATE passage_terms t SET passages = t.passages - g.n
                          FROM (SELECT word, count(*) AS n
                                FROM gone, unnest(tsvector_to_array(gone.tsv)) AS word
                                GROUP BY word) g
                          WHERE t.term = g.word)
                SELECT count(*) AS n, COALESCE(sum(words), 0) AS words FROM gone""",
            args,
        ).fetchone()
        count, words = (int(row["n"]), int(row["words"])) if row else (0, 0)
        self._add_passages(-count, -words)
        return count

    def _add_passages(self, count: int, words: int) -> None:
        if count:
            self.conn.execute(
                """INSERT INTO search_counts VALUES ('passages', %s), ('words', %s)
                   ON CONFLICT (name) DO UPDATE SET value = search_counts.value + excluded.value""",
                (count, words),
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
        """Matching passages, best BM25 first (FTS5's formula), with text and metadata."""
        parsed = parse_match(match)
        clauses, args = _filters(where)
        join = " JOIN documents d ON d.id = p.doc_id" if clauses else ""
        first = None if newest is None else self._newest_start(parsed, newest)
        if first is not None:
            clauses.append("p.id >= %s")
            args.append(first)
        words = sorted({w for phrase in parsed.phrases for w in phrase})
        # The query words' positions, cut out of each tsvector in C: weight D (which
        # passages never use) marks them, ts_filter keeps them; then the title's alone.
        candidates = self.conn.execute(
            f"""SELECT p.id, p.words, ts_filter(setweight(p.tsv, 'D', %s), '{{D}}')::text AS hits,
                       ts_filter(setweight(ts_filter(p.tsv, '{{B}}'), 'D', %s), '{{D}}')::text
                       AS title
                FROM passages p{join}
                WHERE {" AND ".join(["p.tsv @@ %s::tsquery", *clauses])}""",
            (words, words, parsed.tsquery, *args),
        ).fetchall()
        if first is None:
            # Every match was a candidate: the count a results page shows comes free.
            self._fresh_caches()
            self._match_counts[(match, where)] = len(candidates)
        scores = self._score(parsed, candidates)
        ranked = sorted(scores, key=lambda pair: (-pair[1], pair[0]))[offset : offset + limit]
        rows = {r["id"]: r for r in self._rows([pid for pid, _ in ranked])}
        return [_passage(rows[pid], score) for pid, score in ranked if pid in rows]

    def _score(self, parsed: Match, candidates: list[dict[str, Any]]) -> list[tuple[int, float]]:
        total, words = self._totals()
        idfs = [idf(total, count) for count in self._phrase_counts(parsed.phrases)]
        average = words / total if total else 0.0
        scored = []
        for cand in candidates:
            positions = query_positions(cand["hits"], cand["title"])
            hits = [phrase_hits(phrase, positions) for phrase in parsed.phrases]
            score = bm25(hits, idfs, cand["words"], average, TITLE_WEIGHT)
            scored.append((int(cand["id"]), score))
        return scored

    def _phrase_counts(self, phrases: tuple[tuple[str, ...], ...]) -> list[int]:
        """Passages holding each phrase, remembered until the next committed write.

        An exact count per phrase is what BM25's idf needs; words recur from query to
        query (a web session, an ``ask``), and the count only changes with the index.
        """
        cache = self._fresh_caches()
        missing = [phrase for phrase in dict.fromkeys(phrases) if phrase not in cache]
        words = [phrase[0] for phrase in missing if len(phrase) == 1]
        found = self._term_rows(words) if words else {}  # every single word in one lookup
        for phrase in missing:
            cache[phrase] = (
                found.get(phrase[0], 0) if len(phrase) == 1 else self._phrase_rows(phrase)
            )
        return [cache[phrase] for phrase in phrases]

    def _fresh_caches(self) -> dict[tuple[str, ...], int]:
        """The phrase counts, emptied (with the match counts) after any committed write."""
        stamp = self.changes()
        cache = self._df_cache
        if cache.get(()) != stamp or len(cache) > DF_CACHE_SIZE:
            cache.clear()
            cache[()] = stamp
            self._match_counts.clear()
        return cache

    def _phrase_rows(self, phrase: tuple[str, ...]) -> int:
        """Passages holding a phrase of several words (one GIN count)."""
        query = " <-> ".join(lexeme(w) for w in phrase)
        row = self.conn.execute(
            "SELECT count(*) AS n FROM passages WHERE tsv @@ %s::tsquery", (query,)
        ).fetchone()
        return int(row["n"]) if row else 0

    def _totals(self) -> tuple[int, int]:
        rows = self.conn.execute("SELECT name, value FROM search_counts").fetchall()
        found = {r["name"]: int(r["value"]) for r in rows}
        return found.get("passages", 0), found.get("words", 0)

    def _rows(self, ids: list[int]) -> list[dict[str, Any]]:
        return self.conn.execute(f"{_ROW} WHERE p.id = ANY(%s)", (ids,)).fetchall()

    def _newest_start(self, parsed: Match, count: int) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM passages WHERE tsv @@ %s::tsquery ORDER BY id DESC LIMIT 1 OFFSET %s",
            (parsed.tsquery, count - 1),
        ).fetchone()
        return None if row is None else int(row["id"])

    def count_passages(self, match: str, where: PassageFilter, *, cap: int = MAX_COUNT) -> int:
        self._fresh_caches()
        if (match, where) in self._match_counts:
            return min(self._match_counts[(match, where)], cap)
        parsed = parse_match(match)
        clauses, args = _filters(where)
        join = " JOIN documents d ON d.id = p.doc_id" if clauses else ""
        row = self.conn.execute(
            f"""SELECT count(*) AS n FROM (SELECT 1 FROM passages p{join}
                WHERE {" AND ".join(["p.tsv @@ %s::tsquery", *clauses])} LIMIT %s) s""",
            (parsed.tsquery, *args, cap),
        ).fetchone()
        return int(row["n"]) if row else 0

    def passage_stats(self, terms: list[str]) -> tuple[int, dict[str, int]]:
        total = self.passage_count()
        return total, self.term_counts(terms, cap=total + 1)

    def passage_count(self) -> int:
        return self._totals()[0]

    def term_counts(self, terms: list[str], *, cap: int) -> dict[str, int]:
        found = self._term_rows(terms)
        return {term: min(found.get(term, 0), cap) for term in dict.fromkeys(terms)}

    def _term_rows(self, terms: list[str]) -> dict[str, int]:
        """Passages holding each word, from the kept counts (one lookup for them all)."""
        rows = self.conn.execute(
            "SELECT term, passages FROM passage_terms WHERE term = ANY(%s)", (terms,)
        ).fetchall()
        return {str(r["term"]): int(r["passages"]) for r in rows}

    def passages_covering(self, spans: list[tuple[str, int, int]]) -> tuple[int, ...]:
        if not spans:
            return ()
        docs, starts, ends = (list(column) for column in zip(*spans, strict=True))
        rows = self.conn.execute(
            """SELECT DISTINCT p.id FROM unnest(%s::text[], %s::int[], %s::int[]) AS s(d, a, b)
               JOIN passages p ON p.doc_id = s.d AND p.start <= s.a AND p."end" >= s.b
               ORDER BY p.id""",
            (docs, starts, ends),
        ).fetchall()
        return tuple(int(r["id"]) for r in rows)

    def passage_rows(self) -> Iterator[PassageRow]:
        for row in self.conn.execute(f"{_ROW} ORDER BY p.id").fetchall():
            yield _passage(row, 0.0)


def _passage(row: dict[str, Any], score: float) -> PassageRow:
    return PassageRow(
        int(row["id"]),
        row["doc_id"],
        row["start"],
        row["end"],
        score,
        row["text"],
        row["title"],
        row["publisher"],
        row["published"],
    )


def _filters(where: PassageFilter) -> tuple[list[str], list[object]]:
    """SQL conditions on ``p`` (passages) and ``d`` (documents) with their arguments."""
    clauses: list[str] = []
    args: list[object] = []
    if where.outlets is not None:
        clauses.append("d.publisher = ANY(%s)")
        args.append(list(where.outlets))
    if where.date_from:
        clauses.append(f"(COALESCE(d.published_hi, d.published) || '{_END}') COLLATE \"C\" >= %s")
        args.append(where.date_from)
    if where.date_to:
        clauses.append('COALESCE(d.published_lo, d.published) COLLATE "C" <= %s')
        args.append(where.date_to + _END)
    if where.doc:
        clauses.append("p.doc_id = %s")
        args.append(where.doc)
    if where.passages is not None:
        clauses.append("p.id = ANY(%s)")
        args.append(list(where.passages))
    return clauses, args
