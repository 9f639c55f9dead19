"""Direct quotes and reported speech, each attributed to the entity who said it.

Direct quotes are the words between quote marks (``quotes_marks``: paragraph-bounded,
nested single quotes kept inside, an unclosed quote bounded to its paragraph). Each is
attributed through its cue (``quotes_cues``: "…," he said / She said: "…" / according to
X); a quote with no cue of its own takes the speaker of the quote before it in the same
paragraph ("…," he said. "…"), and a quote over several paragraphs has one speaker for
all its pieces. A quote with no cue and fewer than ``MIN_WORDS`` words is a scare quote
or a title ("coup", "Vremya Novostei") and is not kept; a longer one is kept with the
speaker unknown. Reported speech comes from ``quotes_reported``. The words naming the
speaker become a mention through ``quotes_speakers`` (name, pronoun, description), and
a speaker nothing fits stays unknown, with its words kept.

Every step is a pass over the text or the tokens plus binary searches, so long
documents and very long sentences cost time in proportion to their size.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from storyline.extract.context import DocContext
from storyline.extract.model import Quote
from storyline.extract.quotes_cues import Cue, CueFinder
from storyline.extract.quotes_lexicon import lexicon
from storyline.extract.quotes_marks import Marked, groups, scan_quotes
from storyline.extract.quotes_parse import Lines, Mentions, Parsed, Ranges, Where
from storyline.extract.quotes_reported import reported_speech
from storyline.extract.quotes_speakers import UNKNOWN, Speaker, Speakers
from storyline.extract.stage import EXTRACTORS
from storyline.extract.statements import quote_statement
from storyline.model import Statement

NAME = "quotes.v1"
# Words a quote with no speech cue needs to be kept (shorter: scare quotes and titles).
MIN_WORDS = 4


@dataclasses.dataclass(frozen=True)
class Found:
    """A quote with where its cue stands (None when it has none): what the scorer reads."""

    quote: Quote
    cue_start: int | None = None
    cue_end: int | None = None


@dataclasses.dataclass(frozen=True)
class _Attribution:
    speaker: Speaker
    cue: Cue | None
    paragraph: int  # where the paragraph it holds for starts


class _Finder:
    """The state of one document's extraction: indexes shared by every quote."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.marked = scan_quotes(ctx.text)
        self.quoted = Ranges([(m.open, m.close) for m in self.marked])
        self.lines = Lines(ctx.text)
        where = Where(Parsed(ctx), self.quoted, self.lines, Mentions(ctx))
        self.words = lexicon()
        self.cues = CueFinder(ctx, where.parsed, self.quoted, self.words, self.lines)
        self.speakers = Speakers(ctx, where)

    def direct(self) -> Iterator[Found]:
        previous: _Attribution | None = None
        for pieces in groups(self.marked):
            paragraph = self.lines.start(pieces[0].open)
            short = _words(self.ctx.text, pieces) < MIN_WORDS
            found = self._attribute(pieces, paragraph, previous, short=short)
            if found.cue is None and short:
                continue
            if found.cue is not None:  # the paragraph a following quote may share it in
                last = self.lines.start(pieces[-1].open)
                previous = dataclasses.replace(found, paragraph=last)
            yield from self._pieces(pieces, found)

    def _attribute(
        self, pieces: list[Marked], paragraph: int, previous: _Attribution | None, *, short: bool
    ) -> _Attribution:
        cue = self.cues.direct(pieces, short=short)
        if cue is not None:
            speaker = self._speaker(cue)
            return _Attribution(speaker, cue, paragraph)
        if previous is not None and previous.paragraph == paragraph and not short:
            return previous  # a second quote of the same speaker, same paragraph
        return _Attribution(UNKNOWN, None, paragraph)

    def _speaker(self, cue: Cue) -> Speaker:
        if cue.subject is None:
            return UNKNOWN
        return self.speakers.resolve(cue.subject, cue.base)

    def _pieces(self, pieces: list[Marked], found: _Attribution) -> Iterator[Found]:
        for piece in pieces:
            quote = _quote(self.ctx, piece.start, piece.end, "direct", found.speaker, found.cue)
            yield _found(quote, found.cue)

    def reported(self) -> Iterator[Found]:
        for clause in reported_speech(self.ctx, self.quoted, self.words, self.lines):
            speaker = self._speaker(clause.cue)
            quote = _quote(self.ctx, clause.start, clause.end, "reported", speaker, clause.cue)
            yield _found(quote, clause.cue)


def _quote(
    ctx: DocContext, start: int, end: int, kind: str, speaker: Speaker, cue: Cue | None
) -> Quote:
    return Quote(
        start=start,
        end=end,
        text=ctx.text[start:end],
        kind=kind,
        speaker=speaker.ref,
        speaker_start=speaker.start,
        speaker_end=speaker.end,
        speaker_text=speaker.text,
        via=speaker.via if speaker.ref is not None else "unknown",
        cue=cue.text if cue is not None else "",
    )


def _found(quote: Quote, cue: Cue | None) -> Found:
    return Found(quote, cue.start if cue else None, cue.end if cue else None)


def _words(text: str, pieces: list[Marked]) -> int:
    return sum(len(text[p.start : p.end].split()) for p in pieces)


def find_attributed(ctx: DocContext) -> list[Found]:
    """Every quote of the document with its cue's place, in text order; one per span."""
    finder = _Finder(ctx)
    seen: set[tuple[int, int]] = set()
    out: list[Found] = []
    for found in (*finder.direct(), *finder.reported()):
        key = (found.quote.start, found.quote.end)
        if key not in seen:
            seen.add(key)
            out.append(found)
    return sorted(out, key=lambda f: (f.quote.start, f.quote.end))


def find_quotes(ctx: DocContext) -> list[Quote]:
    """Every quote of the document, in text order."""
    return [found.quote for found in find_attributed(ctx)]


@EXTRACTORS.register(NAME)
def quotes(ctx: DocContext) -> list[Statement]:
    return [quote_statement(ctx.doc.id, q, NAME) for q in find_quotes(ctx)]
