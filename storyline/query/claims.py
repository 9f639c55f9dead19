"""Numeric claims of the knowledge base, and where outlets agree or disagree about them."""

from __future__ import annotations

from typing import Any

from storyline.extract.claims import vocabulary
from storyline.query.corpus import Corpus
from storyline.resolve.conflicts import ClaimGroup, ClaimItem, compare_claims


def claim_items(corpus: Corpus) -> list[tuple[ClaimItem, dict[str, Any]]]:
    """Every claim with its comparison item and its export row."""
    out = []
    for stmt, value in corpus.of("claim"):
        ref = value.get("subject_ref")
        owner = corpus.entity(ref["mention"]) if ref else None
        item = ClaimItem(
            stmt.id,
            stmt.doc,
            value["subject"],
            value["property"],
            value["kind"],
            value["unit"],
            value.get("value"),
            value.get("low"),
            value.get("high"),
            bool(value.get("approx")),
            owner,
        )
        row = {
            "id": stmt.id,
            "subject": owner or value["subject"],
            "subject_text": value["subject"],
            "subject_entity": owner,
            "property": value["property"],
            "value": value.get("value"),
            "low": value.get("low"),
            "high": value.get("high"),
            "unit": value["unit"],
            "approx": bool(value.get("approx")),
            **corpus.cite(stmt.doc, stmt.start, stmt.end),
        }
        out.append((item, row))
    return out


def claim_groups(corpus: Corpus) -> tuple[list[ClaimGroup], dict[str, dict[str, Any]]]:
    """Groups of claims from several documents, and every claim's row by id."""
    items = claim_items(corpus)
    rows = {item.key: row for item, row in items}
    words = vocabulary()
    groups = compare_claims(
        [item for item, _ in items], words["tolerance"], words["approx_tolerance"]
    )
    return groups, rows


def group_row(group: ClaimGroup, rows: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A group as the export's ``conflicts`` (or agreements) entry: every value cited."""
    return {
        "kind": "claim",
        "subject": group.owner or group.subject,
        "subject_text": group.subject,
        "subject_entity": group.owner,
        "property": group.property,
        "unit": group.unit,
        "agree": group.agree,
        "documents": group.documents,
        "values": [
            {
                key: rows[c.key][key]
                for key in (
                    "value",
                    "low",
                    "high",
                    "doc",
                    "start",
                    "end",
                    "text",
                    "publisher",
                    "published",
                )
            }
            for c in group.claims
        ],
    }
