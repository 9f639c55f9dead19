"""One analysed document as extraction sees it: text, parse, sentences, mentions, times.

Built from what the analysis stage stored (statements and the spaCy DocBin), so extraction
never parses again. Every offset is into the document's clean text.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from storyline.extract.model import Ref
from storyline.model import Document, Statement
from storyline.nlp.chunks import chunk_spans


@dataclasses.dataclass(frozen=True)
class MentionRow:
    """An entity mention statement, unpacked."""

    ref: Ref
    cluster: int
    attrs: dict[str, str]


@dataclasses.dataclass(frozen=True)
class TimexRow:
    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str
    mod: str | None


@dataclasses.dataclass(frozen=True)
class QuantityRow:
    start: int
    end: int
    text: str
    kind: str  # MONEY, COUNT, PERCENT
    value: float | None
    low: float | None
    high: float | None
    unit: str
    what: str | None
    approx: bool


@dataclasses.dataclass
class DocContext:
    """A document with everything the analysis found in it, indexed by offset."""

    doc: Document
    parts: list[tuple[Doc, int]]  # the parsed pieces and the offset of each in doc.text
    sentences: list[tuple[int, int]]
    mentions: list[MentionRow]
    timexes: list[TimexRow]
    quantities: list[QuantityRow]

    def __post_init__(self) -> None:
        self._sentence_starts = [s for s, _ in self.sentences]
        self._mention_starts = [m.ref.start for m in self.mentions]
        self._timex_starts = [t.start for t in self.timexes]
        self._quantity_starts = [q.start for q in self.quantities]
        self._fullest: dict[int, MentionRow] | None = None

    def fullest_of(self) -> dict[int, MentionRow]:
        """Document cluster → its longest mention (the earliest among equals), made once."""
        if self._fullest is None:
            best: dict[int, MentionRow] = {}
            for row in self.mentions:
                held = best.get(row.cluster)
                if held is None or len(row.ref.text) > len(held.ref.text):
                    best[row.cluster] = row
            self._fullest = best
        return self._fullest

    @property
    def text(self) -> str:
        return self.doc.text

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence that holds ``offset`` (the whole text's bounds when there is none)."""
        index = bisect.bisect_right(self._sentence_starts, offset) - 1
        if index >= 0 and self.sentences[index][0] <= offset < self.sentences[index][1]:
            return self.sentences[index]
        return (0, len(self.doc.text))

    def sentence_index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)

    def mentions_in(self, start: int, end: int) -> list[MentionRow]:
        """Mentions lying wholly inside ``[start, end)``, in text order."""
        first = bisect.bisect_left(self._mention_starts, start)
        last = bisect.bisect_left(self._mention_starts, end, lo=first)
        return [row for row in self.mentions[first:last] if row.ref.end <= end]

    def mention_over(self, start: int, end: int) -> MentionRow | None:
        """The mention that overlaps ``[start, end)`` most (a token, a noun phrase)."""
        best, overlap = None, 0
        first = max(0, bisect.bisect_right(self._mention_starts, start) - 8)
        last = bisect.bisect_left(self._mention_starts, end, lo=first)
        for row in self.mentions[first:last]:
            shared = min(end, row.ref.end) - max(start, row.ref.start)
            if shared > overlap:
                best, overlap = row, shared
        return best

    def timexes_in(self, start: int, end: int) -> list[TimexRow]:
        """Time expressions lying wholly inside ``[start, end)``, in text order."""
        first = bisect.bisect_left(self._timex_starts, start)
        last = bisect.bisect_left(self._timex_starts, end, lo=first)
        return [t for t in self.timexes[first:last] if t.end <= end]

    def quantities_in(self, start: int, end: int) -> list[QuantityRow]:
        """Amounts lying wholly inside ``[start, end)``, in text order."""
        first = bisect.bisect_left(self._quantity_starts, start)
        last = bisect.bisect_left(self._quantity_starts, end, lo=first)
        return [q for q in self.quantities[first:last] if q.end <= end]

    def spans(self) -> Iterator[tuple[Span, int]]:
        """Every parsed sentence with the offset of its piece."""
        for spacy_doc, offset in self.parts:
            for sent in spacy_doc.sents:
                yield sent, offset

    def token_at(self, offset: int) -> tuple[Token, int] | None:
        """The token that starts at or covers ``offset``, with its piece's offset."""
        for spacy_doc, base in self.parts:
            if base <= offset < base + len(spacy_doc.text):
                span = spacy_doc.char_span(
                    offset - base, offset - base + 1, alignment_mode="expand"
                )
                return (span[0], base) if span is not None and len(span) else None
        return None

    def paragraph_of(self, offset: int) -> tuple[int, int]:
        """The paragraph (text between blank lines or line breaks) holding ``offset``."""
        text = self.doc.text
        start = text.rfind("\n", 0, offset) + 1
        end = text.find("\n", offset)
        return start, len(text) if end < 0 else end


def load_context(
    doc: Document, statements: list[Statement], parse: bytes, vocab: Vocab
) -> DocContext:
    """The context of ``doc`` from its stored analysis statements and DocBin."""
    from spacy.tokens import DocBin

    pieces = list(DocBin().from_bytes(parse).get_docs(vocab)) if parse else []
    offsets = [start for start, _ in chunk_spans(doc.text)] if pieces else []
    return build_context(doc, statements, list(zip(pieces, offsets, strict=False)))


def build_context(
    doc: Document, statements: list[Statement], parts: list[tuple[Doc, int]]
) -> DocContext:
    """The context of ``doc`` from statements and already parsed pieces."""
    sentences: list[tuple[int, int]] = []
    mentions: list[MentionRow] = []
    timexes: list[TimexRow] = []
    quantities: list[QuantityRow] = []
    for s in statements:
        if s.property == "sentence":
            sentences.append((s.start, s.end))
            continue
        if s.property not in ("mention", "timex", "quantity"):
            continue
        value = json.loads(s.value)
        text = doc.text[s.start : s.end]
        if s.property == "mention":
            ref = Ref(s.subject, s.start, s.end, text, value["type"])
            mentions.append(MentionRow(ref, int(value["cluster"]), dict(value.get("attrs", {}))))
        elif s.property == "timex":
            timexes.append(
                TimexRow(s.start, s.end, text, value["type"], value["value"], value.get("mod"))
            )
        else:
            quantities.append(
                QuantityRow(
                    s.start,
                    s.end,
                    text,
                    value["kind"],
                    value.get("value"),
                    value.get("low"),
                    value.get("high"),
                    value.get("unit") or "",
                    value.get("what"),
                    bool(value.get("approx")),
                )
            )
    return DocContext(
        doc,
        parts,
        sorted(sentences),
        sorted(mentions, key=lambda m: (m.ref.start, m.ref.end)),
        sorted(timexes, key=lambda t: t.start),
        sorted(quantities, key=lambda q: q.start),
    )


_PRECISIONS = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}"), "day"),
    (re.compile(r"^\d{4}-W\d{2}"), "week"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}-(SP|SU|FA|WI|Q\d|H\d)$"), "season"),
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^\d{3}$"), "decade"),
    (re.compile(r"^\d{2}$"), "century"),
)


def precision_of(value: str) -> str:
    """How precise a TIMEX3 date value is: day, week, month, season, year, decade…"""
    for pattern, name in _PRECISIONS:
        if pattern.match(value):
            return name
    return "unknown"


def is_calendar_date(value: str) -> bool:
    """A value that places something on the calendar (not PRESENT_REF, XXXX-05-08, P2Y)."""
    return precision_of(value) != "unknown"


def span_of(ctx: DocContext, start: int, end: int) -> tuple[Span, int] | None:
    """The parsed tokens covering ``[start, end)``, with their piece's offset."""
    for spacy_doc, base in ctx.parts:
        if base <= start and end <= base + len(spacy_doc.text):
            span = spacy_doc.char_span(start - base, end - base, alignment_mode="expand")
            return (span, base) if span is not None and len(span) else None
    return None


def fullest(ctx: DocContext, row: MentionRow) -> MentionRow:
    """The longest mention of ``row``'s document cluster: the name at its fullest."""
    return ctx.fullest_of().get(row.cluster, row)


# Pronouns that stand for a person, and how far back (in sentences) one is resolved.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
PRONOUN_REACH = 3
PRONOUN_CHARS = 2_000


def antecedent(
    ctx: DocContext, offset: int, types: tuple[str, ...] = ("PERSON",)
) -> MentionRow | None:
    """The mention a pronoun at ``offset`` stands for, at its fullest.

    Among the mentions of ``types`` in the few sentences before, the latest one that is
    the subject of its clause wins (a pronoun mostly continues the subject: "Jumaliev has
    lived in Zalesia since 2015. He received…"), else the latest one.
    """
    if not ctx.sentences:
        return None
    first = ctx.sentences[max(0, ctx.sentence_index(offset) - PRONOUN_REACH)][0]
    first = max(first, offset - PRONOUN_CHARS)  # run-on text: a bounded look back
    candidates = [m for m in ctx.mentions_in(first, offset) if m.ref.type in types]
    if not candidates:
        return None
    subjects = [m for m in candidates if _is_subject(ctx, m)]
    return fullest(ctx, (subjects or candidates)[-1])


def _is_subject(ctx: DocContext, row: MentionRow) -> bool:
    located = span_of(ctx, row.ref.start, row.ref.end)
    return located is not None and located[0].root.dep_ in ("nsubj", "nsubjpass")


def entity_for(ctx: DocContext, token: Token, base: int) -> MentionRow | None:
    """The entity mention a token stands for: a name it is part of, or a pronoun's antecedent."""
    start = base + token.idx
    row = ctx.mention_over(start, start + len(token.text))
    if row is not None:
        return fullest(ctx, row)
    if token.lower_ in PERSON_PRONOUNS:
        return antecedent(ctx, start)
    return None
