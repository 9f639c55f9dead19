"""Who may write (judgements, uploads): the token when one is set, same-site requests always.

With ``settings.token`` set (required beyond loopback, see ``storyline.cli_web``) every
writing request carries ``Authorization: Bearer <token>``: none is 401, a wrong one 403,
compared in constant time. Without a token the server listens on loopback only, and a
web page elsewhere must still not be able to make the browser post a merge (CSRF) or
reach the server under a name of its own (DNS rebinding): the request must name a
loopback host and carry ``X-Storyline: 1`` or come from the same origin
(``Sec-Fetch-Site: same-origin``, or an ``Origin`` equal to the server's own).
"""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from fastapi import Request
from starlette.exceptions import HTTPException

from storyline.cli_web import is_loopback
from storyline.settings import Settings

# The header a script or client sends to say "not a cross-site form": browsers cannot add
# it cross-site without a CORS preflight, which this server never grants.
CSRF_HEADER = "x-storyline"


def require_writer(request: Request) -> None:
    """A FastAPI dependency of every writing endpoint (raises 401/403)."""
    settings: Settings = request.app.state.settings
    if settings.token:
        check_token(request.headers.get("authorization", ""), settings.token)
        return
    check_same_site(request, settings)


def check_token(header: str, token: str) -> None:
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(
            401, "this endpoint needs the token", headers={"WWW-Authenticate": "Bearer"}
        )
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(403, "wrong token")


def check_same_site(request: Request, settings: Settings) -> None:
    host = request.headers.get("host", "")
    if not _local_name(host, settings):
        raise HTTPException(403, f"writes are accepted on the loopback address only, not {host!r}")
    if request.headers.get(CSRF_HEADER) == "1":
        return
    if request.headers.get("sec-fetch-site") == "same-origin":
        return
    origin = request.headers.get("origin")
    if origin and _same_origin(origin, request.url.scheme, host):
        return
    raise HTTPException(
        403, "cross-site write refused: send the header X-Storyline: 1 from your client"
    )


def _hostname(host: str) -> str:
    """``127.0.0.1:8000`` → ``127.0.0.1``; ``[::1]:8000`` → ``::1``; nonsense → ``""``."""
    try:
        return urlsplit(f"//{host}").hostname or ""
    except ValueError:
        return ""


def _local_name(host: str, settings: Settings) -> bool:
    name = _hostname(host)
    return is_loopback(name) or name == settings.host


def _same_origin(origin: str, scheme: str, host: str) -> bool:
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    return parts.scheme == scheme and parts.netloc.lower() == host.lower()
