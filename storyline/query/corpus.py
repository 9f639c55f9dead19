"""What the cross-document views read: documents, extracted statements, canonical ids."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from storyline.model import Document, Statement
from storyline.store.base import Store


@dataclasses.dataclass
class Corpus:
    """The current documents and the statements of some properties, with entity ids.

    Decoded values are kept per property, so each view reads each statement's JSON
    once; they are shared between calls and must be treated as read-only.
    """

    docs: dict[str, Document]
    statements: dict[str, list[Statement]]  # property → statements, in document order
    canonical: dict[str, str]  # mention id → entity id
    _decoded: dict[str, list[dict[str, Any]]] = dataclasses.field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def entity(self, mention: str) -> str:
        """The entity a mention belongs to (the mention itself when not resolved)."""
        return self.canonical.get(mention, mention)

    def cite(self, doc: str, start: int, end: int) -> dict[str, Any]:
        """A citation: ``{doc, start, end, text}`` with the outlet and date for display."""
        document = self.docs[doc]
        meta = document.meta
        return {
            "doc": doc,
            "start": start,
            "end": end,
            "text": document.text[start:end],
            "publisher": meta.publisher,
            "published": meta.published.value,
            "title": meta.title,
        }

    def of(self, prop: str) -> list[tuple[Statement, dict[str, Any]]]:
        """Statements of ``prop`` with their decoded values (decoded once, read-only)."""
        stmts = self.statements.get(prop, [])
        values = self._decoded.get(prop)
        if values is None or len(values) != len(stmts):
            values = self._decoded[prop] = _decode(stmts)
        return list(zip(stmts, values, strict=True))


def _decode(stmts: list[Statement]) -> list[dict[str, Any]]:
    """Each statement's value; equal JSON texts (a wire story reprinted) decode once."""
    seen: dict[str, dict[str, Any]] = {}
    out = []
    for stmt in stmts:
        value = seen.get(stmt.value)
        if value is None:
            value = seen[stmt.value] = json.loads(stmt.value)
        out.append(value)
    return out


def load_corpus(store: Store, props: tuple[str, ...]) -> Corpus:
    docs = {doc.id: doc for doc in store.documents()}
    found = {prop: [s for s in store.statements(prop=prop) if s.doc in docs] for prop in props}
    return Corpus(docs, found, store.canonical_ids())
