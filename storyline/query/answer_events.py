"""The events a question asks about, and the evidence sentences whose stored events fit them.

"Who granted Kubat Zhumaliyev asylum?" asks about an asylum event whose recipient is
Kubat Zhumaliyev. A sentence that merely holds those words ("the son of … Kubat
Zhumaliyev, has been granted asylum") answers another event. So the question is read by
the same analysis and event extractor as the articles (``extract/events.py``: trigger,
type, participants with roles), and a stored sentence *fits* when one of its stored
events has the asked type and the asked name in the same role. ``ask`` prefers sentences
that fit (``answer.py``).

Parsing needs the spaCy model, so a question is parsed only when one of its words is a
trigger lemma of the event schema (most questions are not about such events).
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Iterable, Sequence

from storyline.extract.events import find_events
from storyline.extract.events_lexicon import lexicon
from storyline.extract.stage import document_context
from storyline.model import Document, Metadata
from storyline.nlp.analyse import analyse_parsed
from storyline.nlp.spacy_model import load_model
from storyline.query.answer_evidence import Sentence, word_keys
from storyline.query.question import stem, words
from storyline.settings import Settings
from storyline.store.base import Store

# Roles that say who or what an event is about; a place is where it happened, and the
# extractor also names a granting country as place ("asylum in Zalesia").
ASKED_ROLES = frozenset({"agent", "patient", "recipient"})


@dataclasses.dataclass(frozen=True)
class AskedEvent:
    """An event the question names: its type, and a participant given by name."""

    type: str
    role: str
    name: frozenset[str]  # keys of the participant's words (stems and name skeletons)


@functools.cache
def trigger_stems() -> frozenset[str]:
    """Stems of every trigger lemma of the schema: the cheap test before parsing."""
    found = lexicon()
    return frozenset(stem(lemma) for lemma in (*found.verbs, *found.nouns))


def may_name_event(text: str) -> bool:
    """Whether some word of ``text`` has the stem of an event trigger."""
    stems = trigger_stems()
    return any(stem(word) in stems for word in words(text))


def asked_events(text: str, *, model: str | None = None) -> list[AskedEvent]:
    """The events ``text`` names with a named participant, read as an article would be."""
    if not may_name_event(text):
        return []
    nlp = load_model(model or Settings().spacy_model)
    doc = Document(
        id="question", key="question", path="", fmt="text", text=text, source_text=text,
        removed=(), meta=Metadata(), sha="",
    )  # fmt: skip
    analysis = analyse_parsed(doc, [(nlp(text), 0)])
    ctx = document_context(doc, analysis.statements, analysis.parse, nlp.vocab)
    return [
        AskedEvent(event.type, p.role, frozenset(word_keys(p.ref.text)))
        for event in find_events(ctx)
        if not event.negated
        for p in event.participants
        if p.role in ASKED_ROLES
    ]


def same_name(asked: frozenset[str], found: frozenset[str]) -> bool:
    """One name is the other or a shorter form of it ("Zhumaliyev", "Kubat Zhumaliyev");
    "Daniyar Zhumaliyev" is not "Kubat Zhumaliyev"."""
    return bool(asked and found) and (asked <= found or found <= asked)


def fits(value: dict[str, object], asked: AskedEvent) -> bool:
    """Whether a stored event (its statement's value) is the asked one in type and role."""
    if value.get("type") != asked.type or value.get("negated"):
        return False
    participants = value.get("participants")
    return isinstance(participants, list) and any(
        p.get("role") == asked.role and same_name(asked.name, frozenset(word_keys(p["text"])))
        for p in participants
    )


def fitting_sentences(
    store: Store, sentences: Sequence[Sentence], asked: Iterable[AskedEvent]
) -> set[tuple[str, int]]:
    """(doc, start) of the sentences holding a stored event that fits an asked one."""
    wanted = list(asked)
    if not wanted:
        return set()
    out: set[tuple[str, int]] = set()
    for doc in sorted({s.doc for s in sentences}):
        stmts = store.statements(doc, prop="event")
        hits = [st.start for st in stmts if any(fits(json.loads(st.value), a) for a in wanted)]
        inside = [s for s in sentences if s.doc == doc]
        out.update((s.doc, s.start) for s in inside if any(s.start <= at < s.end for at in hits))
    return out
