"""MEANTIME (English) quote-attribution scorer: for each annotated speech event, who said it.

Gold: every ``EVENT_MENTION`` whose ``REFERS_TO`` instance is an ``EVENT`` of class
``SPEECH_COGNITIVE`` and that has a ``HAS_PARTICIPANT`` link with ``sem_role`` Arg0 to an
``ENTITY_MENTION``: the speaker. The speaker's coreference chain is every entity mention
that ``REFERS_TO`` the same instance (MEANTIME's instances are document- and
corpus-level), so a pronoun or a description resolved to the right person counts.
SPEECH_COGNITIVE also holds thinking verbs ("fear", "expect", "know") and nouns
("statement"), which are not quotes; ``coverage_speech_verbs`` is the coverage over the
events whose word is one of our speech verbs.

System: each article, its text rebuilt as ``storyline.eval.naf`` does, is analysed by
the real analysis stage and goes through ``storyline.extract.quotes.find_attributed``.
A gold event is *covered* by a quote of ours whose cue (the speech verb) overlaps the
event's tokens, or else whose span overlaps the event's Arg1 participant (what was said,
when MEANTIME marks it). The attribution is *correct* when our speaker's mention
overlaps a mention of the gold speaker's chain; a quote with speaker unknown is wrong.

Figures, micro over events: ``coverage`` = covered / gold; ``accuracy`` = correct /
covered; ``overall`` = correct / gold; ``attributed_precision`` = correct / covered with
a speaker named; ``attributed_f1`` = the harmonic mean of that precision and ``overall``.
Baseline, in the same run and given the gold event (so its coverage is the share of
events with a candidate): the nearest PERSON or ORG mention of ours that ends before
the event's token in the event's gold sentence. ``other_accuracy_on_covered`` compares
the two on the same events: in our figures, the baseline's accuracy on the events we
cover; in the baseline's, ours on the events it covers. The split follows ``meantime-ner``: apple
is dev (the rules were tuned on it), airbus, gm and stock are test.
"""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from storyline.eval import Scorer
from storyline.eval.meantime import ANNOTATION, DEV, NOTE, TEST
from storyline.eval.naf import CatDoc, read_cat
from storyline.extract.context import DocContext, load_context
from storyline.extract.quotes import Found, find_attributed
from storyline.extract.quotes_lexicon import lexicon
from storyline.hashing import content_id
from storyline.model import DatedValue, Document, Metadata, Precision
from storyline.nlp.analyse import analyse_documents
from storyline.nlp.spacy_model import load_model
from storyline.settings import Settings

SPEECH = "SPEECH_COGNITIVE"
SPEAKER_ROLE = "Arg0"
CONTENT_ROLE = "Arg1"
# Our entity types the baseline may name.
BASELINE_TYPES = frozenset({"PERSON", "ORG"})
FIGURES = ("coverage", "accuracy", "overall", "attributed_precision", "attributed_f1")


@dataclasses.dataclass(frozen=True)
class SpeechEvent:
    """One gold speech event: its word, sentence, speaker chain and what was said."""

    start: int
    end: int
    word: str
    sentence: tuple[int, int]
    speaker: tuple[int, int]  # the Arg0 mention
    chain: tuple[tuple[int, int], ...]  # every mention of the speaker's instance
    content: tuple[int, int] | None  # the Arg1 participant, when there is one


@dataclasses.dataclass(frozen=True)
class Sample:
    name: str
    corpus: str
    text: str
    events: tuple[SpeechEvent, ...]


@dataclasses.dataclass
class Tally:
    """Micro counts over events."""

    gold: int = 0
    covered: int = 0
    named: int = 0  # covered, with a speaker named
    correct: int = 0
    verbs: int = 0  # gold events whose word is one of our speech verbs
    verbs_covered: int = 0
    rival_correct: int = 0  # of the events covered here, those the other system got right

    def add(self, other: Tally) -> None:
        for field in dataclasses.fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))


def read_sample(source: bytes, name: str, corpus: str) -> Sample:
    """The text and the gold speech events of one CAT document."""
    doc = read_cat(source, name)
    return Sample(name, corpus, doc.text, tuple(speech_events(doc, ET.fromstring(source))))


def speech_events(doc: CatDoc, root: ET.Element) -> Iterator[SpeechEvent]:
    by_id = {m.m_id: m for m in doc.markables}
    instance = dict(doc.refers_to)
    chains: dict[str, list[tuple[int, int]]] = {}
    for m in doc.markables:
        if m.tag == "ENTITY_MENTION" and m.token_ids and m.m_id in instance:
            chains.setdefault(instance[m.m_id], []).append(doc.extent(m))
    roles = participants(root)
    for m in doc.markables:
        target = by_id.get(instance.get(m.m_id, ""))
        if m.tag != "EVENT_MENTION" or not m.token_ids or target is None:
            continue
        speakers = [by_id[t] for r, t in roles.get(m.m_id, ()) if r == SPEAKER_ROLE and t in by_id]
        speakers = [s for s in speakers if s.tag == "ENTITY_MENTION" and s.token_ids]
        if target.tag != "EVENT" or target.get("class") != SPEECH or not speakers:
            continue
        speaker = doc.extent(speakers[0])
        chain = chains.get(instance.get(speakers[0].m_id, ""), [])
        content = [by_id[t] for r, t in roles.get(m.m_id, ()) if r == CONTENT_ROLE and t in by_id]
        start, end = doc.extent(m)
        yield SpeechEvent(
            start,
            end,
            doc.text[start:end],
            _sentence(doc, m.token_ids[0]),
            speaker,
            tuple(sorted({speaker, *chain})),
            doc.extent(content[0]) if content and content[0].token_ids else None,
        )


def participants(root: ET.Element) -> dict[str, list[tuple[str, str]]]:
    """Event m_id → (sem_role, target m_id) of its HAS_PARTICIPANT links."""
    out: dict[str, list[tuple[str, str]]] = {}
    relations = root.find("Relations")
    for link in relations.iter("HAS_PARTICIPANT") if relations is not None else ():
        targets = [t.get("m_id", "") for t in link.iter("target")]
        for source in link.iter("source"):
            for target in targets:
                out.setdefault(source.get("m_id", ""), []).append(
                    (link.get("sem_role", ""), target)
                )
    return out


def _sentence(doc: CatDoc, t_id: str) -> tuple[int, int]:
    number = doc.by_id[t_id].sentence
    tokens = [t for t in doc.tokens if t.sentence == number]
    return tokens[0].start, tokens[-1].end


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def covering(event: SpeechEvent, found: list[Found]) -> Found | None:
    """Our quote for the event: cue over its word, else span over what was said."""
    by_cue = [
        f
        for f in found
        if f.cue_start is not None
        and f.cue_end is not None
        and _overlaps((f.cue_start, f.cue_end), (event.start, event.end))
    ]
    content = event.content
    by_span = (
        []
        if content is None
        else [f for f in found if _overlaps((f.quote.start, f.quote.end), content)]
    )
    candidates = by_cue or by_span
    named = [f for f in candidates if f.quote.speaker is not None]
    return next(iter(named or candidates), None)


def right(event: SpeechEvent, start: int, end: int) -> bool:
    """The span names a mention of the gold speaker's chain."""
    return any(_overlaps((start, end), mention) for mention in event.chain)


def score_document(events: Iterable[SpeechEvent], ctx: DocContext) -> tuple[Tally, Tally]:
    """Our tally and the baseline's on one document."""
    found = find_attributed(ctx)
    verbs = lexicon().speech_verbs | lexicon().frame_verbs
    ours, base = Tally(), Tally()
    for event in events:
        is_verb = _lemma(ctx, event) in verbs
        quote = covering(event, found)
        speaker = quote.quote.speaker if quote else None
        mine = speaker is not None and right(event, speaker.start, speaker.end)
        guess = nearest_mention(ctx, event)
        theirs = guess is not None and right(event, *guess)
        _count(ours, quote is not None, mine, named=speaker is not None, verb=is_verb)
        _count(base, guess is not None, theirs, named=guess is not None, verb=is_verb)
        ours.rival_correct += quote is not None and theirs
        base.rival_correct += guess is not None and mine
    return ours, base


def _count(tally: Tally, covered: bool, correct: bool, *, named: bool, verb: bool) -> None:
    tally.gold += 1
    tally.covered += covered
    tally.named += covered and named
    tally.correct += bool(covered and correct)
    tally.verbs += verb
    tally.verbs_covered += verb and covered


def _lemma(ctx: DocContext, event: SpeechEvent) -> str:
    for doc, base in ctx.parts:
        span = doc.char_span(event.start - base, event.end - base, alignment_mode="expand")
        if span is not None and len(span):
            return str(span.root.lemma_).lower()
    return event.word.lower()


def nearest_mention(ctx: DocContext, event: SpeechEvent) -> tuple[int, int] | None:
    """The baseline: our nearest PERSON/ORG mention before the event in its sentence."""
    rows = ctx.mentions_in(event.sentence[0], event.start)
    rows = [r for r in rows if r.ref.type in BASELINE_TYPES]
    return (rows[-1].ref.start, rows[-1].ref.end) if rows else None


def figures(tally: Tally) -> dict[str, Any]:
    coverage = _ratio(tally.covered, tally.gold)
    accuracy = _ratio(tally.correct, tally.covered)
    overall = _ratio(tally.correct, tally.gold)
    precision = _ratio(tally.correct, tally.named)
    f1 = 2 * precision * overall / (precision + overall) if precision + overall else 0.0
    return {
        "coverage": coverage,
        "accuracy": accuracy,
        "overall": overall,
        "attributed_precision": precision,
        "attributed_f1": round(f1, 4),
        "coverage_speech_verbs": _ratio(tally.verbs_covered, tally.verbs),
        "other_accuracy_on_covered": _ratio(tally.rival_correct, tally.covered),
        "gold_events": tally.gold,
        "gold_speech_verbs": tally.verbs,
        "covered": tally.covered,
        "correct": tally.correct,
    }


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def contexts(samples: list[Sample], settings: Settings) -> Iterator[DocContext]:
    """Each sample analysed by the real analysis stage, as an extraction context."""
    docs = [_document(sample) for sample in samples]
    vocab = load_model(settings.spacy_model).vocab
    for doc, analysis in zip(docs, analyse_documents(docs, settings), strict=True):
        yield load_context(doc, analysis.statements, analysis.parse, vocab)


def _document(sample: Sample) -> Document:
    return Document(
        id=content_id("d", sample.name, sample.text),
        key=sample.name,
        path=sample.name,
        fmt="text",
        text=sample.text,
        source_text=sample.text,
        removed=(),
        meta=Metadata(published=DatedValue(None, Precision.UNKNOWN, "not read"), language="en"),
        sha="0" * 64,
    )


def score_samples(samples: list[Sample], settings: Settings) -> dict[str, Any]:
    """Our figures on ``samples`` with the baseline's, overall and per sub-corpus."""
    totals: dict[str, tuple[Tally, Tally]] = {}
    for sample, ctx in zip(samples, contexts(samples, settings), strict=True):
        ours, base = score_document(sample.events, ctx)
        for key in (sample.corpus, "all"):
            mine, theirs = totals.setdefault(key, (Tally(), Tally()))
            mine.add(ours)
            theirs.add(base)
    ours, base = totals.pop("all", (Tally(), Tally()))
    result = figures(ours) | {"baseline": figures(base), "documents": len(samples)}
    result["per_corpus"] = {
        name: figures(mine) | {"baseline": figures(theirs)}
        for name, (mine, theirs) in sorted(totals.items())
    }
    return result


def read_samples(folder: Path, corpus: str | None = None) -> list[Sample]:
    paths = sorted(folder.rglob("*.xml"))
    return [read_sample(p.read_bytes(), p.stem, corpus or p.parent.name) for p in paths]


def score(data: Path | None) -> dict[str, Any]:
    """MEANTIME English speech events: test figures on top, dev (apple) under ``dev``."""
    root = Path(data) if data else Path("../shared/datasets/meantime-en")
    annotation = root / ANNOTATION
    settings = Settings()
    system = {"system": "quotes.v1", "baseline_system": "nearest PERSON/ORG before the event"}
    if not annotation.is_dir():
        return score_samples(read_samples(root), settings) | {"split": str(root)} | system
    test = [s for name in TEST for s in read_samples(annotation / name, name)]
    result = score_samples(test, settings) | {"split": "+".join(TEST), "note": NOTE} | system
    dev = score_samples(read_samples(annotation / DEV, DEV), settings)
    result["dev"] = {"split": DEV} | {k: dev[k] for k in (*FIGURES, "gold_events")}
    result["dev"]["baseline"] = {k: dev["baseline"][k] for k in FIGURES}
    return result


_: Scorer = score
