"""Property-based checks of the REST API against its own OpenAPI document (schemathesis).

Every generated request, valid or not, must get an answer the document describes: no
5xx, the documented status codes and content types, bodies matching their schemas.
Reads run on the sample corpus; judgements on a private copy, with the same-site header.
Uploads are tested by hand (tests/web/test_api_upload.py): a generated multipart body
says nothing about articles.

Hypothesis drives each operation's strategy directly: schemathesis's own pytest
integration (``from_fixture(...).parametrize()``) does not run under pytest 9.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from storyline.settings import Settings
from storyline.web import create_app

# Examples per operation: enough to reach every parameter's edges, and well under two
# minutes for the whole file on two shared cores.
EXAMPLES = 25
# The whole export on each call, or the question answerer: fewer examples.
FEWER = {
    "/api/export": 6,
    "/api/ask": 8,
    "/api/judgements": 15,
    "/api/judgements/{judgement_id}": 10,
}
# Writing operations run against a private copy; the upload is tested by hand.
WRITES = {("POST", "/api/judgements"), ("DELETE", "/api/judgements/{judgement_id}")}
SKIPPED = {("POST", "/api/ingest")}


def operations() -> list[tuple[str, str]]:
    spec = create_app(Settings(db="unused.db")).openapi()
    return sorted(
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method in item
        if (method.upper(), path) not in SKIPPED
    )


def run(db: Path, method: str, path: str) -> None:
    app = create_app(Settings(db=str(db)))
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    (operation,) = [
        found.ok()
        for found in schema.get_all_operations()
        if found.ok().method.upper() == method and found.ok().path == path
    ]
    strategy = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )
    headers = {"X-Storyline": "1"} if (method, path) in WRITES else None

    @given(case=strategy)
    @settings(
        max_examples=FEWER.get(path, EXAMPLES),
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=headers)

    check()


@pytest.mark.parametrize(("method", "path"), [o for o in operations() if o not in WRITES])
def test_reads_answer_as_documented(examples_db: Path, method: str, path: str) -> None:
    run(examples_db, method, path)


@pytest.mark.parametrize(("method", "path"), sorted(WRITES))
def test_writes_answer_as_documented(writable_examples_db: Path, method: str, path: str) -> None:
    run(writable_examples_db, method, path)
