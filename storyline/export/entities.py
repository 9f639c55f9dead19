"""Entities for the export: one entry per real-world entity, across documents.

Each carries the contract's fields (``id, name, type, aliases, mentions``) and,
beyond it, every alias's documents and the reason it was merged, and the titles
seen with the entity.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from storyline.model import Document, Statement
from storyline.resolve.entities import Entity


def export_entity(entity: Entity) -> dict[str, Any]:
    """The export entry of one entity."""
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": [
            {"text": a.text, "count": a.count, "docs": list(a.docs), "why": a.reason}
            for a in entity.aliases
        ],
        "attributes": [{"kind": "title", "text": t} for t in _titles(entity)],
        "mentions": [
            {"doc": m.doc, "start": m.start, "end": m.end, "text": m.text} for m in entity.mentions
        ],
    }


def _titles(entity: Entity) -> list[str]:
    return sorted({title for item in entity.items for title in item.titles})


def spans_of(doc: Document, statements: Iterable[Statement]) -> list[dict[str, Any]]:
    """Timex or quantity statements as export rows: offsets, text and the parsed value."""
    return [
        {"start": s.start, "end": s.end, "text": doc.text[s.start : s.end], **json.loads(s.value)}
        for s in statements
    ]
