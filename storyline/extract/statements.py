"""Extracted items as statements: the item's span is the evidence, the rest is its value."""

from __future__ import annotations

import dataclasses
from typing import Any

from storyline.extract.model import Claim, EventMention, Quote, Ref, Relation
from storyline.hashing import content_id
from storyline.model import Statement
from storyline.nlp.analyse import statement


def _ref(ref: Ref | None) -> dict[str, Any] | None:
    return None if ref is None else ref.as_value()


def event_statement(doc_id: str, event: EventMention, extractor: str) -> Statement:
    value = {
        "type": event.type,
        "trigger": event.trigger,
        "lemma": event.lemma,
        "sentence": list(event.sentence),
        "participants": [{"role": p.role, **p.ref.as_value()} for p in event.participants],
        "time": event.time.as_value(),
        "negated": event.negated,
        "modality": event.modality,
    }
    subject = content_id("v", doc_id, str(event.start), str(event.end))
    return statement(doc_id, "event", value, event.start, event.end, extractor, subject=subject)


def quote_statement(doc_id: str, quote: Quote, extractor: str) -> Statement:
    value = {
        "kind": quote.kind,
        "speaker": _ref(quote.speaker),
        "speaker_start": quote.speaker_start,
        "speaker_end": quote.speaker_end,
        "speaker_text": quote.speaker_text,
        "via": quote.via,
        "cue": quote.cue,
    }
    subject = content_id("q", doc_id, str(quote.start), str(quote.end))
    return statement(doc_id, "quote", value, quote.start, quote.end, extractor, subject=subject)


def claim_statement(doc_id: str, claim: Claim, extractor: str) -> Statement:
    value = {
        key: val
        for key, val in dataclasses.asdict(claim).items()
        if key not in ("start", "end", "text", "subject_ref", "sentence")
    }
    value["subject_ref"] = _ref(claim.subject_ref)
    value["sentence"] = list(claim.sentence)
    subject = content_id("c", doc_id, str(claim.start), str(claim.end), claim.property)
    return statement(doc_id, "claim", value, claim.start, claim.end, extractor, subject=subject)


def relation_statement(doc_id: str, relation: Relation, extractor: str) -> Statement:
    value = {
        "predicate": relation.predicate,
        "subject": relation.subject.as_value(),
        "object": relation.object.as_value(),
        "pattern": relation.pattern,
    }
    subject = content_id(
        "r", doc_id, relation.subject.mention, relation.predicate, relation.object.mention
    )
    return statement(
        doc_id, "relation", value, relation.start, relation.end, extractor, subject=subject
    )
