"""The Store interface every backend implements, and the rows it hands back."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from typing import Protocol

from storyline.model import Document, Outcome, Statement, Status
from storyline.resolve.judgements import Judgement
from storyline.resolve.model import Link


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

    def put_resolution(
        self, links: Iterable[Link], canonical: Iterable[tuple[str, str, str]]
    ) -> None: ...

    def resolution(self) -> list[Link]: ...

    def canonical_ids(self) -> dict[str, str]: ...

    def add_judgement(
        self, kind: str, left: list[str], right: list[str], author: str, created: str, note: str
    ) -> Judgement: ...

    def judgements(self) -> list[Judgement]: ...

    def remove_judgement(self, judgement_id: int) -> None: ...

    def start_run(self) -> int: ...

    def finish_run(self, run_id: int, summary: dict[str, int]) -> None: ...

    def close(self) -> None: ...
