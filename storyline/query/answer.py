"""``ask``: extractive answers with exact citations, or an honest abstention.

No language model by default. The question is read (``question.py``), its whole text,
its parts and its names are searched, and the stored sentences of the passages found are
scored (``answer_scoring.py``) by how much of the question they cover and whether they
hold an answer of the kind asked (a date for "when", money for "how much"); a sentence
whose extracted event is the one asked, with the named participant in the asked role,
comes before one that merely holds the same words (``answer_events.py``). The answer
is the best sentence, then the next ones that cover what it left out, each quoted
verbatim and cited by document and offsets. Where the outlets give different numbers or
dates for what the answer cites, "Sources differ" follows with every value cited
(``answer_conflicts.py``); for "when", the dates its relative words stand for
(``answer_dates.py``). It abstains when the question names a person, thing or outlet
that no document holds, or when the best evidence covers too little of the question.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from storyline.query.answer_conflicts import answer_conflicts, compose
from storyline.query.answer_dates import date_notes, notes_sentence
from storyline.query.answer_events import asked_events, fitting_sentences
from storyline.query.answer_evidence import Sentence, evidence_sentences
from storyline.query.answer_generate import Generator, generated_answer
from storyline.query.answer_model import Answer, AnswerSentence, Citation, abstention
from storyline.query.answer_names import unheld_names, unheld_outlets
from storyline.query.answer_scoring import (
    EXPECTED,
    Term,
    coverage,
    has_expected,
    question_terms,
    sentence_score,
)
from storyline.query.question import Question, content_terms, parse_question
from storyline.query.search import Hit, search
from storyline.store.base import Store

__all__ = ["Answer", "AnswerSentence", "Citation", "ask"]

# Weighted share of the question's content the chosen sentences must cover, or abstain.
# Calibrated on the even half of the MultiHop-RAG queries (docs/decisions.md).
MIN_COVERAGE = 0.2
# Sentences an answer quotes at most.
MAX_SENTENCES = 3
# Coverage a further sentence must add to be quoted after the first.
MIN_GAIN = 0.15
# Score a further sentence must reach on its own, against the first sentence's score.
MIN_RELATIVE_SCORE = 0.5
# Weight of a passage's search rank (0–1 within its query) in a sentence's score.
RANK_WEIGHT = 0.15
# Score added to a sentence whose stored event is the asked one with the named participant
# in the asked role. As much as full coverage of the question: such a sentence comes first
# unless it covers far less, so "Y granted X asylum" beats "X's son … has been granted
# asylum", which holds every word of "Who granted X asylum?" and a person besides.
EVENT_BONUS = 1.0


@dataclasses.dataclass(frozen=True)
class Filters:
    """The search filters of one question."""

    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None


def ask(
    store: Store,
    question: str,
    *,
    limit: int = 5,
    outlet: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    generator: Generator | None = None,
) -> Answer:
    """Answer ``question`` from the stored documents, or abstain saying why (E204 if empty).

    ``limit`` is the number of passages read per search; ``generator``, off by default,
    writes the answer from the evidence instead, and its citations are checked.
    """
    parsed = parse_question(question)
    filters = Filters(outlet, date_from, date_to)
    missing = unheld_outlets(store, parsed)
    if missing:
        return abstention(parsed.text, f"no document comes from {_listed(missing)}", missing)
    terms = question_terms(store, parsed)
    hits = gather(store, parsed, terms, max(1, limit), filters)
    unknown = unheld_names(store, parsed, hits)
    if unknown:
        return abstention(parsed.text, f"no document mentions {_listed(unknown)}", unknown)
    sentences = evidence_sentences(store, hits)
    if not sentences:
        return abstention(parsed.text, "search found no passage about the question", ())
    fit = fitting_sentences(store, sentences, asked_events(parsed.text))
    chosen, share = choose(sentences, terms, parsed, fit)
    if share < MIN_COVERAGE:
        left = [t.word for t in terms if not any(t.keys & s.keys for s in chosen)]
        why = f"the best evidence covers {share:.0%} of the question"
        why += f" (not: {', '.join(left[:6])})" if left else ""
        return abstention(parsed.text, why, (), coverage=share)
    if generator is not None:
        others = sorted((s for s in sentences if s not in chosen), key=lambda s: -s.rank)
        return generated_answer(store, parsed, [*chosen, *others], generator, share)
    notes = notes_sentence(date_notes(store, parsed, chosen))
    return compose(store, parsed, chosen, answer_conflicts(store, parsed, chosen), share, notes)


def _listed(names: Sequence[str]) -> str:
    return ", ".join(repr(n) for n in names)


def gather(
    store: Store, question: Question, terms: Sequence[Term], limit: int, filters: Filters
) -> list[Hit]:
    """Passages for the whole question and for each of its parts, scores scaled 0–1 per search.

    Each search is for the part's content words that some passage holds: a word no
    document uses would only narrow the search to nothing.
    """
    indexed = {t.word for t in terms if t.indexed}
    parts = [question.text, *(p for p in question.parts if p != question.text)]
    queries = dict.fromkeys(" ".join(w for w in content_terms(p) if w in indexed) for p in parts)
    queries.pop("", None)
    found: dict[tuple[str, int, int], Hit] = {}
    for query in queries:
        hits = search(
            store,
            query,
            limit=limit,
            outlet=filters.outlet,
            date_from=filters.date_from,
            date_to=filters.date_to,
        ).hits
        top = max((h.score for h in hits), default=0.0) or 1.0
        for hit in hits:
            scaled = dataclasses.replace(hit, score=hit.score / top)
            key = (hit.doc, hit.start, hit.end)
            if key not in found or found[key].score < scaled.score:
                found[key] = scaled
    return list(found.values())


def choose(
    sentences: Sequence[Sentence],
    terms: Sequence[Term],
    question: Question,
    fit: AbstractSet[tuple[str, int]] = frozenset(),
) -> tuple[list[Sentence], float]:
    """The best sentence, then good ones that add what the chosen ones leave out.

    ``fit``: (doc, start) of the sentences whose event is the one asked (EVENT_BONUS).
    """
    scores = {
        (s.doc, s.start): sentence_score(s, terms, question)
        + RANK_WEIGHT * s.rank
        + (EVENT_BONUS if (s.doc, s.start) in fit else 0.0)
        for s in sentences
    }
    scored = sorted(sentences, key=lambda s: (-scores[s.doc, s.start], s.doc, s.start))
    chosen = [scored[0]]
    floor = MIN_RELATIVE_SCORE * scores[scored[0].doc, scored[0].start]
    for sentence in scored[1:]:
        if len(chosen) >= MAX_SENTENCES or scores[sentence.doc, sentence.start] < floor:
            break
        if _gain(terms, chosen, sentence) >= MIN_GAIN and _fits(sentence, terms, chosen, question):
            chosen.append(sentence)
    return chosen, _covered(terms, chosen)


def _fits(
    sentence: Sentence, terms: Sequence[Term], chosen: Sequence[Sentence], question: Question
) -> bool:
    """A further sentence is new, names something the question names (if it names any),
    and holds an answer of the kind asked (if the kind has one): no filler."""
    names = [t for t in terms if t.in_name]
    named = not names or any(t.keys & sentence.keys for t in names)
    typed = question.kind not in EXPECTED or has_expected(sentence, question)
    return named and typed and sentence.text not in {c.text for c in chosen}


def _gain(terms: Sequence[Term], chosen: Sequence[Sentence], sentence: Sentence) -> float:
    """Weighted share of the terms it holds that the chosen ones lack, even in context."""
    seen = frozenset().union(*(s.keys | s.context for s in chosen))
    total = sum(t.weight for t in terms) or 1.0
    return sum(t.weight for t in terms if t.keys & sentence.keys and not t.keys & seen) / total


def _covered(terms: Sequence[Term], chosen: Sequence[Sentence]) -> float:
    context = frozenset().union(*(s.context for s in chosen))
    return coverage(terms, [s.keys for s in chosen], context)
