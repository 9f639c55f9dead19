"""What the pages and the REST API read: one function per view, cached per knowledge base.

Every function takes the ``KnowledgeBase`` of the app (``kb_of(request)``) and returns
plain JSON-ready data; lists come as a ``Page`` (items, total, limit, offset). Entity
references are ids, names or aliases (``storyline.query.entities.one``): unknown ones
raise ``NotFoundError`` (404), ambiguous ones ``AmbiguousReferenceError`` (400).
Rows are shared with the cache: read them, never change them.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from typing import Any

from starlette.requests import HTTPConnection

from storyline.errors import NotFoundError
from storyline.nlp import names
from storyline.query.entities import one
from storyline.query.timeline import within
from storyline.web.knowledge import KnowledgeBase
from storyline.web.views_documents import document, document_text_spans
from storyline.web.views_index import (
    doc_index,
    entity_index,
    entity_summary,
    judgement_rows,
    story_index,
)
from storyline.web.views_write import record_judgement, undo_judgement

__all__ = [
    "Page",
    "claims",
    "conflicts",
    "document",
    "document_text_spans",
    "documents",
    "entities",
    "entity_names",
    "entity_profile",
    "event",
    "judgements",
    "kb_of",
    "outlets",
    "overview",
    "quotes",
    "record_judgement",
    "relations",
    "resolve_entity",
    "timeline",
    "undo_judgement",
]

# Lists inside a profile are cut here; the full lists are paginated views of their own.
PROFILE_LIST = 100
TOP_ENTITIES = 10


@dataclasses.dataclass(frozen=True)
class Page:
    """One slice of a list: ``items`` from ``offset``, at most ``limit``, of ``total``."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": True,
            "items": self.items,
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
        }


def page(rows: Sequence[dict[str, Any]], limit: int = 50, offset: int = 0) -> Page:
    return Page(list(rows[offset : offset + limit]), len(rows), limit, offset)


def kb_of(request: HTTPConnection) -> KnowledgeBase:
    """The app's knowledge base (``create_app`` puts it on ``app.state.kb``)."""
    kb: KnowledgeBase = request.app.state.kb
    return kb


def overview(kb: KnowledgeBase) -> dict[str, Any]:
    """The front page: documents, outlets, date span, top entities, open conflicts."""
    docs = doc_index(kb)
    dates = sorted(r["published"] for r in docs.rows if r["published"])
    data = story_index(kb).data
    return {
        "documents": len(docs.rows),
        "outlets": docs.outlets,
        "first_published": dates[0] if dates else None,
        "last_published": dates[-1] if dates else None,
        "entities": len(entity_index(kb).rows),
        "top_entities": entity_index(kb).rows[:TOP_ENTITIES],
        "events": len(data["events"]),
        "quotes": len(data["quotes"]),
        "claims": len(data["claims"]),
        "conflicts": len(data["conflicts"]),
        "judgements": len(judgement_rows(kb)),
    }


def outlets(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Every outlet (publisher) with its number of documents, the largest first."""
    return doc_index(kb).outlets


def documents(
    kb: KnowledgeBase, *, limit: int = 50, offset: int = 0, outlet: str | None = None
) -> Page:
    """Document summaries (no text), newest first; ``outlet`` matches the publisher."""
    rows = doc_index(kb).rows
    if outlet:
        wanted = outlet.casefold()
        rows = [r for r in rows if (r["publisher"] or "").casefold() == wanted]
    return page(rows, limit, offset)


def entity_names(kb: KnowledgeBase) -> dict[str, str]:
    """Entity id → canonical name, for showing participants and speakers."""
    return kb.cached("names", lambda: {e.id: e.name for e in entity_index(kb).entities})


def entities(
    kb: KnowledgeBase,
    *,
    type: str | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Entities, the most mentioned first; ``q`` is a name or alias substring (accent-blind)."""
    rows: list[dict[str, Any]] = entity_index(kb).rows
    if type:
        rows = [r for r in rows if r["type"] == type.upper()]
    if q:
        wanted = names.fold(q)
        rows = [r for r in rows if any(wanted in names.fold(a["text"]) for a in r["aliases"])]
    return page(rows, limit, offset)


def resolve_entity(kb: KnowledgeBase, reference: str) -> str:
    """The id of the one entity ``reference`` names (404 none, 400 several)."""
    index = entity_index(kb)
    if reference in index.by_id:
        return reference
    return one(index.entities, reference).id


def entity_profile(kb: KnowledgeBase, reference: str) -> dict[str, Any]:
    """Who an entity is: aliases with counts and reasons, outlets, relations, events,
    quotes, claims, the judgements touching it and why each document's cluster joined."""
    entity = entity_index(kb).by_id[resolve_entity(kb, reference)]
    story = story_index(kb)
    keys = {item.key for item in entity.items}
    return entity_summary(entity) | {
        "aliases": [
            {
                "text": a.text,
                "count": a.count,
                "documents": len(a.docs),
                "docs": list(a.docs[:PROFILE_LIST]),
                "why": a.reason,
            }
            for a in entity.aliases
        ],
        "titles": sorted({t for item in entity.items for t in item.titles}),
        "outlets": _mention_outlets(kb, [m.doc for m in entity.mentions]),
        "mention_list": [
            {"doc": m.doc, "start": m.start, "end": m.end, "text": m.text}
            for m in entity.mentions[:PROFILE_LIST]
        ],
        "relations": _picked(story.data["relations"], story.relations_of.get(entity.id, [])),
        "events": _picked(story.data["events"], story.events_of.get(entity.id, [])),
        "events_total": len(story.events_of.get(entity.id, [])),
        "quotes": _picked(story.data["quotes"], story.quotes_of.get(entity.id, [])),
        "quotes_total": len(story.quotes_of.get(entity.id, [])),
        "claims": _picked(story.data["claims"], story.claims_of.get(entity.id, [])),
        "claims_total": len(story.claims_of.get(entity.id, [])),
        "judgements": [j for j in judgement_rows(kb) if keys & {*j["left"], *j["right"]}],
        "merge_evidence": [
            {
                "cluster": item.key,
                "doc": item.doc,
                "name": item.name,
                "outlet": item.outlet,
                "mentions": len(item.mentions),
                "rule": link.rule,
                "score": link.score,
                "features": [{"name": k, "value": v} for k, v in link.features],
            }
            for item, link in list(zip(entity.items, entity.links, strict=True))[:PROFILE_LIST]
        ],
        "clusters_total": len(entity.items),
    }


def _picked(rows: list[dict[str, Any]], positions: list[int]) -> list[dict[str, Any]]:
    return [rows[i] for i in positions[:PROFILE_LIST]]


def _mention_outlets(kb: KnowledgeBase, docs: list[str]) -> list[dict[str, Any]]:
    by_id = doc_index(kb).by_id
    mentions = Counter(by_id[d]["publisher"] or "" for d in docs if d in by_id)
    documents_of = Counter(by_id[d]["publisher"] or "" for d in set(docs) if d in by_id)
    return [
        {"outlet": name or None, "mentions": count, "documents": documents_of[name]}
        for name, count in mentions.most_common()
    ]


def timeline(
    kb: KnowledgeBase,
    *,
    entity: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    outlet: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Events in date order (undated last), filtered like ``storyline timeline``."""
    story = story_index(kb)
    rows = story.data["events"]
    wanted = resolve_entity(kb, entity) if entity else None
    if wanted:
        rows = [rows[i] for i in story.events_of.get(wanted, [])]
    if date_from or date_to or outlet:
        rows = [e for e in rows if within(e, None, date_from, date_to, outlet)]
    return page(rows, limit, offset)


def event(kb: KnowledgeBase, event_id: str) -> dict[str, Any]:
    """One event of the timeline by id (404 when unknown)."""
    for row in story_index(kb).data["events"]:
        if row["id"] == event_id:
            return row
    raise NotFoundError(f"no event {event_id!r}", hint="list them at /api/events")


def relations(
    kb: KnowledgeBase,
    *,
    entity: str | None = None,
    predicate: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Relations between entities, each with every mention; ``entity`` on either side."""
    story = story_index(kb)
    rows = _of_entity(kb, story.data["relations"], story.relations_of, entity)
    if predicate:
        rows = [r for r in rows if r["predicate"] == predicate]
    return page(rows, limit, offset)


def quotes(
    kb: KnowledgeBase,
    *,
    speaker: str | None = None,
    doc: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Quotes in document order; ``speaker`` is an entity reference."""
    story = story_index(kb)
    rows = _of_entity(kb, story.data["quotes"], story.quotes_of, speaker)
    return page(_in_doc(rows, doc), limit, offset)


def claims(
    kb: KnowledgeBase,
    *,
    entity: str | None = None,
    property: str | None = None,
    doc: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Numeric claims; ``entity`` is the claim's owner (``subject_entity``)."""
    story = story_index(kb)
    rows = _of_entity(kb, story.data["claims"], story.claims_of, entity)
    if property:
        rows = [r for r in rows if r["property"] == property]
    return page(_in_doc(rows, doc), limit, offset)


def conflicts(
    kb: KnowledgeBase,
    *,
    agree: bool = False,
    limit: int = 50,
    offset: int = 0,
    values: int | None = None,
) -> Page:
    """Where outlets disagree (claims, event dates); ``agree`` lists agreements instead.

    ``values`` keeps at most that many cited values per entry, with ``values_total``
    beside them (a claim copied by a thousand reprints has a thousand values).
    """
    data = story_index(kb).data
    found = page(data["agreements" if agree else "conflicts"], limit, offset)
    if values is None:
        return found
    cut = [
        row | {"values": row["values"][:values], "values_total": len(row["values"])}
        for row in found.items
    ]
    return dataclasses.replace(found, items=cut)


def judgements(kb: KnowledgeBase, *, limit: int = 50, offset: int = 0) -> Page:
    """Recorded merge and split judgements, oldest first."""
    return page(judgement_rows(kb), limit, offset)


def _of_entity(
    kb: KnowledgeBase,
    rows: list[dict[str, Any]],
    positions: dict[str, list[int]],
    reference: str | None,
) -> list[dict[str, Any]]:
    if not reference:
        return rows
    return [rows[i] for i in positions.get(resolve_entity(kb, reference), [])]


def _in_doc(rows: list[dict[str, Any]], doc: str | None) -> list[dict[str, Any]]:
    return rows if doc is None else [r for r in rows if r["doc"] == doc]
