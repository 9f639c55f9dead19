"""How well a stored sentence answers a question: coverage of its content, answer type.

A question's content is its terms, each weighted by its rarity in the passage index
(inverse document frequency), names counted in any spelling (stem or transliteration
skeleton). A sentence covers a term when it holds it, and covers it half when only its
context does (the sentence before, or its article's title: "He bought a villa …" after
"Jumaliev has lived in Zalesia …").
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Sequence

from storyline.nlp.translit import skeleton_words
from storyline.query.answer_evidence import Sentence
from storyline.query.question import Kind, Question, stem, words
from storyline.query.search_terms import phrase
from storyline.store.base import Store

# Answer kinds that make a sentence an answer to each kind of question.
EXPECTED: dict[Kind, frozenset[str]] = {
    Kind.WHO: frozenset({"PERSON", "ORG"}),
    Kind.WHEN: frozenset({"DATE"}),
    Kind.HOW_MUCH: frozenset({"MONEY"}),
    Kind.HOW_MANY: frozenset({"COUNT", "PERCENT"}),
    Kind.WHERE: frozenset({"GPE", "LOC"}),
    Kind.WHY: frozenset({"CAUSE"}),
}
# Credit for a term found only in a sentence's context (previous sentence, title).
CONTEXT_CREDIT = 0.5
# Score added to a sentence that holds an answer of the expected kind.
TYPE_BONUS = 0.25
# Weight of a question word that is part of a name, against 1 for other words.
NAME_WEIGHT = 1.5


@dataclasses.dataclass(frozen=True)
class Term:
    """One content word of the question, with the keys that find it and its weight."""

    word: str
    keys: frozenset[str]
    weight: float
    in_name: bool
    indexed: bool  # some passage of the index holds it


def term_keys(word: str, in_name: bool) -> frozenset[str]:
    keys = {stem(word)}
    if in_name:
        keys.update(skeleton_words(word))
    return frozenset(k for k in keys if k)


def question_terms(store: Store, question: Question) -> list[Term]:
    """The question's terms, weighted by rarity in the index (a rare word tells more)."""
    name_words = {w.casefold() for name in question.names for w in words(name)}
    index_words = {t: phrase(t) for t in question.terms}
    flat = [w for ws in index_words.values() for w in ws]
    total, freq = store.passage_stats(flat) if flat else (0, {})
    out = []
    for term in question.terms:
        counts = [freq.get(w, 0) for w in index_words[term]] or [0]
        df = min(counts)
        in_name = term in name_words
        idf = math.log((total + 1) / (df + 0.5)) if total else 1.0
        weight = max(idf, 0.1) * (NAME_WEIGHT if in_name else 1.0)
        out.append(Term(term, term_keys(term, in_name), weight, in_name, df > 0))
    return out


def covered(term: Term, keys: frozenset[str]) -> bool:
    return not term.keys.isdisjoint(keys)


def coverage(
    terms: Sequence[Term], own: Iterable[frozenset[str]], context: frozenset[str]
) -> float:
    """Weighted share of the terms held by ``own`` keys (fully) or ``context`` (half)."""
    total = sum(t.weight for t in terms)
    if not total:
        return 0.0
    own_sets = list(own)
    got = 0.0
    for term in terms:
        if any(covered(term, keys) for keys in own_sets):
            got += term.weight
        elif covered(term, context):
            got += CONTEXT_CREDIT * term.weight
    return got / total


def has_expected(sentence: Sentence, question: Question) -> bool:
    """Whether the sentence holds an answer of the kind asked, not one the question gave."""
    wanted = EXPECTED.get(question.kind, frozenset())
    if "CAUSE" in wanted:
        return "CAUSE" in sentence.types
    asked = {stem(w) for name in question.names for w in words(name)}
    # "Who met Hrabovich?" is not answered by "Hrabovich": a given name is no answer.
    return any(
        kind in wanted and not {stem(w) for w in words(text)} <= asked
        for kind, text in sentence.typed
    )


def sentence_score(sentence: Sentence, terms: Sequence[Term], question: Question) -> float:
    """Coverage of the question, plus a bonus when the expected kind of answer is there."""
    score = coverage(terms, [sentence.keys], sentence.context)
    if has_expected(sentence, question):
        score += TYPE_BONUS
    return score
