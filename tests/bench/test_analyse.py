"""The analysis benchmark: documents made as the build makes them, every figure reported.

No test here checks a timing: speed depends on the machine. They check that the
bench measures what it says on the texts it says.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storyline.bench import analyse
from storyline.bench.__main__ import main
from storyline.bench.analyse import count_words, run, speed_ratios
from storyline.bench.documents import article_documents
from storyline.bench.ingest import load_multihop
from storyline.bench.pages import Article
from storyline.settings import Settings

RECORDS = [
    {
        "title": "Harbour bridge reopens",
        "author": "Jane Roe",
        "source": "The Ardan Post",
        "published_at": "2023-11-27 08:45:59.000000000Z",
        "url": "https://example.org/bridge",
        "body": "The harbour bridge in Ardan reopened on Monday after two years of repairs.\n\n"
        "Mayor Kubat Zhumaliyev said the work cost $14 million.",
    },
    {
        "title": "Council votes on budget",
        "author": None,
        "source": "Ardan Daily",
        "url": "https://example.org/budget",
        "body": "The city council approved a budget of 3 billion lari last week.",
    },
    {
        "title": "Rain expected",
        "author": "None",
        "source": "Weather Desk",
        "published_at": "2023-10-06 21:31:00.000000000Z",
        "body": "Heavy rain is expected across the valley tomorrow, forecasters said.",
    },
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A MultiHop-RAG-shaped folder holding three invented articles."""
    folder = tmp_path_factory.mktemp("multihop")
    (folder / "corpus_train.json").write_text(json.dumps(RECORDS), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def report(corpus: Path) -> dict[str, Any]:
    """One bench run, one process only, shared by the tests that read its figures."""
    return run(corpus, processes=(1,), command="python -m storyline.bench analyse")


def test_documents_are_english_and_dated_from_the_record(corpus: Path) -> None:
    docs = list(article_documents(load_multihop(corpus), Settings()))
    assert len(docs) == 3
    assert {doc.meta.language for doc in docs} == {"en"}
    assert docs[0].meta.published.value == "2023-11-27"
    assert docs[2].meta.published.value == "2023-10-06"
    assert docs[0].meta.publisher == "The Ardan Post"
    assert "Mayor Kubat Zhumaliyev" in docs[0].text


def test_an_article_without_text_is_left_out_not_fatal() -> None:
    empty = Article("Empty", " \n ", "Nowhere", None, None, None)
    full = Article("Full", "A real sentence about the harbour.", "Somewhere", None, None, None)
    docs = list(article_documents([empty, full], Settings()))
    assert [doc.meta.title for doc in docs] == ["Full"]


def test_run_reports_speed_and_context(report: dict[str, Any]) -> None:
    words = sum(len(str(r["body"]).split()) for r in RECORDS)
    assert report["articles"] == report["texts"] == 3
    assert report["words"] == words
    for name in ("bare_1proc", "ours_1proc"):
        assert report[name]["words"] == words
        assert report[name]["seconds"] > 0
        assert report[name]["words_per_s"] > 0
    assert "ours_2proc" not in report
    assert set(report["ratios"]) == {"ours_vs_bare_1proc"}
    _assert_positive_float(report["ratios"]["ours_vs_bare_1proc"])
    assert report["model_load_s"] >= 0
    assert report["command"] == "python -m storyline.bench analyse"
    assert report["machine"]["cpu_count"] >= 1 and report["machine"]["platform"]
    assert report["versions"]["spacy"] and report["versions"]["model_version"]


def test_memory_is_measured_for_a_quarter_and_for_all(report: dict[str, Any]) -> None:
    memory = report["memory"]
    assert memory["articles"] == {"quarter": 1, "all": 3}
    assert memory["peak_rss_mb"]["quarter"] > 10 and memory["peak_rss_mb"]["all"] > 10
    _assert_positive_float(memory["rss_growth"])


def test_ratios_compare_process_counts_when_both_ran() -> None:
    runs = {
        "bare_1proc": analyse.Timing(1000, 1.0),
        "ours_1proc": analyse.Timing(1000, 2.0),
        "bare_2proc": analyse.Timing(1000, 0.5),
        "ours_2proc": analyse.Timing(1000, 1.0),
    }
    assert speed_ratios(runs) == {
        "ours_vs_bare_1proc": 0.5,
        "ours_vs_bare_2proc": 0.5,
        "ours_2proc_vs_1proc": 2.0,
        "bare_2proc_vs_1proc": 2.0,
    }


def test_words_are_whitespace_separated() -> None:
    assert count_words(["one two\nthree", "  four\tfive  ", ""]) == 5


def test_cli_runs_the_analyse_bench(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: dict[str, Any] = {}

    def fake_run(data: Path, **options: Any) -> dict[str, Any]:
        seen.update(options, data=data)
        return {"bench": "analyse"}

    monkeypatch.setattr(analyse, "run", fake_run)
    assert main(["analyse", "--data", str(corpus), "--limit", "2"]) == 0
    assert json.loads(capsys.readouterr().out) == {"bench": "analyse"}
    assert seen["data"] == corpus and seen["limit"] == 2
    assert seen["command"].endswith(f"analyse --data {corpus} --limit 2")


def test_cli_refuses_a_folder_without_the_corpus(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(["analyse", "--data", str(tmp_path)])


@pytest.mark.shared
def test_multihop_articles_become_dated_documents(shared_dir: Path) -> None:
    data = shared_dir / "datasets" / "multihop-rag"
    if not (data / "corpus_train.json").is_file():
        pytest.skip("MultiHop-RAG is not in ../shared")
    docs = list(article_documents(load_multihop(data)[:3], Settings()))
    assert len(docs) == 3
    assert all(doc.meta.published.value for doc in docs)
    assert all(doc.meta.language == "en" and doc.text.strip() for doc in docs)


def _assert_positive_float(value: object) -> None:
    assert isinstance(value, float) and value > 0
