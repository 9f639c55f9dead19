"""Definite event anaphora within a document: "the meeting" is the meeting told before.

An article names an event once with its participants ("a meeting between President
Grabovich and Zhumaliyev") and then refers back to it ("the meeting took place on
8 May"; "Grabovich defended the meeting"). A definite nominal mention with no one taking
part in it inherits the participants of the nearest earlier mention of the same type
in the document that has them, so that its date and the first mention's participants
describe one event (cross-document coreference then sees who met, and when).

Precision first: only a noun with "the", "this" or "that" before it and no participant
of its own (a place aside) is read as anaphora, and only a mention of the same schema
type, asserted like it, can be its antecedent. The inherited participants keep their
own references: the evidence stays the words that name them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from spacy.tokens import Token

from storyline.extract.model import EventMention

# Determiners that make a nominal trigger refer back.
DEFINITE = frozenset({"the", "this", "that"})
PLACE = "place"


def is_definite_noun(token: Token) -> bool:
    """A noun introduced by a definite determiner: "the meeting", "that summit"."""
    return token.pos_ == "NOUN" and any(
        child.dep_ == "det" and child.lower_ in DEFINITE for child in token.children
    )


def _takes_part(mention: EventMention) -> bool:
    return any(p.role != PLACE for p in mention.participants)


def resolve_anaphora(
    mentions: Sequence[EventMention], definite: Sequence[bool]
) -> list[EventMention]:
    """The mentions, in text order, with definite participant-less ones completed."""
    out: list[EventMention] = []
    for mention, is_definite in zip(mentions, definite, strict=True):
        if is_definite and not mention.negated and not _takes_part(mention):
            antecedent = next(
                (
                    m
                    for m in reversed(out)
                    if m.type == mention.type and not m.negated and _takes_part(m)
                ),
                None,
            )
            if antecedent is not None:
                inherited = tuple(p for p in antecedent.participants if p.role != PLACE)
                own_place = any(p.role == PLACE for p in mention.participants)
                places = (
                    ()
                    if own_place
                    else tuple(p for p in antecedent.participants if p.role == PLACE)
                )
                mention = dataclasses.replace(
                    mention, participants=(*inherited, *mention.participants, *places)
                )
        out.append(mention)
    return out
