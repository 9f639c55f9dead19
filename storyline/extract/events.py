"""Event mentions: triggers typed by the schema, participants with roles, place and time."""

from __future__ import annotations

from storyline.extract.context import DocContext
from storyline.extract.model import EventMention
from storyline.extract.stage import EXTRACTORS
from storyline.extract.statements import event_statement
from storyline.model import Statement

NAME = "events.v1"


def find_events(ctx: DocContext) -> list[EventMention]:
    """Every item of the document, in text order (not written yet)."""
    return []


@EXTRACTORS.register(NAME)
def events(ctx: DocContext) -> list[Statement]:
    return [event_statement(ctx.doc.id, x, NAME) for x in find_events(ctx)]
