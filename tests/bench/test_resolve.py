"""The resolution benchmark: generated mentions, their known clusters, every figure reported.

Names are given directly (no spaCy, no ../shared), except in the one test marked
``shared``. No test checks a timing: speed depends on the machine.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from storyline.bench import resolve
from storyline.bench.__main__ import main
from storyline.bench.resolve import clean_name, growth, pairwise_scores, run, seed_names
from storyline.bench.variants import (
    SeedName,
    add_accent,
    cyrillic,
    given_initial,
    mentions,
    respell,
    swap_letters,
)
from storyline.settings import Settings

SEEDS = [
    SeedName("Kurmanbek Bakiyev", "PERSON"),
    SeedName("Roza Otunbayeva", "PERSON"),
    SeedName("Almazbek Atambayev", "PERSON"),
    SeedName("Mikhail Khodorkovsky", "PERSON"),
    SeedName("Yulia Tymoshenko", "PERSON"),
    SeedName("Elena Zhukova", "PERSON"),
    SeedName("Harbour Trust", "ORG"),
    SeedName("Ardan Mining Company", "ORG"),
    SeedName("Kumtor Gold", "ORG"),
    SeedName("Bishkek", "GPE"),
    SeedName("Kyrgyzstan", "GPE"),
    SeedName("Osh", "GPE"),
    SeedName("Issyk-Kul", "LOC"),
    SeedName("Ferghana Valley", "LOC"),
]
SIZE_KEYS = {
    "items", "entities", "seconds", "cpu_seconds", "load", "pairs", "pair_ratio",
    "pairs_per_item", "merges", "skipped_keys", "windowed_keys",
    "true_pairs", "predicted_pairs", "precision", "recall", "f1",
}  # fmt: skip


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    """One bench run on the invented names, shared by the tests that read its figures."""
    return run(None, names=SEEDS, sizes=(200, 50), command="python -m storyline.bench resolve")


def test_mentions_are_deterministic_and_nested() -> None:
    first = mentions(SEEDS, 300)
    assert first == mentions(SEEDS, 300)
    assert mentions(SEEDS, 120) == first[:120]
    assert mentions(SEEDS, 300, seed=1) != first
    assert all(m.type == SEEDS[m.entity].type for m in first)


def test_most_mentions_are_respelt_and_some_are_not() -> None:
    found = mentions(SEEDS, 300)
    changed = sum(m.name != SEEDS[m.entity].name for m in found)
    assert 0.4 * len(found) < changed < 0.8 * len(found)
    assert any(any("\u0400" <= c <= "\u04ff" for c in m.name) for m in found)


def test_respellings_of_each_kind() -> None:
    rng = random.Random(0)
    assert given_initial("Kurmanbek Bakiyev", "PERSON") == "K. Bakiyev"
    assert given_initial("Harbour Trust", "ORG") is None
    assert cyrillic("Elena Zhukova", "PERSON") == "Елена Жукова"
    assert cyrillic("Issyk-Kul", "LOC") is None
    assert swap_letters("Bakiev", rng) == "Bakyev"
    assert swap_letters("Bob", rng) is None
    assert add_accent("Osh", rng) is None
    assert add_accent("Kumtor", rng) in {"Kümtor", "Kumtör"}
    assert respell("Osh", "GPE", random.Random(3)) != "Osh"


def test_clean_name_keeps_names_and_drops_spans_that_are_not() -> None:
    assert clean_name("the Federal Reserve", "ORG") == "Federal Reserve"
    assert clean_name("Elon Musk’s", "PERSON") == "Elon Musk"
    assert clean_name("Bank of England", "ORG") == "Bank of England"
    assert clean_name("Justin K. Thompson", "PERSON") == "Justin K. Thompson"
    for span in ("Google / Apple", "Meta, Snap", "Kindle deals Apple", "Warlock\n\nWarlocks"):
        assert clean_name(span, "ORG") is None
    assert clean_name("Trump", "PERSON") is None  # one-word persons are never merged
    assert clean_name("3rd & 28", "ORG") is None
    assert clean_name("EU", "ORG") is None


def test_seed_names_are_distinct_by_skeleton_with_their_usual_label() -> None:
    spans = [("Bishkek", "GPE"), ("Bishkek", "ORG"), ("Bishkek", "GPE"), ("Bishkekk", "ORG")]
    spans += [("Roza Otunbayeva", "PERSON"), ("Roza Otunbaeva", "PERSON"), ("Apple", "DATE")]
    assert seed_names(spans) == [
        SeedName("Bishkek", "GPE"),
        SeedName("Roza Otunbaeva", "PERSON"),
    ]


def test_pairwise_scores_count_pairs_per_cell() -> None:
    scores = pairwise_scores([0, 0, 1, 1], ["a", "a", "a", "b"])
    assert scores["true_pairs"] == 2 and scores["predicted_pairs"] == 3
    assert scores["precision"] == round(1 / 3, 4) and scores["recall"] == 0.5
    assert scores["f1"] == 0.4
    alone = pairwise_scores([0, 1], ["a", "b"])
    assert alone["precision"] == alone["recall"] == 1.0


def test_growth_exponent_is_one_for_linear_and_two_for_quadratic() -> None:
    results = [{"items": 100, "seconds": 1.0}, {"items": 1000, "seconds": 10.0}]
    results.append({"items": 10_000, "seconds": 1000.0})
    assert [g["exponent"] for g in growth(results)] == [1.0, 2.0]
    assert growth(results)[0]["from"] == 100 and growth(results)[0]["to"] == 1000
    assert "cpu_exponent" not in growth(results)[0]


def test_growth_reports_cpu_seconds_when_measured() -> None:
    small = {"items": 100, "seconds": 3.0, "cpu_seconds": 1.0}
    large = {"items": 1000, "seconds": 300.0, "cpu_seconds": 10.0}
    assert growth([small, large]) == [
        {"from": 100, "to": 1000, "exponent": 2.0, "cpu_exponent": 1.0}
    ]


def test_run_reports_each_size(report: dict[str, Any]) -> None:
    assert report["bench"] == "resolve"
    assert report["command"] == "python -m storyline.bench resolve"
    assert report["seed_names"]["source"] == "given"
    assert report["seed_names"]["names"] == len(SEEDS)
    assert [s["items"] for s in report["sizes"]] == [50, 200]
    for size in report["sizes"]:
        assert set(size) == SIZE_KEYS
        assert 0 <= size["pair_ratio"] < 1
        assert 0 <= size["pairs"] < size["items"] * (size["items"] - 1) // 2
        assert 0 <= size["precision"] <= 1 and 0 <= size["recall"] <= 1
        assert 0 <= size["f1"] <= 1 and size["seconds"] >= 0 and size["cpu_seconds"] >= 0
        assert size["pairs_per_item"] == round(size["pairs"] / size["items"], 2)
        assert size["entities"] <= len(SEEDS) and size["true_pairs"] > 0
    assert [(g["from"], g["to"]) for g in report["growth"]] == [(50, 200)]
    assert report["machine"]["cpu_count"] >= 1
    json.dumps(report)


def test_run_needs_names_or_data() -> None:
    with pytest.raises(ValueError, match="seed names"):
        run(None, sizes=(10,))
    with pytest.raises(ValueError, match="no seed names"):
        run(None, names=[], sizes=(10,))


def test_cli_runs_the_resolve_bench(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "corpus_train.json").write_text("[]", encoding="utf-8")
    seen: dict[str, Any] = {}

    def fake_run(data: Path, **options: Any) -> dict[str, Any]:
        seen.update(options, data=data)
        return {"bench": "resolve"}

    monkeypatch.setattr(resolve, "run", fake_run)
    assert main(["resolve", "--data", str(tmp_path), "--sizes", "50,200"]) == 0
    assert json.loads(capsys.readouterr().out) == {"bench": "resolve"}
    assert seen["data"] == tmp_path and seen["sizes"] == (50, 200) and seen["limit"] is None
    assert main(["resolve", "--data", str(tmp_path)]) == 0
    assert seen["sizes"] == resolve.SIZES


@pytest.mark.parametrize("sizes", ["", "10,x", "1"])
def test_cli_refuses_sizes_that_are_not_counts(tmp_path: Path, sizes: str) -> None:
    (tmp_path / "corpus_train.json").write_text("[]", encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["resolve", "--data", str(tmp_path), "--sizes", sizes])


@pytest.mark.shared
def test_multihop_articles_give_seed_names(shared_dir: Path) -> None:
    data = shared_dir / "datasets" / "multihop-rag"
    if not (data / "corpus_train.json").is_file():
        pytest.skip("MultiHop-RAG is not in ../shared")
    seeds = seed_names(resolve.ner_spans(data, 3, Settings()))
    assert seeds and {s.type for s in seeds} <= set(resolve.LABELS)
    assert all(clean_name(s.name, s.type) == s.name for s in seeds)
