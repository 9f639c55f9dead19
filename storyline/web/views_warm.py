"""The warm-up: every cached view computed before a request needs it.

``KnowledgeBase`` runs ``warm`` on its worker thread when the server starts and after
each change (see ``storyline.web.knowledge``). Besides the views, it fills search's
table of name spellings (``search_aliases.prime``): left to itself, search would build
it from ``entities()`` on its first call after a change, recomputing the entities (tens
of seconds at 10k documents) that the view cache already holds; built from those it
takes a tenth of a second.
"""

from __future__ import annotations

from storyline.query import search_aliases
from storyline.web import views
from storyline.web.knowledge import KnowledgeBase
from storyline.web.page_data import conflict_cards, date_cards
from storyline.web.views_index import doc_index, entity_index, judgement_rows, story_index


def warm(kb: KnowledgeBase) -> None:
    """Compute (through ``kb.cached``) the views the pages and the API read."""
    version = kb.version()
    with kb.store() as store:
        # Read before the entities: a commit in between changes the version.
        key = search_aliases.cache_key(store)
    index = entity_index(kb)
    doc_index(kb)
    judgement_rows(kb)
    views.entity_names(kb)
    if kb.version() == version:  # the entities are those of ``key``'s stamp
        search_aliases.prime(key, index.entities)
    story_index(kb)
    conflict_cards(kb)
    conflict_cards(kb, agree=True)
    date_cards(kb)
