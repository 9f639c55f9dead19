"""The Parquet hand-off of the Spark engine: one row per source item, and its codecs.

Each row is one item of one input file (a Document or a failed Outcome) in build order
(``file``, ``item``), with what the later stages found in the document. Documents and
outcomes travel as JSON (lossless, nested); statements as a list of structs, so the
Parquet files can be queried with Spark itself.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from storyline.model import (
    DatedValue,
    Document,
    Metadata,
    Outcome,
    Precision,
    Removed,
    Statement,
    Status,
)

if TYPE_CHECKING:
    from pyspark.sql.types import StructType

# Row kinds: what ``record`` holds.
DOCUMENT = "document"  # a Document, as JSON
OUTCOME = "outcome"  # an Outcome (a failure), as JSON

# Columns, in order; the analysis columns are null when the stage did not run.
COLUMNS = (
    "file",  # the file's place in the build's order
    "item",  # the item's place in its file
    "path",  # the file as the driver listed it
    "sha",  # SHA-256 of the bytes the worker read ("" when it could not read them)
    "retry",  # a later stage crashed on one of the file's documents: no fingerprint
    "kind",  # DOCUMENT or OUTCOME
    "doc_id",  # the document id (null for an outcome)
    "record",  # the Document or Outcome as JSON
    "analysis",  # the analysis statements
    "parse",  # the spaCy DocBin of the analysis
    "notes",  # the analysis notes
    "extraction",  # the extraction statements
)


def row_schema() -> StructType:
    """The Spark schema of a row (PySpark imported only when the engine runs)."""
    from pyspark.sql import types as t

    statement = t.StructType(
        [
            t.StructField("id", t.StringType(), False),
            t.StructField("subject", t.StringType(), False),
            t.StructField("property", t.StringType(), False),
            t.StructField("value", t.StringType(), False),
            t.StructField("doc", t.StringType(), False),
            t.StructField("start", t.LongType(), False),
            t.StructField("end", t.LongType(), False),
            t.StructField("extractor", t.StringType(), False),
            t.StructField("confidence", t.DoubleType(), False),
        ]
    )
    fields: dict[str, Any] = {
        "file": t.LongType(),
        "item": t.LongType(),
        "path": t.StringType(),
        "sha": t.StringType(),
        "retry": t.BooleanType(),
        "kind": t.StringType(),
        "doc_id": t.StringType(),
        "record": t.StringType(),
        "analysis": t.ArrayType(statement, False),
        "parse": t.BinaryType(),
        "notes": t.ArrayType(t.StringType(), False),
        "extraction": t.ArrayType(statement, False),
    }
    return t.StructType([t.StructField(name, fields[name], True) for name in COLUMNS])


StatementRow = tuple[str, str, str, str, str, int, int, str, float]


def statement_rows(statements: Iterable[Statement]) -> list[StatementRow]:
    return [dataclasses.astuple(s) for s in statements]


def statements_of(rows: Iterable[Iterable[Any]]) -> list[Statement]:
    """Statements back from their struct rows (Spark Rows are tuples in field order)."""
    return [Statement(*row) for row in rows]


def document_json(doc: Document) -> str:
    return json.dumps(dataclasses.asdict(doc), ensure_ascii=False)


def document_of(text: str) -> Document:
    """The Document that ``document_json`` wrote, field for field."""
    data = json.loads(text)
    meta = data.pop("meta")
    published = meta.pop("published")
    bounds = published.pop("range")
    date = DatedValue(
        **{**published, "precision": Precision(published["precision"])},
        range=tuple(bounds) if bounds else None,
    )
    return Document(
        **{
            **data,
            "removed": tuple(Removed(**r) for r in data["removed"]),
            "warnings": tuple(data["warnings"]),
            "meta": Metadata(**meta, published=date),
        }
    )


def outcome_json(outcome: Outcome) -> str:
    return json.dumps(dataclasses.asdict(outcome), ensure_ascii=False)


def outcome_of(text: str) -> Outcome:
    data = json.loads(text)
    return Outcome(**{**data, "status": Status(data["status"])})


def item_of(kind: str, record: str) -> Document | Outcome:
    """The Document or Outcome a row carries."""
    return document_of(record) if kind == DOCUMENT else outcome_of(record)
