"""The warm-up: every cached view computed before a request needs it.

``KnowledgeBase`` runs ``warm`` on its worker thread when the server starts and after
each change (see ``storyline.web.knowledge``). Besides the views, it fills search's
table of name spellings (``storyline.query.search_aliases``): search and ask build it
from ``entities()`` on their first call after a change, which recomputes the entities
(tens of seconds at 10k documents) although the cache already holds them; built from
the cached entities it takes a tenth of a second.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from storyline.query import search_aliases
from storyline.resolve.entities import Entity
from storyline.store import Store
from storyline.web import views
from storyline.web.knowledge import KnowledgeBase
from storyline.web.page_data import conflict_cards, date_cards
from storyline.web.views_index import doc_index, entity_index, judgement_rows, story_index

log = logging.getLogger(__name__)


def warm(kb: KnowledgeBase) -> None:
    """Compute (through ``kb.cached``) the views the pages and the API read."""
    version = kb.version()
    with kb.store() as store:
        key = _alias_key(store)  # before the entities: a later commit changes the version
    index = entity_index(kb)
    doc_index(kb)
    judgement_rows(kb)
    views.entity_names(kb)
    if kb.version() == version:  # the entities are those of ``key``'s stamp
        _prime_aliases(kb, key, index.entities)
    story_index(kb)
    conflict_cards(kb)
    conflict_cards(kb, agree=True)
    date_cards(kb)


def _alias_key(store: Store) -> tuple[str, str]:
    """The key ``search_aliases.variants`` caches a store's table under."""
    return (str(getattr(store, "path", id(store))), store.resolution_stamp())


def _prime_aliases(kb: KnowledgeBase, key: tuple[str, str], found: Sequence[Entity]) -> None:
    """Put the spelling table of ``found`` where search looks for it first.

    ``search_aliases`` has no public way to be given the entities, so this writes its
    cache under its own key; if that cache is gone (the module changed), the table is
    built the public way, which recomputes the entities here rather than in a search.
    """
    cache = getattr(search_aliases, "_cache", None)
    lock = getattr(search_aliases, "_lock", None)
    if not isinstance(cache, dict) or lock is None:
        log.warning("search_aliases has no cache to prime: building its table the slow way")
        kb.read(search_aliases.variants)
        return
    table = search_aliases.build_variants(found)
    with lock:
        if key not in cache and len(cache) >= search_aliases.CACHE_SIZE:
            cache.pop(next(iter(cache)))
        cache[key] = table
