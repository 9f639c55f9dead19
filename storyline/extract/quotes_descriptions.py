"""Descriptions as speakers: which named entity "the Belarusian leader" stands for.

The head noun decides. A person noun ("leader", "spokesman") stands for the name it last
described: the latest earlier use of the same noun (singular, outside quotes) as a title
or an apposition of a name ("Mayor Varenko", "Varenko, the mayor of Dulsk", "the
president of Kyrgyzstan, Kurmanbek Bakiyev"), or a name whose title attribute holds the
noun, whichever is later. An earlier indefinite use ("a spokesman from the ministry")
introduced someone unnamed: unknown. An earlier definite use that named nobody is
resolved the same way in turn (a chain of "the former president"s). With no earlier use,
a generic noun ("leader", "ruler") takes the most recent person, a subject first; a
specific one ("spokesman", "mayor") stays unknown rather than guessed. An organisation
noun ("the company") is the organisation named inside the description ("the Kremlin
press service"), the one an earlier use described, or else the most recent organisation.
Indefinite, quantified and plural descriptions ("one resident", "all heads of state",
"officials") name nobody we track.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from spacy.tokens import Token

from storyline.extract.context import DocContext, MentionRow
from storyline.extract.quotes_cues import is_cue, subject_of
from storyline.extract.quotes_lexicon import Lexicon, lexicon
from storyline.extract.quotes_parse import Lines, Where

# Earlier definite uses followed back, at most, before giving up on a description.
MAX_CHAIN = 8
# Entity types that may own an organisation description ("Obama's administration").
OWNERS = frozenset({"PERSON", "ORG", "GPE"})
# Earlier uses of a noun looked at, at most, for one description.
MAX_USES = 20
# Fine-grained tags of a singular noun (only singular uses can describe one name).
SINGULAR = frozenset({"NN", "NNP"})

Antecedent = Callable[..., MentionRow | None]


def title_words(row: MentionRow) -> list[str]:
    """The words of a mention's title attribute, lower case ("former", "kyrgyz", "president")."""
    return [w.strip(".,").lower() for w in row.attrs.get("title", "").split()]


def _speaks(token: Token, base: int, words: Lexicon, lines: Lines) -> bool:
    """``token`` names the speaker of a speech verb ("a spokesman said", "quoted a spokesman")."""
    verb = token.head
    return (
        token.dep_ in ("nsubj", "dobj")
        and is_cue(verb, words, frames=True)
        and subject_of(verb, base, words, lines) == token
    )


class Descriptions:
    """Description resolution over one document; indexes built once, on first need."""

    def __init__(self, ctx: DocContext, where: Where, antecedent: Antecedent) -> None:
        self.ctx, self.antecedent = ctx, antecedent
        self.quoted, self.lines, self.mentions = where.quoted, where.lines, where.mentions
        self.words = lexicon()
        self._uses: dict[str, tuple[list[int], list[tuple[Token, int]]]] | None = None
        self._titled: dict[str, tuple[list[int], list[MentionRow]]] | None = None
        self._memo: dict[int, MentionRow | None] = {}

    def resolve(self, head: Token, base: int) -> MentionRow | None:
        """The mention the description headed by ``head`` stands for, or None."""
        noun = head.lemma_.lower()
        if head.tag_ not in SINGULAR or self._indefinite(head):
            return None
        if noun in self.words.org_nouns:
            return self._organisation(head, base, noun)
        if noun in self.words.person_nouns:
            return self._person(head, base, noun, 0)
        return None

    def _indefinite(self, head: Token) -> bool:
        determiners = {c.lower_ for c in head.children if c.dep_ in ("det", "nummod", "predet")}
        return bool(determiners & self.words.indefinite)

    def _organisation(self, head: Token, base: int, noun: str) -> MentionRow | None:
        start, at = head.left_edge.idx + base, head.idx + base
        start = max(start, self.lines.start(at))
        inside = [m for m in self.mentions.inside(start, at) if m.ref.type in OWNERS]
        if inside:  # "the Kremlin press service", "Obama's administration"
            return inside[-1]
        use = self._earlier_use(noun, at, "ORG")
        linked = self._linked(*use, "ORG") if use is not None else None
        return linked or self.antecedent(start, ("ORG",))

    def _person(self, head: Token, base: int, noun: str, depth: int) -> MentionRow | None:
        at = head.idx + base
        if at not in self._memo:
            self._memo[at] = self._person_at(head, base, noun, depth)
        return self._memo[at]

    def _person_at(self, head: Token, base: int, noun: str, depth: int) -> MentionRow | None:
        at = head.idx + base
        use = self._earlier_use(noun, at, "PERSON")
        titled = self._last_titled(noun, at)
        if titled is not None and (use is None or titled.ref.start > use[0].idx + use[1]):
            return titled
        if use is not None:
            token, use_base = use
            linked = self._linked(token, use_base, "PERSON")
            if linked is not None:
                return linked
            if self._indefinite(token) or depth >= MAX_CHAIN:
                return None  # "a spokesman … said": someone unnamed
            return self._person(token, use_base, noun, depth + 1)
        if noun in self.words.generic_person_nouns:
            return self.antecedent(head.left_edge.idx + base, ("PERSON",))
        return None

    def _linked(self, token: Token, base: int, kind: str) -> MentionRow | None:
        """The name ``token`` is a title or apposition of, or that is its apposition."""
        for other in (token.head, *token.children):
            if other == token or other.dep_ in ("det", "amod", "prep", "punct"):
                continue
            row = self.mentions.over(other.idx + base, other.idx + len(other.text) + base)
            if row is not None and row.ref.type == kind:
                return row
        return None

    def _earlier_use(self, noun: str, before: int, kind: str) -> tuple[Token, int] | None:
        """The last singular use of ``noun`` outside quotes before ``before`` that may be
        the same one: one that describes a name of ``kind``, a definite one, or an
        indefinite one that speaks ("a spokesman said", "quoted a spokesman"); a generic
        "an authoritarian ruler loses power" is passed over.
        """
        if self._uses is None:
            self._uses = self._index_uses()
        starts, uses = self._uses.get(noun, ([], []))
        index = bisect.bisect_left(starts, before) - 1
        for _ in range(MAX_USES):
            if index < 0:
                return None
            token, base = uses[index]
            if not self._indefinite(token) or _speaks(token, base, self.words, self.lines):
                return token, base
            if self._linked(token, base, kind) is not None:
                return token, base
            index -= 1
        return None

    def _index_uses(self) -> dict[str, tuple[list[int], list[tuple[Token, int]]]]:
        """Every singular person or organisation noun outside quotes, by lemma, in text order."""
        nouns = self.words.person_nouns | self.words.org_nouns
        index: dict[str, tuple[list[int], list[tuple[Token, int]]]] = {}
        for doc, base in self.ctx.parts:
            for token in doc:
                lemma = token.lemma_.lower()
                if token.tag_ not in SINGULAR or lemma not in nouns:
                    continue
                if not self.quoted.holds(token.idx + base):
                    starts, uses = index.setdefault(lemma, ([], []))
                    starts.append(token.idx + base)
                    uses.append((token, base))
        return index

    def _last_titled(self, noun: str, before: int) -> MentionRow | None:
        """The last mention before ``before`` whose title holds ``noun`` ("Mayor Varenko")."""
        if self._titled is None:
            self._titled = {}
            for row in self.ctx.mentions:
                for word in title_words(row):
                    starts, rows = self._titled.setdefault(word, ([], []))
                    starts.append(row.ref.start)
                    rows.append(row)
        starts, rows = self._titled.get(noun, ([], []))
        index = bisect.bisect_left(starts, before) - 1
        return rows[index] if index >= 0 else None
