"""The server-rendered pages (Jinja2, autoescaped; scripts and styles from /static only)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(include_in_schema=False)
