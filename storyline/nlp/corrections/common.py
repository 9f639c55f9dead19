"""What the mention corrections share: the name a mention stands for, its vote key, types."""

from __future__ import annotations

import dataclasses

from storyline.nlp import names, translit
from storyline.nlp.mentions import Mention

PERSON = "PERSON"
# Type priority when votes tie: a person is the costliest to miss.
TYPE_PRIORITY = ("PERSON", "ORG", "GPE", "LOC", "EVENT", "OTHER")
# Model labels that say a string is not an entity of ours (a vote to drop the mention).
NOT_AN_ENTITY = "NORP"


def name_of(mention: Mention) -> str:
    """The name a mention stands for: its text, or the repaired form of a broken name."""
    return dict(mention.attrs).get("joined", mention.text)


def vote_key(name: str) -> str:
    """Names that are one name in a document: their skeleton (Otunbayeva = Otunbaeva)."""
    return translit.skeleton(name) or names.key(name)


def replaced(mention: Mention, source: str, **changes: object) -> Mention:
    """``mention`` with ``changes`` made by the correction ``source``."""
    return dataclasses.replace(mention, source=source, **changes)  # type: ignore[arg-type]


def by_position(mentions: list[Mention]) -> list[Mention]:
    return sorted(mentions, key=lambda m: (m.start, m.end))
