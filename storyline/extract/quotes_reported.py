"""Reported speech: a speech verb's clause ("said that …") or an "according to X" clause.

Verbs inside direct quotes are the quoted person's words and are not read. A clause is
cut to its paragraph (the parser's sentences sometimes run over a line break), loses a
leading "that"/"whether", and is dropped when a direct quote already holds most of it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from storyline.extract.context import DocContext
from storyline.extract.quotes_cues import TRIM, Cue, is_cue, subject_of
from storyline.extract.quotes_lexicon import Lexicon
from storyline.extract.quotes_parse import Lines, Ranges

# Links followed down, at most, from a speech verb to a misattached "that" clause.
CLAUSE_DEPTH = 3
# Share of a reported clause that may lie inside direct quotes before it is left to them.
MAX_QUOTED_SHARE = 0.6


@dataclasses.dataclass(frozen=True)
class Reported:
    """One reported clause and its cue."""

    start: int
    end: int
    cue: Cue


def reported_speech(
    ctx: DocContext, quoted: Ranges, words: Lexicon, lines: Lines
) -> Iterator[Reported]:
    """Every reported clause of the document, in text order of its cue."""
    for doc, base in ctx.parts:
        for token in doc:
            if not is_cue(token, words, frames=False) or quoted.holds(token.idx + base):
                continue
            bounds = _clause(token, base, words, lines)
            if bounds is None:
                continue
            paragraph = (lines.start(token.idx + base), lines.end(token.idx + base))
            span = _chars(ctx, doc, base, bounds, paragraph)
            if span is None or _quoted(quoted, span):
                continue
            subject = subject_of(token, base, words, lines)
            yield Reported(span[0], span[1], Cue(token, base, subject))


def _quoted(quoted: Ranges, span: tuple[int, int]) -> bool:
    """A clause that starts in a direct quote, or lies mostly in quotes, is theirs."""
    start, end = span
    return quoted.holds(start) or quoted.covered(start, end) > MAX_QUOTED_SHARE * (end - start)


def _clause(verb: Token, base: int, words: Lexicon, lines: Lines) -> tuple[int, int] | None:
    """First and last token of what ``verb`` reports, or None."""
    if verb.lower_ in words.according:
        return _outside(verb.head, verb) if verb.head != verb else None
    lemma = verb.lemma_.lower()
    at = verb.idx + base
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and lines.same(c.idx + base, at)]
    if clauses:  # the one after the verb first: "said that …" over "…, he said"
        child = min(clauses, key=lambda c: (c.i < verb.i, abs(c.i - verb.i)))
        first = child.left_edge.i
        while first < child.i and verb.doc[first].dep_ == "mark":
            first += 1
        return first, child.right_edge.i
    if verb.dep_ == "parataxis" and verb.head != verb:
        return _outside(verb.head, verb)
    misattached = _that_clause(verb)
    if misattached is not None:
        return misattached
    for child in verb.children:
        if child.dep_ == "dobj" and lemma in words.object_content:
            return child.left_edge.i, child.right_edge.i
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        if child.dep_ == "xcomp" and lemma in words.infinitive_content and infinitive:
            return child.left_edge.i, child.right_edge.i
    return None


def _that_clause(verb: Token) -> tuple[int, int] | None:
    """A "that" clause the parser hung on a noun after the verb ("announced in a memo
    that he would …": a relative clause of "memo" with a complementiser, not a pronoun)."""
    frontier, depth = [verb], 0
    while frontier and depth < CLAUSE_DEPTH:
        nodes = [c for t in frontier for c in t.children if c.i > verb.i]
        for node in nodes:
            if node.dep_ in ("relcl", "acl") and any(
                c.dep_ == "mark" and c.lower_ in ("that", "whether") for c in node.children
            ):
                first = node.left_edge.i
                while first < node.i and verb.doc[first].dep_ == "mark":
                    first += 1
                return first, node.right_edge.i
        frontier = [n for n in nodes if n.dep_ in ("prep", "pobj", "npadvmod", "dobj")]
        depth += 1
    return None


def _outside(head: Token, part: Token) -> tuple[int, int] | None:
    """The tokens of ``head``'s subtree on the longer side of ``part``'s subtree."""
    left = (head.left_edge.i, part.left_edge.i - 1)
    right = (part.right_edge.i + 1, head.right_edge.i)
    best = max(left, right, key=lambda b: b[1] - b[0])
    return best if best[1] >= best[0] else None


def _chars(
    ctx: DocContext, doc: Doc, base: int, bounds: tuple[int, int], paragraph: tuple[int, int]
) -> tuple[int, int] | None:
    """Character bounds of the clause, trimmed and cut to the verb's ``paragraph``."""
    first, last = bounds
    while first <= last and (doc[first].is_space or doc[first].text in TRIM):
        first += 1
    while last >= first and (doc[last].is_space or doc[last].text in TRIM or doc[last].is_punct):
        last -= 1
    if last < first:
        return None
    start = max(doc[first].idx + base, paragraph[0])
    end = min(doc[last].idx + len(doc[last].text) + base, paragraph[1])
    text = ctx.text[start:end]
    stripped = text.strip()
    if not any(ch.isalnum() for ch in stripped):
        return None
    start += len(text) - len(text.lstrip())
    return start, start + len(stripped)
