"""Optional generative answers, off by default, held to the same citations as extracts.

A generator (a language model behind the ``Generator`` protocol, registered under a
versioned name in ``GENERATORS``) writes sentences from the evidence and cites spans
for each. None ships with storyline: nothing here needs a network or a key. Whatever a
generator writes passes ``check_sentences``: every cited span must exist in the store
exactly as cited, and the words of the sentence must be found in what it cites
(content-word overlap at least ``MIN_SUPPORT``). Sentences that fail are dropped; when
none is left, ``ask`` abstains.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Protocol

from storyline.errors import NotFoundError
from storyline.query.answer_evidence import Sentence, word_keys
from storyline.query.answer_model import (
    Answer,
    AnswerSentence,
    Citation,
    abstention,
    unique_citations,
)
from storyline.query.question import Question, content_terms, stem
from storyline.registry import Registry
from storyline.store.base import Store

# Share of a generated sentence's content words that its cited spans must hold.
MIN_SUPPORT = 0.6
# Evidence sentences handed to a generator, best first.
MAX_EVIDENCE = 8


@dataclasses.dataclass(frozen=True)
class Generated:
    """One sentence a generator wrote, with the spans it says back it."""

    text: str
    citations: tuple[Citation, ...]


class Generator(Protocol):
    """A writer of answers: the question and evidence spans in, cited sentences out."""

    name: str  # versioned: "my-model.v1"

    def generate(self, question: str, evidence: Sequence[Citation]) -> list[Generated]: ...


# Factories of generators by versioned name; empty unless a plug-in registers one.
GENERATORS: Registry[Callable[[], Generator]] = Registry("answer generator")


def get_generator(name: str) -> Generator:
    """The generator registered as ``name`` (E101 lists the choices)."""
    return GENERATORS.get(name)()


def citation_exists(store: Store, citation: Citation) -> bool:
    """Whether the span is in a stored document, with exactly the text cited."""
    try:
        doc = store.get_document(citation.doc)
    except NotFoundError:
        return False
    inside = 0 <= citation.start < citation.end <= len(doc.text)
    return inside and doc.text[citation.start : citation.end] == citation.text


def support(text: str, citations: Sequence[Citation]) -> float:
    """Share of the sentence's content words found (as stems) in the cited text."""
    wanted = {stem(t) for t in content_terms(text)}
    if not wanted:
        return 0.0
    held = set().union(*(word_keys(c.text) for c in citations)) if citations else set()
    return len(wanted & held) / len(wanted)


def checked(store: Store, sentence: Generated) -> bool:
    """A sentence stands when it cites something, all of it real, and its words are there."""
    return (
        bool(sentence.citations)
        and all(citation_exists(store, c) for c in sentence.citations)
        and support(sentence.text, sentence.citations) >= MIN_SUPPORT
    )


def check_sentences(store: Store, sentences: Sequence[Generated]) -> list[Generated]:
    """The generated sentences that pass the citation check, in their order."""
    return [s for s in sentences if checked(store, s)]


def generated_answer(
    store: Store,
    question: Question,
    evidence: Sequence[Sentence],
    generator: Generator,
    share: float,
) -> Answer:
    """The generator's answer from the evidence (best first), checked; else an abstention."""
    best = evidence[:MAX_EVIDENCE]
    spans = [Citation.of(store.get_document(s.doc), s.start, s.end) for s in best]
    kept = check_sentences(store, generator.generate(question.text, spans))
    if not kept:
        why = f"no sentence of generator {generator.name!r} was supported by its citations"
        return abstention(question.text, why, ())
    sentences = tuple(AnswerSentence(s.text, s.citations) for s in kept)
    return Answer(
        question=question.text,
        answer=" ".join(s.text for s in sentences),
        abstained=False,
        reason=f"written by {generator.name}, {len(sentences)} sentence(s) checked",
        sentences=sentences,
        citations=unique_citations([s.citations for s in sentences]),
        conflicts=(),
        coverage=share,
    )
