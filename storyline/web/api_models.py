"""The REST API's response and request bodies, so that /api/openapi.json describes them.

Rows are the export contract's rows (DESIGN.md) with the display fields the views add
(outlet, date, title of each citation). Every model allows fields beyond those listed:
a newer library may add a key without breaking a client, and no key is ever dropped.
"""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")

Number = float | int


class Row(BaseModel):
    model_config = ConfigDict(extra="allow")


class Paged(BaseModel, Generic[T]):
    """One page of a list: ``items`` from ``offset``, at most ``limit``, of ``total``."""

    ok: Literal[True] = True
    items: list[T]
    total: int = Field(ge=0)
    limit: int = Field(ge=1)
    offset: int = Field(ge=0)


class ErrorBody(BaseModel):
    """The one error shape of every error the API answers."""

    ok: Literal[False] = False
    error: str
    code: str = Field(description="short stable code: E404, E502, H413, …")
    hint: str = Field(description="what to do about it (may be empty)")
    status: int


class Health(BaseModel):
    ok: Literal[True] = True
    version: str


class Citation(Row):
    """Where a fact is written: ``text`` is the document's ``text[start:end]``."""

    doc: str
    start: int
    end: int
    text: str
    publisher: str | None = None
    published: str | None = None
    title: str | None = None


class Outlet(Row):
    name: str
    documents: int


class DocumentSummary(Row):
    id: str
    title: str | None
    publisher: str | None
    author: str | None
    published: str | None
    published_precision: str
    url: str | None
    path: str
    language: str | None
    words: int


class Removed(Row):
    """A piece cut as boilerplate; ``start``/``end`` index ``source_text``."""

    text: str
    reason: str
    start: int
    end: int


class Span(Row):
    """A highlighted span of the document text: mention, timex, event, quote or claim."""

    id: str
    kind: Literal["mention", "timex", "event", "quote", "claim"]
    start: int
    end: int
    text: str
    entity: str | None = None
    type: str | None = None
    value: str | Number | None = None


class DocumentDetail(Row):
    id: str
    path: str
    url: str | None
    title: str | None
    author: str | None
    publisher: str | None
    published: str | None
    published_precision: str
    published_evidence: str
    language: str | None
    text: str
    source_text: str
    removed: list[Removed]
    metadata_evidence: dict[str, str]
    spans: list[Span]


class Alias(Row):
    text: str
    count: int


class AliasDetail(Alias):
    documents: int
    docs: list[str] = Field(description="the first 100 documents using this spelling")
    why: str


class EntitySummary(Row):
    id: str
    name: str
    type: str
    mentions: int
    documents: int
    aliases: list[Alias]


class EventDate(Row):
    value: str | None
    precision: str
    source: str
    doc: str
    text: str


class Event(Row):
    id: str
    type: str
    text: str
    date: str | None
    date_precision: str
    date_text: str
    date_source: str
    conflict: bool
    participants: list[str]
    documents: int
    dates: list[EventDate]
    mentions: list[Citation]


class Relation(Row):
    subject: str
    predicate: str
    object: str
    mentions: list[Citation]


class Quote(Citation):
    id: str
    speaker: str | None
    speaker_name: str | None
    speaker_text: str


class Claim(Citation):
    id: str
    subject: str
    subject_text: str
    subject_entity: str | None
    property: str
    value: Number | None
    low: Number | None
    high: Number | None
    unit: str | None
    approx: bool


class ConflictValue(Row):
    value: str | Number | None = None
    doc: str
    text: str = ""


class Conflict(Row):
    kind: str
    subject: str
    subject_text: str
    property: str
    agree: bool
    documents: int
    values: list[ConflictValue] = Field(description="the first ``values`` cited values")
    values_total: int | None = None


class Judgement(Row):
    id: int
    kind: Literal["merge", "split"]
    left: list[str] = Field(description="item keys (document|type|name) of one side")
    right: list[str]
    author: str
    created: str
    note: str


class OutletMentions(Row):
    outlet: str | None
    mentions: int
    documents: int


class MergeEvidence(Row):
    """Why one document's cluster of mentions belongs to the entity."""

    cluster: str
    doc: str
    name: str
    outlet: str | None
    mentions: int
    rule: str
    score: float
    features: list[dict[str, Any]]


class MentionRef(Row):
    doc: str
    start: int
    end: int
    text: str


class EntityProfile(EntitySummary):
    aliases: list[AliasDetail]  # type: ignore[assignment]
    titles: list[str]
    outlets: list[OutletMentions]
    mention_list: list[MentionRef]
    relations: list[Relation]
    events: list[Event]
    events_total: int
    quotes: list[Quote]
    quotes_total: int
    claims: list[Claim]
    claims_total: int
    judgements: list[Judgement]
    merge_evidence: list[MergeEvidence] = Field(description="the first 100 clusters")
    clusters_total: int


class Overview(Row):
    documents: int
    outlets: list[Outlet]
    first_published: str | None
    last_published: str | None
    entities: int
    top_entities: list[EntitySummary]
    events: int
    quotes: int
    claims: int
    conflicts: int
    judgements: int


class JudgementRequest(BaseModel):
    """A person's decision: ``a`` and ``b`` are entity ids, names or aliases."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["merge", "split"]
    a: str = Field(min_length=1, max_length=500)
    b: str = Field(min_length=1, max_length=500)
    note: str = Field(default="", max_length=2000)


class JudgementResult(BaseModel):
    ok: Literal[True] = True
    judgement: Judgement | None = None
    entities: int = Field(description="entities after resolving again")


class Job(Row):
    """A background ingest: ``state`` queued → running → done (or failed)."""

    id: str
    state: Literal["queued", "running", "done", "failed"]
    phase: str
    done: int
    total: int
    files: list[str]
    report: dict[str, Any] | None
    error: str | None


class SearchHit(Citation):
    """A matching passage (``text``), the snippet to show and where its words matched."""

    score: float
    snippet: str
    highlights: list[list[int]] = Field(description="[start, end] pairs into ``snippet``")
    snippet_start: int


class SearchPage(Paged[SearchHit]):
    query: str
    expanded: list[str] = Field(description="spellings the search added (aliases)")


class AnswerCitation(Row):
    doc: str
    start: int
    end: int
    text: str


class AnswerSentence(Row):
    text: str
    citations: list[AnswerCitation]


class AskAnswer(Row):
    """An extractive answer, every sentence cited, or an abstention with its reason."""

    ok: Literal[True] = True
    question: str
    answer: str
    abstained: bool
    reason: str
    citations: list[AnswerCitation]
    sentences: list[AnswerSentence]
    conflicts: list[dict[str, Any]]
    coverage: float
    unknown: list[str]
