"""Evidence for ``ask``: the stored sentences of the passages search found, annotated.

Each sentence keeps its exact offsets into its document's stored text, the word forms
it holds (stems, and the transliteration skeletons of capitalised words, so that
"Jumaliev" meets "Zhumaliyev"), and the kinds of answer it carries, read from the
statements of the analysis stage: entity mentions (PERSON, ORG, GPE, LOC), time
expressions (DATE) and amounts (MONEY, COUNT, PERCENT), plus a cause cue (CAUSE).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable, Sequence
from typing import Protocol

from storyline.model import Document, Statement
from storyline.nlp.translit import skeleton_words
from storyline.query.question import stem, words
from storyline.store.base import Store

# Statements of the analysis stage read to annotate sentences.
ANNOTATING = frozenset({"sentence", "mention", "timex", "quantity", "claim"})
# Time expression types that answer "when" (a duration such as "six years" does not).
DATE_TYPES = frozenset({"DATE", "TIME"})
# Words that give a reason or a cause in a sentence: they answer "why".
CAUSE_CUES = re.compile(
    r"\b(?:because|after|since|due to|owing to|as a result|in protest|in response|"
    r"so that|in order to|over (?:the|his|her|its|their)|for (?:ordering|giving|the)|"
    r"following|a day after|led (?:\w+ )?to|caused|reason)\b",
    re.IGNORECASE,
)
# A blank line inside a "sentence" of the parse: a heading glued to the next sentence.
BLANK_LINE = re.compile(r"\n\s*\n")


class Passage(Protocol):
    """What ``ask`` reads of a search hit: where it is and how well it ranked."""

    @property
    def doc(self) -> str: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def score(self) -> float: ...


@dataclasses.dataclass(frozen=True)
class Sentence:
    """One stored sentence with what it holds; ``text == doc.text[start:end]``."""

    doc: str
    start: int
    end: int
    text: str
    keys: frozenset[str]  # stems of its words and skeletons of its capitalised words
    context: frozenset[str]  # keys of the sentences before it in its paragraph, and the title
    types: frozenset[str]  # answer kinds it carries: PERSON, DATE, MONEY, CAUSE, …
    typed: tuple[tuple[str, str], ...]  # (kind, text) of each typed span, for who/where
    claims: tuple[str, ...]  # ids of the claim statements inside it
    rank: float  # best score of a passage it lies in (higher is better)


def word_keys(text: str) -> set[str]:
    """Stems of every word, plus skeletons of capitalised words (names in any spelling)."""
    keys: set[str] = set()
    for word in words(text):
        keys.add(stem(word))
        if word[:1].isupper():
            keys.update(skeleton_words(word))
    return keys


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the white space at its ends."""
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    tail = len(piece) - len(piece.rstrip())
    return start + lead, max(start + lead, end - tail)


def sentence_spans(doc: Document, stmts: Iterable[Statement]) -> list[tuple[int, int]]:
    """The stored sentences, cut at blank lines, trimmed; the whole text when none."""
    spans = sorted((s.start, s.end) for s in stmts if s.property == "sentence")
    if not spans:
        spans = [(0, len(doc.text))]
    out = []
    for start, end in spans:
        cut = start
        for blank in BLANK_LINE.finditer(doc.text, start, end):
            out.append(trimmed(doc.text, cut, blank.start()))
            cut = blank.end()
        out.append(trimmed(doc.text, cut, end))
    return [(s, e) for s, e in out if e > s]


def _annotations(stmts: Sequence[Statement], text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, text) of every typed span: mentions, dates, amounts."""
    out = []
    for stmt in stmts:
        if stmt.property not in ("mention", "timex", "quantity"):
            continue
        value = json.loads(stmt.value)
        kind = {
            "mention": value.get("type"),
            "timex": "DATE" if value.get("type") in DATE_TYPES else None,
            "quantity": value.get("kind"),
        }[stmt.property]
        if kind:
            out.append((stmt.start, stmt.end, str(kind), text[stmt.start : stmt.end]))
    return out


def document_sentences(doc: Document, stmts: Sequence[Statement]) -> list[Sentence]:
    """Every sentence of ``doc`` with its annotations (rank 0: not yet ranked)."""
    spans = _annotations(stmts, doc.text)
    claims = [(s.start, s.end, s.id) for s in stmts if s.property == "claim"]
    out = []
    title = frozenset(word_keys(doc.meta.title or ""))
    before: frozenset[str] = frozenset()
    last_end = 0
    for start, end in sentence_spans(doc, stmts):
        if BLANK_LINE.search(doc.text, last_end, start):
            before = frozenset()  # a new paragraph: what came before is no context
        last_end = end
        text = doc.text[start:end]
        keys = frozenset(word_keys(text))
        inside = [a for a in spans if start <= a[0] and a[1] <= end]
        types = {a[2] for a in inside}
        if CAUSE_CUES.search(text):
            types.add("CAUSE")
        out.append(
            Sentence(
                doc=doc.id,
                start=start,
                end=end,
                text=text,
                keys=keys,
                context=before | title,
                types=frozenset(types),
                typed=tuple((a[2], a[3]) for a in inside),
                claims=tuple(c[2] for c in claims if start <= c[0] and c[1] <= end),
                rank=0.0,
            )
        )
        before |= keys
    return out


def evidence_sentences(store: Store, passages: Sequence[Passage]) -> list[Sentence]:
    """The sentences that overlap the passages, each ranked by its best passage."""
    by_doc: dict[str, list[Passage]] = {}
    for passage in passages:
        by_doc.setdefault(passage.doc, []).append(passage)
    out = []
    for doc_id, hits in by_doc.items():
        doc = store.get_document(doc_id)
        stmts = [s for s in store.statements(doc_id) if s.property in ANNOTATING]
        for sentence in document_sentences(doc, stmts):
            scores = [h.score for h in hits if h.start < sentence.end and sentence.start < h.end]
            if scores:
                out.append(dataclasses.replace(sentence, rank=max(scores)))
    return out
