"""Entity profiles from a store: who is who, every spelling, where, and why merged.

A reference to an entity (``storyline entity NAME``, ``merge A B``) is an entity id,
or a name: the canonical name, or any alias, compared case- and accent-blind.
"""

from __future__ import annotations

from storyline.errors import AmbiguousReferenceError, NotFoundError
from storyline.hashing import content_id
from storyline.model import Document, Statement
from storyline.nlp import names
from storyline.resolve.entities import Entity, build_entities
from storyline.resolve.items import doc_of, store_items, with_mentions
from storyline.resolve.model import DocCluster, Link
from storyline.store.base import Store

# Shortest id prefix that is taken as an id (ids are shown cut in tables).
ID_PREFIX = 6
# Entities a reference is looked up among at most (a name many entities share).
MAX_MATCHES = 50


def corpus_mentions(store: Store) -> list[tuple[Document, list[Statement]]]:
    """Every current document with its mention statements."""
    return list(with_mentions(store, store.documents()))


def current_items(store: Store) -> list[DocCluster]:
    return list(store_items(corpus_mentions(store)))


def entities(store: Store) -> list[Entity]:
    """The knowledge base's entities; an item resolution has not seen stands alone."""
    items = current_items(store)
    links = {link.cluster: link for link in store.resolution()}
    for item in items:
        links.setdefault(item.key, Link(item.key, content_id("e", item.key), 1.0, (), "anchor"))
    return build_entities(items, links.values())


def lookup(store: Store, reference: str) -> Entity:
    """The one entity ``reference`` names, as ``one`` finds it, read from the stored state.

    Candidates come from the resolution tables (id, id prefix, or an item called by
    that name: ``incremental.name_keys``) and only their documents are read, so the
    work follows the entity's size, not the corpus's. A store without a resolution
    state (resolution off, or built before it was kept) is read whole, as before.
    """
    if not store.has_resolution_state():
        return one(entities(store), reference)
    ids = store.find_entities(
        reference, f"n|{names.fold(reference)}", MAX_MATCHES, prefix=len(reference) >= ID_PREFIX
    )
    return one([e for i in ids if (e := entity_profile(store, i)) is not None], reference)


def entity_profile(store: Store, entity_id: str) -> Entity | None:
    """One entity from its stored links and its documents' mentions (None: no such one)."""
    links = store.entity_links(entity_id)
    keys = {link.cluster for link in links}
    docs = (store.get_document(doc) for doc in sorted({doc_of(key) for key in keys}))
    items = [item for item in store_items(with_mentions(store, docs)) if item.key in keys]
    found = build_entities(items, links)
    return found[0] if found else None


def find(found: list[Entity], reference: str) -> list[Entity]:
    """Entities whose id is ``reference`` or that have it as name or alias."""
    by_id = [e for e in found if e.id == reference]
    if by_id:
        return by_id
    by_prefix = [e for e in found if len(reference) >= ID_PREFIX and e.id.startswith(reference)]
    if by_prefix:
        return by_prefix
    wanted = names.fold(reference)
    named = [e for e in found if names.fold(e.name) == wanted]
    return named or [e for e in found if any(names.fold(a.text) == wanted for a in e.aliases)]


def one(found: list[Entity], reference: str) -> Entity:
    """The one entity ``reference`` names; a clear error when none or several do."""
    matches = find(found, reference)
    if not matches:
        raise NotFoundError(
            f"no entity called {reference!r}", hint="list entities with `storyline entities`"
        )
    if len(matches) > 1:
        listed = "; ".join(
            f"{e.id} {e.name!r} ({e.type}, {len(e.mentions)} mentions)" for e in matches
        )
        raise AmbiguousReferenceError(
            f"{reference!r} names {len(matches)} entities: {listed}",
            hint="use the entity id instead",
        )
    return matches[0]


def summary(entity: Entity) -> dict[str, object]:
    """An entity's list row: counts, and its aliases with their counts."""
    return {
        "id": entity.id,
        "type": entity.type,
        "name": entity.name,
        "mentions": len(entity.mentions),
        "documents": len({m.doc for m in entity.mentions}),
        "aliases": [{"text": a.text, "count": a.count} for a in entity.aliases],
    }
