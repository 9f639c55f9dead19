"""What ``ask`` answers: sentences quoted from the documents, their citations, conflicts.

``Answer.as_dict()`` is the contract of ``storyline ask --json`` and of the API:
``{answer, abstained, citations: [{doc, start, end, text}]}`` plus ``question``,
``reason``, ``coverage``, ``sentences`` and ``conflicts``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from storyline.model import Document


@dataclasses.dataclass(frozen=True)
class Citation:
    """A quoted span: ``text == document.text[start:end]`` of the stored document ``doc``."""

    doc: str
    start: int
    end: int
    text: str
    publisher: str | None = None  # for display: the outlet
    published: str | None = None  # for display: the publication date (ISO)

    @classmethod
    def of(cls, doc: Document, start: int, end: int) -> Citation:
        """The span of ``doc`` with its outlet and date."""
        meta = doc.meta
        return cls(doc.id, start, end, doc.text[start:end], meta.publisher, meta.published.value)

    def as_dict(self) -> dict[str, object]:
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True)
class AnswerSentence:
    """One sentence of the answer and the spans that back it."""

    text: str
    citations: tuple[Citation, ...]

    def as_dict(self) -> dict[str, object]:
        return {"text": self.text, "citations": [c.as_dict() for c in self.citations]}


@dataclasses.dataclass(frozen=True)
class Answer:
    """An answer (sentences quoted verbatim, each cited) or an abstention with its reason."""

    question: str
    answer: str
    abstained: bool
    reason: str  # why it abstained, or what the answer rests on
    sentences: tuple[AnswerSentence, ...]
    citations: tuple[Citation, ...]  # every span cited, answer sentences first, each once
    conflicts: tuple[dict[str, object], ...]  # "sources differ" cases, every value cited
    coverage: float = 0.0  # weighted share of the question the evidence covers
    unknown: tuple[str, ...] = ()  # names or outlets of the question no document holds

    def as_dict(self) -> dict[str, object]:
        return {
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [c.as_dict() for c in self.citations],
            "question": self.question,
            "reason": self.reason,
            "coverage": round(self.coverage, 3),
            "unknown": list(self.unknown),
            "sentences": [s.as_dict() for s in self.sentences],
            "conflicts": list(self.conflicts),
        }


def unique_citations(groups: Sequence[Sequence[Citation]]) -> tuple[Citation, ...]:
    """The citations in order of first use, each span once."""
    seen: dict[tuple[str, int, int], Citation] = {}
    for group in groups:
        for citation in group:
            seen.setdefault((citation.doc, citation.start, citation.end), citation)
    return tuple(seen.values())


def abstention(
    question: str, reason: str, unknown: Sequence[str], *, coverage: float = 0.0
) -> Answer:
    """An honest "the sources don't say", with the reason in words."""
    if unknown:
        text = f"The sources don't say anything about {', '.join(unknown)}."
    else:
        text = "The sources don't say."
    return Answer(
        question=question,
        answer=f"{text} ({reason})",
        abstained=True,
        reason=reason,
        sentences=(),
        citations=(),
        conflicts=(),
        coverage=coverage,
        unknown=tuple(unknown),
    )
