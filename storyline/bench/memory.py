"""Peak memory of the analysis stage, each corpus size measured in a fresh process."""

from __future__ import annotations

import multiprocessing
import resource
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from storyline.bench.documents import article_documents
from storyline.bench.ingest import load_multihop
from storyline.nlp.analyse import analyse_documents
from storyline.settings import Settings

# Share of the corpus measured against the whole: memory must not grow between the two.
SMALL_SHARE = 4


def max_rss_mb() -> float:
    """This process's peak resident memory in MB (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def analyse_and_measure(data: Path, limit: int, settings: Settings) -> float:
    """Analyse the first ``limit`` articles in one process; return its peak memory in MB.

    Documents are made and analyses dropped one at a time, as ``storyline build``
    streams them: nothing here holds the corpus's analyses.
    """
    articles = load_multihop(data)[:limit]
    single = settings.with_overrides({"n_process": 1})
    for _ in analyse_documents(article_documents(articles, single), single):
        pass
    return max_rss_mb()


def peak_rss_mb(data: Path, limit: int, settings: Settings) -> float:
    """Peak memory of a fresh (spawned) process analysing the first ``limit`` articles."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(analyse_and_measure, data, limit, settings).result()


def memory_growth(data: Path, total: int, settings: Settings) -> dict[str, Any]:
    """Peak memory for a quarter of the articles and for all; their ratio should stay near 1."""
    small = max(1, total // SMALL_SHARE)
    small_mb = peak_rss_mb(data, small, settings)
    full_mb = peak_rss_mb(data, total, settings)
    return {
        "n_process": 1,
        "articles": {"quarter": small, "all": total},
        "peak_rss_mb": {"quarter": round(small_mb, 1), "all": round(full_mb, 1)},
        "rss_growth": round(full_mb / small_mb, 3),
    }
