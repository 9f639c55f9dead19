"""Query parameters shared by the API's endpoints, and the error responses they document."""

from __future__ import annotations

import calendar
from typing import Annotated, Any

from fastapi import Depends, Query

from storyline.errors import InputError
from storyline.query.timeline import bounds
from storyline.web import views
from storyline.web.api_models import ErrorBody
from storyline.web.knowledge import KnowledgeBase

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in (
        (400, "ambiguous reference or bad request"),
        (404, "no such record"),
        (422, "invalid parameters"),
        (500, "internal error"),
    )
}


KB = Annotated[KnowledgeBase, Depends(views.kb_of)]
Limit = Annotated[int, Query(ge=1, le=500, description="items per page (1–500)")]
Offset = Annotated[int, Query(ge=0, description="items to skip")]
Text = Annotated[str | None, Query(max_length=500)]
Reference = Annotated[str | None, Query(max_length=500, description="an entity id, name or alias")]
# A year, a month or a day (no year 0, months 01–12, days as long as the month can be).
DATE_PATTERN = (
    r"^(\d{3}[1-9]|\d{2}[1-9]\d|\d[1-9]\d{2}|[1-9]\d{3})"
    r"(-(0[13578]|1[02])(-(0[1-9]|[12]\d|3[01]))?"
    r"|-(0[469]|11)(-(0[1-9]|[12]\d|30))?"
    r"|-02(-(0[1-9]|1\d|2\d))?)?$"
)
DateParam = Annotated[
    str | None,
    Query(pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD"),
]


def checked_date(value: str | None, name: str) -> str | None:
    """``value`` as a date filter; 29 February of a common year counts as the 28th."""
    if value is None or bounds(value) is not None:
        return value
    year, _, rest = value.partition("-")
    if rest == "02-29" and not calendar.isleap(int(year)):
        return f"{year}-02-28"
    raise InputError(f"{name} {value!r} is not a date", hint="YYYY, YYYY-MM or YYYY-MM-DD")
