"""The ``serve`` command: the web UI and REST API on one port."""

from __future__ import annotations

import ipaddress

from storyline.errors import ConfigError
from storyline.settings import Settings


def is_loopback(host: str) -> bool:
    """``127.0.0.1``, ``::1`` and ``localhost`` are loopback; anything else is not."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_exposure(settings: Settings) -> None:
    """Beyond loopback, writing endpoints need a token: refuse to start without one."""
    if not is_loopback(settings.host) and not settings.token:
        raise ConfigError(
            f"listening on {settings.host} needs a token for judgements and uploads",
            hint="set STORYLINE_TOKEN, or keep the default --host 127.0.0.1",
        )


def serve_command(settings: Settings) -> None:
    """Run the app with uvicorn until interrupted."""
    import uvicorn

    from storyline.web import create_app

    check_exposure(settings)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")
