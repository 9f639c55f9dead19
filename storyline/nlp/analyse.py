"""The analysis stage: one spaCy pass per document, then our recognisers, as statements.

Every statement points into the document's clean text: sentences, entity mentions
(with titles and roles as attributes and a document-level cluster), time
expressions resolved against the publication date, and quantities.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.tokens import Doc, DocBin

from storyline.hashing import content_id
from storyline.model import Document, Statement
from storyline.nlp.chunks import chunk_spans
from storyline.nlp.dates import TIMEX_RECOGNISERS, Timex
from storyline.nlp.mentions import DEFAULT_CORRECTIONS, Mention, entity_mentions
from storyline.nlp.numbers import QUANTITY_RECOGNISERS, Quantity
from storyline.nlp.spacy_model import load_model
from storyline.registry import Registry
from storyline.settings import Settings

# Bumped whenever the stage's output changes for the same text, so documents are redone.
ANALYSIS_VERSION = "analyse.v1"
# Languages the English model may analyse; other documents get no entities.
ANALYSED_LANGUAGES = frozenset({"en", None})
TIMEX = "timex.v2"
QUANTITIES = "quantities.v1"
MENTIONS = "spacy-ner.v1+corrections"


@dataclasses.dataclass(frozen=True)
class Analysis:
    """Everything the stage found in one document."""

    doc_id: str
    statements: list[Statement]
    parse: bytes  # spaCy DocBin of the document's pieces: tokens, tags, parse, entities
    notes: tuple[str, ...] = ()


def pipeline_id(settings: Settings) -> str:
    """The versions that produce a document's analysis; a change means analyse again."""
    parts = (ANALYSIS_VERSION, settings.spacy_model, TIMEX, QUANTITIES, *DEFAULT_CORRECTIONS)
    return "|".join(parts)


def analyse_documents(docs: Iterable[Document], settings: Settings) -> Iterator[Analysis]:
    """Analyse ``docs`` lazily, in order; spaCy runs in ``settings.n_process`` processes."""
    nlp = load_model(settings.spacy_model)
    pieces = _pieces(docs)
    parsed = nlp.pipe(
        ((text, key) for text, key in pieces.stream()),
        as_tuples=True,
        batch_size=settings.spacy_batch_size,
        n_process=settings.n_process,
    )
    yield from pieces.collect(parsed)


class _Pieces:
    """Feeds document pieces to spaCy and reassembles each document's parsed pieces."""

    def __init__(self, docs: Iterable[Document]) -> None:
        self.docs = iter(docs)
        self.pending: dict[int, tuple[Document, int]] = {}  # doc number → (doc, pieces)
        self.skipped: list[tuple[int, Document]] = []  # documents we do not parse
        self.count = 0

    def stream(self) -> Iterator[tuple[str, tuple[int, int, int]]]:
        for number, doc in enumerate(self.docs):
            if doc.meta.language not in ANALYSED_LANGUAGES:
                self.skipped.append((number, doc))
                continue
            spans = chunk_spans(doc.text)
            self.pending[number] = (doc, len(spans))
            for index, (start, end) in enumerate(spans):
                yield doc.text[start:end], (number, index, start)

    def collect(self, parsed: Iterable[tuple[Doc, tuple[int, int, int]]]) -> Iterator[Analysis]:
        parts: list[tuple[Doc, int]] = []
        for spacy_doc, (number, index, offset) in parsed:
            yield from self._flush_skipped(number)
            parts.append((spacy_doc, offset))
            doc, total = self.pending[number]
            if index == total - 1:
                del self.pending[number]
                yield analyse_parsed(doc, parts)
                parts = []
        yield from self._flush_skipped(None)

    def _flush_skipped(self, before: int | None) -> Iterator[Analysis]:
        while self.skipped and (before is None or self.skipped[0][0] < before):
            _, doc = self.skipped.pop(0)
            yield Analysis(doc.id, [], b"", (f"language {doc.meta.language!r}: not analysed",))


def _pieces(docs: Iterable[Document]) -> _Pieces:
    return _Pieces(docs)


def analyse_parsed(doc: Document, parts: list[tuple[Doc, int]]) -> Analysis:
    """Statements for one document from its parsed pieces (offsets into ``doc.text``)."""
    statements: list[Statement] = []
    cluster_base = 0
    for spacy_doc, offset in parts:
        statements += sentence_statements(doc.id, spacy_doc, offset)
        mentions = entity_mentions(spacy_doc)
        statements += mention_statements(doc.id, mentions, offset, cluster_base)
        cluster_base += 1 + max((m.cluster for m in mentions), default=0)
    anchor = doc.meta.published
    timexes = TIMEX_RECOGNISERS.get(TIMEX)(doc.text, anchor)
    statements += [timex_statement(doc.id, t) for t in timexes]
    quantities = QUANTITY_RECOGNISERS.get(QUANTITIES)(doc.text)
    statements += [quantity_statement(doc.id, q) for q in quantities]
    return Analysis(doc.id, statements, _docbin([d for d, _ in parts]))


def _docbin(docs: list[Doc]) -> bytes:
    store = DocBin(
        attrs=[
            "ORTH",
            "TAG",
            "HEAD",
            "DEP",
            "ENT_IOB",
            "ENT_TYPE",
            "LEMMA",
            "POS",
            "SENT_START",
            "SPACY",
        ],
        store_user_data=False,
    )
    for spacy_doc in docs:
        store.add(spacy_doc)
    return bytes(store.to_bytes())


def statement(
    doc_id: str,
    prop: str,
    value: Any,
    start: int,
    end: int,
    extractor: str,
    confidence: float = 1.0,
    subject: str | None = None,
) -> Statement:
    """A statement with a content-hash id; ``value`` is stored as compact JSON."""
    text = (
        value
        if isinstance(value, str)
        else json.dumps(value, sort_keys=True, separators=(",", ":"))
    )
    ident = content_id("s", doc_id, prop, str(start), str(end), extractor, text)
    return Statement(
        ident, subject or doc_id, prop, text, doc_id, start, end, extractor, confidence
    )


def sentence_statements(doc_id: str, spacy_doc: Doc, offset: int) -> list[Statement]:
    return [
        statement(
            doc_id, "sentence", "", offset + s.start_char, offset + s.end_char, "spacy-senter.v1"
        )
        for s in spacy_doc.sents
    ]


def mention_statements(
    doc_id: str, mentions: list[Mention], offset: int, cluster_base: int
) -> list[Statement]:
    out = []
    for m in mentions:
        cluster = cluster_base + m.cluster
        value = {"type": m.type, "cluster": cluster, "attrs": dict(m.attrs), "source": m.source}
        subject = content_id("m", doc_id, str(offset + m.start), str(offset + m.end))
        out.append(
            statement(
                doc_id,
                "mention",
                value,
                offset + m.start,
                offset + m.end,
                MENTIONS,
                subject=subject,
            )
        )
    return out


def timex_statement(doc_id: str, t: Timex) -> Statement:
    value = {"type": t.type, "value": t.value, "mod": t.mod, "anchored": t.anchored}
    return statement(doc_id, "timex", value, t.start, t.end, TIMEX)


def quantity_statement(doc_id: str, q: Quantity) -> Statement:
    value = {
        "kind": q.kind.value,
        "value": q.value,
        "low": q.low,
        "high": q.high,
        "unit": q.unit,
        "what": q.what,
        "mod": q.mod,
        "approx": q.approx,
    }
    return statement(doc_id, "quantity", value, q.start, q.end, QUANTITIES)


REGISTRY_NAME = "analysis.v1"
ANALYSERS: Registry[Any] = Registry("analysis stage")
ANALYSERS.register(REGISTRY_NAME)(analyse_documents)
