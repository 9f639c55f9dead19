"""MultiHop-RAG figures on tiny hand-made rankings: each can fail, each matches its definition."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.eval.multihop_rag import figures, load_queries
from storyline.eval.multihop_rag_metrics import (
    all_evidence_at,
    chunk_figures,
    chunk_scores,
    distinct,
    document_figures,
    evidence_recall_at,
)


def test_documents_are_ranked_by_their_best_passage() -> None:
    assert distinct(["a", "b", "a", "c", "b"]) == ["a", "b", "c"]


def test_all_evidence_needs_every_document_in_the_first_k_distinct() -> None:
    ranked = ["a", "a", "a", "b", "c", "d"]
    assert all_evidence_at(ranked, {"a", "b"}, 2)  # repeats do not use up ranks
    assert not all_evidence_at(ranked, {"a", "d"}, 3)
    assert all_evidence_at(ranked, {"a", "d"}, 4)
    assert not all_evidence_at(ranked, set(), 4)


def test_evidence_recall_is_the_share_found() -> None:
    assert evidence_recall_at(["a", "x", "b"], {"a", "b", "c"}, 10) == pytest.approx(2 / 3)
    assert evidence_recall_at(["a", "x", "b"], {"a", "b", "c"}, 2) == pytest.approx(1 / 3)


def test_document_figures_average_over_questions() -> None:
    found = document_figures([["a", "b"], ["x", "y"]], [{"a", "b"}, {"a", "y"}])
    assert found == {"all_evidence@4": 0.5, "all_evidence@10": 0.5, "evidence_recall@10": 0.75}


def test_a_chunk_holds_a_fact_ignoring_spaces_and_line_breaks() -> None:
    hit4, hit10, _, rr = chunk_scores(["nothing here", "The  cat\nsat down."], ["cat sat"])
    assert hit4 and hit10 and rr == 0.5
    assert chunk_scores(["The cat, sat"], ["cat sat"])[:2] == (False, False)  # commas count


def test_chunk_metrics_follow_the_papers_definitions() -> None:
    chunks = ["x", "x", "x", "x", "fact one", "x", "fact one and fact two"]
    hit4, hit10, average, rr = chunk_scores(chunks, ["fact one", "fact two"])
    assert (hit4, hit10) == (False, True)
    assert rr == pytest.approx(1 / 5)
    # rank 5 finds one new fact (1/5), rank 7 one more (1/7); over min(2 facts, 10)
    assert average == pytest.approx((1 / 5 + 1 / 7) / 2)


def test_only_the_first_ten_chunks_count() -> None:
    assert chunk_scores(["x"] * 10 + ["fact"], ["fact"]) == (False, False, 0.0, 0.0)


def test_chunk_figures_average_over_questions() -> None:
    found = chunk_figures([["fact"], ["no"]], [["fact"], ["fact"]])
    assert found == {"hits@4": 0.5, "hits@10": 0.5, "map@10": 0.5, "mrr@10": 0.5}


def test_figures_map_evidence_urls_to_documents() -> None:
    queries = [
        {
            "query": "q",
            "evidence_list": [{"url": "u1", "fact": "alpha"}, {"url": "u2", "fact": "b"}],
        }
    ]

    def ranker(question: str) -> list[tuple[str, str]]:
        return [("d1", "alpha text"), ("d3", "other"), ("d2", "b")]

    found = figures(ranker, queries, {"u1": "d1", "u2": "d2"})
    assert found["all_evidence@4"] == 1.0 and found["hits@4"] == 1.0
    assert found["map@10"] == pytest.approx((1 + 1 / 3) / 2, abs=1e-4)


@pytest.mark.shared
def test_the_dataset_has_the_documented_shape(shared_dir: Path) -> None:
    data = shared_dir / "datasets" / "multihop-rag"
    if not data.is_dir():
        pytest.skip("MultiHop-RAG is not in ../shared")
    queries = load_queries(data)
    corpus = json.loads((data / "corpus_train.json").read_text(encoding="utf-8"))
    assert len(queries) == 2556 and len(corpus) == 609
    assert sum(1 for q in queries if q["evidence_list"]) == 2255
