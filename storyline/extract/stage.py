"""The extraction stage: events, quotes, claims and relations of every analysed document.

It reads what the analysis stored (statements and the spaCy parse), so it never parses
again, and it is incremental on its own pipeline id: a new extractor version redoes
extraction only. A document analysed again is extracted again.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable, Iterator

from spacy.vocab import Vocab

from storyline.extract.context import DocContext, load_context
from storyline.model import Document, Statement
from storyline.nlp.spacy_model import load_model
from storyline.registry import Registry
from storyline.settings import Settings
from storyline.store.base import Store
from storyline.store.retry import write_batch

# Bumped when the stage itself changes what it writes for the same extractors.
EXTRACTION_VERSION = "extract.v1"

Extractor = Callable[[DocContext], list[Statement]]
EXTRACTORS: Registry[Extractor] = Registry("extractor")

# The extractors run by default, in order; each module registers its own.
DEFAULT_EXTRACTORS: tuple[str, ...] = ("quotes.v1", "claims.v1", "events.v2", "relations.v1")
_MODULES = ("quotes", "claims", "events", "relations")
# The analysis statements an extraction reads (with the stored parse).
CONTEXT_PROPERTIES = ("sentence", "mention", "timex", "quantity")


def _register_all() -> None:
    for module in _MODULES:
        importlib.import_module(f"storyline.extract.{module}")


def pipeline_id() -> str:
    return "|".join((EXTRACTION_VERSION, *DEFAULT_EXTRACTORS))


@dataclasses.dataclass(frozen=True)
class Extraction:
    doc_id: str
    statements: list[Statement]


def extract_context(
    ctx: DocContext, extractors: tuple[str, ...] = DEFAULT_EXTRACTORS
) -> list[Statement]:
    """Every extractor's statements for one document context."""
    _register_all()
    found: list[Statement] = []
    for name in extractors:
        found += EXTRACTORS.get(name)(ctx)
    return found


def contexts(store: Store, doc_ids: list[str], vocab: Vocab) -> Iterator[DocContext]:
    """The stored analysis of each document, loaded lazily."""
    for doc_id in doc_ids:
        doc = store.get_document(doc_id)
        yield document_context(doc, list(store.statements(doc_id)), store.parse_of(doc_id), vocab)


def document_context(
    doc: Document, statements: list[Statement], parse: bytes | None, vocab: Vocab
) -> DocContext:
    """One document's context from its analysis statements (any others are ignored)."""
    wanted = [s for s in statements if s.property in CONTEXT_PROPERTIES]
    return load_context(doc, wanted, parse or b"", vocab)


def extract_pending(
    store: Store,
    settings: Settings,
    *,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[], None] | None = None,
) -> int:
    """Extract every analysed document not yet extracted by this pipeline; return how many."""
    pipeline = pipeline_id()
    pending = store.pending_extraction(pipeline)
    if on_start:
        on_start(len(pending))
    if not pending:
        return 0
    vocab = load_model(settings.spacy_model).vocab
    batch: list[Extraction] = []
    for ctx in contexts(store, pending, vocab):
        batch.append(Extraction(ctx.doc.id, extract_context(ctx)))
        if on_done:
            on_done()
        if len(batch) >= settings.batch_size:
            write_extractions(store, batch, pipeline)
    write_extractions(store, batch, pipeline)
    return len(pending)


def write_extractions(store: Store, batch: list[Extraction], pipeline: str) -> None:
    """Store a batch of extractions in one transaction, then empty the batch."""

    def write() -> None:
        for item in batch:
            store.put_extraction(item.doc_id, pipeline, item.statements)

    write_batch(store, write)
    batch.clear()
