"""What every page shares: rendering, the HTML error page, and who may post a form.

Forms that write (merge, split, undo) come from our own pages as plain HTML posts.
They are accepted only from the same origin (``Sec-Fetch-Site: same-origin`` or an
``Origin`` equal to the server's), and, when the server has a token, with that token
typed into the form: a page elsewhere cannot make the browser post a judgement.
"""

from __future__ import annotations

import hmac
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from starlette.exceptions import HTTPException

from storyline import __version__
from storyline.settings import Settings
from storyline.web.knowledge import served_stale
from storyline.web.page_data import cite_href, entity_href
from storyline.web.templating import templates

# The main navigation: (path, label); a page names its section by label.
NAV = (
    ("/", "Overview"),
    ("/documents", "Documents"),
    ("/entities", "Entities"),
    ("/timeline", "Timeline"),
    ("/conflicts", "Conflicts"),
    ("/search", "Search"),
    ("/upload", "Upload"),
)
# Rows per page of the long lists (documents, entities).
PAGE_SIZE = 50
# The link builders are globals of the environment, so imported macros can call them.
templates.env.globals.update(cite_href=cite_href, entity_href=entity_href)


def render(
    request: Request, name: str, context: dict[str, Any], *, status: int = 200
) -> HTMLResponse:
    """The template ``name`` with the layout's context (navigation, link builders)."""
    settings: Settings = request.app.state.settings
    full = {
        "nav": NAV,
        "version": __version__,
        "needs_token": bool(settings.token),
        "stale": served_stale(),
        **context,
    }
    response: HTMLResponse = templates.TemplateResponse(request, name, full, status_code=status)
    return response


def error_page(
    request: Request,
    message: str,
    status: int,
    *,
    code: str = "",
    hint: str = "",
    back: str | None = None,
) -> HTMLResponse:
    """The HTML page of an error on a page route: the message, the hint, the status."""
    title = {404: "Not found", 403: "Not allowed", 400: "Bad request", 409: "Conflict"}
    context = {
        "title": title.get(status, "Something went wrong"),
        "message": message,
        "hint": hint,
        "code": code or f"H{status}",
        "status": status,
        "back": back,
    }
    return render(request, "error.html", context, status=status)


def pager_links(
    path: str, params: dict[str, Any], total: int, offset: int, *, size: int = PAGE_SIZE
) -> dict[str, Any]:
    """``prev_href`` and ``next_href`` of a list page of ``size`` rows."""

    def href(at: int) -> str:
        query = {k: v for k, v in {**params, "offset": at}.items() if v}
        return f"{path}?{urlencode(query)}" if query else path

    return {
        "prev_href": href(max(0, offset - size)) if offset > 0 else None,
        "next_href": href(offset + size) if offset + size < total else None,
    }


def check_form_post(request: Request, token: str | None) -> None:
    """Refuse a writing form post from another site, or without the token when one is set."""
    if not _same_origin(request):
        raise HTTPException(403, "cross-site form post refused: use the page of this server")
    settings: Settings = request.app.state.settings
    if settings.token and not hmac.compare_digest((token or "").encode(), settings.token.encode()):
        raise HTTPException(403, "this server needs its token to record a judgement")


def _same_origin(request: Request) -> bool:
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site == "same-origin"
    origin = request.headers.get("origin")
    if not origin:
        return False
    parts = urlsplit(origin)
    host = request.headers.get("host", "")
    return parts.scheme == request.url.scheme and parts.netloc.lower() == host.lower()
