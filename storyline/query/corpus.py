"""What the cross-document views read: documents, extracted statements, canonical ids."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from storyline.model import Document, Statement
from storyline.store.base import Store


@dataclasses.dataclass
class Corpus:
    """The current documents and the statements of some properties, with entity ids."""

    docs: dict[str, Document]
    statements: dict[str, list[Statement]]  # property → statements, in document order
    canonical: dict[str, str]  # mention id → entity id

    def entity(self, mention: str) -> str:
        """The entity a mention belongs to (the mention itself when not resolved)."""
        return self.canonical.get(mention, mention)

    def cite(self, doc: str, start: int, end: int) -> dict[str, Any]:
        """A citation: ``{doc, start, end, text}`` with the outlet and date for display."""
        document = self.docs[doc]
        return {
            "doc": doc,
            "start": start,
            "end": end,
            "text": document.text[start:end],
            "publisher": document.meta.publisher,
            "published": document.meta.published.value,
            "title": document.meta.title,
        }

    def of(self, prop: str) -> list[tuple[Statement, dict[str, Any]]]:
        """Statements of ``prop`` with their decoded values."""
        return [(s, json.loads(s.value)) for s in self.statements.get(prop, [])]


def load_corpus(store: Store, props: tuple[str, ...]) -> Corpus:
    docs = {doc.id: doc for doc in store.documents()}
    found = {prop: [s for s in store.statements(prop=prop) if s.doc in docs] for prop in props}
    return Corpus(docs, found, store.canonical_ids())
