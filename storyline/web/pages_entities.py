"""The entity pages: the list, a profile, and the merge, split and undo forms.

A form post records a judgement with ``storyline.judge`` (the same call as
``storyline merge``), then redirects to the entity as it now is, with the judgement
and its reason shown; undo removes the judgement and resolves again.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from storyline.errors import StorylineError
from storyline.judge import judge, remove_judgement
from storyline.resolve.judgements import MERGE, SPLIT
from storyline.settings import Settings
from storyline.web import views
from storyline.web.knowledge import KnowledgeBase
from storyline.web.page_data import entity_href
from storyline.web.pages_common import (
    PAGE_SIZE,
    check_form_post,
    error_page,
    pager_links,
    render,
)
from storyline.web.pages_graph import relation_graph
from storyline.web.views_index import entity_index, judgement_rows

router = APIRouter(include_in_schema=False)
# Entity types offered by the list's filter (the schema's types).
TYPES = ("PERSON", "ORG", "GPE", "LOC", "EVENT", "OTHER")
# Entities offered by the merge form's suggestions.
SUGGESTIONS = 300
Note = Annotated[str, Form(max_length=500)]
Token = Annotated[str | None, Form()]


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, type: str = "", q: str = "", offset: int = 0) -> HTMLResponse:
    kb = views.kb_of(request)
    offset = max(0, offset)
    kind = type.upper() if type.upper() in TYPES else ""
    found = views.entities(kb, type=kind or None, q=q or None, limit=PAGE_SIZE, offset=offset)
    context = {
        "section": "Entities",
        "page": found,
        "q": q,
        "type": kind,
        "types": TYPES,
        **pager_links("/entities", {"type": kind, "q": q}, found.total, offset),
    }
    return render(request, "entities.html", context)


@router.get("/entities/{reference}", response_class=HTMLResponse)
def entity_page(request: Request, reference: str, judged: int = 0, undone: int = 0) -> Response:
    """An entity's profile; a name or alias that is not an id redirects to the id."""
    kb = views.kb_of(request)
    profile = views.entity_profile(kb, reference)
    if profile["id"] != reference:
        return RedirectResponse(entity_href(profile["id"]), status_code=303)
    names = views.entity_names(kb)
    context = {
        "section": "Entities",
        "e": profile,
        "names": names,
        "graph": relation_graph(profile["id"], profile["name"], profile["relations"], names),
        "max_outlet": max((o["mentions"] for o in profile["outlets"]), default=1),
        "others": [(r["id"], r["name"]) for r in _suggestions(kb, profile["id"])],
        "flash": _flash(kb, judged, undone),
    }
    return render(request, "entity.html", context)


def _suggestions(kb: KnowledgeBase, entity: str) -> list[dict[str, str]]:
    rows = entity_index(kb).rows[: SUGGESTIONS + 1]
    return [r for r in rows if r["id"] != entity][:SUGGESTIONS]


def _flash(kb: KnowledgeBase, judged: int, undone: int) -> str | None:
    if undone:
        return f"Judgement {undone} was undone; the entities are resolved again."
    found = [j for j in judgement_rows(kb) if j["id"] == judged]
    if not found:
        return None
    j = found[0]
    why = f" Reason: {j['note']}" if j["note"] else ""
    return f"Recorded judgement {j['id']}: {j['kind']} by {j['author']}.{why}"


@router.post("/entities/{entity}/merge")
def merge_form(
    request: Request,
    entity: str,
    other: Annotated[str, Form()],
    note: Note = "",
    token: Token = None,
) -> Response:
    return _judge(request, MERGE, entity, other, note, token)


@router.post("/entities/{entity}/split")
def split_form(
    request: Request,
    entity: str,
    a: Annotated[str, Form()],
    b: Annotated[str, Form()],
    note: Note = "",
    token: Token = None,
) -> Response:
    return _judge(request, SPLIT, a, b, note, token, back=entity, within=entity)


def _judge(
    request: Request,
    kind: str,
    a: str,
    b: str,
    note: str,
    token: str | None,
    back: str | None = None,
    within: str | None = None,
) -> Response:
    """Record the judgement and show the entity of its first side as it now is."""
    check_form_post(request, token)
    kb = views.kb_of(request)
    settings: Settings = request.app.state.settings
    try:
        with kb.store() as store:
            report = judge(
                store, kind, a.strip(), b.strip(), author=settings.user, note=note, within=within
            )
    except StorylineError as exc:
        return _refused(request, exc, back or a)
    finally:
        kb.invalidate()
    kb.wait_fresh()  # the redirect shows the entities as they now are
    target = _entity_of_key(kb, report.judgement.left[0]) or back or a
    return RedirectResponse(f"{entity_href(target)}?judged={report.judgement.id}", status_code=303)


@router.post("/judgements/{judgement_id}/undo")
def undo_form(
    request: Request, judgement_id: int, back: Annotated[str, Form()] = "", token: Token = None
) -> Response:
    """Remove a judgement; back to the entity that held its first side."""
    check_form_post(request, token)
    kb = views.kb_of(request)
    keys = [j["left"][0] for j in judgement_rows(kb) if j["id"] == judgement_id and j["left"]]
    try:
        with kb.store() as store:
            remove_judgement(store, judgement_id)
    except StorylineError as exc:
        return _refused(request, exc, back)
    finally:
        kb.invalidate()
    kb.wait_fresh()  # the redirect shows the entities as they now are
    target = (_entity_of_key(kb, keys[0]) if keys else None) or back
    if not target:
        return RedirectResponse("/entities", status_code=303)
    return RedirectResponse(f"{entity_href(target)}?undone={judgement_id}", status_code=303)


def _entity_of_key(kb: KnowledgeBase, key: str) -> str | None:
    """The entity that now holds the document cluster ``key``."""
    for entity in entity_index(kb).entities:
        if any(item.key == key for item in entity.items):
            return entity.id
    return None


def _refused(request: Request, exc: StorylineError, back: str) -> HTMLResponse:
    return error_page(
        request,
        exc.message,
        exc.status,
        code=exc.code,
        hint=exc.hint,
        back=entity_href(back) if back else None,
    )
