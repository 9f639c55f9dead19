"""MultiHop-RAG (Tang & Yang, COLM 2024): retrieval over 609 news articles, 2,556 questions.

Data: ``corpus_train.json`` and ``queries_train.json`` (see the dataset's SOURCE.md).
The corpus is built into a knowledge base by the full pipeline (``multihop_rag_store``),
passages are the paper's size (whole sentences up to 256 words), and every method
ranks those same passages; documents are ranked by their best passage.

Methods, each an object with the same keys:

- top level and ``hybrid``: ``multi_search`` (whole question, each outlet it names,
  each part), fused by reciprocal rank; with dense vectors too when the ``dense``
  extra is installed;
- ``bm25``: our ``search`` alone (FTS5 BM25 with name expansion), the question as is;
- ``dense``: null unless the ``dense`` extra is installed; then all-MiniLM-L6-v2 cosine
  over the same passages (``search_dense``), the vectors embedded into the cached store
  on the first run (``dense_embedding`` says how many, how fast); ``hybrid`` is then the
  RRF (k = 60) of ``multi_search`` and dense, and ``lexical`` ``multi_search`` alone;
- ``bm25_baseline``: plain BM25 (``bm25s``, English stop words) over the same passages.

Figures (``multihop_rag_metrics``): document level over the 2,255 questions with
evidence, and the paper's chunk metrics over the same questions (null questions
dropped, as the paper does). ``null_abstention``, ``answered`` and
``citation_precision`` come from ``storyline.query.answer.ask`` when it exists, else null.

Split: one split exists. Choices were tuned on the questions with an even index
(``dev``) and are reported on all questions, with ``dev`` and the odd-index ``test`` half
beside them.
"""

from __future__ import annotations

import importlib
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from storyline.eval.multihop_rag_metrics import chunk_figures, document_figures
from storyline.eval.multihop_rag_store import CORPUS, EVAL_PASSAGES, QUERIES, built_store
from storyline.query.search import search
from storyline.query.search_multi import multi_search
from storyline.store.base import PassageRow, Store

DATASET = "multihop-rag"
SPLIT = "dev: questions with an even index (tuning); test: odd index; top level: all"
# Passages each method returns per question: enough for ten distinct documents.
DEPTH = 50
GOALS = {
    "all_evidence@4": 0.60,
    "all_evidence@10": 0.85,
    "evidence_recall@10": 0.93,
    "hits@10": 0.92,
    "mrr@10": 0.72,
}

# A method: question → ranked (document id, passage text) pairs, best first.
Ranker = Callable[[str], list[tuple[str, str]]]


def load_queries(data: Path) -> list[dict[str, Any]]:
    queries: list[dict[str, Any]] = json.loads((data / QUERIES).read_text(encoding="utf-8"))
    return queries


def url_map(store: Store) -> dict[str, str]:
    """Article URL → document id: how evidence items name their articles."""
    return {doc.meta.url: doc.id for doc in store.documents() if doc.meta.url}


def figures(
    ranker: Ranker, queries: Sequence[dict[str, Any]], urls: dict[str, str]
) -> dict[str, float]:
    """Document and chunk figures of one method over questions that have evidence."""
    rankings: list[list[str]] = []
    golds: list[set[str]] = []
    chunks: list[list[str]] = []
    facts: list[list[str]] = []
    for query in queries:
        ranked = ranker(query["query"])
        rankings.append([doc for doc, _ in ranked])
        chunks.append([text for _, text in ranked[:10]])
        golds.append({urls[e["url"]] for e in query["evidence_list"] if e["url"] in urls})
        facts.append([e["fact"] for e in query["evidence_list"]])
    found = document_figures(rankings, golds) | chunk_figures(chunks, facts)
    return {key: round(value, 4) for key, value in found.items()}


def by_half(
    ranker: Ranker, queries: list[tuple[int, dict[str, Any]]], urls: dict[str, str]
) -> dict[str, Any]:
    """Figures on all questions, with the dev (even) and test (odd) halves beside them."""
    everything = figures(ranker, [q for _, q in queries], urls)
    dev = figures(ranker, [q for i, q in queries if i % 2 == 0], urls)
    test = figures(ranker, [q for i, q in queries if i % 2 == 1], urls)
    return everything | {"dev": dev, "test": test}


def ours_bm25(store: Store) -> Ranker:
    def rank(question: str) -> list[tuple[str, str]]:
        return [(h.doc, h.text) for h in search(store, question, limit=DEPTH).hits]

    return rank


def ours_multi(store: Store, *, dense: bool = False) -> Ranker:
    def rank(question: str) -> list[tuple[str, str]]:
        return [(h.doc, h.text) for h in multi_search(store, question, limit=DEPTH, dense=dense)]

    return rank


def ours_dense(store: Store) -> Ranker:
    from storyline.query.search_dense import dense_search

    def rank(question: str) -> list[tuple[str, str]]:
        return [(r.doc, r.text) for r in dense_search(store, question, DEPTH, embed=False)]

    return rank


def dense_figures(
    store: Store, evidence: list[tuple[int, dict[str, Any]]], urls: dict[str, str]
) -> dict[str, Any]:
    """``dense``, ``lexical`` and ``dense_embedding`` when the extra is installed (else {})."""
    from storyline.query import search_dense

    if not search_dense.available():
        return {}
    started = time.perf_counter()
    embedded = search_dense.embed_pending(store)
    seconds = time.perf_counter() - started
    return {
        "dense": by_half(ours_dense(store), evidence, urls),
        "lexical": by_half(ours_multi(store, dense=False), evidence, urls),
        "hybrid": by_half(ours_multi(store, dense=True), evidence, urls),
        "dense_embedding": {
            "model": search_dense.MODEL,
            "embedded": embedded,
            "seconds": round(seconds, 1),
            "per_second": round(embedded / seconds, 1) if embedded and seconds else None,
        },
    }


def bm25_baseline(rows: list[PassageRow]) -> Ranker:
    """Plain BM25 (bm25s defaults, English stop words) over the same passages."""
    import bm25s  # type: ignore[import-untyped]

    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize([r.text for r in rows], stopwords="en", show_progress=False),
                    show_progress=False)  # fmt: skip

    def rank(question: str) -> list[tuple[str, str]]:
        tokens = bm25s.tokenize([question], stopwords="en", show_progress=False)
        found, _ = retriever.retrieve(tokens, k=min(DEPTH, len(rows)), show_progress=False)
        return [(rows[int(i)].doc, rows[int(i)].text) for i in found[0]]

    return rank


def answer_figures(
    store: Store, queries: Sequence[dict[str, Any]], urls: dict[str, str]
) -> dict[str, Any]:
    """Abstention on null questions, answers and citation precision on the others (or null)."""
    empty: dict[str, Any] = {"null_abstention": None, "answered": None, "citation_precision": None}
    try:
        module = importlib.import_module("storyline.query.answer")
    except ImportError:
        return empty
    ask = getattr(module, "ask", None)
    if ask is None:
        return empty
    nulls = [q for q in queries if not q["evidence_list"]]
    others = [q for q in queries if q["evidence_list"]]
    abstained = sum(bool(ask(store, q["query"]).abstained) for q in nulls)
    answered = cited = right = 0
    for query in others:
        answer = ask(store, query["query"])
        if answer.abstained:
            continue
        answered += 1
        gold = {urls.get(e["url"]) for e in query["evidence_list"]}
        cited += len(answer.citations)
        right += sum(c.doc in gold for c in answer.citations)
    return {
        "null_abstention": round(abstained / max(1, len(nulls)), 4),
        "answered": round(answered / max(1, len(others)), 4),
        "citation_precision": round(right / cited, 4) if cited else None,
    }


def score(data: Path | None) -> dict[str, Any]:
    """Every method's figures on MultiHop-RAG, measured in one run."""
    if data is None or not (data / CORPUS).is_file():
        raise FileNotFoundError(f"no {CORPUS} in {data} (pass --data …/multihop-rag)")
    started = time.perf_counter()
    store = built_store(data)
    built = time.perf_counter() - started
    try:
        queries = load_queries(data)
        urls = url_map(store)
        evidence = [(i, q) for i, q in enumerate(queries) if q["evidence_list"]]
        rows = list(store.passage_rows())
        extra = dense_figures(store, evidence, urls)  # embeds first: hybrid then uses it
        ours = by_half(ours_multi(store), evidence, urls)
        result: dict[str, Any] = {
            key: value for key, value in ours.items() if key not in ("dev", "test")
        }
        result |= {
            "dataset": DATASET,
            "split": SPLIT,
            "questions": len(queries),
            "questions_with_evidence": len(evidence),
            "passages": len(rows),
            "passage_windows": EVAL_PASSAGES,
            "dev": ours["dev"],
            "test": ours["test"],
            "hybrid": ours,
            "bm25": by_half(ours_bm25(store), evidence, urls),
            "dense": None,
            "bm25_baseline": by_half(bm25_baseline(rows), evidence, urls),
            "goals": GOALS,
            **extra,
            "store_seconds": round(built, 1),
        }
        result |= answer_figures(store, queries, urls)
        result["seconds"] = round(time.perf_counter() - started, 1)
        return result
    finally:
        store.close()
