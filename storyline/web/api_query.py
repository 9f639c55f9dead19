"""Search, ask and export: the library's ``search``, ``ask`` and exporters over HTTP.

``search`` and ``ask`` are imported when first called, so the API starts (and answers
501) where a build of storyline lacks them. Exports are written by the library into a
spooled temporary file in a worker thread, then streamed out in chunks with their
format's content type.
"""

from __future__ import annotations

import importlib
import tempfile
from collections.abc import Iterator
from enum import StrEnum
from typing import IO, Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from storyline.export import EXPORTERS, export
from storyline.web.api_models import AskAnswer, ErrorBody, SearchPage
from storyline.web.api_params import KB, DateParam, Limit, Reference, Text, checked_date
from storyline.web.knowledge import KnowledgeBase

router = APIRouter()

# Exports kept in memory up to this size, on disk beyond it.
SPOOL_BYTES = 8 * 1024 * 1024
CHUNK = 64 * 1024
# Each format's media type and file ending.
MEDIA: dict[str, tuple[str, str]] = {
    "json": ("application/json", "json"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "timelinejs": ("application/json", "timeline.json"),
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
    "ftm": ("application/x-ndjson", "ftm.jsonl"),
}
ExportFormat = StrEnum("ExportFormat", {name: name for name in EXPORTERS.names()})  # type: ignore[misc]
# A query or question must hold a letter or digit: punctuation alone is refused by schema.
HAS_WORD = r"[^\W_]"
Question = Annotated[
    str, Query(min_length=1, max_length=2000, pattern=HAS_WORD, description="the question")
]
Words = Annotated[
    str, Query(min_length=1, max_length=500, pattern=HAS_WORD, description="words or a phrase")
]
# The deepest page a search serves (``storyline.query.search.MAX_OFFSET``).
SearchOffset = Annotated[int, Query(ge=0, le=100_000, description="hits to skip")]
NOT_BUILT: dict[int | str, dict[str, Any]] = {
    501: {"model": ErrorBody, "description": "search or ask is not in this build"}
}


def _library(module: str, name: str) -> Any:
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        raise HTTPException(501, f"{module}.{name} is not available in this build") from None


@router.get("/search", response_model=SearchPage, responses=NOT_BUILT)
def search(
    kb: KB,
    q: Words,
    limit: Limit = 50,
    offset: SearchOffset = 0,
    outlet: Text = None,
    date_from: DateParam = None,
    date_to: DateParam = None,
    entity: Reference = None,
    doc: Text = None,
) -> dict[str, Any]:
    """Passages matching ``q`` (BM25), best first, each with its citation and snippet."""
    run = _library("storyline.query.search", "search")
    options = {
        "limit": limit,
        "offset": offset,
        "outlet": outlet,
        "date_from": checked_date(date_from, "date_from"),
        "date_to": checked_date(date_to, "date_to"),
        "entity": entity,
        "doc": doc,
    }
    found = kb.read(lambda store: run(store, q, **options)).as_dict()
    items = found.pop("hits")
    return {"ok": True, "items": items, "limit": limit, "offset": offset, **found}


@router.get("/ask", response_model=AskAnswer, responses=NOT_BUILT)
def ask(
    kb: KB,
    q: Question,
    limit: Annotated[int, Query(ge=1, le=50, description="citations at most")] = 5,
    outlet: Text = None,
    date_from: DateParam = None,
    date_to: DateParam = None,
) -> dict[str, Any]:
    """An extractive answer to a question, with citations, or an abstention."""
    run = _library("storyline.query.answer", "ask")
    options = {
        "limit": limit,
        "outlet": outlet,
        "date_from": checked_date(date_from, "date_from"),
        "date_to": checked_date(date_to, "date_to"),
    }
    answer = kb.read(lambda store: run(store, q, **options))
    return {"ok": True, **answer.as_dict()}


@router.get(
    "/export",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "the knowledge base in the format asked for",
            "content": {media: {} for media, _ in MEDIA.values()},
        }
    },
)
async def export_kb(
    kb: KB, format: Annotated[ExportFormat, Query(description="an export format")]
) -> StreamingResponse:
    """The whole knowledge base in one export format (the JSON export is the contract)."""
    name = str(format.value)
    media, ending = MEDIA.get(name, ("text/plain; charset=utf-8", "txt"))
    spooled = await run_in_threadpool(_write, kb, name)
    return StreamingResponse(
        _chunks(spooled),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="storyline.{ending}"'},
    )


def _write(kb: KnowledgeBase, fmt: str) -> IO[str]:
    # Handed to the response, which closes it after the last chunk.
    out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+", encoding="utf-8")  # noqa: SIM115
    try:
        kb.read(lambda store: export(store, fmt, out))
    except BaseException:
        out.close()
        raise
    out.seek(0)
    return out


def _chunks(spooled: IO[str]) -> Iterator[bytes]:
    with spooled:
        while chunk := spooled.read(CHUNK):
            yield chunk.encode("utf-8")
