"""Typed relations between entity mentions (sibling_of, leader_of, ambassador_to, …).

The relation types and every cue word are data (``relation_types``, ``relation_cues`` and
``countries`` in schema.yaml). Rules read the dependency parse one sentence at a time, in
time linear in the sentence: role nouns (relations_roles.py), handing-over verbs and
place names (relations_frames.py). Precision comes first: a side that is not named in the
article, a surname whose owner was guessed, a pronoun with two possible antecedents, or a
denied or hedged clause gives no relation.
"""

from __future__ import annotations

from collections.abc import Iterator

from storyline.extract.context import DocContext, MentionRow
from storyline.extract.model import Relation
from storyline.extract.relations_frames import place_relations, transfer_relations
from storyline.extract.relations_roles import role_relations
from storyline.extract.relations_table import relation_table
from storyline.extract.relations_view import DocIndex, SentenceView
from storyline.extract.stage import EXTRACTORS
from storyline.extract.statements import relation_statement
from storyline.model import Statement

NAME = "relations.v1"

# The rules, in the order their finds are kept when two state the same relation.
_RULES = (role_relations, transfer_relations, place_relations)


def find_relations(ctx: DocContext) -> list[Relation]:
    """Every relation the document states, in text order, each (subject, type, object) once."""
    seen: set[tuple[str, str, str]] = set()
    found: list[Relation] = []
    for relation in _sentence_relations(ctx):
        key = (relation.subject.mention, relation.predicate, relation.object.mention)
        if key not in seen:
            seen.add(key)
            found.append(relation)
    return sorted(found, key=lambda r: (r.start, r.end, r.predicate))


def _sentence_relations(ctx: DocContext) -> Iterator[Relation]:
    table = relation_table()
    index = DocIndex(ctx, table)
    previous: tuple[MentionRow, ...] = ()
    for sent, base in ctx.spans():
        view = SentenceView(sent, base, ctx, previous)
        for rule in _RULES:
            yield from rule(view, index, table)
        previous = view.last_people


@EXTRACTORS.register(NAME)
def relations(ctx: DocContext) -> list[Statement]:
    return [relation_statement(ctx.doc.id, r, NAME) for r in find_relations(ctx)]
