"""The server-rendered pages (Jinja2, autoescaped; scripts and styles from /static only).

This module serves the overview, the document list and the reader; the entity pages,
the story pages (timeline, conflicts) and search, ask and upload have modules of their
own, included here so that ``app.py`` includes one router.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from storyline.web import pages_entities, pages_search, pages_story, views
from storyline.web.page_data import (
    conflict_cards,
    metadata_rows,
    reader_marks,
    sentence_around,
)
from storyline.web.pages_common import PAGE_SIZE, pager_links, render
from storyline.web.pages_marks import parse_span, tokens

router = APIRouter(include_in_schema=False)
# Documents listed on the overview before "all documents".
OVERVIEW_DOCS = 10
# Conflicts listed on the overview before "all conflicts".
OVERVIEW_CONFLICTS = 10


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request) -> HTMLResponse:
    kb = views.kb_of(request)
    docs = views.documents(kb, limit=OVERVIEW_DOCS)
    context = {
        "section": "Overview",
        "o": views.overview(kb),
        "docs": docs.items,
        "more_docs": docs.total > len(docs.items),
        "conflicts": conflict_cards(kb)[:OVERVIEW_CONFLICTS],
    }
    return render(request, "overview.html", context)


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, outlet: str = "", offset: int = 0) -> HTMLResponse:
    kb = views.kb_of(request)
    offset = max(0, offset)
    found = views.documents(kb, limit=PAGE_SIZE, offset=offset, outlet=outlet or None)
    context = {
        "section": "Documents",
        "page": found,
        "outlet": outlet,
        "outlets": views.outlets(kb),
        **pager_links("/documents", {"outlet": outlet}, found.total, offset),
    }
    return render(request, "documents.html", context)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def reader_page(request: Request, doc_id: str, hl: str = "") -> HTMLResponse:
    """The clean text with its marks; ``?hl=START-END`` highlights and scrolls to a span."""
    kb = views.kb_of(request)
    doc = views.document(kb, doc_id)
    span = parse_span(hl, len(doc["text"]))
    marks = reader_marks(doc["spans"], views.entity_names(kb), span)
    context_mark = sentence_around(kb, doc["id"], span) if span else None
    if context_mark is not None:
        marks.append(context_mark)
    context = {
        "section": "Documents",
        "doc": doc,
        "tokens": tokens(doc["text"], marks),
        "hl": span,
        "hl_bad": hl if hl and span is None else None,
        "meta": metadata_rows(doc),
    }
    return render(request, "reader.html", context)


# The sections with modules of their own, behind the one router ``app.py`` includes.
router.include_router(pages_entities.router)
router.include_router(pages_story.router)
router.include_router(pages_search.router)
