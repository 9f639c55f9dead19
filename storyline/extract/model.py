"""What extraction finds in one document; each item becomes one statement with provenance.

Every item points into the document's clean text (``start``/``end``) and names the
entity mentions it involves by their mention statement's subject id, so cross-document
resolution (which maps mention ids to entities) applies without rewriting anything.
"""

from __future__ import annotations

import dataclasses
from typing import Any


@dataclasses.dataclass(frozen=True)
class Ref:
    """A named-entity mention an extracted item involves."""

    mention: str  # the mention statement's subject id
    start: int
    end: int
    text: str
    type: str

    def as_value(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True)
class TimeAnchor:
    """When an event happened, and how we know.

    ``source`` is ``sentence`` (a time expression in the event's sentence), ``context``
    (inherited from the nearest earlier dated sentence of the same paragraph),
    ``reported`` (no time in the text: the publication date, as "reported on"), or
    ``none`` (no time and no publication date).
    """

    value: str | None  # TIMEX3 value: 2010-05-08, 2010-05, 2010, 2010-W18...
    precision: str  # day, month, year, week, season, decade, range, unknown
    source: str
    start: int | None = None  # the time expression, when there is one
    end: int | None = None
    text: str = ""
    low: str | None = None  # inclusive ISO bounds of an inferred publication range
    high: str | None = None

    def as_value(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


NO_TIME = TimeAnchor(None, "unknown", "none")


@dataclasses.dataclass(frozen=True)
class Participant:
    role: str  # agent, patient, recipient, place, other
    ref: Ref


@dataclasses.dataclass(frozen=True)
class EventMention:
    """One mention of an event: its trigger word or phrase, type, who, where, when."""

    start: int  # the trigger
    end: int
    trigger: str
    lemma: str
    type: str  # schema event type
    sentence: tuple[int, int]
    participants: tuple[Participant, ...] = ()
    time: TimeAnchor = NO_TIME
    negated: bool = False  # "refused to extradite" is an event of its own type; "did not" marks
    modality: str = "asserted"  # asserted, future, possible, denied


@dataclasses.dataclass(frozen=True)
class Quote:
    """Something said, and who said it (``speaker`` None when the text does not tell)."""

    start: int  # the quoted words (direct) or the reported clause (reported)
    end: int
    text: str
    kind: str  # direct, reported
    speaker: Ref | None
    speaker_start: int | None  # the words that name the speaker here: "he", "the leader"
    speaker_end: int | None
    speaker_text: str
    via: str  # name, pronoun, description, unknown: how the speaker was found
    cue: str = ""  # the speech verb or phrase: said, told, according to


@dataclasses.dataclass(frozen=True)
class Claim:
    """A number the document states about something: subject, property, value, unit."""

    start: int  # the amount as written
    end: int
    text: str
    subject: str  # what the number is about, as a normalised phrase ("house", "bakiyev")
    subject_ref: Ref | None  # the entity mention it is about, when there is one
    property: str  # price, count:people, percent, amount...
    value: float | None
    low: float | None
    high: float | None
    unit: str
    sentence: tuple[int, int]
    approx: bool = False
    kind: str = "MONEY"  # MONEY, COUNT or PERCENT: what the amount measures


@dataclasses.dataclass(frozen=True)
class Relation:
    """A typed relation between two entity mentions, with the words that state it."""

    start: int  # the evidence: from the first to the last word involved
    end: int
    subject: Ref
    predicate: str  # schema relation type
    object: Ref
    pattern: str  # which rule found it
