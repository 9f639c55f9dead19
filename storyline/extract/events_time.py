"""When an event mention happened: a time expression of its sentence, its paragraph, or the
publication date.

1. ``sentence``: a calendar DATE/TIME expression of the trigger's sentence; among several,
   the one in the trigger's own clause, then the nearest in the parse, then in the text.
   A verb in a relative clause takes no time from outside it ("said on Monday that he
   cannot be sent back to the state he fled": Monday is not when he fled).
2. ``context``: the last calendar expression of the nearest earlier dated sentence of
   the same paragraph ("On 28 August protesters stormed… Police said they were
   protesting…"), for a clause told in the past; a present or perfect clause ("to
   whom it has granted asylum") speaks of the time of writing and takes none.
   A past-tense verb dated by a month or day without a written year that would fall
   after the publication date takes the year before ("was sentenced in February", in
   December): the time expression was resolved without the parse, nearest first.
3. ``reported``: the publication date (with its bounds when it was inferred as a range).
4. ``none``: no time and no publication date.

Adjectival triggers ("the ousted president") describe someone at the sentence's time,
not an event then: they take only a time attached to themselves, else the report date.

Nominal triggers take only a time of their own clause ("the meeting took place on
8 May", "came to power in the revolution in 2005") or of their own phrase ("the meeting
on 8 May", "Tuesday's meeting"), never one of another clause: in "summoned the envoy
on Tuesday to protest against a meeting", Tuesday dates the summons, not the meeting;
and a time inside a clause within their phrase is that clause's ("the governor who was
sentenced in February").
"""

from __future__ import annotations

import bisect
import dataclasses
import re

from spacy.tokens import Span, Token

from storyline.extract.context import DocContext, TimexRow, is_calendar_date, precision_of
from storyline.extract.model import NO_TIME, TimeAnchor
from storyline.model import Precision

# Time expression types that place an event (durations and sets do not).
POINT_TYPES = frozenset({"DATE", "TIME"})
# Parse distance within which a time expression counts as attached to an adjectival trigger.
ATTACHED = 2
FAR = 10_000
CLAUSE_POS = frozenset({"VERB", "AUX"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
# Tenses that speak of the time of writing: present, and present perfect's "has".
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
PRESENT_AUX = frozenset({"has", "have", "'ve", "'s", "does", "do", "is", "are", "am"})
# Auxiliaries of the past: "was sentenced", "had fled", "did not return".
PAST_AUX = frozenset({"was", "were", "had", "did"})
# A written year ("February 2017", "in 2017"): the text chose the year, not the reader.
YEAR = re.compile(r"\b\d{4}\b|'\d{2}\b")
# Month or day values: "2018-02", "2018-02-03".
PARTIAL_DATE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")
# Clauses that describe a noun of another clause ("the state he fled", "a man who fled").
RELATIVE_DEPS = frozenset({"relcl", "acl"})


class Clock:
    """The calendar time expressions of one document, for anchoring its events."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.points = [
            t for t in ctx.timexes if t.type in POINT_TYPES and is_calendar_date(t.value)
        ]
        self.starts = [t.start for t in self.points]  # ascending: contexts sort their timexes

    def anchor(
        self, token: Token, sent: Span, base: int, *, adjectival: bool = False
    ) -> TimeAnchor:
        """The time of the event ``token`` triggers in ``sent`` (a piece at offset ``base``)."""
        start, end = base + sent.start_char, base + sent.end_char
        found = self.in_sentence(token, sent, base, start, end, ATTACHED if adjectival else FAR)
        if found is not None:
            return self.not_after_report(as_anchor(found, "sentence"), token)
        if not adjectival and narrated(token):
            earlier = self.in_paragraph_before(start)
            if earlier is not None:
                return as_anchor(earlier, "context")
        return self.reported()

    def in_sentence(
        self, token: Token, sent: Span, base: int, start: int, end: int, reach: int
    ) -> TimexRow | None:
        """The sentence's time expression that fits ``token`` best, within ``reach``."""
        best: tuple[tuple[int, int, int], TimexRow] | None = None
        first, last = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        for timex in self.points[first:last]:
            if timex.end > end:
                continue
            head = head_of(sent, timex.start - base, timex.end - base)
            if head is None:
                continue
            distance = tree_distance(token, head)
            if distance > reach or not may_date(token, head):
                continue
            rank = (int(clause_of(head) != clause_of(token)), distance, abs(head.i - token.i))
            if best is None or rank < best[0]:
                best = (rank, timex)
        return None if best is None else best[1]

    def in_paragraph_before(self, offset: int) -> TimexRow | None:
        """The last calendar expression between the paragraph's start and ``offset``."""
        first, _ = self.ctx.paragraph_of(offset)
        low, high = bisect.bisect_left(self.starts, first), bisect.bisect_left(self.starts, offset)
        earlier = [t for t in self.points[low:high] if t.end <= offset]
        return earlier[-1] if earlier else None

    def not_after_report(self, anchor: TimeAnchor, token: Token) -> TimeAnchor:
        """A past-tense event dated by a month or day whose year the text left out, and
        which that year puts after the report, happened the year before: "was sentenced
        in February" in a December article is that year's February. The time expression
        keeps its own value (it has no parse to see the tense); the event moves."""
        published = self.ctx.doc.meta.published.value
        value = anchor.value
        if not (published and value and told_in_past(token)) or YEAR.search(anchor.text):
            return anchor
        if not PARTIAL_DATE.fullmatch(value) or value <= published[: len(value)]:
            return anchor
        earlier = f"{int(value[:4]) - 1:04d}{value[4:]}"
        if earlier[5:] == "02-29":
            return anchor  # no 29 February the year before
        return dataclasses.replace(anchor, value=earlier)

    def reported(self) -> TimeAnchor:
        """The publication date as the time the event was reported by, or NO_TIME."""
        published = self.ctx.doc.meta.published
        low, high = published.range if published.range else (None, None)
        if published.value is None and low is None:
            return NO_TIME
        precision = published.precision
        name = precision.value if isinstance(precision, Precision) else str(precision)
        return TimeAnchor(published.value, name, "reported", low=low, high=high)


def may_date(token: Token, head: Token) -> bool:
    """Whether the time expression headed by ``head`` may date the trigger ``token``.

    A verb takes a time of its sentence (ranked by the parse) unless the verb is in a
    relative clause and the time outside it ("the state he fled", said on Monday); a
    nominal trigger only one of its own clause or hanging on its own phrase.
    """
    if token.pos_ not in NOUN_POS:
        clause = token.doc[clause_of(token)]
        return clause.dep_ not in RELATIVE_DEPS or clause_of(head) == clause.i
    if head.i in {t.i for t in token.subtree}:
        return in_phrase(head, token)
    return clause_of(head) == clause_of(token)


def narrated(token: Token) -> bool:
    """Whether the trigger's clause tells the past as a story (and so may take the time of
    the sentence before): not a present or perfect tense ("to whom it has granted
    asylum", "does not hand over"), which speaks of the time of writing."""
    clause = token.doc[clause_of(token)]
    if clause.pos_ not in CLAUSE_POS:
        return True  # a headline, a fragment: no tense to go by
    auxes = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
    return not (auxes & PRESENT_AUX or clause.tag_ in PRESENT_TAGS)


def told_in_past(token: Token) -> bool:
    """Whether the trigger's clause is in the simple past or past perfect ("was
    sentenced", "fled", "had met"); nominal and other tenseless triggers are not."""
    clause = token.doc[clause_of(token)]
    if clause.pos_ not in CLAUSE_POS or clause.i != token.i:
        return False
    auxes = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
    return bool(auxes & PAST_AUX) or (not auxes and clause.tag_ == "VBD")


def in_phrase(head: Token, noun: Token) -> bool:
    """Whether ``head`` hangs on ``noun`` through no verb: "the meeting on 8 May", not
    "the governor who was sentenced in February"."""
    for t in head.ancestors:
        if t.i == noun.i:
            return True
        if t.pos_ in CLAUSE_POS:
            return False
    return False


def as_anchor(timex: TimexRow, source: str) -> TimeAnchor:
    return TimeAnchor(
        timex.value, precision_of(timex.value), source, timex.start, timex.end, timex.text
    )


def head_of(sent: Span, start: int, end: int) -> Token | None:
    """The token of ``[start, end)`` (piece offsets) nearest the root of the parse."""
    span = sent.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one sentence in the dependency tree."""
    up = {t.i: k for k, t in enumerate([a, *a.ancestors])}
    for k, t in enumerate([b, *b.ancestors]):
        if t.i in up:
            return k + up[t.i]
    return FAR


def clause_of(token: Token) -> int:
    """The index of the verb whose clause holds ``token`` (the root when there is none)."""
    for t in [token, *token.ancestors]:
        if t.pos_ in CLAUSE_POS or t.dep_ == "ROOT":
            return int(t.i)
    return int(token.i)
