"""Speech cues in the parse: the verb that frames a direct quote, and reported clauses.

A direct quote's cue is a speech verb right after it, with nothing between but its
subject ("…," said Lukashenko / "…," the Belarusian leader told reporters), or else the
nearest speech verb before it in its sentence that governs the quoted words or stands
within a few words of them (He said: "…"), or "according to X". A quote opening a
paragraph after one that ends with a colon takes its cue from that paragraph.

The speaker's words are found from the cue by ``subject_of``: the verb's subject (or
agent, or X of "according to X"), through the verbs it hangs on when it has none, and
repaired where the parser ran a headline into the paragraph.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Token

from storyline.extract.context import DocContext
from storyline.extract.quotes_lexicon import Lexicon
from storyline.extract.quotes_marks import Marked
from storyline.extract.quotes_parse import Lines, Parsed, Ranges

# Tokens looked at after a closing mark for its cue, and before an opening mark.
AFTER_TOKENS = 12
BEFORE_TOKENS = 40
# An after-cue this close (in tokens) beats a cue before the quote.
NEAR_AFTER = 6
# Words between a cue before a quote and the quote, at most, when the parse does not link them.
NEAR_BEFORE = 8
# Words that may stand between a quote and the cue after it besides the subject.
BETWEEN_DEPS = frozenset({"advmod", "aux", "auxpass", "neg", "punct", "npadvmod"})
# Links followed up from a speech verb to the verb that holds its subject ("and added",
# "adding", "by saying", "was quoted as saying", "resigned in a letter stating").
HOPS = frozenset({"conj", "advcl", "xcomp", "pcomp", "prep", "pobj", "acl"})
# Links followed up, at most, from a speech verb to its subject.
MAX_HOPS = 8
# Dependency labels inside a noun phrase, from a word up to the phrase's head.
NP_INSIDE = frozenset({"compound", "amod", "det", "flat", "nummod", "poss", "case", "nmod"})
# Dependency labels of nouns that say when or how, not who ("today announced").
ADVERBIAL = frozenset({"npadvmod", "advmod", "tmod", "pobj"})
# Verbs whose object is the speaker ("the agency quoted her as saying").
QUOTING = frozenset({"quote", "cite"})
# Tokens that end a sentence when scanning for cues.
SENTENCE_END = frozenset({".", "!", "?"})
# Quote marks and spaces trimmed from either end of a reported clause.
TRIM = frozenset({'"', "“", "”", "„", "«", "»", "``", "''", ",", ":", ";", "—", "–", "-"})


@dataclasses.dataclass(frozen=True)
class Cue:
    """A speech cue: the verb (or "according") and the head of the words naming the speaker."""

    token: Token
    base: int
    subject: Token | None
    distance: int = 0  # tokens between the quote and the cue

    @property
    def start(self) -> int:
        return self.token.idx + self.base

    @property
    def end(self) -> int:
        return self.token.idx + len(self.token.text) + self.base

    @property
    def text(self) -> str:
        return "according to" if self.token.lower_ == "according" else self.token.text


def is_cue(token: Token, words: Lexicon, *, frames: bool) -> bool:
    """A speech verb (a frame verb too when ``frames``) or "according" with "to"."""
    if token.lower_ in words.according:
        return any(c.lower_ == "to" for c in token.children)
    if token.pos_ != "VERB":
        return False
    lemma = token.lemma_.lower()
    return lemma in words.speech_verbs or (frames and lemma in words.frame_verbs)


def subject_of(verb: Token, base: int, words: Lexicon, lines: Lines) -> Token | None:
    """The head of the words naming who speaks: the subject, an agent, X of "according to X".

    A verb without a subject of its own ("adding", "by saying", "and told") takes the
    subject of the verb it hangs on; a participle modifying a name ("GM, …, announced")
    takes that name. Words in another paragraph never name the speaker (the parser runs
    a headline without a full stop into the first sentence).
    """
    at = verb.idx + base
    if verb.lower_ in words.according:
        to = next((c for c in verb.children if c.lower_ == "to"), None)
        found = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        return found if found is not None and lines.same(found.idx + base, at) else None
    found = _parsed_subject(verb)
    if found is not None and lines.same(found.idx + base, at):
        return found
    if found is not None or not lines.same(verb.sent.start_char + base, at):
        return _paragraph_subject(verb, lines.start(at) - base)  # the parse ran over a break
    return None


def _parsed_subject(verb: Token) -> Token | None:
    token = verb
    for hop in range(MAX_HOPS):
        found = _subject_here(token, hop=hop) or (None if hop else _inverted(verb))
        if found is not None:
            return _unrelative(found)
        if token.dep_ == "acl" and token.head.pos_ == "PROPN":
            return token.head
        if token.dep_ not in HOPS or token.head == token:
            break
        token = token.head
    return None


def _inverted(verb: Token) -> Token | None:
    """A subject right after the verb that the parser gave to a participle after it ("…,"
    said analyst Chris Weafer commenting on …); not the subject of a clause the verb
    reports ("said the company would hire")."""
    if verb.i + 1 >= len(verb.doc):
        return None
    token = verb.doc[verb.i + 1]
    for _ in range(8):
        if token.dep_ not in NP_INSIDE or token.head == token:
            break
        token = token.head
    subject = token.dep_ in ("nsubj", "nsubjpass") and token.i > verb.i
    return token if subject and token.head.tag_ == "VBG" else None


def _paragraph_subject(verb: Token, start: int) -> Token | None:
    """The noun phrase opening the verb's paragraph (from ``start``, a character of the
    verb's doc) when the parse lost it to a headline: the first noun or pronoun there
    whose head lies outside the words before the verb."""
    first = verb.i
    while first > 0 and verb.doc[first - 1].idx >= start:
        first -= 1
    for token in verb.doc[first : verb.i]:
        outside = not (first <= token.head.i < verb.i) or token.head == token
        if outside and token.pos_ in ("NOUN", "PROPN", "PRON") and token.dep_ not in ADVERBIAL:
            return token
    return None


def _subject_here(verb: Token, *, hop: int) -> Token | None:
    quoting = verb.lemma_.lower() in QUOTING
    for child in verb.children:
        if child.dep_ == "dobj" and quoting:
            return child  # "Interfax quoted a spokesman as saying", "… quotes Otunbayeva"
    for child in verb.children:
        if child.dep_ == "nsubj" or (hop and child.dep_ == "nsubjpass"):
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _unrelative(subject: Token) -> Token:
    """The noun a relative pronoun stands for ("the minister, who said …" → minister)."""
    if subject.tag_ in ("WP", "WDT") and subject.head.dep_ == "relcl":
        return subject.head.head
    return subject


class CueFinder:
    """Finds the cues of one document's quotes."""

    def __init__(
        self, ctx: DocContext, parsed: Parsed, quoted: Ranges, words: Lexicon, lines: Lines
    ) -> None:
        self.ctx, self.parsed, self.quoted, self.words = ctx, parsed, quoted, words
        self.lines = lines

    def direct(self, pieces: list[Marked], *, short: bool = False) -> Cue | None:
        """The cue of a quote (its pieces, over one paragraph or several).

        A ``short`` quote (a word or two: scare quotes, names of papers) takes a cue before
        it only when the parse puts its words under that verb.
        """
        last = pieces[-1]
        after = self.after(last) if last.closed else None
        if after is not None and after.distance <= NEAR_AFTER:
            return after
        return self.before(pieces[0], short=short) or after

    def after(self, piece: Marked) -> Cue | None:
        stop = self.lines.end(piece.close)
        between: list[Token] = []
        for token, base in self.parsed.tokens(piece.close, stop):
            if len(between) > AFTER_TOKENS or self.quoted.holds(token.idx + base):
                return None
            if token.text in SENTENCE_END:
                return None
            if is_cue(token, self.words, frames=True):
                return self._after_cue(piece, token, base, between)
            if not (token.is_space or (not between and token.is_punct)):
                between.append(token)
        return None

    def _after_cue(self, piece: Marked, verb: Token, base: int, between: list[Token]) -> Cue | None:
        subject = subject_of(verb, base, self.words, self.lines)
        if subject is None or subject.idx + base < piece.close:
            return None  # the quote is not framed: "the "status quo" would be maintained"
        subjects = [subject, *(c for c in verb.children if c.dep_ == "nsubj")]
        spans = [(s.left_edge.i, s.right_edge.i) for s in subjects]
        for token in between:
            inside = any(low <= token.i <= high for low, high in spans)
            if not (inside or token.dep_ in BETWEEN_DEPS):
                return None
        final = self.ctx.text[piece.end - 1 : piece.end] in SENTENCE_END
        if final and any(c.dep_ in ("ccomp", "dobj") and c.i > verb.i for c in verb.children):
            return None  # "We won." Smith said the team… starts a statement of its own
        return Cue(verb, base, subject, len(between))

    def before(self, piece: Marked, *, short: bool = False) -> Cue | None:
        start = self.lines.start(piece.open)
        if not self.ctx.text[start : piece.open].strip():
            return self._after_colon(piece, start)
        count = 0
        for token, base in self.parsed.tokens_before(piece.open, start):
            if self.quoted.holds(token.idx + base) or token.is_space:
                continue
            if token.text in SENTENCE_END or count > BEFORE_TOKENS:
                return None
            if is_cue(token, self.words, frames=False):
                if self._governs(token, piece) or (count <= NEAR_BEFORE and not short):
                    return Cue(token, base, self._subject(token, base), count)
                return None
            count += 0 if token.is_punct else 1
        return None

    def _after_colon(self, piece: Marked, start: int) -> Cue | None:
        """The cue of a paragraph ending "… said:" before a paragraph that is a quote."""
        colon = start
        while colon > 0 and self.ctx.text[colon - 1].isspace():  # over blank lines
            colon -= 1
        if colon == 0 or self.ctx.text[colon - 1] != ":":
            return None
        previous_start = self.lines.start(colon - 1)
        count = 0
        for token, base in self.parsed.tokens_before(colon, previous_start):
            if self.quoted.holds(token.idx + base) or token.is_space or token.is_punct:
                continue
            if count > NEAR_BEFORE + 4:
                return None
            if is_cue(token, self.words, frames=False):
                return Cue(token, base, self._subject(token, base), count)
            count += 1
        return None

    def _subject(self, verb: Token, base: int) -> Token | None:
        return subject_of(verb, base, self.words, self.lines)

    def _governs(self, verb: Token, piece: Marked) -> bool:
        """The quoted words hang on ``verb``, through auxiliaries at most ("said it was "…"")."""
        found = self.parsed.token(piece.start)
        if found is None:
            return False
        token, base = found
        for _ in range(64):
            outside = not (piece.open <= token.idx + base < piece.close)
            if outside and token.pos_ not in ("AUX", "SCONJ", "PART", "PUNCT"):
                return token == verb  # a noun above: a name or a title in quotes
            if token.head == token:
                return False
            token = token.head
        return False
