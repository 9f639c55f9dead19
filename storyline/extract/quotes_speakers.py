"""Who the words naming a speaker stand for: a name, a pronoun or a description.

A name is the mention under the subject's head word (or under its apposition: "Ryanair
CEO, Michael O'Leary"). A pronoun ("he", "according to her") stands for the most recent
mention of a type it may stand for, within ``WINDOW`` sentences, outside quotes, a
subject first and a person whose title tells the other gender skipped; it is given as
the fullest name of that mention's document cluster. Descriptions are resolved by
``quotes_descriptions``. Words that fit nothing leave the speaker unknown, words kept.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Collection

from spacy.tokens import Token

from storyline.extract.context import DocContext, MentionRow
from storyline.extract.model import Ref
from storyline.extract.quotes_descriptions import Descriptions, title_words
from storyline.extract.quotes_lexicon import Lexicon, lexicon
from storyline.extract.quotes_parse import Where

# Entity types a named speaker may have: people, organisations, and governments named
# by their country or capital ("Russia said", "Washington warned").
NAME_TYPES = frozenset({"PERSON", "ORG", "GPE"})
# Sentences searched back for the antecedent of a pronoun or a description.
WINDOW = 4
# Mentions looked at, at most, for one antecedent (bounds a sentence full of names).
MAX_CANDIDATES = 200
# Dependency labels of a subject, and of words that hang on one ("Akhmat" in "Akhmat Bakiyev").
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
ATTACHED = frozenset({"compound", "appos", "flat", "conj"})


@dataclasses.dataclass(frozen=True)
class Speaker:
    """A speaker as found at one place: the mention meant and the words naming it there."""

    ref: Ref | None
    start: int | None
    end: int | None
    text: str
    via: str  # name, pronoun, description, unknown


UNKNOWN = Speaker(None, None, None, "", "unknown")


class Speakers:
    """Speaker resolution over one document; its indexes are built once, lazily."""

    def __init__(self, ctx: DocContext, where: Where) -> None:
        self.ctx, self.parsed, self.quoted = ctx, where.parsed, where.quoted
        self.lines, self.mentions = where.lines, where.mentions
        self.words: Lexicon = lexicon()
        self._starts = [m.ref.start for m in ctx.mentions]
        self._fullest: dict[int, MentionRow] | None = None
        self._genders: dict[int, str] | None = None
        self.descriptions = Descriptions(ctx, where, self.antecedent)

    def resolve(self, head: Token, base: int) -> Speaker:
        """The speaker the noun phrase headed by ``head`` stands for."""
        start, end = head.left_edge.idx + base, head.idx + len(head.text) + base
        start = max(start, self.lines.start(head.idx + base))  # never over a line break
        words = self.ctx.text[start:end]
        named = self._named(head, base)
        if named is not None:
            return named
        if head.pos_ == "PRON":
            return self._pronoun(head, base)
        if head.pos_ in ("NOUN", "PROPN"):
            return self._description(head, base, start, end)
        return Speaker(None, start, end, words, "unknown")

    def _named(self, head: Token, base: int) -> Speaker | None:
        for token in (head, *(c for c in head.children if c.dep_ == "appos")):
            row = self.mentions.over(token.idx + base, token.idx + len(token.text) + base)
            if row is not None and row.ref.type in NAME_TYPES:
                return Speaker(row.ref, row.ref.start, row.ref.end, row.ref.text, "name")
        return None

    def _pronoun(self, head: Token, base: int) -> Speaker:
        start, end = head.idx + base, head.idx + len(head.text) + base
        word = head.lower_
        types = self.words.pronouns.get(word)
        found = self.antecedent(start, types, gender=word) if types else None
        if found is None:
            return Speaker(None, start, end, head.text, "unknown")
        return Speaker(self.fullest(found).ref, start, end, head.text, "pronoun")

    def _description(self, head: Token, base: int, start: int, end: int) -> Speaker:
        words = self.ctx.text[start:end]
        found = self.descriptions.resolve(head, base)
        if found is None:
            return Speaker(None, start, end, words, "unknown")
        return Speaker(self.fullest(found).ref, start, end, words, "description")

    def antecedent(
        self,
        offset: int,
        types: Collection[str],
        *,
        gender: str | None = None,
    ) -> MentionRow | None:
        """The most recent compatible mention before ``offset``, a subject first."""
        index = bisect.bisect_left(self._starts, offset) - 1
        lowest = self.ctx.sentence_index(offset) - WINDOW
        fallback: MentionRow | None = None
        for _ in range(MAX_CANDIDATES):
            if index < 0:
                break
            row = self.ctx.mentions[index]
            index -= 1
            if self.ctx.sentence_index(row.ref.start) < lowest:
                break
            if not self._fits(row, offset, types, gender):
                continue
            if self._is_subject(row):
                return row
            fallback = fallback or row
        return fallback

    def _fits(
        self,
        row: MentionRow,
        offset: int,
        types: Collection[str],
        gender: str | None,
    ) -> bool:
        if row.ref.type not in types or row.ref.end > offset or self.quoted.holds(row.ref.start):
            return False
        return gender not in self.words.genders or self._gender(row) in (None, gender)

    def _is_subject(self, row: MentionRow) -> bool:
        """A subject in the parse, or the first words of a paragraph (where the parse runs a
        headline into the paragraph, the opening name is its subject all the same)."""
        if not self.ctx.text[self.lines.start(row.ref.start) : row.ref.start].strip():
            return True
        found = self.parsed.token(max(row.ref.end - 1, row.ref.start))
        if found is None:
            return False
        token = found[0]
        while token.dep_ in ATTACHED and token.head != token:
            token = token.head
        return token.dep_ in SUBJECTS

    def _gender(self, row: MentionRow) -> str | None:
        if self._genders is None:
            self._genders = {}
            for mention in self.ctx.mentions:
                for gender, titles in self.words.genders.items():
                    if titles & set(title_words(mention)):
                        self._genders.setdefault(mention.cluster, gender)
        return self._genders.get(row.cluster)

    def fullest(self, row: MentionRow) -> MentionRow:
        """The longest name of the mention's document cluster (its first use on a tie)."""
        if self._fullest is None:
            self._fullest = {}
            for mention in self.ctx.mentions:
                best = self._fullest.get(mention.cluster)
                if best is None or _fullness(mention) > _fullness(best):
                    self._fullest[mention.cluster] = mention
        return self._fullest.get(row.cluster, row)


def _fullness(row: MentionRow) -> tuple[int, int]:
    return len(row.ref.text.split()), len(row.ref.text)
