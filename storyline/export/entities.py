"""Entities for the export: mention statements grouped by their document-level cluster.

Cross-document resolution comes later; until then one entity is one cluster of
mentions inside one document.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from storyline.hashing import content_id
from storyline.model import Document, Statement


def document_entities(doc: Document, mentions: Iterable[Statement]) -> list[dict[str, Any]]:
    """One export entity per cluster of ``doc``'s mention statements."""
    clusters: dict[int, list[tuple[Statement, dict[str, Any]]]] = defaultdict(list)
    for stmt in mentions:
        value = json.loads(stmt.value)
        clusters[int(value["cluster"])].append((stmt, value))
    return [_entity(doc, cluster, members) for cluster, members in sorted(clusters.items())]


def _entity(
    doc: Document, cluster: int, members: list[tuple[Statement, dict[str, Any]]]
) -> dict[str, Any]:
    texts = Counter(doc.text[s.start : s.end] for s, _ in members)
    types = Counter(v["type"] for _, v in members)
    name = max(texts, key=lambda t: (len(t.split()), texts[t], t))
    attrs = sorted({(k, a) for _, v in members for k, a in v.get("attrs", {}).items()})
    return {
        "id": content_id("e", doc.id, str(cluster)),
        "name": name,
        "type": types.most_common(1)[0][0],
        "aliases": [{"text": t, "count": n} for t, n in texts.most_common()],
        "attributes": [{"kind": k, "text": a} for k, a in attrs],
        "mentions": [
            {"doc": doc.id, "start": s.start, "end": s.end, "text": doc.text[s.start : s.end]}
            for s, _ in members
        ],
    }


def spans_of(doc: Document, statements: Iterable[Statement]) -> list[dict[str, Any]]:
    """Timex or quantity statements as export rows: offsets, text and the parsed value."""
    return [
        {"start": s.start, "end": s.end, "text": doc.text[s.start : s.end], **json.loads(s.value)}
        for s in statements
    ]
