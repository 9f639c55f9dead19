"""The scale-corpus generator: same seed same bytes, the variations it promises, a clean build.

The articles here are invented (in MultiHop-RAG's format) so that no test needs ../shared,
except the last, which reads the real dataset and is skipped without it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from pathlib import Path

import pytest

from storyline.bench import corpus_render
from storyline.bench.__main__ import main as bench_main
from storyline.bench.corpus import CorpusManifest, generate_corpus, main
from storyline.bench.corpus_render import READ_MORE, SKIP_LINE
from storyline.bench.corpus_text import shift_dates
from storyline.bench.pages import COOKIE, NAV, SHARE
from storyline.build import build
from storyline.settings import Settings
from storyline.store import SQLiteStore

PEOPLE = ("Kubat Zhumaliyev", "Dmitriy Kovalenko", "Aigerim Sultanova", "Nurlan Bekkhanov")
PLACES = ("Ardan", "Kostrava", "Tolmek", "Vessary")
CREDIT = "This article first appeared in"


def invented_body(person: str, place: str, paragraphs: int = 12) -> str:
    """Paragraphs of three dated sentences naming ``person`` in full and by surname."""
    surname = person.split(" ")[1]
    return "\n\n".join(
        f"{person} said on Tuesday, November {n + 1}, 2023 that the {place} bridge works "
        f"were in phase {n}. {surname} added that crews had finished section {n} early. "
        f"Residents of {place} expect traffic to return by December {n + 2}, officials said."
        for n in range(paragraphs)
    )


RECORDS = [
    {
        "title": f"{place} bridge works enter a new phase",
        "author": None if n == 2 else f"Jane Roe{'s' * n}",
        "source": f"The {place} Post",
        "published_at": f"2023-11-{20 + n} 08:45:59.000000000Z",
        "category": "news",
        "url": f"https://example.org/{place.lower()}",
        "body": invented_body(person, place),
    }
    for n, (person, place) in enumerate(zip(PEOPLE, PLACES, strict=True))
]


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("multihop")
    (folder / "corpus_train.json").write_text(json.dumps(RECORDS), encoding="utf-8")
    return folder


def generate(source: Path, out: Path, **options: object) -> CorpusManifest:
    settings: dict[str, object] = {
        "docs": 40, "words": 60, "seed": 0, "fmt": "jsonl", "duplicate_share": 0.1,
    }  # fmt: skip
    settings.update(options)
    return generate_corpus(source, out, **settings)  # type: ignore[arg-type]


def records(out: Path) -> list[dict[str, str]]:
    return [
        json.loads(line)
        for shard in sorted((out / "docs").rglob("*.jsonl"))
        for line in shard.read_text(encoding="utf-8").splitlines()
    ]


def is_furniture(paragraph: str) -> bool:
    return (
        paragraph in (SKIP_LINE, COOKIE, " ".join(SHARE))
        or paragraph.startswith((*READ_MORE, "Subscribe to ", "©"))
        or all(item in NAV for item in paragraph.split(" | "))
    )


def article_part(body: str) -> list[str]:
    """The article's paragraphs of a generated body: furniture left out."""
    return [p for p in body.split("\n\n") if not is_furniture(p)]


def test_same_seed_gives_the_same_bytes(source: Path, tmp_path: Path) -> None:
    for name, seed in (("a", 0), ("b", 0), ("c", 1)):
        generate(source, tmp_path / name, seed=seed)
    files = {name: sorted((tmp_path / name).rglob("*.*")) for name in "abc"}
    same = [a.read_bytes() == b.read_bytes() for a, b in zip(files["a"], files["b"], strict=True)]
    assert len(files["a"]) == 2 and all(same)  # the shard and the manifest
    assert (tmp_path / "a/docs/0000/0000000.jsonl").read_bytes() != (
        tmp_path / "c/docs/0000/0000000.jsonl"
    ).read_bytes()


def test_documents_are_sharded(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(corpus_render, "ARTICLES_PER_SHARD", 10)
    monkeypatch.setattr(corpus_render, "FILES_PER_FOLDER", 4)
    manifest = generate(source, tmp_path / "jsonl", docs=45)
    shards = sorted((tmp_path / "jsonl/docs").rglob("*.jsonl"))
    assert manifest.files == len(shards) == 5
    assert len(records(tmp_path / "jsonl")) == manifest.docs == 45
    assert len({s.parent for s in shards}) == 2
    generate(source, tmp_path / "txt", docs=9, fmt="txt")
    folders = sorted((tmp_path / "txt/docs").iterdir())
    assert [len(list(f.iterdir())) for f in folders] == [4, 4, 1]


def test_duplicates_are_near_copies_under_other_outlets(source: Path, tmp_path: Path) -> None:
    manifest = generate(source, tmp_path, docs=40, duplicate_share=0.1)
    assert manifest.duplicates == 4
    seen: dict[str, dict[str, str]] = {}
    copies = 0
    for record in records(tmp_path):
        first = article_part(record["body"])[0]
        if first in seen:  # every sentence is dated and names are respelt: only copies repeat
            copies += 1
            assert record["publisher"] != seen[first]["publisher"]
            assert record["url"] != seen[first]["url"]
            assert article_part(record["body"]) != article_part(seen[first]["body"])
        seen.setdefault(first, record)
    assert copies == 4


def test_names_are_respelt(source: Path, tmp_path: Path) -> None:
    manifest = generate(source, tmp_path)
    assert manifest.respelt_names > 0 and manifest.docs_with_variants > 0
    text = " ".join(r["body"] for r in records(tmp_path))
    words = set(re.findall(r"\b[A-ZА-Я][\w.]+", text))
    surnames = {p.split(" ")[1] for p in PEOPLE}
    respelt = {
        w for w in words - surnames if difflib.get_close_matches(w, surnames, n=1, cutoff=0.75)
    }
    assert respelt, "no surname appears respelt"


def test_every_format_has_furniture(source: Path, tmp_path: Path) -> None:
    for fmt in ("jsonl", "txt", "html"):
        generate(source, tmp_path / fmt, docs=10, fmt=fmt)
        texts = [p.read_text(encoding="utf-8") for p in (tmp_path / fmt).rglob(f"*.{fmt}")]
        whole = "".join(texts)
        assert "All rights reserved" in whole and COOKIE in whole and "| " in whole
    for page in texts:  # the last format: HTML pages
        assert "<nav" in page and "<footer>" in page and "og:site_name" in page
        assert "article:published_time" in page and "<title>" in page


def test_words_cap(source: Path, tmp_path: Path) -> None:
    manifest = generate(source, tmp_path, words=60)
    for record in records(tmp_path):
        article = [p for p in article_part(record["body"]) if not p.startswith(CREDIT)]
        assert 0 < sum(len(p.split()) for p in article) <= 60
    assert manifest.total_words <= 40 * (60 + len(CREDIT.split()) + 4)
    whole = generate(source, tmp_path / "whole", words=0, docs=4, duplicate_share=0)
    assert whole.total_words == sum(len(str(r["body"]).split()) for r in RECORDS)


def test_dates_move_by_whole_weeks() -> None:
    around = dt.datetime(2023, 11, 21, tzinfo=dt.UTC)
    moved = shift_dates("on Tuesday, Nov. 28, 2023, and in the 2023 season", -60, around)
    assert moved == "on Tuesday, Oct. 4, 2022, and in the 2022 season"
    assert dt.date(2022, 10, 4).weekday() == dt.date(2023, 11, 28).weekday()
    assert shift_dates("back in 1998", -60, around) == "back in 1998"
    assert shift_dates("from December 1st to 9 Dec", 2, around) == "from December 15th to 23 Dec"


@pytest.mark.parametrize("fmt", ["jsonl", "txt", "html"])
def test_build_ingests_every_document(source: Path, tmp_path: Path, fmt: str) -> None:
    """Every document is stored, near-copies included.

    A document's id hashes its address (the URL, or for a text dump its file name) with
    its text, and the store merges only the same id: a near-copy under another URL is a
    document of its own. Finding it is the job of later stages, not of ingestion.
    """
    manifest = generate(source, tmp_path / "corpus", docs=12, fmt=fmt, duplicate_share=0.1)
    assert manifest.duplicates == 1
    store = SQLiteStore(tmp_path / "kb.db")
    settings = Settings(db=str(tmp_path / "kb.db"), analyse=False, resolve=False)
    report = build([str(tmp_path / "corpus" / "docs")], store, settings)
    docs = list(store.documents())
    store.close()
    assert report.counts()["failed"] == 0
    assert report.counts()["ingested"] == len(docs) == 12
    assert not any(COOKIE[:30] in d.text or "All rights reserved" in d.text for d in docs)
    assert all(d.meta.published.value for d in docs)


def test_command_lines(source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--docs", "5", "--out", str(tmp_path), "--data", str(source), "--format", "txt"]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["docs"] == 5
    assert bench_main(["corpus", *args]) == 2  # the folder already holds a corpus
    assert "already holds documents" in capsys.readouterr().err


@pytest.mark.shared
def test_real_dataset(shared_dir: Path, tmp_path: Path) -> None:
    data = shared_dir / "datasets" / "multihop-rag"
    if not (data / "corpus_train.json").is_file():
        pytest.skip("MultiHop-RAG is not in ../shared")
    manifest = generate_corpus(data, tmp_path, docs=30, words=300, seed=0, fmt="jsonl")
    assert manifest.source_articles == 609 and manifest.docs == len(records(tmp_path)) == 30
    assert manifest.duplicates == 1 and manifest.respelt_names > 0
