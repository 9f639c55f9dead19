"""One document as the reader sees it: text, metadata with evidence, cuts, and spans.

The spans are what the document page highlights, each with ``start``/``end`` into the
stored clean text (``text[start:end] == span["text"]``): entity mentions with their
entity, time expressions, events, quotes with their speaker, numeric claims.
"""

from __future__ import annotations

import json
from typing import Any

from storyline.model import Document, Statement
from storyline.store.base import Store
from storyline.web.knowledge import KnowledgeBase
from storyline.web.views_index import entity_index

# Statement properties shown as spans, in the order they are drawn when they start together.
SPAN_KINDS = ("mention", "timex", "event", "quote", "claim")


def document(kb: KnowledgeBase, doc_id: str) -> dict[str, Any]:
    """The document ``doc_id`` (404 when unknown) with its spans, in text order."""
    doc, stmts = kb.read(lambda store: _read(store, doc_id))
    row = doc.as_export()
    row["source_text"] = doc.source_text
    row["spans"] = document_text_spans(kb, doc, stmts)
    return row


def _read(store: Store, doc_id: str) -> tuple[Document, list[Statement]]:
    doc = store.get_document(doc_id)
    return doc, [s for s in store.statements(doc.id) if s.property in SPAN_KINDS]


def document_text_spans(
    kb: KnowledgeBase, doc: Document, stmts: list[Statement]
) -> list[dict[str, Any]]:
    """Every span of ``stmts`` (statements of ``doc``), by start then kind."""
    of_mention = entity_index(kb).of_mention
    spans = [_span(doc, stmt, json.loads(stmt.value), of_mention) for stmt in stmts]
    order = {kind: i for i, kind in enumerate(SPAN_KINDS)}
    return sorted(spans, key=lambda s: (s["start"], order[s["kind"]], -s["end"]))


def _span(
    doc: Document, stmt: Statement, value: dict[str, Any], of_mention: dict[str, str]
) -> dict[str, Any]:
    span: dict[str, Any] = {
        "id": stmt.id,
        "kind": stmt.property,
        "start": stmt.start,
        "end": stmt.end,
        "text": doc.text[stmt.start : stmt.end],
    }
    span.update(_DETAILS[stmt.property](value, of_mention, stmt))
    return span


def _mention(value: dict[str, Any], of_mention: dict[str, str], stmt: Statement) -> dict[str, Any]:
    return {"entity": of_mention.get(stmt.subject), "type": value.get("type")}


def _timex(value: dict[str, Any], of_mention: dict[str, str], stmt: Statement) -> dict[str, Any]:
    return {"type": value.get("type"), "value": value.get("value")}


def _event(value: dict[str, Any], of_mention: dict[str, str], stmt: Statement) -> dict[str, Any]:
    participants = [of_mention.get(p["mention"]) for p in value.get("participants", [])]
    return {
        "type": value.get("type"),
        "value": (value.get("time") or {}).get("value"),
        "participants": sorted({p for p in participants if p}),
    }


def _quote(value: dict[str, Any], of_mention: dict[str, str], stmt: Statement) -> dict[str, Any]:
    speaker = value.get("speaker")
    return {
        "entity": of_mention.get(speaker["mention"]) if speaker else None,
        "speaker_text": value.get("speaker_text") or "",
    }


def _claim(value: dict[str, Any], of_mention: dict[str, str], stmt: Statement) -> dict[str, Any]:
    ref = value.get("subject_ref")
    return {
        "entity": of_mention.get(ref["mention"]) if ref else None,
        "type": value.get("property"),
        "value": value.get("value"),
        "unit": value.get("unit"),
    }


_DETAILS = {
    "mention": _mention,
    "timex": _timex,
    "event": _event,
    "quote": _quote,
    "claim": _claim,
}
