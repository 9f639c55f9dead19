"""The REST API under ``/api/``: the same library calls as the command line, as JSON."""

from __future__ import annotations

from fastapi import APIRouter

from storyline import __version__

router = APIRouter(prefix="/api", tags=["api"])


@router.get("/health")
def health() -> dict[str, object]:
    """Liveness: the server answers and which version it runs."""
    return {"ok": True, "version": __version__}
