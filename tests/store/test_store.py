"""Every store backend: versions, outcomes, statements, atomic transactions, migrations.

Each test runs on SQLite and on PostgreSQL (the ``any_store`` fixture of conftest.py).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from storyline.errors import NotFoundError
from storyline.model import Document, Outcome, Precision, Statement, Status
from storyline.store import FileState, open_store
from storyline.store.base import Store

MakeDoc = Callable[..., Document]


@pytest.fixture
def store(any_store: Store) -> Store:
    return any_store


def test_document_round_trip(store: Store, make_doc: MakeDoc) -> None:
    doc = make_doc("a.txt", "The governor resigned.", author="Jane Roe")
    with store.transaction():
        status, stored = store.put_document(doc)
    assert status is Status.INGESTED
    again = store.get_document(doc.id)
    assert again == stored
    assert again.removed[0].reason == "navigation"
    assert again.meta.published.precision is Precision.DAY


def test_same_document_again_is_unchanged(store: Store, make_doc: MakeDoc) -> None:
    doc = make_doc("a.txt", "The governor resigned.")
    with store.transaction():
        store.put_document(doc)
        status, _ = store.put_document(doc)
    assert status is Status.UNCHANGED
    assert len(list(store.documents(include_superseded=True))) == 1


def test_new_text_is_a_new_version_and_the_old_one_is_kept(store: Store, make_doc: MakeDoc) -> None:
    old, new = make_doc("a.txt", "First text."), make_doc("a.txt", "Second text.")
    with store.transaction():
        store.put_document(old)
        status, stored = store.put_document(new)
    assert status is Status.UPDATED and stored.version == 2
    assert [d.id for d in store.documents()] == [new.id]
    assert {d.id for d in store.documents(include_superseded=True)} == {old.id, new.id}
    assert store.current_document_id("a.txt") == new.id


def test_reverting_to_an_old_text_makes_it_current_again(store: Store, make_doc: MakeDoc) -> None:
    old, new = make_doc("a.txt", "First text."), make_doc("a.txt", "Second text.")
    with store.transaction():
        store.put_document(old)
        store.put_document(new)
        status, _ = store.put_document(old)
    assert status is Status.UPDATED
    assert store.current_document_id("a.txt") == old.id


def test_failure_keeps_the_earlier_document(store: Store, make_doc: MakeDoc) -> None:
    doc = make_doc("a.txt", "The governor resigned.")
    with store.transaction():
        store.put_document(doc)
        store.put_outcome(Outcome("a.txt", "a.txt", Status.INGESTED, doc_id=doc.id))
        store.put_outcome(Outcome("a.txt", "a.txt", Status.FAILED, "vanished", code="E206"))
    (row,) = store.sources()
    assert row.status == "failed" and row.reason == "vanished"
    assert row.doc_id == doc.id
    assert store.get_document(doc.id).text == doc.text


def test_a_failed_transaction_writes_nothing(store: Store, make_doc: MakeDoc) -> None:
    doc = make_doc("a.txt", "The governor resigned.")
    with pytest.raises(RuntimeError), store.transaction():
        store.put_document(doc)
        store.put_file(FileState("a.txt", "f" * 64, "p", ("a.txt",)))
        raise RuntimeError("killed halfway")
    assert list(store.documents()) == []
    assert store.file_state("a.txt") is None


def test_statements_round_trip(store: Store, make_doc: MakeDoc) -> None:
    doc = make_doc("a.txt", "The governor resigned.")
    stmt = Statement("s1", "m1", "mention", "PERSON", doc.id, 4, 12, "test.v1", 0.9)
    with store.transaction():
        store.put_document(doc)
        store.put_statements([stmt, stmt])
    assert list(store.statements(doc.id)) == [stmt]


def test_missing_document_is_not_found(store: Store, make_doc: MakeDoc) -> None:
    with pytest.raises(NotFoundError):
        store.get_document("nope")


def test_reopening_migrates_nothing_and_keeps_the_data(
    store: Store, store_url: str, make_doc: MakeDoc
) -> None:
    doc = make_doc("a.txt", "The governor resigned.")
    with store.transaction():
        store.put_document(doc)
    store.close()
    again = open_store(store_url)
    try:
        assert [d.id for d in again.documents()] == [doc.id]
    finally:
        again.close()


def test_statements_by_property_in_text_order(store: Store, make_doc: MakeDoc) -> None:
    doc = make_doc("a.txt", "The governor resigned on Monday.")
    later = Statement("s2", "t1", "timex", "2019-03-11", doc.id, 23, 32, "timex.v1", 1.0)
    first = Statement("s1", "m1", "mention", "PERSON", doc.id, 4, 12, "test.v1", 0.9)
    with store.transaction():
        store.put_document(doc)
        store.put_statements([later, first])
    assert list(store.statements(doc.id)) == [first, later]
    assert list(store.statements(prop="timex")) == [later]


def test_many_statements_load_in_bulk_without_duplicates(store: Store, make_doc: MakeDoc) -> None:
    doc = make_doc("a.txt", "word " * 400)
    many = [
        Statement(f"s{i}", f"m{i}", "mention", "PERSON", doc.id, i * 5, i * 5 + 4, "t.v1", 1.0)
        for i in range(400)
    ]
    with store.transaction():
        store.put_document(doc)
        store.put_statements(many)
        store.put_statements(many[:250])  # again: already stored, kept once
    assert list(store.statements(doc.id)) == many


def test_judgements_round_trip_and_removal(store: Store) -> None:
    with store.transaction():
        made = store.add_judgement("merge", ["a"], ["b"], "ana", "2026-01-01T00:00:00", "same")
    assert store.judgements() == [made]
    with store.transaction():
        store.remove_judgement(made.id)
    assert store.judgements() == []
    with pytest.raises(NotFoundError):
        store.remove_judgement(made.id)
