"""Writing endpoints: judgements (merge, split, undo) and uploads built by a background job.

Each depends on ``require_writer`` (the token, or a same-site request on loopback: see
``api_security``). Nothing here fetches a URL: the server reads only what is uploaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi import Path as PathParam

from storyline.settings import Settings
from storyline.web import views
from storyline.web.api_models import ErrorBody, Job, JudgementRequest, JudgementResult
from storyline.web.api_params import KB
from storyline.web.api_security import require_writer
from storyline.web.api_upload import UploadReader
from storyline.web.jobs import Jobs

WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in (
        (401, "the token is missing (when the server has one)"),
        (403, "wrong token, or a cross-site request"),
    )
}

router = APIRouter(responses=WRITE_ERRORS)
Writer = [Depends(require_writer)]

UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["files"],
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}}
                    },
                }
            }
        },
    }
}


def jobs_of(request: Request) -> Jobs:
    jobs: Jobs = request.app.state.jobs
    return jobs


@router.post(
    "/judgements",
    response_model=JudgementResult,
    status_code=201,
    dependencies=Writer,
    responses={409: {"model": ErrorBody, "description": "contradicts a recorded judgement"}},
)
def add_judgement(kb: KB, body: JudgementRequest, request: Request) -> dict[str, Any]:
    """Record that ``a`` and ``b`` are one entity (merge) or never are (split), and resolve."""
    settings: Settings = request.app.state.settings
    return views.record_judgement(
        kb, body.kind, body.a, body.b, author=settings.user, note=body.note
    )


@router.delete("/judgements/{judgement_id}", response_model=JudgementResult, dependencies=Writer)
def delete_judgement(kb: KB, judgement_id: Annotated[int, PathParam(ge=1)]) -> dict[str, Any]:
    """Undo a judgement: forget it and resolve again."""
    return views.undo_judgement(kb, judgement_id)


@router.post(
    "/ingest",
    response_model=Job,
    status_code=202,
    dependencies=Writer,
    openapi_extra=UPLOAD_BODY,
    responses={
        413: {"model": ErrorBody, "description": "larger than max_upload_mb"},
        415: {"model": ErrorBody, "description": "not a file type storyline reads"},
    },
)
async def ingest(request: Request, jobs: Annotated[Jobs, Depends(jobs_of)]) -> dict[str, Any]:
    """Upload article files (multipart field ``files``); a background job builds them.

    Poll ``GET /api/jobs/{id}`` until ``state`` is ``done`` or ``failed``.
    """
    settings: Settings = request.app.state.settings
    job_id, folder = jobs.staging()
    limit = int(settings.max_upload_mb * 1_000_000)
    saved: list[Path] = await UploadReader(folder, limit).read(request)
    return jobs.submit(job_id, saved).as_dict()


@router.get("/jobs/{job_id}", response_model=Job)
def job(job_id: str, jobs: Annotated[Jobs, Depends(jobs_of)]) -> dict[str, Any]:
    """An ingest job's progress: ``state``, ``phase``, ``done`` of ``total``, ``report``."""
    return jobs.get(job_id).as_dict()
