"""Typed relations between entity mentions (sibling_of, leader_of, ambassador_to, …)."""

from __future__ import annotations

from storyline.extract.context import DocContext
from storyline.extract.model import Relation
from storyline.extract.stage import EXTRACTORS
from storyline.extract.statements import relation_statement
from storyline.model import Statement

NAME = "relations.v1"


def find_relations(ctx: DocContext) -> list[Relation]:
    """Every item of the document, in text order (not written yet)."""
    return []


@EXTRACTORS.register(NAME)
def relations(ctx: DocContext) -> list[Statement]:
    return [relation_statement(ctx.doc.id, x, NAME) for x in find_relations(ctx)]
