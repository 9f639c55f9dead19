"""The computed views a knowledge base caches: entities, the story, document summaries.

Each is built once per store version (see ``storyline.web.knowledge``) with the lookups
the pages and the API filter by, so a request only slices lists already in memory.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from typing import Any

from storyline.model import Document
from storyline.query.entities import entities as query_entities
from storyline.query.entities import summary
from storyline.query.story import story as query_story
from storyline.resolve.entities import Entity
from storyline.resolve.judgements import Judgement
from storyline.web.knowledge import KnowledgeBase


@dataclasses.dataclass(frozen=True)
class EntityIndex:
    """Every entity, by id, and the entity of every resolved mention."""

    entities: list[Entity]
    by_id: dict[str, Entity]
    of_mention: dict[str, str]  # mention statement id → entity id
    rows: list[dict[str, Any]]  # summary rows, in ``entities`` order


@dataclasses.dataclass(frozen=True)
class StoryIndex:
    """The extracted story (export lists) with per-entity lookups of positions."""

    data: dict[str, list[dict[str, Any]]]
    events_of: dict[str, list[int]]  # entity id → positions in data["events"]
    relations_of: dict[str, list[int]]
    quotes_of: dict[str, list[int]]  # speaker entity id → positions in data["quotes"]
    claims_of: dict[str, list[int]]  # owner entity id → positions in data["claims"]


@dataclasses.dataclass(frozen=True)
class DocIndex:
    """Summaries of the current documents (no texts), newest first."""

    rows: list[dict[str, Any]]
    by_id: dict[str, dict[str, Any]]
    outlets: list[dict[str, Any]]  # {name, documents}, the largest first


def entity_summary(entity: Entity) -> dict[str, Any]:
    """The list row of an entity (``storyline.query.entities.summary``)."""
    return dict(summary(entity))


def entity_index(kb: KnowledgeBase) -> EntityIndex:
    return kb.cached("entities", lambda: _entity_index(kb.read(query_entities)))


def _entity_index(found: list[Entity]) -> EntityIndex:
    of_mention = {m.id: e.id for e in found for m in e.mentions}
    rows = [entity_summary(e) for e in found]
    return EntityIndex(found, {e.id: e for e in found}, of_mention, rows)


def story_index(kb: KnowledgeBase) -> StoryIndex:
    return kb.cached("story", lambda: _story_index(kb.read(query_story)))


def _story_index(data: dict[str, list[dict[str, Any]]]) -> StoryIndex:
    return StoryIndex(
        data,
        _positions(data["events"], lambda e: e["participants"]),
        _positions(data["relations"], lambda r: [r["subject"], r["object"]]),
        _positions(data["quotes"], lambda q: [q["speaker"]] if q["speaker"] else []),
        _positions(data["claims"], lambda c: [c["subject_entity"]] if c["subject_entity"] else []),
    )


def _positions(rows: list[dict[str, Any]], keys: Any) -> dict[str, list[int]]:
    found: dict[str, list[int]] = defaultdict(list)
    for position, row in enumerate(rows):
        for key in dict.fromkeys(keys(row)):
            found[key].append(position)
    return dict(found)


def doc_index(kb: KnowledgeBase) -> DocIndex:
    return kb.cached("documents", lambda: _doc_index(kb.read(_doc_rows)))


def _doc_rows(store: Any) -> list[dict[str, Any]]:
    return [doc_summary(doc) for doc in store.documents()]


def doc_summary(doc: Document) -> dict[str, Any]:
    """A document's list row: where it came from, when, and how long it is."""
    published = doc.meta.published
    return {
        "id": doc.id,
        "title": doc.meta.title,
        "publisher": doc.meta.publisher,
        "author": doc.meta.author,
        "published": published.value,
        "published_precision": published.precision.value,
        "url": doc.meta.url,
        "path": doc.path,
        "language": doc.meta.language,
        "words": len(doc.text.split()),
    }


def _doc_index(rows: list[dict[str, Any]]) -> DocIndex:
    rows = sorted(rows, key=lambda r: (r["published"] or "", r["title"] or "", r["id"]))
    rows.reverse()  # newest first, undated last
    counts = Counter(r["publisher"] for r in rows if r["publisher"])
    outlets = [{"name": n, "documents": c} for n, c in sorted(counts.items(), key=_largest)]
    return DocIndex(rows, {r["id"]: r for r in rows}, outlets)


def _largest(item: tuple[str, int]) -> tuple[int, str]:
    return (-item[1], item[0])


def judgement_rows(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Every recorded judgement, oldest first (cached with the rest)."""
    return kb.cached("judgements", lambda: [judgement_row(j) for j in kb.read(_judgements)])


def _judgements(store: Any) -> list[Judgement]:
    return list(store.judgements())


def judgement_row(judgement: Judgement) -> dict[str, Any]:
    return {
        "id": judgement.id,
        "kind": judgement.kind,
        "left": list(judgement.left),
        "right": list(judgement.right),
        "author": judgement.author,
        "created": judgement.created,
        "note": judgement.note,
    }
