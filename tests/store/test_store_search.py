"""The passage index of every store backend: incremental, never duplicated, old versions gone."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from storyline.hashing import content_id
from storyline.model import DatedValue, Document, Precision
from storyline.query.search_passages import index_pending
from storyline.store import SQLiteStore, open_store
from storyline.store.base import PassageFilter, Store

MakeDoc = Callable[..., Document]
TEXT = "The governor fled on Tuesday. Police searched his house in Virsk."


@pytest.fixture
def store(any_store: Store) -> Store:
    return any_store


def _put(store: Store, doc: Document) -> None:
    with store.transaction():
        store.put_document(doc)


def _new_text(doc: Document, text: str) -> Document:
    return dataclasses.replace(doc, id=content_id("d", doc.key, text), text=text)


def _count(store: Store, table: str) -> int:
    """Rows of ``table`` counted in SQL (checks the kept counts against the rows)."""
    conn = getattr(store, "conn")  # noqa: B009 - both backends have one; the protocol does not
    return int(conn.execute(f"SELECT count(*) AS n FROM {table}").fetchone()["n"])


def _hits(store: Store, word: str, where: PassageFilter | None = None) -> list[str]:
    rows = store.search_passages(f'"{word}"', where or PassageFilter(), limit=10)
    return [r.text for r in rows]


def test_indexing_twice_adds_nothing(store: Store, make_doc: MakeDoc) -> None:
    _put(store, make_doc("a.txt", TEXT))
    assert index_pending(store) == 1
    passages = _count(store, "passages")
    assert index_pending(store) == 0
    assert _count(store, "passages") == passages
    assert _hits(store, "virsk") == [TEXT]


def test_a_new_version_replaces_the_old_passages(store: Store, make_doc: MakeDoc) -> None:
    doc = make_doc("a.txt", TEXT)
    _put(store, doc)
    index_pending(store)
    _put(store, _new_text(doc, "The governor returned to Ardan on Friday."))
    assert index_pending(store) == 1
    assert _hits(store, "virsk") == []
    assert _hits(store, "ardan") == ["The governor returned to Ardan on Friday."]
    assert _count(store, "passages") == 1
    if isinstance(store, SQLiteStore):
        assert store.conn.execute("INSERT INTO passage_fts(passage_fts) VALUES('integrity-check')")


def test_passage_text_is_the_documents_text_at_its_offsets(store: Store, make_doc: MakeDoc) -> None:
    doc = make_doc("a.txt", "Бакиев уехал в Минск. " * 80)
    _put(store, doc)
    index_pending(store)
    rows = store.search_passages('"минск"', PassageFilter(), limit=100)
    assert len(rows) > 1
    assert all(doc.text[r.start : r.end] == r.text for r in rows)


def test_filters_narrow_by_outlet_date_and_document(store: Store, make_doc: MakeDoc) -> None:
    old = make_doc("a.txt", TEXT, publisher="The Ledger")
    later = DatedValue("2021-06", Precision.MONTH, "date line")
    new = make_doc("b.txt", TEXT + " Again.", publisher="Courier")
    new = dataclasses.replace(new, meta=dataclasses.replace(new.meta, published=later))
    for doc in (old, new):
        _put(store, doc)
    index_pending(store)
    assert len(_hits(store, "virsk")) == 2
    assert len(_hits(store, "virsk", PassageFilter(outlets=("Courier",)))) == 1
    assert len(_hits(store, "virsk", PassageFilter(outlets=()))) == 0
    assert _hits(store, "virsk", PassageFilter(date_from="2021-06-30")) == [TEXT + " Again."]
    assert _hits(store, "virsk", PassageFilter(date_to="2019")) == [TEXT]
    assert _hits(store, "virsk", PassageFilter(date_from="2019-03", date_to="2019-03-14")) == [TEXT]
    assert _hits(store, "virsk", PassageFilter(doc=new.id)) == [TEXT + " Again."]
    assert store.count_passages('"virsk"', PassageFilter(outlets=("The Ledger",))) == 1
    assert store.publishers() == ["Courier", "The Ledger"]


def test_passages_covering_spans(store: Store, make_doc: MakeDoc) -> None:
    doc = make_doc("a.txt", "Short one. " + "word " * 200 + "end.")
    _put(store, doc)
    index_pending(store)
    ids = store.passages_covering([(doc.id, 0, 5), ("nope", 0, 1)])
    assert len(ids) == 1
    total, frequency = store.passage_stats(["word", "absent"])
    assert total == 3 and frequency == {"word": 2, "absent": 0}  # "Short one." alone, then 2


def test_resolution_stamp_changes_with_a_run(store: Store) -> None:
    before = store.resolution_stamp()
    store.finish_run(store.start_run(), {})
    assert store.resolution_stamp() != before


def test_newest_ranks_only_the_latest_matches(store: Store, make_doc: MakeDoc) -> None:
    docs = [make_doc(f"{i}.txt", f"Virsk report number {i}.") for i in range(5)]
    for doc in docs:
        _put(store, doc)
        index_pending(store)  # one document per pass: row ids follow the order
    rows = store.search_passages('"virsk"', PassageFilter(), limit=10, newest=2)
    assert sorted(r.text for r in rows) == ["Virsk report number 3.", "Virsk report number 4."]
    assert len(store.search_passages('"virsk"', PassageFilter(), limit=10, newest=50)) == 5
    assert store.count_passages('"virsk"', PassageFilter(), cap=3) == 3
    assert store.passage_count() == 5


def test_issue_7_rebuilds_index_only_what_changed(tmp_path: Path, store_url: str) -> None:
    from storyline.build import build
    from storyline.settings import Settings

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Envoy recalled\n\n" + TEXT + "\n", encoding="utf-8")
    (folder / "b.txt").write_text("Other story\n\nThe mayor opened a bridge.\n", encoding="utf-8")
    settings = Settings(db=store_url, analyse=False)
    store = open_store(store_url)
    try:
        assert build([str(folder)], store, settings).indexed == 2
        passages = _count(store, "passages")
        assert build([str(folder)], store, settings).indexed == 0
        assert _count(store, "passages") == passages == store.passage_count()
        (folder / "a.txt").write_text("Envoy returns\n\nThe envoy came back to Ardan.\n")
        assert build([str(folder)], store, settings).indexed == 1
        assert _hits(store, "virsk") == []
        assert _hits(store, "ardan") == ["The envoy came back to Ardan."]
        assert _count(store, "passages") == store.passage_count()
    finally:
        store.close()


def _word_counts(store: Store, words: list[str]) -> dict[str, int]:
    """Passages holding each word, counted by searching for it (no kept count)."""
    return {w: store.count_passages(f'"{w}"', PassageFilter(outlets=(PUBLISHER,))) for w in words}


PUBLISHER = "The Ledger"
WORDS = ["governor", "virsk", "ardan", "friday", "it", "title", "absent"]


def test_kept_word_counts_follow_every_change(store: Store, make_doc: MakeDoc) -> None:
    docs = [
        make_doc("a.txt", TEXT, publisher=PUBLISHER),
        make_doc("b.txt", "It's Friday in Virsk. " * 60, publisher=PUBLISHER),
    ]
    for doc in docs:
        _put(store, doc)
    index_pending(store)
    assert store.term_counts(WORDS, cap=1_000) == _word_counts(store, WORDS)
    assert store.term_counts(["virsk"], cap=1_000)["virsk"] > 2
    _put(store, _new_text(docs[0], "The governor returned to Ardan on Friday."))
    index_pending(store)
    store.drop_stale_passages()
    counted = _word_counts(store, WORDS)
    assert counted["ardan"] == 1 and counted["absent"] == 0
    assert store.term_counts(WORDS, cap=1_000) == counted
    assert store.term_counts(["virsk"], cap=2) == {"virsk": 2}


def test_scores_and_counts_agree_with_a_fresh_search(store: Store, make_doc: MakeDoc) -> None:
    for i in range(4):
        text = f"Virsk report {i}. " + "The governor of Virsk spoke. " * i + "Nothing else."
        _put(store, make_doc(f"{i}.txt", text))
    index_pending(store)
    match = '"virsk" OR "governor of virsk"'
    first = store.search_passages(match, PassageFilter(), limit=2)
    total = store.count_passages(match, PassageFilter())
    assert total == 4 and len(first) == 2
    assert [r.score for r in first] == sorted((r.score for r in first), reverse=True)
    everything = store.search_passages(match, PassageFilter(), limit=10)
    assert [r.id for r in everything[:2]] == [r.id for r in first]
    assert everything[0].text.count("governor of Virsk") == 3  # the phrase counted, not words
