"""``/api/docs``: the REST API described as one server-rendered page, from the OpenAPI document.

Swagger UI would need a CDN and inline script, both of which the Content-Security-Policy
forbids; this page lists every path, method, parameter, request body and response
schema of ``/api/openapi.json`` instead, autoescaped like every page.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

router = APIRouter()

METHODS = ("get", "post", "put", "patch", "delete")


@dataclasses.dataclass(frozen=True)
class Param:
    name: str
    where: str  # query, path, header
    type: str
    required: bool
    description: str


@dataclasses.dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    description: str
    params: list[Param]
    body: list[tuple[str, str]]  # (media type, schema)
    responses: list[tuple[str, str, str]]  # (status, description, schema)


def type_of(schema: dict[str, Any]) -> str:
    """A schema in a few words: ``Event``, ``list[string]``, ``integer ≥ 1 ≤ 500``."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(type_of(s) for s in schema["anyOf"])
    if "enum" in schema:
        return "one of " + ", ".join(str(v) for v in schema["enum"])
    if "const" in schema:
        return repr(schema["const"])
    kind = str(schema.get("type", "any"))
    if kind == "array":
        return f"list[{type_of(schema.get('items', {}))}]"
    if kind == "object" and "additionalProperties" in schema:
        extra = schema["additionalProperties"]
        return f"dict[string, {type_of(extra) if isinstance(extra, dict) else 'any'}]"
    return kind + _limits(schema)


def _limits(schema: dict[str, Any]) -> str:
    signs = (
        ("minimum", "≥"),
        ("maximum", "≤"),
        ("minLength", "length ≥"),
        ("maxLength", "length ≤"),
        ("pattern", "matching"),
        ("format", "format"),
    )
    return "".join(f" {sign} {schema[key]}" for key, sign in signs if key in schema)


def operations(spec: dict[str, Any]) -> list[Operation]:
    """Every operation of the OpenAPI document, in path order."""
    found = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                found.append(_operation(method, path, item[method]))
    return found


def _operation(method: str, path: str, op: dict[str, Any]) -> Operation:
    params = [
        Param(
            p["name"],
            p.get("in", ""),
            type_of(p.get("schema", {})),
            bool(p.get("required")),
            str(p.get("description", "")),
        )
        for p in op.get("parameters", [])
    ]
    content = op.get("requestBody", {}).get("content", {})
    body = [(media, type_of(v.get("schema", {}))) for media, v in content.items()]
    responses = [
        (str(status), str(r.get("description", "")), _response_types(r))
        for status, r in sorted(op.get("responses", {}).items())
    ]
    return Operation(
        method.upper(),
        path,
        str(op.get("summary", "")),
        str(op.get("description", "")),
        params,
        body,
        responses,
    )


def _response_types(response: dict[str, Any]) -> str:
    content = response.get("content", {})
    return "; ".join(
        f"{media}: {type_of(v['schema'])}" if v.get("schema") else media
        for media, v in content.items()
    )


def schemas(spec: dict[str, Any]) -> list[tuple[str, str, list[tuple[str, str, bool]]]]:
    """Each component schema: name, description, and its fields (name, type, required)."""
    found = []
    for name, schema in sorted(spec.get("components", {}).get("schemas", {}).items()):
        required = set(schema.get("required", []))
        fields = [
            (field, type_of(sub), field in required)
            for field, sub in schema.get("properties", {}).items()
        ]
        found.append((name, str(schema.get("description", "")), fields))
    return found


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def api_docs(request: Request) -> HTMLResponse:
    """The API reference page."""
    from storyline.web.pages_common import render

    spec = request.app.openapi()
    context = {
        "section": "",
        "info": spec.get("info", {}),
        "operations": operations(spec),
        "schemas": schemas(spec),
    }
    return render(request, "api_docs.html", context)
