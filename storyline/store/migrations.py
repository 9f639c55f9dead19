"""Named schema migrations of the SQLite store, applied in order, each exactly once."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run SQL statements one by one inside the caller's transaction.

    ``executescript`` would commit the open transaction first, so a failed
    migration could leave half a schema behind.
    """
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            conn.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL in migration: {pending[:60]!r}")


def m001_documents(conn: sqlite3.Connection) -> None:
    """Sources, versioned documents, their cuts, and build runs."""
    _run_script(
        conn,
        """
        CREATE TABLE sources (
            key TEXT PRIMARY KEY,          -- URL or path (+ #item) of one article source
            path TEXT NOT NULL,            -- the file it was read from
            status TEXT NOT NULL,          -- ingested / updated / unchanged / failed
            reason TEXT NOT NULL DEFAULT '',
            code TEXT NOT NULL DEFAULT '', -- error code when failed
            doc_id TEXT,                   -- the current version, if any was ever stored
            seen_at TEXT NOT NULL
        );
        CREATE TABLE files (
            path TEXT PRIMARY KEY,
            sha TEXT NOT NULL,             -- hash of the bytes last read
            pipeline TEXT NOT NULL,        -- component versions that processed them
            keys TEXT NOT NULL,            -- JSON list of the source keys the file yielded
            seen_at TEXT NOT NULL
        );
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,           -- content hash of identity + clean text
            key TEXT NOT NULL,
            version INTEGER NOT NULL,
            is_current INTEGER NOT NULL DEFAULT 1,
            superseded_by TEXT,
            path TEXT NOT NULL,
            fmt TEXT NOT NULL,
            url TEXT, title TEXT, author TEXT, publisher TEXT,
            published TEXT, published_precision TEXT NOT NULL, published_evidence TEXT NOT NULL,
            published_lo TEXT, published_hi TEXT,
            updated TEXT, language TEXT, encoding TEXT NOT NULL,
            text TEXT NOT NULL,
            source_text TEXT NOT NULL,
            sha TEXT NOT NULL,
            evidence TEXT NOT NULL,        -- JSON: metadata field → where it came from
            warnings TEXT NOT NULL,        -- JSON list
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX documents_key ON documents(key, version);
        CREATE TABLE removed (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            reason TEXT NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (doc_id, seq)
        );
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            summary TEXT                   -- JSON counts by status
        );
        """,
    )


def m002_statements(conn: sqlite3.Connection) -> None:
    """Statements: every extracted fact with its evidence span."""
    _run_script(
        conn,
        """
        CREATE TABLE statements (
            id TEXT PRIMARY KEY,
            subject TEXT NOT NULL,
            property TEXT NOT NULL,
            value TEXT NOT NULL,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            extractor TEXT NOT NULL,
            confidence REAL NOT NULL DEFAULT 1.0
        );
        CREATE INDEX statements_doc ON statements(doc_id);
        CREATE INDEX statements_subject ON statements(subject, property);
        """,
    )


def m003_analyses(conn: sqlite3.Connection) -> None:
    """Which documents the analysis stage has done (and with which versions), and parses."""
    _run_script(
        conn,
        """
        CREATE TABLE analyses (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            pipeline TEXT NOT NULL,        -- component versions that produced the statements
            notes TEXT NOT NULL,           -- JSON list: why something was not analysed
            analysed_at TEXT NOT NULL
        );
        CREATE TABLE parses (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            model TEXT NOT NULL,
            docbin BLOB NOT NULL           -- spaCy DocBin: tokens, tags, dependencies, entities
        );
        CREATE INDEX statements_property ON statements(property, doc_id);
        """,
    )


def m004_resolution(conn: sqlite3.Connection) -> None:
    """Cross-document resolution: items' entities with evidence, canonical ids, judgements."""
    _run_script(
        conn,
        """
        CREATE TABLE resolution (
            item TEXT PRIMARY KEY,         -- document cluster: doc|type|folded fullest name
            entity TEXT NOT NULL,          -- canonical entity id
            doc_id TEXT NOT NULL,
            score REAL NOT NULL,
            features TEXT NOT NULL,        -- JSON object: feature -> value
            rule TEXT NOT NULL             -- anchor, score, judgement:ID
        );
        CREATE INDEX resolution_entity ON resolution(entity);
        CREATE TABLE canonical (
            mention TEXT PRIMARY KEY,      -- the mention statement's subject id
            entity TEXT NOT NULL,
            item TEXT NOT NULL
        );
        CREATE INDEX canonical_entity ON canonical(entity);
        CREATE TABLE judgements (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
            left_items TEXT NOT NULL,      -- JSON list of item keys
            right_items TEXT NOT NULL,
            author TEXT NOT NULL,
            created TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        );
        """,
    )


def m005_extractions(conn: sqlite3.Connection) -> None:
    """Which documents the extraction stage has done, with which versions."""
    _run_script(
        conn,
        """
        CREATE TABLE extractions (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            pipeline TEXT NOT NULL,        -- extractor versions that produced the statements
            extracted_at TEXT NOT NULL
        );
        """,
    )


def m006_passages(conn: sqlite3.Connection) -> None:
    """The passage index of search: sentence windows by offset, and their FTS5 index.

    Passage text is never stored twice: the FTS5 table's external content is a view
    that cuts each passage out of its document's clean text.
    """
    _run_script(
        conn,
        """
        CREATE TABLE passages (
            id INTEGER PRIMARY KEY,        -- the FTS5 rowid
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            UNIQUE (doc_id, start)
        );
        CREATE TABLE passage_docs (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            pipeline TEXT NOT NULL,        -- passage windows component + analysis it read
            indexed_at TEXT NOT NULL
        );
        CREATE VIEW passage_text AS
            SELECT p.id AS id, substr(d.text, p.start + 1, p."end" - p.start) AS text,
                   COALESCE(d.title, '') AS title
            FROM passages p JOIN documents d ON d.id = p.doc_id;
        CREATE VIRTUAL TABLE passage_fts USING fts5(
            text, title,
            content='passage_text', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE VIRTUAL TABLE passage_vocab USING fts5vocab(passage_fts, 'row');
        """,
    )


def m007_passage_counts(conn: sqlite3.Connection) -> None:
    """Counts search needs on every query, kept up to date instead of counted each time."""
    _run_script(
        conn,
        """
        CREATE TABLE search_counts (
            name TEXT PRIMARY KEY,         -- 'passages': rows of the passages table
            value INTEGER NOT NULL
        );
        INSERT INTO search_counts SELECT 'passages', count(*) FROM passages;
        """,
    )


def m008_resolve_state(conn: sqlite3.Connection) -> None:
    """What an incremental resolution reads instead of the whole corpus (resolve_tables.py).

    A store from before has a resolution but no state: its next build resolves the
    whole corpus once (``resolve_docs`` is empty, so every document is pending).
    """
    _run_script(
        conn,
        """
        CREATE INDEX canonical_item ON canonical(item);
        CREATE TABLE resolve_items (
            item TEXT PRIMARY KEY,         -- document cluster (resolution.item)
            doc_id TEXT NOT NULL,
            profile TEXT NOT NULL,         -- JSON: what resolution reads of the item
            names TEXT NOT NULL,           -- JSON list: its organisation/place names' words
            skeleton TEXT NOT NULL         -- its kind and names spelt alike
        );
        CREATE INDEX resolve_items_doc ON resolve_items(doc_id);
        CREATE TABLE resolve_keys (
            key TEXT NOT NULL,             -- a blocking key (resolve/incremental.py)
            item TEXT NOT NULL,
            sort1 TEXT NOT NULL,           -- the item's sort orders, for neighbours
            sort2 TEXT NOT NULL
        );
        CREATE INDEX resolve_keys_sort1 ON resolve_keys(key, sort1);
        CREATE INDEX resolve_keys_sort2 ON resolve_keys(key, sort2);
        CREATE INDEX resolve_keys_item ON resolve_keys(item);
        CREATE TABLE resolve_names (
            words TEXT PRIMARY KEY,        -- a distinct name's skeleton words
            items INTEGER NOT NULL         -- items carrying it
        );
        CREATE TABLE resolve_docs (
            doc_id TEXT PRIMARY KEY,       -- a document whose items are resolved
            resolver TEXT NOT NULL         -- by this resolver version
        );
        """,
    )


def m009_passage_vectors(conn: sqlite3.Connection) -> None:
    """Dense vectors of passages (store/vector_tables.py); made on first use before this."""
    _run_script(
        conn,
        """
        CREATE TABLE IF NOT EXISTS passage_vectors (
            passage_id INTEGER NOT NULL,
            model TEXT NOT NULL,
            doc_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            vector BLOB NOT NULL,          -- float32, little-endian, unit length
            PRIMARY KEY (passage_id, model)
        );
        """,
    )


# The order is the schema's history: append, never edit or reorder.
MIGRATIONS: list[tuple[str, Migration]] = [
    ("001_documents", m001_documents),
    ("002_statements", m002_statements),
    ("003_analyses", m003_analyses),
    ("004_resolution", m004_resolution),
    ("005_extractions", m005_extractions),
    ("006_passages", m006_passages),
    ("007_passage_counts", m007_passage_counts),
    ("008_resolve_state", m008_resolve_state),
    ("009_passage_vectors", m009_passage_vectors),
]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply every migration not yet applied, each in its own transaction; return their names.

    Each migration re-reads what is applied once it holds the write lock, so two
    processes opening a new file at once apply each migration exactly once.
    """
    conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    applied = []
    for name, step in MIGRATIONS:
        if _applied(conn, name):
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if not _applied(conn, name):  # another process may have applied it meanwhile
                step(conn)
                conn.execute("INSERT INTO migrations VALUES (?, datetime('now'))", (name,))
                applied.append(name)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return applied


def _applied(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone() is not None
