"""The Store interface every backend implements, and the rows it hands back."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Protocol

from storyline.model import Document, Outcome, Statement, Status
from storyline.resolve.judgements import Judgement
from storyline.resolve.model import Link, ResolutionDocs, ResolutionWrite


@dataclasses.dataclass(frozen=True)
class FileState:
    """What the store remembers of an input file from the last build."""

    path: str
    sha: str
    pipeline: str
    keys: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class SourceRow:
    """The latest build outcome of one source, with its current document."""

    key: str
    path: str
    status: str
    reason: str
    code: str
    doc_id: str | None
    seen_at: str


@dataclasses.dataclass(frozen=True)
class PassageFilter:
    """Which passages a search may return; every field left empty means "any"."""

    outlets: tuple[str, ...] | None = None  # publishers, exactly as stored
    date_from: str | None = None  # ISO date or prefix (2010, 2010-05): published on or after
    date_to: str | None = None  # ISO date or prefix: published on or before (inclusive)
    doc: str | None = None  # one document id
    passages: tuple[int, ...] | None = None  # only these passage ids (an entity's passages)


@dataclasses.dataclass(frozen=True)
class PassageRow:
    """One ranked passage with its text and its document's metadata."""

    id: int
    doc: str
    start: int
    end: int
    score: float  # higher is better (BM25, sign flipped from FTS5's)
    text: str  # the document's text[start:end]
    title: str | None
    publisher: str | None
    published: str | None


class Store(Protocol):
    """A knowledge base: documents with versions, sources with outcomes, statements."""

    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside commit together or not at all."""
        ...

    def file_state(self, path: str) -> FileState | None: ...

    def put_file(self, state: FileState) -> None: ...

    def current_document_id(self, key: str) -> str | None: ...

    def put_document(self, doc: Document) -> tuple[Status, Document]:
        """Store ``doc`` as the current version of its source; return (status, stored doc)."""
        ...

    def put_outcome(self, outcome: Outcome) -> None: ...

    def get_document(self, doc_id: str) -> Document: ...

    def documents(self, *, include_superseded: bool = False) -> Iterator[Document]: ...

    def sources(self) -> list[SourceRow]: ...

    def put_statements(self, statements: list[Statement]) -> None: ...

    def statements(
        self, doc_id: str | None = None, *, prop: str | None = None
    ) -> Iterator[Statement]: ...

    def pending_analysis(self, pipeline: str) -> list[str]: ...

    def put_analysis(
        self,
        doc_id: str,
        pipeline: str,
        statements: list[Statement],
        *,
        parse: bytes,
        model: str,
        notes: tuple[str, ...] = (),
    ) -> None: ...

    def analysis_notes(self, doc_id: str) -> list[str] | None: ...

    def parse_of(self, doc_id: str) -> bytes | None: ...

    def pending_extraction(self, pipeline: str) -> list[str]: ...

    def put_extraction(self, doc_id: str, pipeline: str, statements: list[Statement]) -> None: ...

    # resolution (``store/resolve_tables.py``)

    def put_resolution(self, write: ResolutionWrite) -> None: ...

    def resolution(self) -> list[Link]: ...

    def canonical_ids(self) -> dict[str, str]: ...

    def resolution_docs(self) -> ResolutionDocs: ...

    def entity_count(self) -> int: ...

    def resolved_items(self, docs: Sequence[str]) -> dict[str, str]: ...

    def key_counts(self, keys: Sequence[str]) -> dict[str, int]: ...

    def key_entities(self, keys: Sequence[str]) -> set[str]: ...

    def key_owners(self, key: str, limit: int) -> set[str]: ...

    def key_profiles(self, keys: Sequence[str], limit: int) -> list[tuple[str, str]]: ...

    def key_neighbours(self, key: str, orders: tuple[str, str], window: int) -> set[str]: ...

    def exemplars(self, entities: Sequence[str]) -> list[tuple[Link, str, int]]: ...

    def entity_items(self, entities: Sequence[str]) -> list[tuple[str, str, str]]: ...

    def entities_of(self, items: Sequence[str]) -> dict[str, str]: ...

    def name_counts(self) -> dict[str, int]: ...

    def entity_links(self, entity: str) -> list[Link]: ...

    def find_entities(
        self, reference: str, name_key: str, limit: int, *, prefix: bool = True
    ) -> list[str]: ...

    def has_resolution_state(self) -> bool: ...

    def add_judgement(
        self, kind: str, left: list[str], right: list[str], author: str, created: str, note: str
    ) -> Judgement: ...

    def judgements(self) -> list[Judgement]: ...

    def remove_judgement(self, judgement_id: int) -> None: ...

    def pending_passages(self, pipeline: str) -> list[str]:
        """Current documents whose passages were not made by ``pipeline`` (or not at all)."""
        ...

    def put_passages(self, doc_id: str, pipeline: str, spans: list[tuple[int, int]]) -> None:
        """Replace the document's passages (and their index entries) with ``spans``."""
        ...

    def put_passages_batch(
        self, pipeline: str, batch: list[tuple[str, list[tuple[int, int]]]]
    ) -> None:
        """``put_passages`` for each (document id, spans) of ``batch``."""
        ...

    def drop_stale_passages(self) -> int:
        """Remove the passages of documents no longer current; return how many went."""
        ...

    def search_passages(
        self,
        match: str,
        where: PassageFilter,
        *,
        limit: int,
        offset: int = 0,
        newest: int | None = None,
    ) -> list[PassageRow]:
        """Passages matching the FTS5 expression ``match``, best first.

        ``newest``: rank only the most recently indexed matches, this many, when all
        of them would cost too much to score.
        """
        ...

    def count_passages(self, match: str, where: PassageFilter, *, cap: int = 10_000) -> int:
        """Passages matching ``match``, counted up to ``cap``."""
        ...

    def passage_stats(self, terms: list[str]) -> tuple[int, dict[str, int]]:
        """(passages indexed, term → passages holding it) for folded index terms."""
        ...

    def passage_count(self) -> int:
        """How many passages are indexed."""
        ...

    def term_counts(self, terms: list[str], *, cap: int) -> dict[str, int]:
        """Folded index term → passages holding it, counted up to ``cap``."""
        ...

    def passages_covering(self, spans: list[tuple[str, int, int]]) -> tuple[int, ...]:
        """Ids of the passages that contain any of the (doc, start, end) spans."""
        ...

    def passage_rows(self) -> Iterator[PassageRow]:
        """Every indexed passage with its text, in id order."""
        ...

    # -- dense vectors (store/vector_tables.py; the ``dense`` extra) -----------------

    def has_vectors(self, model: str) -> bool:
        """Whether any passage has a vector of ``model``."""
        ...

    def vector_pending(self, model: str) -> list[tuple[int, str, int, int, str]]:
        """Passages without a current vector of ``model``: id, document, offsets, text."""
        ...

    def drop_stale_vectors(self, model: str) -> int:
        """Remove the vectors whose passage is gone or holds other text; return how many."""
        ...

    def put_vectors(self, model: str, rows: Sequence[tuple[int, str, int, int, bytes]]) -> None:
        """Store or replace vectors: (passage id, document, start, end, float32 bytes)."""
        ...

    def vectors(self, model: str) -> list[tuple[int, bytes]]:
        """Every current vector of ``model``: passage id and bytes, by passage id."""
        ...

    def vector_stamp(self, model: str) -> tuple[object, ...]:
        """A value that changes when passages are re-indexed or vectors come or go."""
        ...

    def passages_by_id(self, ranked: Sequence[tuple[int, float]]) -> list[PassageRow]:
        """Passage rows with text and metadata, in the order and with the scores given."""
        ...

    def resolution_stamp(self) -> str:
        """A value that changes whenever resolution may have changed (for caches)."""
        ...

    def publishers(self) -> list[str]:
        """The distinct publishers of the current documents."""
        ...

    def start_run(self) -> int: ...

    def finish_run(self, run_id: int, summary: dict[str, int]) -> None: ...

    def close(self) -> None: ...
