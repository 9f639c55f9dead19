"""Ingestion benchmark: our whole ingest step against bare trafilatura on the same pages."""

from __future__ import annotations

import json
import platform
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

import trafilatura

from storyline.bench.pages import COOKIE, NEWSLETTER, SHARE, Article, sentences, write_pages
from storyline.build import build
from storyline.ingest.html_text import normalise
from storyline.settings import Settings
from storyline.store import SQLiteStore

# Page furniture that must never reach a document's text.
FURNITURE = (COOKIE[:40], NEWSLETTER[:40], SHARE[0], "All rights reserved", "Related articles")
# Sentences shorter than this are too generic to count ("Source?").
MIN_SENTENCE = 25


def load_multihop(data: Path) -> list[Article]:
    """The MultiHop-RAG news articles (corpus_train.json) as page inputs."""
    records = json.loads((data / "corpus_train.json").read_text(encoding="utf-8"))
    return [
        Article(
            title=r["title"],
            body=r["body"],
            source=r["source"],
            author=None if r.get("author") in (None, "None") else r["author"],
            published=r.get("published_at"),
            url=r.get("url"),
        )
        for r in records
    ]


def time_bare_extraction(pages: list[Path]) -> tuple[float, dict[str, str]]:
    """Seconds for bare ``trafilatura.extract`` over the pages (read beforehand), and texts."""
    texts = [p.read_text(encoding="utf-8") for p in pages]
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        extracted = [trafilatura.extract(text) or "" for text in texts]
    seconds = time.perf_counter() - start
    return seconds, {p.stem: text for p, text in zip(pages, extracted, strict=True)}


def time_build(folder: Path, db: Path) -> tuple[float, dict[str, int]]:
    """Seconds for ``storyline build`` of the folder (reading, cleaning, metadata, storing)."""
    store = SQLiteStore(db)
    start = time.perf_counter()
    settings = Settings(db=str(db), analyse=False, resolve=False)  # ingest alone is timed
    report = build([str(folder)], store, settings)
    seconds = time.perf_counter() - start
    store.close()
    return seconds, report.counts()


def stored_texts(db: Path) -> dict[str, str]:
    store = SQLiteStore(db)
    docs = {Path(d.path).stem: d.text for d in store.documents()}
    store.close()
    return docs


def quality(articles: list[Article], docs: dict[str, str]) -> dict[str, float]:
    """Share of article sentences kept, and of documents with page furniture left in."""
    kept = total = leaked = 0
    for number, article in enumerate(articles):
        text = normalise(docs.get(f"{number:05d}", ""))
        found = [normalise(s) in text for s in sentences(article.body) if len(s) >= MIN_SENTENCE]
        total += len(found)
        kept += sum(found)
        leaked += any(f in text for f in FURNITURE)
    return {"sentence_recall": kept / max(total, 1), "furniture_leak_rate": leaked / len(articles)}


def run(data: Path, *, limit: int | None = None) -> dict[str, Any]:
    articles = load_multihop(data)[:limit]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        pages = write_pages(articles, folder)
        megabytes = sum(p.stat().st_size for p in pages) / 1e6
        bare, bare_texts = time_bare_extraction(pages)
        first, counts = time_build(folder, Path(tmp) / "kb.db")
        again, counts_again = time_build(folder, Path(tmp) / "kb.db")
        figures = quality(articles, stored_texts(Path(tmp) / "kb.db"))
        baseline = quality(articles, bare_texts)
    return {
        "pages": len(pages),
        "megabytes": round(megabytes, 1),
        "machine": f"{platform.machine()}, {cpu_cores()} cores, Python {platform.python_version()}",
        "bare_trafilatura_s": round(bare, 2),
        "storyline_build_s": round(first, 2),
        "ratio_to_bare": round(first / bare, 2),
        "rebuild_unchanged_s": round(again, 3),
        "rebuild_share_of_first": round(again / first, 4),
        "first_counts": counts,
        "rebuild_counts": counts_again,
        **{k: round(v, 4) for k, v in figures.items()},
        "baseline": {k: round(v, 4) for k, v in baseline.items()},
    }


def cpu_cores() -> int:
    """CPU cores this process may run on (fewer than the machine's under a CPU limit)."""
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
