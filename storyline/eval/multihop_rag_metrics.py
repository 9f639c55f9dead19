"""MultiHop-RAG figures: evidence documents in the top k, and the paper's chunk metrics.

Document level (ours): a query is answered by its 2–4 evidence articles together, so
``all_evidence@k`` is the share of queries whose evidence articles are *all* among the
first k distinct documents retrieved, and ``evidence_recall@k`` the mean share of each
query's evidence articles found there.

Chunk level (the paper's ``retrieval_evaluate.py``, reproduced exactly so the figures
sit beside its table): spaces and line breaks are removed from facts and chunks; a
chunk is relevant when some gold fact is a substring of it. ``hits@k``: a relevant chunk
in the first k; ``mrr@10``: 1 / rank of the first relevant chunk; ``map@10``: the sum,
over relevant ranks, of (gold facts first found at that rank) / rank, divided by
min(number of facts, 10) — the paper's own definition, kept as it is.
"""

from __future__ import annotations

from collections.abc import Sequence


def distinct(items: Sequence[str]) -> list[str]:
    """Items in first-seen order, each once (documents ranked by their best passage)."""
    return list(dict.fromkeys(items))


def all_evidence_at(ranked: Sequence[str], gold: set[str], k: int) -> bool:
    """Every gold document is among the first ``k`` distinct ranked documents."""
    return bool(gold) and gold <= set(distinct(ranked)[:k])


def evidence_recall_at(ranked: Sequence[str], gold: set[str], k: int) -> float:
    """The share of gold documents among the first ``k`` distinct ranked documents."""
    if not gold:
        return 0.0
    return len(gold & set(distinct(ranked)[:k])) / len(gold)


def document_figures(
    rankings: Sequence[Sequence[str]], golds: Sequence[set[str]]
) -> dict[str, float]:
    """``all_evidence@4``, ``all_evidence@10``, ``evidence_recall@10`` over queries."""
    count = len(golds) or 1
    pairs = list(zip(rankings, golds, strict=True))
    return {
        "all_evidence@4": sum(all_evidence_at(r, g, 4) for r, g in pairs) / count,
        "all_evidence@10": sum(all_evidence_at(r, g, 10) for r, g in pairs) / count,
        "evidence_recall@10": sum(evidence_recall_at(r, g, 10) for r, g in pairs) / count,
    }


def squeezed(text: str) -> str:
    """The paper's normalisation: spaces and line breaks removed (nothing else)."""
    return text.replace(" ", "").replace("\n", "")


def chunk_scores(retrieved: Sequence[str], facts: Sequence[str]) -> tuple[bool, bool, float, float]:
    """(hit@4, hit@10, average precision@10, reciprocal rank@10) of one query."""
    gold = [squeezed(f) for f in facts]
    found: set[str] = set()
    first: int | None = None
    precision_sum = 0.0
    for rank, chunk in enumerate((squeezed(c) for c in retrieved[:10]), start=1):
        inside = [g for g in gold if g in chunk]
        if not inside:
            continue
        first = first or rank
        fresh = {g for g in inside if g not in found}
        precision_sum += len(fresh) / rank
        found |= fresh
    hit4 = first is not None and first <= 4
    average = precision_sum / min(len(gold), 10) if gold else 0.0
    return hit4, first is not None, average, (1 / first if first else 0.0)


def chunk_figures(
    retrieved: Sequence[Sequence[str]], facts: Sequence[Sequence[str]]
) -> dict[str, float]:
    """``hits@4``, ``hits@10``, ``map@10``, ``mrr@10`` over queries, as the paper scores."""
    scores = [chunk_scores(r, f) for r, f in zip(retrieved, facts, strict=True)]
    count = len(scores) or 1
    return {
        "hits@4": sum(s[0] for s in scores) / count,
        "hits@10": sum(s[1] for s in scores) / count,
        "map@10": sum(s[2] for s in scores) / count,
        "mrr@10": sum(s[3] for s in scores) / count,
    }
