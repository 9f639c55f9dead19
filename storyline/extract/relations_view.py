"""One parsed sentence as the relation rules read it: children, mentions, antecedents.

Everything is built in one pass over the sentence's tokens and mentions, so a rule that
looks at a token's children or asks which mention a token roots does constant work, and a
sentence of thousands of tokens stays linear.
"""

from __future__ import annotations

import bisect
import dataclasses

from spacy.tokens import Span, Token

from storyline.extract.context import DocContext, MentionRow
from storyline.extract.model import Relation
from storyline.extract.relations_table import RelationTable
from storyline.schema import place_key

# A pronoun's antecedent is looked for among this many most recent people; more than one
# of them (besides the person the relation is about) makes the pronoun ambiguous.
_RECENT = 3

# The possessive marker as the tokenizer splits it.
_POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})


@dataclasses.dataclass(frozen=True)
class Arg:
    """One side of a relation: the mention it refers to, and the words that say so here."""

    row: MentionRow  # the mention used as the Ref (for a pronoun, the antecedent's full name)
    start: int  # the words in this sentence that name it: the name, pronoun or adjective
    end: int
    how: str  # how it was found: appos, of, possessive, pronoun, modifier…
    token: int = -1  # the token heading the name in this sentence (-1: not named here)


def relation_of(
    predicate: str, subject: Arg, obj: Arg, words: tuple[tuple[int, int], ...], pattern: str
) -> Relation:
    """A relation whose evidence runs from the first to the last word involved."""
    spans = ((subject.start, subject.end), (obj.start, obj.end), *words)
    start = min(s for s, _ in spans)
    end = max(e for _, e in spans)
    return Relation(start, end, subject.row.ref, predicate, obj.row.ref, pattern)


class DocIndex:
    """Document-wide lookups: each cluster's fullest name, and where countries are named."""

    def __init__(self, ctx: DocContext, table: RelationTable) -> None:
        self.best: dict[int, MentionRow] = {}
        self.country_rows: dict[str, MentionRow] = {}
        self.table = table
        for row in ctx.mentions:
            held = self.best.get(row.cluster)
            if held is None or len(row.ref.text) > len(held.ref.text):
                self.best[row.cluster] = row
            country = self.country_of(row)
            if country and country not in self.country_rows:
                self.country_rows[country] = row

    def country_of(self, row: MentionRow) -> str | None:
        """The country a GPE mention names ("the US" → United States), if it names one."""
        if row.ref.type != "GPE":
            return None
        return self.table.country_names.get(place_key(row.ref.text))

    def fullest(self, row: MentionRow) -> MentionRow:
        return self.best.get(row.cluster, row)

    def country_mention(self, adjective: str) -> MentionRow | None:
        """The country a nationality adjective names, as mentioned in this document."""
        country = self.table.country_adjectives.get(place_key(adjective))
        row = self.country_rows.get(country) if country else None
        return None if row is None else self.fullest(row)


class SentenceView:
    """A sentence's tokens with their children and the mentions they belong to."""

    def __init__(self, sent: Span, base: int, ctx: DocContext, previous: tuple[MentionRow, ...]):
        self.sent = sent
        self.base = base
        self.kids: dict[int, list[Token]] = {}
        for token in sent:
            if token.head.i != token.i:
                self.kids.setdefault(token.head.i, []).append(token)
        self.mention_of: dict[int, MentionRow] = {}  # token index → the mention holding it
        self.root_of: dict[int, MentionRow] = {}  # token index → the mention it heads
        start = base + sent.start_char
        for row in ctx.mentions_in(start, base + sent.end_char):
            span = sent.doc.char_span(
                row.ref.start - base, row.ref.end - base, alignment_mode="expand"
            )
            if span is None or not len(span):
                continue
            for token in span:
                self.mention_of[token.i] = row
            self.root_of[span.root.i] = row
        self._people(ctx, start, base + sent.end_char, previous)

    def _people(
        self, ctx: DocContext, start: int, end: int, previous: tuple[MentionRow, ...]
    ) -> None:
        """Per person mention, the most recent distinct people up to it (newest first)."""
        self.person_ends: list[int] = []
        self.recent: list[tuple[MentionRow, ...]] = []
        self.previous = previous
        seen: tuple[MentionRow, ...] = ()
        for row in ctx.mentions_in(start, end):
            if row.ref.type != "PERSON":
                continue
            others = tuple(m for m in seen if m.cluster != row.cluster)
            seen = (row, *others)[:_RECENT]
            self.person_ends.append(row.ref.end)
            self.recent.append(seen)

    @property
    def last_people(self) -> tuple[MentionRow, ...]:
        """The most recent distinct people at the sentence's end, for the next sentence."""
        return self.recent[-1] if self.recent else ()

    # --- tokens ---------------------------------------------------------------------------

    def start_of(self, token: Token) -> int:
        return self.base + token.idx

    def end_of(self, token: Token) -> int:
        return self.base + token.idx + len(token.text)

    def children(self, token: Token, *deps: str) -> list[Token]:
        kids = self.kids.get(token.i, [])
        return [k for k in kids if k.dep_ in deps] if deps else kids

    def child(self, token: Token, *deps: str) -> Token | None:
        found = self.children(token, *deps)
        return found[0] if found else None

    def has_head(self, token: Token) -> bool:
        """Whether the token's head lies in this sentence (and is not the token itself)."""
        head = token.head
        return head.i != token.i and self.sent.start <= head.i < self.sent.end

    def through_relative(self, subject: Token, relative_pronouns: frozenset[str]) -> Token:
        """The noun a relative pronoun stands for ("X, who served as…": X), else ``subject``."""
        clause = subject.head
        relative = subject.lower_ in relative_pronouns and clause.dep_ == "relcl"
        return clause.head if relative and self.has_head(clause) else subject

    def is_possessive_mark(self, token: Token) -> bool:
        return token.text in _POSSESSIVE_MARKS and (token.tag_ == "POS" or token.dep_ == "case")

    # --- mentions ---------------------------------------------------------------------------

    def named(self, token: Token, how: str) -> Arg | None:
        """The mention ``token`` heads, as a relation side, unless it is a guess.

        A surname whose owner was chosen by vote (attribute ``ambiguous``) is a guess.
        """
        row = self.root_of.get(token.i)
        if row is None or "ambiguous" in row.attrs:
            return None
        if not any(char.isupper() for char in row.ref.text):
            return None  # "absentia": the model's mistake, not a name
        return Arg(row, row.ref.start, row.ref.end, how, token.i)

    def antecedent(self, pronoun: Token, index: DocIndex, exclude: int) -> Arg | None:
        """The one person a possessive pronoun can refer to, as that person's fullest name.

        Candidates are the people named before the pronoun in this sentence, else in the
        previous one, other than the relation's own subject (cluster ``exclude``); two or
        more candidates, or a surname whose owner was guessed, give no antecedent.
        """
        start = self.start_of(pronoun)
        count = bisect.bisect_right(self.person_ends, start)
        people = self.recent[count - 1] if count else ()
        candidates = [m for m in people if m.cluster != exclude]
        if not candidates:
            candidates = [m for m in self.previous if m.cluster != exclude]
        if len(candidates) != 1 or "ambiguous" in candidates[0].attrs:
            return None
        return Arg(index.fullest(candidates[0]), start, self.end_of(pronoun), "pronoun")
