"""Direct quotes and reported speech, each attributed to the entity who said it."""

from __future__ import annotations

from storyline.extract.context import DocContext
from storyline.extract.model import Quote
from storyline.extract.stage import EXTRACTORS
from storyline.extract.statements import quote_statement
from storyline.model import Statement

NAME = "quotes.v1"


def find_quotes(ctx: DocContext) -> list[Quote]:
    """Every item of the document, in text order (not written yet)."""
    return []


@EXTRACTORS.register(NAME)
def quotes(ctx: DocContext) -> list[Statement]:
    return [quote_statement(ctx.doc.id, x, NAME) for x in find_quotes(ctx)]
