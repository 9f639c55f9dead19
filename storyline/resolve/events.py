"""Cross-document event coreference: mentions of one real event become one event.

Input is one ``EventItem`` per event mention, with its participants already mapped to
canonical entity ids; output is groups of item keys.
"""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class EventItem:
    """One event mention as coreference sees it."""

    key: str  # the event statement's id
    doc: str
    type: str  # schema event type
    lemma: str  # the trigger's lemma
    participants: frozenset[str] = frozenset()  # canonical entity ids
    places: frozenset[str] = frozenset()  # canonical entity ids of places
    date: str | None = None  # TIMEX3 calendar value, None when not dated
    date_source: str = "none"  # sentence, context, reported, none
    sentence: str = ""  # the sentence text, for context similarity


def cluster_events(items: list[EventItem]) -> list[list[str]]:
    """Groups of item keys, each one real event (each mention alone, for now)."""
    return [[item.key] for item in items]
