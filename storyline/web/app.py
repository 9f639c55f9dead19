"""The application factory: routers, the one JSON error shape, security headers.

Every error the API answers is ``StorylineError.as_dict()``'s shape
(``{"ok": false, "error": …, "code": …, "hint": …, "status": …}``) with that status;
pages answer errors with an HTML page carrying the same message.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline import __version__
from storyline.errors import StorylineError
from storyline.settings import Settings
from storyline.web.jobs import Jobs
from storyline.web.knowledge import KnowledgeBase, stale_watch

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"

# No inline script or style anywhere: article text is hostile input, and a strict policy
# is the second wall behind Jinja2's autoescaping.
CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    )
)
SECURITY_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityHeaders:
    """ASGI middleware: the security headers on every HTTP response, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


# The header of a response built from views of an earlier version (being recomputed).
STALE_HEADER = (b"x-storyline-stale", b"1")
# How often the warm-up worker looks for a change made by another process (seconds).
WATCH_S = 2.0


class StaleMark:
    """ASGI middleware: ``X-Storyline-Stale: 1`` on a response that read a stale view."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with stale_watch() as flag:

            async def send_marked(message: Message) -> None:
                if message["type"] == "http.response.start" and flag[0]:
                    message["headers"] = [*message.get("headers", []), STALE_HEADER]
                await send(message)

            await self.app(scope, receive, send_marked)


def error_body(message: str, status: int, code: str, hint: str = "") -> dict[str, object]:
    return {"ok": False, "error": message, "code": code, "hint": hint, "status": status}


def create_app(settings: Settings) -> FastAPI:
    """The storyline web application over the knowledge base ``settings.db``.

    Its views are warmed in the background when it starts and after every change
    (``storyline.web.knowledge``); the worker stops when the app does.
    """
    from storyline.web.views_warm import warm

    kb = KnowledgeBase(settings.db, warm=warm, poll_s=WATCH_S)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        kb.start()
        try:
            yield
        finally:
            kb.close()

    app = FastAPI(
        title="storyline",
        version=__version__,
        description="A sourced knowledge base of a news story: every fact cites its text.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # /api/docs is our own page: Swagger UI would need a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.kb = kb
    app.state.jobs = Jobs(app.state.kb, settings)
    app.add_middleware(StaleMark)
    app.add_middleware(SecurityHeaders)
    _error_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    from storyline.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    return app


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StorylineError)
    async def storyline_error(request: Request, exc: StorylineError) -> Response:
        return _respond(request, exc.as_dict(), exc.status)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        body = error_body(message, exc.status_code, f"H{exc.status_code}")
        return _respond(request, body, exc.status_code, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}"
            for e in exc.errors()
        )
        body = error_body(f"invalid request: {problems}", 422, "E422")
        return _respond(request, body, 422)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        body = error_body("internal error", 500, "E000", "see the server log")
        return _respond(request, body, 500)


def _respond(
    request: Request,
    body: dict[str, object],
    status: int,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """The JSON error shape under /api and /static; the pages' HTML error page elsewhere."""
    path = request.url.path
    if path == "/api" or path.startswith(("/api/", "/static/")):
        return JSONResponse(body, status_code=status, headers=headers)
    from storyline.web.pages_common import error_page

    return error_page(
        request, str(body["error"]), status, code=str(body["code"]), hint=str(body["hint"])
    )
