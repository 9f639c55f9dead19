"""The knowledge base the MultiHop-RAG scorer searches: the 609 articles, fully built, cached.

``corpus_train.json`` goes through ``storyline build`` as any user's JSON file would
(reader, cleaning, spaCy analysis, extraction, resolution), so the scorer measures the
product, entity expansion included. That takes minutes on two cores, so the built
store is kept under ``~/.cache/storyline/eval/`` (``$XDG_CACHE_HOME`` when set), named by
the SHA-256 of the data and of every component version and source file of the stages
that produce it: a change to either builds a fresh store.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from storyline.build import build
from storyline.build import pipeline_id as ingest_pipeline
from storyline.extract.stage import pipeline_id as extract_pipeline
from storyline.nlp.analyse import pipeline_id as analysis_pipeline
from storyline.query.search_passages import index_pending
from storyline.settings import Settings
from storyline.store import SQLiteStore

CORPUS = "corpus_train.json"
QUERIES = "queries_train.json"
# The paper's chunk size (LlamaIndex SentenceSplitter, 256) as whole-sentence windows.
EVAL_PASSAGES = "sentences-256w.v1"
# Packages whose code decides what the built store holds.
_STAGES = ("ingest", "nlp", "extract", "resolve")


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "storyline" / "eval"


def build_key(data: Path, settings: Settings) -> str:
    """A hash of the data file, the pipeline ids, and the source of the building stages."""
    digest = hashlib.sha256((data / CORPUS).read_bytes())
    ids = (ingest_pipeline(settings), analysis_pipeline(settings), extract_pipeline())
    digest.update("\x1f".join(ids).encode())
    package = Path(__file__).resolve().parents[1]
    for stage in _STAGES:
        for source in sorted((package / stage).rglob("*")):
            if source.is_file() and source.suffix in (".py", ".yaml", ".yml", ".json"):
                digest.update(source.read_bytes())
    return digest.hexdigest()[:20]


def built_store(data: Path, *, passages: str = EVAL_PASSAGES) -> SQLiteStore:
    """The MultiHop-RAG store, built now or taken from the cache, indexed by ``passages``."""
    settings = Settings()
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    key = build_key(data, settings)
    db = folder / f"multihop-rag-{key}.db"
    done = folder / f"multihop-rag-{key}.done"
    store = SQLiteStore(db)
    if not done.exists():
        report = build([str(data / CORPUS)], store, settings.with_overrides({"db": str(db)}))
        done.write_text(f"{report.counts()}\n", encoding="utf-8")
    index_pending(store, passages)
    return store
