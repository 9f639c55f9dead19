"""The REST API under ``/api/``: the same library calls as the command line, as JSON.

Reading endpoints live here; writing ones (judgements, uploads) in ``api_write``,
search, ask and export in ``api_query``, the documentation page in ``api_docs``. Every
list is paginated (``limit`` 1–500, default 50; ``offset`` ≥ 0) and answers
``{"ok": true, "items", "total", "limit", "offset"}``; every error is ``ErrorBody``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from storyline import __version__
from storyline.web import api_docs, api_query, api_write, views
from storyline.web.api_models import (
    Claim,
    Conflict,
    DocumentDetail,
    DocumentSummary,
    EntityProfile,
    EntitySummary,
    Event,
    Health,
    Judgement,
    Outlet,
    Overview,
    Paged,
    Quote,
    Relation,
)
from storyline.web.api_params import (
    ERRORS,
    KB,
    DateParam,
    Limit,
    Offset,
    Reference,
    Text,
    checked_date,
)

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)
router.include_router(api_write.router)
router.include_router(api_query.router)
router.include_router(api_docs.router)


@router.get("/health", response_model=Health)
def health() -> dict[str, object]:
    """Liveness: the server answers and which version it runs."""
    return {"ok": True, "version": __version__}


@router.get("/overview", response_model=Overview)
def overview(kb: KB) -> dict[str, Any]:
    """Counts of the knowledge base: documents, outlets, date span, top entities, conflicts."""
    return views.overview(kb)


@router.get("/outlets", response_model=list[Outlet])
def outlets(kb: KB) -> list[dict[str, Any]]:
    """Every outlet (publisher) with its number of documents, the largest first."""
    return views.outlets(kb)


@router.get("/documents", response_model=Paged[DocumentSummary])
def documents(kb: KB, limit: Limit = 50, offset: Offset = 0, outlet: Text = None) -> Any:
    """Documents (without text), newest first; ``outlet`` is a publisher name."""
    return views.documents(kb, limit=limit, offset=offset, outlet=outlet).as_dict()


@router.get("/documents/{doc_id}", response_model=DocumentDetail)
def document(kb: KB, doc_id: str) -> dict[str, Any]:
    """One document: clean text, metadata with evidence, boilerplate cut, highlighted spans."""
    return views.document(kb, doc_id)


@router.get("/entities", response_model=Paged[EntitySummary])
def entities(
    kb: KB,
    limit: Limit = 50,
    offset: Offset = 0,
    type: Annotated[str | None, Query(max_length=20, description="PERSON, ORG, GPE…")] = None,
    q: Annotated[str | None, Query(max_length=500, description="part of a name or alias")] = None,
) -> Any:
    """Entities, the most mentioned first."""
    return views.entities(kb, type=type, q=q, limit=limit, offset=offset).as_dict()


@router.get("/entities/{reference}", response_model=EntityProfile)
def entity(kb: KB, reference: str) -> dict[str, Any]:
    """An entity's profile; ``reference`` is its id, name or an alias (400 when ambiguous)."""
    return views.entity_profile(kb, reference)


@router.get("/events", response_model=Paged[Event])
def events(
    kb: KB,
    limit: Limit = 50,
    offset: Offset = 0,
    entity: Reference = None,
    date_from: DateParam = None,
    date_to: DateParam = None,
    outlet: Text = None,
) -> Any:
    """The timeline: events in date order (undated last), with every source's date."""
    return views.timeline(
        kb,
        entity=entity,
        date_from=checked_date(date_from, "date_from"),
        date_to=checked_date(date_to, "date_to"),
        outlet=outlet,
        limit=limit,
        offset=offset,
    ).as_dict()


router.add_api_route(
    "/timeline",
    events,
    methods=["GET"],
    response_model=Paged[Event],
    summary="Timeline",
    description="The same list as /api/events: the story's events in date order.",
)


@router.get("/events/{event_id}", response_model=Event)
def event(kb: KB, event_id: str) -> dict[str, Any]:
    """One event with every mention and every date its sources give."""
    return views.event(kb, event_id)


@router.get("/relations", response_model=Paged[Relation])
def relations(
    kb: KB,
    limit: Limit = 50,
    offset: Offset = 0,
    entity: Reference = None,
    predicate: Annotated[str | None, Query(max_length=100)] = None,
) -> Any:
    """Typed relations between entities (sibling_of, leader_of, …), each with its mentions."""
    return views.relations(
        kb, entity=entity, predicate=predicate, limit=limit, offset=offset
    ).as_dict()


@router.get("/quotes", response_model=Paged[Quote])
def quotes(
    kb: KB, limit: Limit = 50, offset: Offset = 0, speaker: Reference = None, doc: Text = None
) -> Any:
    """Quotes with their speakers, in document order."""
    return views.quotes(kb, speaker=speaker, doc=doc, limit=limit, offset=offset).as_dict()


@router.get("/claims", response_model=Paged[Claim])
def claims(
    kb: KB,
    limit: Limit = 50,
    offset: Offset = 0,
    entity: Reference = None,
    property: Annotated[str | None, Query(max_length=100)] = None,
    doc: Text = None,
) -> Any:
    """Numeric claims (prices, counts, sums) with their owner and citation."""
    return views.claims(
        kb, entity=entity, property=property, doc=doc, limit=limit, offset=offset
    ).as_dict()


@router.get("/conflicts", response_model=Paged[Conflict])
def conflicts(
    kb: KB,
    limit: Limit = 50,
    offset: Offset = 0,
    agree: Annotated[bool, Query(description="list agreements instead")] = False,
    values: Annotated[int, Query(ge=1, le=100_000, description="values per entry")] = 100,
) -> Any:
    """Where outlets disagree (numbers beyond tolerance, dates that cannot both hold)."""
    found = views.conflicts(kb, agree=agree, limit=limit, offset=offset, values=values)
    return found.as_dict()


@router.get("/judgements", response_model=Paged[Judgement])
def judgements(kb: KB, limit: Limit = 50, offset: Offset = 0) -> Any:
    """Recorded merge and split judgements, oldest first."""
    return views.judgements(kb, limit=limit, offset=offset).as_dict()
