"""Records ↔ table rows, shared by every backend so that each stores and reads the same fields."""

from __future__ import annotations

import json
from typing import Any, Protocol

from storyline.model import DatedValue, Document, Metadata, Precision, Removed, Statement
from storyline.resolve.judgements import Judgement
from storyline.resolve.model import Link


class Row(Protocol):
    """A row whose columns are read by name (sqlite3.Row, psycopg's dict rows)."""

    def __getitem__(self, key: str, /) -> Any: ...


# The documents table's columns that hold a Document (the store adds is_current and
# ingested_at); ``document_values`` gives them in this order.
DOC_COLUMNS = (
    "id, key, version, path, fmt, url, title, author, publisher, published, "
    "published_precision, published_evidence, published_lo, published_hi, updated, language, "
    "encoding, text, source_text, sha, evidence, warnings"
)
STATEMENT_COLUMNS = 'id, subject, property, value, doc_id, start, "end", extractor, confidence'
# The statement properties the analysis stage owns (replaced together per document).
ANALYSED = ("sentence", "mention", "timex", "quantity")
# The statement properties the extraction stage owns (replaced together per document).
EXTRACTED = ("event", "quote", "claim", "relation")


def document_values(doc: Document) -> tuple[object, ...]:
    """The values of ``DOC_COLUMNS`` for ``doc``."""
    meta, pub = doc.meta, doc.meta.published
    lo, hi = pub.range if pub.range else (None, None)
    return (
        doc.id,
        doc.key,
        doc.version,
        doc.path,
        doc.fmt,
        meta.url,
        meta.title,
        meta.author,
        meta.publisher,
        pub.value,
        pub.precision.value,
        pub.evidence,
        lo,
        hi,
        meta.updated,
        meta.language,
        doc.encoding,
        doc.text,
        doc.source_text,
        doc.sha,
        json.dumps(meta.evidence, sort_keys=True),
        json.dumps(list(doc.warnings)),
    )


def removed_values(doc: Document) -> list[tuple[object, ...]]:
    """Rows of the ``removed`` table: (doc_id, seq, start, end, reason, text)."""
    return [(doc.id, i, r.start, r.end, r.reason, r.text) for i, r in enumerate(doc.removed)]


def document_from_row(row: Row, removed: tuple[Removed, ...]) -> Document:
    """A Document from a row of ``DOC_COLUMNS`` and its removed spans."""
    bounds = (row["published_lo"], row["published_hi"]) if row["published_lo"] else None
    published = DatedValue(
        row["published"],
        Precision(row["published_precision"]),
        row["published_evidence"],
        bounds,
    )
    meta = Metadata(
        title=row["title"],
        author=row["author"],
        publisher=row["publisher"],
        url=row["url"],
        language=row["language"],
        published=published,
        updated=row["updated"],
        evidence=json.loads(row["evidence"]),
    )
    return Document(
        id=row["id"],
        key=row["key"],
        path=row["path"],
        fmt=row["fmt"],
        text=row["text"],
        source_text=row["source_text"],
        removed=removed,
        meta=meta,
        sha=row["sha"],
        encoding=row["encoding"],
        warnings=tuple(json.loads(row["warnings"])),
        version=row["version"],
    )


def removed_from_row(row: Row) -> Removed:
    return Removed(row["text"], row["reason"], row["start"], row["end"])


def statement_values(stmt: Statement) -> tuple[object, ...]:
    """The values of ``STATEMENT_COLUMNS`` for ``stmt``."""
    return (
        stmt.id,
        stmt.subject,
        stmt.property,
        stmt.value,
        stmt.doc,
        stmt.start,
        stmt.end,
        stmt.extractor,
        stmt.confidence,
    )


def statement_from_row(row: Row) -> Statement:
    return Statement(
        row["id"],
        row["subject"],
        row["property"],
        row["value"],
        row["doc_id"],
        row["start"],
        row["end"],
        row["extractor"],
        row["confidence"],
    )


def link_values(link: Link) -> tuple[object, ...]:
    """A row of the ``resolution`` table: item, entity, doc_id, score, features, rule."""
    return (
        link.cluster,
        link.entity,
        link.cluster.split("|", 1)[0],
        link.score,
        json.dumps(dict(link.features), sort_keys=True),
        link.rule,
    )


def link_from_row(row: Row) -> Link:
    features = tuple(sorted(json.loads(row["features"]).items()))
    return Link(row["item"], row["entity"], row["score"], features, row["rule"])


def judgement_from_row(row: Row) -> Judgement:
    return Judgement(
        row["id"],
        row["kind"],
        tuple(json.loads(row["left_items"])),
        tuple(json.loads(row["right_items"])),
        row["author"],
        row["created"],
        row["note"],
    )
