"""Search benchmark: indexing throughput, query latency, and BM25 queries/s against bm25s.

Two indexes, each in a temporary file:

- the 609 MultiHop-RAG articles, ingested as the build does (no spaCy analysis:
  passages are cut at punctuation, which changes latency little) and indexed with the
  default passage windows; queries are the dataset's questions;
- a synthetic index of ``--passages`` passages (default 1,000,000) of Zipf-distributed
  words (``search_synthetic``); queries draw words from the same distribution.

On each: seconds and passages/s to index; ``search()`` latency p50/p95 (the whole call:
ranking, total count, snippets) one query at a time after a warm-up; FTS5 ranking alone;
and plain BM25 with ``bm25s`` over the same passage texts, same queries, same run.
"""

from __future__ import annotations

import gc
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from storyline.bench import search_synthetic
from storyline.bench.analyse import machine
from storyline.bench.documents import article_documents
from storyline.bench.ingest import load_multihop
from storyline.query.search import plan_query, search
from storyline.query.search_passages import DEFAULT_PASSAGES, index_pending
from storyline.settings import Settings
from storyline.store import SQLiteStore
from storyline.store.base import PassageFilter, Store

PASSAGES = 1_000_000
QUERIES = 500
WARM_UP = 20
# p95 latency goal of one BM25 search at a million passages (milliseconds).
GOALS = {"p95_ms_at_1m": 100.0}


def percentiles(seconds: Sequence[float]) -> dict[str, float]:
    """p50, p95 and mean in milliseconds, and queries per second one at a time."""
    values = np.asarray(seconds) * 1000
    return {
        "p50_ms": round(float(np.percentile(values, 50)), 2),
        "p95_ms": round(float(np.percentile(values, 95)), 2),
        "mean_ms": round(float(values.mean()), 2),
        "qps": round(len(values) / (values.sum() / 1000), 1),
    }


def timed(run: Callable[[str], object], queries: Sequence[str]) -> dict[str, float]:
    for query in queries[:WARM_UP]:
        run(query)
    seconds = []
    for query in queries:
        started = time.perf_counter()
        run(query)
        seconds.append(time.perf_counter() - started)
    return percentiles(seconds)


def ours(store: Store, queries: Sequence[str]) -> dict[str, Any]:
    """Our whole ``search()`` call, and its planning and ranking alone (no count, snippets)."""

    def ranking_only(query: str) -> object:
        plan = plan_query(store, query)
        return store.search_passages(plan.match, PassageFilter(), limit=10, newest=plan.window)

    return {
        "search": timed(lambda q: search(store, q, limit=10), queries),
        "ranking_only": timed(ranking_only, queries),
    }


def bm25s_baseline(store: Store, queries: Sequence[str]) -> dict[str, Any]:
    """Plain BM25 with bm25s over the same passage texts: index time and query timings."""
    import bm25s  # type: ignore[import-untyped]

    texts = [row.text for row in store.passage_rows()]
    started = time.perf_counter()
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(texts, stopwords="en", show_progress=False),
                    show_progress=False)  # fmt: skip
    index_seconds = time.perf_counter() - started
    k = min(10, len(texts))
    del texts
    gc.collect()

    def run(query: str) -> object:
        tokens = bm25s.tokenize([query], stopwords="en", show_progress=False)
        return retriever.retrieve(tokens, k=k, show_progress=False)

    return {"index_s": round(index_seconds, 2), "search": timed(run, queries)}


def real_corpus(data: Path, limit: int | None, folder: Path) -> dict[str, Any]:
    """The MultiHop-RAG articles: ingest, index with timing, then time queries."""
    import json

    settings = Settings(db=str(folder / "real.db"))
    store = SQLiteStore(folder / "real.db")
    try:
        docs = list(article_documents(load_multihop(data)[:limit], settings))
        with store.transaction():
            for doc in docs:
                store.put_document(doc)
        started = time.perf_counter()
        index_pending(store, DEFAULT_PASSAGES)
        seconds = time.perf_counter() - started
        rows = sum(1 for _ in store.passage_rows())
        raw = json.loads((data / "queries_train.json").read_text(encoding="utf-8"))
        questions = [q["query"] for q in raw][:QUERIES]
        return {
            "documents": len(docs),
            "passages": rows,
            "words": sum(len(doc.text.split()) for doc in docs),
            "index_s": round(seconds, 2),
            "passages_per_s": round(rows / seconds, 1),
            "ours": ours(store, questions),
            "bm25s": bm25s_baseline(store, questions),
        }
    finally:
        store.close()


def synthetic(passages: int, folder: Path) -> dict[str, Any]:
    """The synthetic index: fill it through the store, then time queries."""
    store = SQLiteStore(folder / "synthetic.db")
    try:
        filled = search_synthetic.fill(store, passages)
        queries = search_synthetic.queries(QUERIES, np.random.default_rng(search_synthetic.SEED))
        return {
            "passages": filled.passages,
            "words": filled.words,
            "index_s": round(filled.seconds, 1),
            "passages_per_s": round(filled.passages / filled.seconds, 1),
            "db_mb": round(os.path.getsize(folder / "synthetic.db") / 1e6, 1),
            "ours": ours(store, queries),
            "bm25s": bm25s_baseline(store, queries),
        }
    finally:
        store.close()


def run(
    data: Path, *, limit: int | None = None, passages: int = PASSAGES, command: str = ""
) -> dict[str, Any]:
    """Both indexes' figures, with the machine and its load."""
    with tempfile.TemporaryDirectory(prefix="storyline-bench-search-") as tmp:
        folder = Path(tmp)
        return {
            "bench": "search",
            "command": command,
            "machine": machine(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "ranker": "fts5-bm25.v1",
            "multihop_rag": real_corpus(data, limit, folder),
            "synthetic": synthetic(passages, folder),
            "goals": GOALS,
        }
