"""Extraction benchmark: its cost on top of the analysis, and the story views at scale.

Two figures. First, on the same articles in the same run: bare ``nlp.pipe``, our analysis
stage, and extraction (events, quotes, claims, relations) over the analysis's output,
in words per second. Second, the cross-document views (timeline with event coreference,
claims compared into conflicts) over a store of many documents: the analysed and
extracted articles are copied under new document ids (same statements, same entities),
so that 10k documents cost no 10k parses; copies of one article tell the same events,
which is the hard case for event coreference (large groups).
"""

from __future__ import annotations

import dataclasses
import tempfile
import time
from pathlib import Path
from typing import Any

from storyline.bench.analyse import count_words, machine, time_bare, versions, warm_model
from storyline.bench.documents import article_documents
from storyline.bench.ingest import load_multihop
from storyline.extract.context import load_context
from storyline.extract.stage import extract_context, pipeline_id
from storyline.hashing import content_id
from storyline.model import Document, Statement
from storyline.nlp.analyse import Analysis, analyse_documents
from storyline.nlp.spacy_model import load_model
from storyline.query.story import story
from storyline.settings import Settings
from storyline.store import SQLiteStore

# Documents in the stores the story views are timed on.
SCALES = (1_000, 10_000)
GOALS = {"extraction_vs_analysis_s": "as small as possible; report the ratio"}


@dataclasses.dataclass(frozen=True)
class Extracted:
    doc: Document
    analysis: Analysis
    statements: list[Statement]


def time_stages(docs: list[Document], settings: Settings) -> tuple[float, float, list[Extracted]]:
    """Seconds of our analysis and of extraction over its output, and what they made."""
    start = time.perf_counter()
    analyses = list(analyse_documents(docs, settings))
    analysed = time.perf_counter() - start
    vocab = load_model(settings.spacy_model).vocab
    by_id = {doc.id: doc for doc in docs}
    start = time.perf_counter()
    out = []
    for analysis in analyses:
        doc = by_id[analysis.doc_id]
        ctx = load_context(doc, analysis.statements, analysis.parse, vocab)
        out.append(Extracted(doc, analysis, extract_context(ctx)))
    return analysed, time.perf_counter() - start, out


def copied(item: Extracted, number: int) -> tuple[Document, list[Statement], list[Statement]]:
    """The article again under a new id: its analysis and extraction statements moved over."""
    doc_id = content_id("d", item.doc.id, str(number))
    doc = dataclasses.replace(item.doc, id=doc_id, key=f"{item.doc.key}@{number}")

    def move(stmts: list[Statement]) -> list[Statement]:
        return [
            dataclasses.replace(s, id=content_id("s", s.id, str(number)), doc=doc_id) for s in stmts
        ]

    return doc, move(item.analysis.statements), move(item.statements)


def build_store(path: Path, items: list[Extracted], size: int) -> None:
    """A store of ``size`` documents made of copies of ``items``."""
    store = SQLiteStore(path)
    with store.transaction():
        for n in range(size):
            doc, analysis, extracted = copied(items[n % len(items)], n // len(items))
            store.put_document(doc)
            store.put_analysis(doc.id, "bench", analysis, parse=b"", model="bench")
            store.put_extraction(doc.id, pipeline_id(), extracted)
    store.close()


def time_views(items: list[Extracted], size: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kb.db"
        build_store(path, items, size)
        store = SQLiteStore(path)
        try:
            start = time.perf_counter()
            found = story(store)
            seconds = time.perf_counter() - start
        finally:
            store.close()
    return {
        "documents": size,
        "seconds": round(seconds, 2),
        "event_mentions": sum(len(e["mentions"]) for e in found["events"]),
        "events": len(found["events"]),
        "claims": len(found["claims"]),
        "conflicts": len(found["conflicts"]),
        "agreements": len(found["agreements"]),
    }


def run(
    data: Path,
    *,
    limit: int | None = None,
    scales: tuple[int, ...] = SCALES,
    settings: Settings | None = None,
    command: str = "",
) -> dict[str, Any]:
    settings = settings or Settings()
    articles = load_multihop(data)[:limit]
    docs = list(article_documents(articles, settings))
    texts = [doc.text for doc in docs]
    words = count_words(texts)
    warm_model(settings)
    bare = time_bare(texts, settings, 1)
    analysed, extracted, items = time_stages(docs, settings)
    counts = {
        prop: sum(1 for item in items for s in item.statements if s.property == prop)
        for prop in ("event", "quote", "claim", "relation")
    }
    return {
        "bench": "extract",
        "command": command,
        "machine": machine(),
        "versions": versions(settings),
        "articles": len(docs),
        "words": words,
        "bare_words_per_s": round(words / bare, 1),
        "analysis_words_per_s": round(words / analysed, 1),
        "extraction_words_per_s": round(words / extracted, 1),
        "analysis_plus_extraction_vs_bare": round(bare / (analysed + extracted), 3),
        "extraction_share_of_analysis": round(extracted / analysed, 3),
        "found": counts,
        "views": [time_views(items, size) for size in scales],
        "goals": GOALS,
    }
