"""The data model: documents, spans and statements with provenance, and build outcomes."""

from __future__ import annotations

import dataclasses
from enum import StrEnum
from typing import Any


class Precision(StrEnum):
    """How precisely a date is known."""

    DAY = "day"  # 2010-05-08
    MONTH = "month"  # 2010-05
    YEAR = "year"  # 2010
    RANGE = "range"  # only bounds are known: see ``published_range``
    UNKNOWN = "unknown"  # no evidence at all


class Status(StrEnum):
    """What one build did with one source."""

    INGESTED = "ingested"  # new source, stored
    UPDATED = "updated"  # known source, new text: a new version, the old one kept
    UNCHANGED = "unchanged"  # same bytes as last time: nothing done
    FAILED = "failed"  # not stored; ``reason`` says why


@dataclasses.dataclass(frozen=True)
class Removed:
    """A piece of the source text that cleaning cut, kept for the audit trail.

    ``start``/``end`` index the document's ``source_text`` (the text as read,
    before cleaning), so every cut can be checked against the original.
    """

    text: str
    reason: str
    start: int
    end: int


@dataclasses.dataclass(frozen=True)
class Hints:
    """Metadata a container gives for free (JSON fields, feed entries, WARC headers)."""

    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None


@dataclasses.dataclass(frozen=True)
class RawArticle:
    """One article as read from a source, before cleaning.

    ``key`` identifies the source across builds (URL, or path plus item number
    inside a container); ``sha`` is the hash of exactly what was read.
    """

    key: str
    path: str
    fmt: str  # reader that produced it: txt, md, html, json, jsonl, warc, feed, pdf
    content: str  # decoded HTML when ``is_html``, else plain text
    is_html: bool
    sha: str
    hints: Hints = Hints()
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class DatedValue:
    """A publication date with its precision, evidence and (for inferences) bounds."""

    value: str | None  # ISO: 2010, 2010-05, 2010-05-08 (None when unknown)
    precision: Precision
    evidence: str  # where it came from: "meta tag ...", "date line ...", "inferred ..."
    range: tuple[str, str] | None = None  # inclusive ISO bounds when inferred


UNKNOWN_DATE = DatedValue(None, Precision.UNKNOWN, "no date found")


@dataclasses.dataclass(frozen=True)
class Metadata:
    """Everything we know about an article besides its text, each with evidence."""

    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    url: str | None = None
    language: str | None = None
    published: DatedValue = UNKNOWN_DATE
    updated: str | None = None  # a page stamp ("Updated 23-05-2018"), never the publication
    evidence: dict[str, str] = dataclasses.field(default_factory=dict)  # field → where from


@dataclasses.dataclass(frozen=True)
class Document:
    """A clean, dated, sourced article: the unit every later stage points into."""

    id: str
    key: str
    path: str
    fmt: str
    text: str  # the stored clean text: every statement's offsets index this
    source_text: str  # the text as read (HTML reduced to text), which ``removed`` indexes
    removed: tuple[Removed, ...]
    meta: Metadata
    sha: str  # hash of the source bytes this version came from
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()
    version: int = 1

    def as_export(self) -> dict[str, Any]:
        """The document entry of the JSON export contract (DESIGN.md)."""
        published = self.meta.published
        return {
            "id": self.id,
            "path": self.path,
            "url": self.meta.url,
            "title": self.meta.title,
            "author": self.meta.author,
            "publisher": self.meta.publisher,
            "published": published.value,
            "published_precision": published.precision.value,
            "published_evidence": published.evidence,
            "published_range": list(published.range) if published.range else None,
            "updated": self.meta.updated,
            "language": self.meta.language,
            "version": self.version,
            "format": self.fmt,
            "text": self.text,
            "removed": [dataclasses.asdict(r) for r in self.removed],
            "metadata_evidence": dict(self.meta.evidence),
            "warnings": list(self.warnings),
        }


@dataclasses.dataclass(frozen=True)
class Statement:
    """One extracted fact with provenance: ``doc.text[start:end]`` is its evidence."""

    id: str
    subject: str
    property: str
    value: str
    doc: str
    start: int
    end: int
    extractor: str  # versioned component name, e.g. "spacy-ner.v1"
    confidence: float = 1.0


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What a build did with one source: the row of the closing summary."""

    key: str
    path: str
    status: Status
    reason: str = ""
    doc_id: str | None = None
    code: str = ""  # error code when failed
