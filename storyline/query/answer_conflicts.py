"""The answer's text and the "Sources differ" cases that touch what it quotes.

A conflict of the knowledge base (``query/claims.py``, ``query/timeline.py``) is told
with the answer when it is of the kind the question asks for and touches a quoted
sentence: an amount for "how much" or "how many" when one of its values lies in one; a
date for "when" when one of its dates, or a mention of its event, does ("a meeting
between X and Y" quoted, the outlets dating that meeting 8 May and July 2017). Each
value is cited by the sentence that gives it, so a reader sees both sides in their words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyline.model import Document
from storyline.query.answer_dates import YEAR
from storyline.query.answer_evidence import Sentence, sentence_spans
from storyline.query.answer_model import Answer, AnswerSentence, Citation, unique_citations
from storyline.query.bulk import paused_gc
from storyline.query.claims import claim_groups, group_row
from storyline.query.corpus import load_corpus
from storyline.query.question import Kind, Question, stem, words
from storyline.query.timeline import date_conflicts, events
from storyline.store.base import Store

# Question kinds whose answer may be a number the outlets disagree on.
AMOUNT_KINDS = frozenset({Kind.HOW_MUCH, Kind.HOW_MANY, Kind.WHAT})
# Units of counts and shares; any other claim unit is a currency (ISO 4217).
NOT_MONEY = frozenset({"COUNT", "PERCENT"})


def answer_conflicts(
    store: Store, question: Question, chosen: Sequence[Sentence]
) -> list[dict[str, Any]]:
    """The knowledge base's conflicts with a value in a quoted sentence, of the kind asked."""
    found: list[dict[str, Any]] = []
    with paused_gc():
        if question.kind in AMOUNT_KINDS and any(s.claims for s in chosen):
            groups, rows = claim_groups(load_corpus(store, ("claim",)))
            amounts = [group_row(g, rows) for g in groups if not g.agree]
            found += [
                c
                for c in amounts
                if _amount_fits(c, question) and any(_inside(v, chosen) for v in c["values"])
            ]
        if question.kind == Kind.WHEN:
            told = events(load_corpus(store, ("event",)))
            mentions = {e["id"]: e["mentions"] for e in told}
            found += [
                c
                for c in date_conflicts(told)
                if _about(c, question)
                and any(_inside(m, chosen) for m in [*c["values"], *mentions[c["subject"]]])
            ]
    return found


def _about(conflict: dict[str, Any], question: Question) -> bool:
    """Whether the question asks about the conflict's subject or property ("met", "price")."""
    said = {stem(w) for key in ("subject_text", "property") for w in words(conflict.get(key) or "")}
    return not said.isdisjoint(stem(t) for t in question.terms)


def _amount_fits(conflict: dict[str, Any], question: Question) -> bool:
    """Money for "how much", a count for "how many", an amount it names for "what"."""
    if question.kind == Kind.WHAT:
        return _about(conflict, question)
    unit = str(conflict.get("unit") or "")
    money = unit not in NOT_MONEY and len(unit) == 3 and unit.isupper()
    return money == (question.kind == Kind.HOW_MUCH)


def _inside(value: dict[str, Any], chosen: Sequence[Sentence]) -> bool:
    return any(
        value["doc"] == s.doc and s.start <= value["start"] and value["end"] <= s.end
        for s in chosen
    )


def compose(
    store: Store,
    question: Question,
    chosen: Sequence[Sentence],
    conflicts: Sequence[dict[str, Any]],
    share: float,
    notes: str = "",
) -> Answer:
    """The answer: the quoted sentences, ``notes`` on them (the dates their relative
    words stand for), then each conflict with every value cited."""
    docs: dict[str, Document] = {}
    sentences = tuple(
        AnswerSentence(s.text, (Citation.of(_doc(store, docs, s.doc), s.start, s.end),))
        for s in chosen
    )
    cited = [_cited(store, docs, c) for c in conflicts]
    told = [s.text for s in sentences] + ([notes] if notes else [])
    text = " ".join(told + [differ(c) for c in cited])
    return Answer(
        question=question.text,
        answer=text,
        abstained=False,
        reason=f"{len(sentences)} sentence(s) covering {share:.0%} of the question",
        sentences=sentences,
        citations=unique_citations(
            [s.citations for s in sentences] + [_value_citations(c) for c in cited]
        ),
        conflicts=tuple(cited),
        coverage=share,
    )


def _doc(store: Store, docs: dict[str, Document], doc_id: str) -> Document:
    if doc_id not in docs:
        docs[doc_id] = store.get_document(doc_id)
    return docs[doc_id]


def _cited(store: Store, docs: dict[str, Document], conflict: dict[str, Any]) -> dict[str, Any]:
    """The conflict with each value's sentence as its citation."""
    values = []
    for value in conflict["values"]:
        doc = _doc(store, docs, value["doc"])
        start, end = _sentence_of(store, doc, value["start"], value["end"])
        values.append({**value, "citation": Citation.of(doc, start, end).as_dict()})
    keys = ("kind", "subject", "subject_text", "property", "unit")
    return {**{k: conflict.get(k) for k in keys}, "values": values}


def _sentence_of(store: Store, doc: Document, start: int, end: int) -> tuple[int, int]:
    """The stored sentence that holds ``[start, end)``; the span itself when none does."""
    spans = sentence_spans(doc, list(store.statements(doc.id, prop="sentence")))
    return next(((s, e) for s, e in spans if s <= start and end <= e), (start, end))


def _value_citations(conflict: dict[str, Any]) -> list[Citation]:
    return [Citation(**v["citation"]) for v in conflict["values"]]


def differ(conflict: dict[str, Any]) -> str:
    """``Sources differ: $1.6 million (Steppe Courier, 2016-11-09) vs USD 2.1m (…).``"""
    sides: dict[str, list[dict[str, Any]]] = {}
    for value in conflict["values"]:
        sides.setdefault(str(value.get("value")), []).append(value)
    told = []
    for values in sides.values():
        where = "; ".join(dict.fromkeys(_source(v) for v in values))
        told.append(f"{_said(values[0])} ({where})")
    return "Sources differ: " + " vs ".join(told) + "."


def _said(value: dict[str, Any]) -> str:
    """A value as the text gives it; a date without its year gets the resolved date too:
    "8 May [2017-05-08]"."""
    text, resolved = str(value["text"]), value.get("value")
    if value.get("precision") and isinstance(resolved, str) and not YEAR.search(text):
        return f"{text} [{resolved}]"
    return text


def _source(value: dict[str, Any]) -> str:
    outlet = value.get("publisher") or f"document {str(value['doc'])[:8]}"
    return f"{outlet}, {value['published']}" if value.get("published") else outlet
