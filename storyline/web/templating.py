"""The one Jinja2 environment of the pages: autoescaped, templates from this package."""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates

TEMPLATES = Path(__file__).parent / "templates"

# Jinja2Templates autoescapes .html templates; article text is only ever passed as data.
templates = Jinja2Templates(directory=TEMPLATES)
