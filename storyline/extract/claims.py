"""Numeric claims: what each amount of a document is about, and which property it states.

Every money amount, count and percentage found by the analysis becomes a claim
``(subject, property, value, unit)``, read off the dependency parse around the amount:

- money with a price word nearby ("bought a mansion for $1.7m", "a home worth $2 million")
  is the ``price`` of the thing bought, whose noun is mapped onto a subject class
  ("mansion", "home" → ``residence``) so that outlets wording it differently compare;
- other money is the ``amount`` of what it is for ("$50 million in financial aid" → aid);
- counts of people carry what happened to them ("85 people were killed" → ``killed``);
- percentages are the ``percent`` of their "of" phrase ("76 percent of the vote").

The owner (who bought, who received, who won) is the entity mention of the governing
verb's subject or the thing's possessor, a pronoun resolved to its antecedent. Nothing is
guessed: with no noun or verb to read, the claim says ``amount`` of ``unknown``.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Span, Token

from storyline.extract.context import DocContext, MentionRow, QuantityRow, entity_for, span_of
from storyline.extract.model import Claim, Ref
from storyline.extract.stage import EXTRACTORS
from storyline.extract.statements import claim_statement
from storyline.model import Statement

NAME = "claims.v1"
VOCABULARY = Path(__file__).with_name("claims.yaml")
MAX_CLIMB = 6  # dependency steps walked up from an amount to find its verb (stops at the first)
NEAR_TOKENS = 8  # how far (in tokens) a subject noun may lie from the amount


@functools.cache
def vocabulary() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(VOCABULARY.read_text(encoding="utf-8"))
    return data


@functools.cache
def _classes(key: str) -> dict[str, str]:
    """Word → class name, from a ``{class: [words]}`` table of claims.yaml."""
    return {word: name for name, words in vocabulary()[key].items() for word in words}


def subject_class(word: str) -> str | None:
    return _classes("subject_classes").get(word.lower())


def count_property(word: str) -> str | None:
    return _classes("count_properties").get(word.lower())


def is_price_cue(word: str) -> bool:
    return word.lower() in set(vocabulary()["price_cues"])


def find_claims(ctx: DocContext) -> list[Claim]:
    """A claim for every amount of the document, in text order."""
    found = []
    for quantity in ctx.quantities:
        claim = read_claim(ctx, quantity)
        if claim is not None:
            found.append(claim)
    return found


def read_claim(ctx: DocContext, q: QuantityRow) -> Claim | None:
    located = span_of(ctx, q.start, q.end)
    sentence = ctx.sentence_at(q.start)
    if located is None:
        return _claim(q, "unknown", None, "amount", sentence)
    span, base = located
    chain = _climb(span)
    if q.kind == "MONEY":
        subject, owner, prop = _money(ctx, q, span, chain, base)
    elif q.kind == "COUNT":
        subject, owner, prop = _count(ctx, q, span, chain, base)
    else:
        subject, owner, prop = _percent(ctx, span, chain, base)
    return _claim(q, subject, owner, prop, sentence)


def _claim(
    q: QuantityRow, subject: str, owner: MentionRow | None, prop: str, sentence: tuple[int, int]
) -> Claim:
    ref: Ref | None = owner.ref if owner else None
    return Claim(
        q.start,
        q.end,
        q.text,
        subject,
        ref,
        prop,
        q.value,
        q.low,
        q.high,
        q.unit,
        sentence,
        q.approx,
        q.kind,
    )


def _climb(span: Span) -> list[Token]:
    """The amount's governors: its root's head, that one's head, … up to the clause."""
    chain: list[Token] = []
    token = span.root
    for _ in range(MAX_CLIMB):
        if token.head == token:
            break
        token = token.head
        if token.i >= span.start and token.i < span.end:
            continue
        chain.append(token)
        if token.pos_ in ("VERB", "AUX"):
            break
    return chain


def _near(span: Span, chain: list[Token]) -> list[Token]:
    """Tokens that may name what an amount is about, nearest first: governors, their
    children, then the sentence's tokens by distance."""
    seen: list[Token] = []
    for token in chain:
        seen.append(token)
        seen += [child for child in token.children if not _inside(child, span)]
        if token.dep_ == "relcl":  # "a house that he bought for $2m": the house
            seen.append(token.head)
    sent = span.sent
    by_distance = sorted(
        (t for t in sent if not _inside(t, span) and abs(t.i - span.root.i) <= NEAR_TOKENS),
        key=lambda t: abs(t.i - span.root.i),
    )
    return seen + by_distance


def _inside(token: Token, span: Span) -> bool:
    return span.start <= token.i < span.end


def _money(
    ctx: DocContext, q: QuantityRow, span: Span, chain: list[Token], base: int
) -> tuple[str, MentionRow | None, str]:
    near = _near(span, chain)
    is_price = any(is_price_cue(t.lemma_) or is_price_cue(t.text) for t in near[: len(near)])
    thing = _first_class(near)
    if thing is None and is_price:  # a price: the nearest thing of a known class bought
        thing = _first_class(sorted(span.sent, key=lambda t: abs(t.i - span.root.i)))
    if thing is None and q.what:
        thing = subject_class(q.what.split()[-1]) or q.what.lower()
    owner = _owner(ctx, chain, near, base)
    if thing is None:
        noun = next((t for t in chain if t.pos_ in ("NOUN", "PROPN")), None)
        thing = noun.lemma_.lower() if noun is not None else "unknown"
    return thing, owner, "price" if is_price and thing != "unknown" else "amount"


def _count(
    ctx: DocContext, q: QuantityRow, span: Span, chain: list[Token], base: int
) -> tuple[str, MentionRow | None, str]:
    subject = subject_class(q.unit) or q.unit.lower()
    if q.what:
        subject = f"{q.unit.lower()} of {q.what.lower()}"
    near = _near(span, chain)
    prop = next(
        (p for t in near if (p := count_property(t.lemma_) or count_property(t.text))), "count"
    )
    return subject, _owner(ctx, chain, [], base), prop


def _percent(
    ctx: DocContext, span: Span, chain: list[Token], base: int
) -> tuple[str, MentionRow | None, str]:
    of_phrase = next(
        (
            child
            for token in (span.root, *chain[:1])
            for prep in token.children
            if prep.lower_ == "of"
            for child in prep.children
            if child.dep_ == "pobj"
        ),
        None,
    )
    subject = of_phrase.lemma_.lower() if of_phrase is not None else "unknown"
    return subject, _owner(ctx, chain, [], base), "percent"


def _first_class(tokens: list[Token]) -> str | None:
    for token in tokens:
        if token.pos_ in ("NOUN", "PROPN"):
            found = subject_class(token.lemma_) or subject_class(token.text)
            if found:
                return found
    return None


def _owner(ctx: DocContext, chain: list[Token], near: list[Token], base: int) -> MentionRow | None:
    """Who the amount belongs to: the governing verb's subject, or a possessor."""
    for token in chain:
        if token.pos_ in ("VERB", "AUX"):
            for child in token.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.dep_ != "expl":
                    return entity_for(ctx, child, base)
            # a verb in a coordination shares its subject: "X gained ... and purchased ..."
            if token.dep_ == "conj":
                for child in token.head.children:
                    if child.dep_ == "nsubj":
                        return entity_for(ctx, child, base)
    for token in near:
        if token.dep_ == "poss":
            found = entity_for(ctx, token, base)
            if found is not None:
                return found
    return None


@EXTRACTORS.register(NAME)
def claims(ctx: DocContext) -> list[Statement]:
    return [claim_statement(ctx.doc.id, c, NAME) for c in find_claims(ctx)]
