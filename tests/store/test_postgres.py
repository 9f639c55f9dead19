"""What the PostgreSQL store adds: the same knowledge base as SQLite, a build lock, readers
during a write, and no loss or duplicate when the server drops the connection."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.build import build
from storyline.errors import ConnectionLostError, StoreBusyError, StoreError
from storyline.export import export
from storyline.model import Document
from storyline.query.search import search
from storyline.settings import Settings
from storyline.store import SQLiteStore, open_store
from storyline.store.postgres import PostgresStore
from storyline.store.retry import write_batch

pytest.importorskip("psycopg")

MakeDoc = Callable[..., Document]
STORY = Path(__file__).resolve().parents[2] / "examples" / "story"


@pytest.fixture
def pg(pg_url: str) -> Iterator[PostgresStore]:
    store = PostgresStore(pg_url)
    yield store
    store.close()


def _kill(url: str, victim: PostgresStore) -> None:
    """End the victim's server process from another connection, as a crash or restart would."""
    import psycopg

    pid = victim.conn.raw.info.backend_pid
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(%s)", (pid,))


def _export(store: Any) -> dict[str, Any]:
    out = io.StringIO()
    export(store, "json", out)
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


def test_the_sample_corpus_gives_the_same_knowledge_base_on_both_backends(
    examples_pg: str, examples_db: Path
) -> None:
    pg = PostgresStore(examples_pg)
    sqlite = SQLiteStore(examples_db)
    try:
        assert _export(pg) == _export(sqlite)
        for query in ("Zhumaliev extradition", "asylum", "protesters killed in Tesh"):
            mine, theirs = search(pg, query, limit=8), search(sqlite, query, limit=8)
            assert mine.total == theirs.total > 0
            assert [(h.doc, h.start, round(h.score, 6)) for h in mine.hits] == [
                (h.doc, h.start, round(h.score, 6)) for h in theirs.hits
            ]
    finally:
        sqlite.close()
        pg.close()


def _scores(store: Any, match: str) -> list[float]:
    from storyline.store.base import PassageFilter

    return [round(r.score, 9) for r in store.search_passages(match, PassageFilter(), limit=5)]


def test_scores_follow_the_index_after_every_write(
    pg: PostgresStore, tmp_path: Path, make_doc: MakeDoc
) -> None:
    """Passage counts behind idf are remembered between searches, never past a write."""
    from storyline.query.search_passages import index_pending

    sqlite = SQLiteStore(tmp_path / "kb.db")
    try:
        for n, text in enumerate(["Virsk police said little.", "Virsk again, and Ardan.", "Ardan"]):
            for store in (pg, sqlite):
                with store.transaction():
                    store.put_document(make_doc(f"{n}.txt", f"{text} The council met."))
                index_pending(store)
            mine, theirs = (_scores(s, '"virsk" OR "ardan"') for s in (pg, sqlite))
            assert mine == theirs and mine
    finally:
        sqlite.close()


def test_a_second_build_is_refused_while_one_runs(pg: PostgresStore, pg_url: str) -> None:
    other = PostgresStore(pg_url)
    try:
        run = pg.start_run()
        with pytest.raises(StoreBusyError, match="another build"):
            other.start_run()
        pg.finish_run(run, {})
        other.finish_run(other.start_run(), {})  # free again once the first finished
    finally:
        other.close()


def test_readers_see_the_last_commit_while_a_build_writes(
    pg: PostgresStore, pg_url: str, make_doc: MakeDoc
) -> None:
    reader = PostgresStore(pg_url)
    first, second = make_doc("a.txt", "First text."), make_doc("b.txt", "Second text.")
    try:
        with pg.transaction():
            pg.put_document(first)
        before = reader.changes()
        with pg.transaction():
            pg.put_document(second)
            assert [d.id for d in reader.documents()] == [first.id]  # not blocked, not dirty
        assert {d.id for d in reader.documents()} == {first.id, second.id}
        assert reader.changes() > before
    finally:
        reader.close()


def test_a_dropped_connection_loses_the_batch_whole_and_the_store_goes_on(
    pg: PostgresStore, pg_url: str, make_doc: MakeDoc
) -> None:
    kept, lost = make_doc("a.txt", "Kept text."), make_doc("b.txt", "Lost text.")
    with pg.transaction():
        pg.put_document(kept)
    with pytest.raises(ConnectionLostError), pg.transaction():
        pg.put_document(lost)
        _kill(pg_url, pg)
        pg.put_document(make_doc("c.txt", "Never reached."))
    with pg.transaction():  # a new connection, transparently
        pg.put_document(lost)
    assert sorted(d.key for d in pg.documents()) == ["a.txt", "b.txt"]


def test_a_batch_lost_with_its_connection_is_redone_on_a_new_one(
    pg: PostgresStore, pg_url: str, make_doc: MakeDoc
) -> None:
    doc, other = make_doc("a.txt", "Kept text."), make_doc("b.txt", "Other text.")
    attempts = []

    def write() -> None:
        attempts.append(len(attempts) + 1)
        pg.put_document(doc)
        if len(attempts) == 1:
            _kill(pg_url, pg)
        pg.put_document(other)

    write_batch(pg, write)
    assert attempts == [1, 2]
    assert sorted(d.key for d in pg.documents()) == ["a.txt", "b.txt"]
    assert [s.key for s in pg.sources()] == []  # nothing else was written twice


def test_a_build_whose_connection_drops_resumes_without_duplicates_or_losses(
    pg_url: str, examples_db: Path
) -> None:
    store = PostgresStore(pg_url)
    settings = Settings(db=pg_url, batch_size=2)
    seen = 0

    def kill_midway(_: Path) -> None:
        nonlocal seen
        seen += 1
        if seen == 5:
            _kill(pg_url, store)

    try:
        report = build([str(STORY)], store, settings, on_file=kill_midway)
        assert seen > 5 and not report.failures()[1:]  # the one bad feed of the sample only
        assert store.conn.reconnects >= 1  # the kill happened, and the build went on
        again = build([str(STORY)], store, settings)
        assert again.analysed == 0 and again.counts()["ingested"] == 0
        sqlite = SQLiteStore(examples_db)
        try:
            assert _export(store) == _export(sqlite)
        finally:
            sqlite.close()
    finally:
        store.close()


def test_an_unreachable_server_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot connect"):
        open_store("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_word_counts_are_filled_for_a_store_indexed_before_they_were_kept(
    pg: PostgresStore, pg_url: str, make_doc: MakeDoc
) -> None:
    from storyline.query.search_passages import index_pending

    with pg.transaction():
        pg.put_document(make_doc("a.txt", "Virsk and Ardan. " * 50))
    index_pending(pg)
    kept = pg.term_counts(["virsk", "ardan", "title"], cap=1_000)
    pg.conn.execute("DROP TABLE passage_terms")
    pg.conn.execute("DELETE FROM migrations WHERE name = '008_passage_terms'")
    pg.close()
    again = PostgresStore(pg_url)  # the migration runs again, over the indexed passages
    try:
        assert again.term_counts(["virsk", "ardan", "title"], cap=1_000) == kept
        assert kept["virsk"] == kept["title"] > 1
    finally:
        again.close()


def test_query_positions_read_postgres_text_form() -> None:
    from storyline.store.pg_match import query_positions, tsvector_positions

    assert tsvector_positions("'it''s':3,9 'a\\\\b':1 'x':2") == {
        "it's": [3, 9],
        "a\\b": [1],
        "x": [2],
    }
    assert query_positions("'virsk':2,40 'ardan':7", "'virsk':40") == {
        "virsk": [(2, "A"), (40, "B")],
        "ardan": [(7, "A")],
    }
    assert query_positions("", "") == {}
