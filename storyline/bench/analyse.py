"""Analysis benchmark: our analysis stage against bare spaCy on the same texts, speed and memory."""

from __future__ import annotations

import dataclasses
import importlib.metadata
import os
import platform
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from storyline.bench.documents import article_documents
from storyline.bench.ingest import cpu_cores, load_multihop
from storyline.bench.memory import memory_growth
from storyline.model import Document
from storyline.nlp.analyse import analyse_documents
from storyline.nlp.spacy_model import load_model
from storyline.settings import Settings

# spaCy process counts timed by default: one, and two to show the stage scales.
PROCESSES = (1, 2)
# What the figures should reach (rss_growth: peak memory flat as the corpus grows).
GOALS = {"ours_vs_bare_1proc": 0.5, "ours_2proc_vs_1proc": 1.6, "rss_growth": 1.0}
# A text parsed before timing, so the first batch does not pay for lazy set-up.
WARM_TEXT = "Storyline warms the pipeline up before the clock starts."


@dataclasses.dataclass(frozen=True)
class Timing:
    """One timed pass over the texts."""

    words: int
    seconds: float

    @property
    def words_per_s(self) -> float:
        return self.words / max(self.seconds, 1e-9)

    def as_json(self) -> dict[str, float]:
        return {
            "words": self.words,
            "seconds": round(self.seconds, 3),
            "words_per_s": round(self.words_per_s, 1),
        }


def count_words(texts: Iterable[str]) -> int:
    """Whitespace-separated words in ``texts``: the unit of every speed figure."""
    return sum(len(text.split()) for text in texts)


def warm_model(settings: Settings) -> float:
    """Load the spaCy model (once per process) and parse a line; return the load seconds."""
    start = time.perf_counter()
    nlp = load_model(settings.spacy_model)
    seconds = time.perf_counter() - start
    nlp(WARM_TEXT)
    return seconds


def time_bare(texts: list[str], settings: Settings, n_process: int) -> float:
    """Seconds for bare ``nlp.pipe`` over ``texts``, consuming every parsed doc."""
    nlp = load_model(settings.spacy_model)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.spacy_batch_size, n_process=n_process):
        pass
    return time.perf_counter() - start


def time_ours(docs: list[Document], settings: Settings, n_process: int) -> float:
    """Seconds for our whole analysis stage over ``docs``, each analysis dropped at once."""
    chosen = settings.with_overrides({"n_process": n_process})
    start = time.perf_counter()
    for _ in analyse_documents(docs, chosen):
        pass
    return time.perf_counter() - start


def time_runs(
    docs: list[Document], settings: Settings, *, processes: Iterable[int]
) -> dict[str, Timing]:
    """Bare spaCy and our stage, interleaved, for each process count: ``bare_1proc``, …"""
    texts = [doc.text for doc in docs]
    words = count_words(texts)
    runs = {}
    for n in processes:
        runs[f"bare_{n}proc"] = Timing(words, time_bare(texts, settings, n))
        runs[f"ours_{n}proc"] = Timing(words, time_ours(docs, settings, n))
    return runs


def speed_ratios(runs: dict[str, Timing]) -> dict[str, float]:
    """Ours against bare per process count, and each count against one process."""
    counts = [name.removeprefix("ours_") for name in runs if name.startswith("ours_")]
    ratios = {}
    for count in counts:
        ours, bare = runs[f"ours_{count}"], runs[f"bare_{count}"]
        ratios[f"ours_vs_bare_{count}"] = ours.words_per_s / bare.words_per_s
    if "1proc" in counts:
        for count in (c for c in counts if c != "1proc"):
            for side in ("ours", "bare"):
                one, many = runs[f"{side}_1proc"], runs[f"{side}_{count}"]
                ratios[f"{side}_{count}_vs_1proc"] = many.words_per_s / one.words_per_s
    return {name: round(value, 3) for name, value in ratios.items()}


def machine() -> dict[str, Any]:
    """Where the figures were taken: they mean little without it."""
    return {
        "cpu_count": os.cpu_count(),
        "cores_available": cpu_cores(),
        "platform": platform.platform(),
        "python": platform.python_version(),
    }


def versions(settings: Settings) -> dict[str, str]:
    """spaCy's version and the model package's."""
    try:
        model = importlib.metadata.version(settings.spacy_model)
    except importlib.metadata.PackageNotFoundError:  # a model loaded from a folder
        model = str(load_model(settings.spacy_model).meta.get("version", "unknown"))
    spacy = importlib.metadata.version("spacy")
    return {"spacy": spacy, "model": settings.spacy_model, "model_version": model}


def run(
    data: Path,
    *,
    limit: int | None = None,
    settings: Settings | None = None,
    processes: Iterable[int] = PROCESSES,
    command: str = "",
) -> dict[str, Any]:
    """Time bare spaCy and our stage on the dataset's articles; measure peak memory."""
    settings = settings or Settings()
    articles = load_multihop(data)[:limit]
    docs = list(article_documents(articles, settings))
    load_seconds = warm_model(settings)
    runs = time_runs(docs, settings, processes=processes)
    return {
        "bench": "analyse",
        "command": command,
        "machine": machine(),
        "versions": versions(settings),
        "articles": len(articles),
        "texts": len(docs),
        "words": count_words(doc.text for doc in docs),
        "spacy_batch_size": settings.spacy_batch_size,
        "model_load_s": round(load_seconds, 3),
        **{name: timing.as_json() for name, timing in runs.items()},
        "ratios": speed_ratios(runs),
        "memory": memory_growth(data, len(articles), settings),
        "goals": GOALS,
    }
