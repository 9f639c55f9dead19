"""Search, ask and upload pages.

Search lists passages with the query's words marked; ask answers a question in the
articles' own sentences, each citation opening the reader at its span, says where the
sources differ on what it quotes (each value cited by its sentence), or says plainly
that the articles do not answer it, and why. Upload sends
files to the API's upload endpoint from a small script, with a progress bar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from storyline.errors import StorylineError
from storyline.query.answer import ask
from storyline.query.search import search
from storyline.store.base import Store
from storyline.web import views
from storyline.web.knowledge import KnowledgeBase
from storyline.web.page_data import conflict_cards, shown_value
from storyline.web.pages_common import render
from storyline.web.pages_marks import Mark, tokens

router = APIRouter(include_in_schema=False)
# Longest query read; the rest of a pasted essay is ignored.
MAX_QUERY = 2000
# Hits shown on one page of results.
HITS = 20
# Values of one "sources differ" case shown under an answer; the rest are counted.
DIFFER_VALUES = 10
# Where the upload page posts, and where it polls the ingest job (``{id}``).
UPLOAD_ENDPOINT = "/api/ingest"
JOB_ENDPOINT = "/api/jobs/{id}"


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "") -> HTMLResponse:
    query = q.strip()[:MAX_QUERY]
    found, problem = _run("search", request, query) if query else (None, None)
    context = {
        "section": "Search",
        "query": query,
        "hits": _hits(found) if found else [],
        "problem": problem,
        "mode": "search",
    }
    return render(request, "search.html", context)


@router.get("/ask", response_class=HTMLResponse)
def ask_page(request: Request, q: str = "") -> HTMLResponse:
    query = q.strip()[:MAX_QUERY]
    found, problem = _run("ask", request, query) if query else (None, None)
    context = {
        "section": "Search",
        "query": query,
        "answer": found,
        "differ": _differ(views.kb_of(request), found["conflicts"]) if found else [],
        "problem": problem,
        "mode": "ask",
    }
    return render(request, "search.html", context)


@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request) -> HTMLResponse:
    context = {
        "section": "Upload",
        "endpoint": UPLOAD_ENDPOINT,
        "job_endpoint": JOB_ENDPOINT,
        "available": UPLOAD_ENDPOINT in request.app.openapi().get("paths", {}),
    }
    return render(request, "upload.html", context)


def _run(kind: str, request: Request, query: str) -> tuple[dict[str, Any] | None, str | None]:
    """The library's search or answer as plain data, or the message of why there is none."""
    run: Callable[[Store], Any] = {
        "search": lambda store: search(store, query, limit=HITS),
        "ask": lambda store: ask(store, query),
    }[kind]
    try:
        found: dict[str, Any] = views.kb_of(request).read(run).as_dict()
    except StorylineError as exc:
        return None, exc.message
    return found, None


def _differ(kb: KnowledgeBase, conflicts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The answer's "sources differ" cases: each value with the sentence that gives it.

    At most ``DIFFER_VALUES`` values each (a claim reprinted a thousand times is cited a
    thousand times), the rest counted, with a link to the conflict's page.
    """
    if not conflicts:
        return []
    names = views.entity_names(kb)
    pages = {_conflict_key(c): c["href"] for c in conflict_cards(kb)}
    out = []
    for conflict in conflicts:
        unit, values = conflict.get("unit"), conflict["values"]
        if conflict.get("kind") == "date":
            label = f"the event “{conflict.get('subject_text')}”"
        else:
            subject = str(conflict.get("subject") or "")
            label = names.get(subject) or conflict.get("subject_text") or subject
        out.append(
            {
                "label": label,
                "property": conflict.get("property"),
                "values": [{**v, "shown": shown_value(v, unit)} for v in values[:DIFFER_VALUES]],
                "more": max(0, len(values) - DIFFER_VALUES),
                "href": pages.get(_conflict_key(conflict)),
            }
        )
    return out


def _conflict_key(conflict: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(conflict.get(k) for k in ("kind", "subject", "property", "unit"))


def _hits(found: dict[str, Any]) -> list[dict[str, Any]]:
    """Each hit with its snippet as marked tokens (the query's words highlighted)."""
    out = []
    for hit in found["hits"]:
        marks = [Mark(int(start), int(end), "hit") for start, end in hit["highlights"]]
        out.append({**hit, "tokens": tokens(hit["snippet"], marks)})
    return out
