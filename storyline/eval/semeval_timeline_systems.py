"""SemEval-2015 Task 4 systems: candidate events of an article, and which target a name is.

A candidate is an event mention with its task id, its date in the task's form and the
names taking part in it. Three sources:

- ``library_candidates``: ``find_events`` (the schema's event types) with its
  participants and ``TimeAnchor``: the library as it is.
- ``verb_candidates``: every verb whose subject, object or passive agent names
  something, anchored by the library's ``Clock`` (an open trigger vocabulary).
- ``baseline_candidates``: every verb, at the document creation time, with its sentence.

``Matcher`` decides whether a name taking part stands for a target (``Matcher.names``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Token

from storyline.eval.semeval_timeline_data import Article, Corpus, to_document
from storyline.extract.context import DocContext, entity_for, load_context
from storyline.extract.events import find_events
from storyline.extract.events_time import Clock
from storyline.extract.model import TimeAnchor
from storyline.nlp import names
from storyline.nlp.analyse import analyse_documents
from storyline.nlp.spacy_model import load_model
from storyline.settings import Settings

# Dependencies by which a verb's argument takes part in its event: subjects and direct
# objects; a passive's agent through the object of its "by".
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
AGENT_DEP = "agent"
# How a verb with no subject of its own hangs on one that has: "…and praised", "plans to build".
SHARED_SUBJECT_DEPS = frozenset({"conj", "xcomp"})
# Dependents that are part of a name around its head: "Boeing 787 Dreamliner", "iPhone 4".
NAME_DEPS = frozenset({"compound", "nummod", "flat", "npadvmod"})
# The type given to an argument that is no recognised mention, only its name phrase.
PHRASE = "PHRASE"
# The type given to the baseline's "name": the whole sentence.
SENTENCE = "SENTENCE"
# Entity types never taken for a target named by more words ("US" in "US stock markets").
PLACE_TYPES = frozenset({"GPE", "LOC"})
ARTICLES = frozenset({"the", "a", "an"})
# The year, month and day a TIMEX3 value starts with (2010, 2010-06, 2010-06-07T10:00).
DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@dataclasses.dataclass(frozen=True)
class Candidate:
    """An event mention that may join a timeline: its task id, date and who takes part."""

    event: str  # docid-sentence-token
    date: str | None  # the task's form (2010-06-XX); None when undated
    names: tuple[tuple[str, str], ...]  # (text, entity type) of the mentions taking part


def analysed(
    articles: Iterable[Article], settings: Settings
) -> Iterator[tuple[Article, DocContext]]:
    """Each article with its extraction context, from one pass of the analysis stage."""
    pairs = [(article, to_document(article)) for article in articles]
    vocab = load_model(settings.spacy_model).vocab
    analyses = analyse_documents((doc for _, doc in pairs), settings)
    for (article, doc), analysis in zip(pairs, analyses, strict=True):
        yield article, load_context(doc, analysis.statements, analysis.parse, vocab)


def task_date(anchor: TimeAnchor) -> str | None:
    """A TIMEX3 value in the task's form: ``2010-06-07``, ``2010-06-XX``, ``2010-XX-XX``.

    Weeks, seasons and quarters keep their year; values without a year are undated.
    """
    match = DATE.match(anchor.value or "")
    if match is None:
        return None
    year, month, day = match.groups()
    return f"{year}-{month or 'XX'}-{day or 'XX'}"


def library_candidates(article: Article, ctx: DocContext) -> list[Candidate]:
    """``find_events``' mentions with their participants and anchors."""
    found = []
    for event in find_events(ctx):
        event_id = article.event_id(event.start, event.end)
        if event_id is not None:
            taking_part = tuple((p.ref.text, p.ref.type) for p in event.participants)
            found.append(Candidate(event_id, task_date(event.time), taking_part))
    return found


def verb_candidates(article: Article, ctx: DocContext) -> list[Candidate]:
    """Every verb whose subjects or objects name something, anchored by the library's ``Clock``.

    An argument names the entity mention it stands for (``entity_for``: a name, or a
    pronoun's antecedent), else its head with the compounds and numbers around it
    ("iPhone 4"), which the recogniser may have missed.
    """
    clock, found = Clock(ctx), []
    for sent, base in ctx.spans():
        for token in sent:
            if token.pos_ != "VERB":
                continue
            taking_part = tuple(_named(ctx, arg, base) for arg in arguments(token))
            event_id = article.event_id(base + token.idx, base + token.idx + len(token))
            if taking_part and event_id is not None:
                date = task_date(clock.anchor(token, sent, base))
                found.append(Candidate(event_id, date, taking_part))
    return found


def _named(ctx: DocContext, head: Token, base: int) -> tuple[str, str]:
    row = entity_for(ctx, head, base)
    return (row.ref.text, row.ref.type) if row is not None else (name_phrase(head), PHRASE)


def arguments(verb: Token) -> list[Token]:
    """The heads of a verb's subjects and direct objects, and of a passive's agent.

    A verb without a subject of its own that is conjoined to, or the complement of,
    another verb shares that verb's subjects ("Jobs unveiled it and praised it").
    """
    heads = [c for c in verb.children if c.dep_ in ARGUMENT_DEPS]
    for agent in (c for c in verb.children if c.dep_ == AGENT_DEP):
        heads += [c for c in agent.children if c.dep_ == "pobj"]
    if verb.dep_ in SHARED_SUBJECT_DEPS and not any(c.dep_ in SUBJECT_DEPS for c in heads):
        heads += [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]
    return heads


def name_phrase(head: Token) -> str:
    """The head with the compounds, numbers and flat parts next to it: "Boeing 787 Dreamliner"."""
    inside = {t.i for t in head.subtree}
    doc, first, last = head.doc, head.i, head.i
    while first > 0 and first - 1 in inside and doc[first - 1].dep_ in NAME_DEPS:
        first -= 1
    while last + 1 < len(doc) and last + 1 in inside and doc[last + 1].dep_ in NAME_DEPS:
        last += 1
    return doc[first : last + 1].text


def baseline_candidates(article: Article, ctx: DocContext) -> list[Candidate]:
    """Every verb, at the DCT, "taking part" with its whole sentence's text."""
    found = []
    for sent, base in ctx.spans():
        for token in sent:
            event_id = article.event_id(base + token.idx, base + token.idx + len(token))
            if token.pos_ == "VERB" and event_id is not None:
                found.append(Candidate(event_id, article.dct, ((sent.text, SENTENCE),)))
    return found


def name_words(text: str) -> list[str]:
    """A name's folded words, without a leading article or a possessive ending."""
    words = [names.fold(w) for w in names.words(text)]
    return words[1:] if len(words) > 1 and words[0] in ARTICLES else words


@dataclasses.dataclass(frozen=True)
class Matcher:
    """Which of a corpus's targets a name stands for; per document, the targets named in full."""

    targets: tuple[str, ...]
    named: dict[str, frozenset[str]]  # doc id → the targets its text names in full

    @classmethod
    def of(cls, corpus: Corpus) -> Matcher:
        named = {
            a.doc_id: frozenset(t for t in corpus.targets if in_sentence(t, a.text))
            for a in corpus.articles
        }
        return cls(corpus.targets, named)

    def names(self, target: str, text: str, kind: str, doc_id: str) -> bool:
        """Whether a name (``text`` of entity type ``kind``) in ``doc_id`` stands for ``target``.

        The same words name it, and no other target then; or its initials do ("GM"); or,
        for a name that is no place, a part of it holding its first or last word
        ("Dreamliner", "Jobs") or it with words inside ("iTunes Music Store"), when that
        fits no other target, or no other that the document names in full.
        """
        words = name_words(text)
        same = [t for t in self.targets if name_words(t) == words]
        if same:
            return target in same
        bare = text.replace(".", "")
        if names.is_acronym(text) and len(bare) > 1 and bare == names.initials(target):
            return True
        if kind in PLACE_TYPES:
            return False
        loose = [t for t in self.targets if _is_part(words, name_words(t))]
        loose = loose or [t for t in self.targets if _spreads(words, name_words(t))]
        if len(loose) > 1:
            loose = [t for t in loose if t in self.named.get(doc_id, ())]
        return loose == [target]


def _is_part(words: list[str], whole: list[str]) -> bool:
    """Whether ``words`` run inside ``whole`` and hold its first or last word."""
    n = len(words)
    if not n or n >= len(whole):
        return False
    starts = [i for i in range(len(whole) - n + 1) if whole[i : i + n] == words]
    return any(i == 0 or i + n == len(whole) for i in starts)


def _spreads(words: list[str], whole: list[str]) -> bool:
    """Whether ``words`` are ``whole`` with more words inside it: same first and last word."""
    if len(words) <= len(whole) or len(whole) < 2:
        return False
    if words[0] != whole[0] or words[-1] != whole[-1]:
        return False
    rest = iter(words)
    return all(word in rest for word in whole)


def in_sentence(target: str, sentence: str) -> bool:
    """The baseline's test: the target's full name, case and accents folded, in the sentence."""
    return re.search(rf"\b{re.escape(names.fold(target))}\b", names.fold(sentence)) is not None
