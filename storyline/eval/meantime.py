"""MEANTIME (English) named-entity scorer: our entity mentions against the NAM entity mentions.

Gold: every ``ENTITY_MENTION`` whose head is a proper name (``syntactic_type`` NAM, or
PRE.NAM for a name used as a premodifier: "Apple" in "Apple CEO Steve Jobs", "US" in
"US markets") and whose ``REFERS_TO`` instance is of class PER, ORG or LOC, as the
character extent of its first to last token in the rebuilt text (see
``storyline.eval.naf``). System: our mentions with their schema type mapped
PERSON→PER, ORG→ORG, GPE→LOC, LOC→LOC; other types (products, events) are not scored.

Names, not noun phrases. MEANTIME marks the whole noun phrase of a named mention
("the US", "Presiding Judge Martin Mann"); a recogniser marks names. Both sides are
cut to the name before they are compared (``name_extent``): a leading article, the
title words of a person (the schema's ``titles``) and punctuation left at either end
by MEANTIME's tokens ("Apple Inc.,"). The same cut applies to the baseline.

Only the start of each article was annotated at document level (the headline, the
date line and about four sentences; annotators working across documents later added
bare mentions further on, which carry no ``syntactic_type``). A document is scored up
to the end of the last sentence that holds a document-level markable (one with
attributes besides ``m_id``); system mentions starting after it are dropped.

Matching. *Exact* (the primary figure): same name extent and class. Modifiers that
are not articles or titles stay in MEANTIME's extents ("computer company Apple", "the
Moscone Center in San Francisco"); those cost exact matches that the lenient figure
keeps. *Lenient*: same class and any
character overlap, one-to-one, the largest overlap first (ties: the earlier span);
MEANTIME's ``head`` attribute is filled for few mentions, so a head match is not computed.
Precision and recall are micro-averaged over the documents. The corpus has no
official split (see its SOURCE.md); ``score`` follows SemEval-2015 Task 4, whose
trial data is the apple sub-corpus (our dev part) and whose test data the other three.
"""

from __future__ import annotations

import dataclasses
import importlib.util
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from storyline.eval import Scorer
from storyline.eval.naf import CatDoc, read_folder
from storyline.nlp import names
from storyline.nlp.mentions import DEFAULT_CORRECTIONS, Mention, entity_mentions, model_mentions
from storyline.nlp.spacy_model import load_model
from storyline.settings import Settings

# MEANTIME's syntactic types of a mention with a proper-name head: a name, and a name
# premodifying a noun. (APP and CONJ span appositions and coordinations whose names
# are marked again on their own, as NAM.)
NAMED = frozenset({"NAM", "PRE.NAM"})
# Articles that open a noun phrase but are not part of the name in it.
ARTICLES = frozenset({"the", "a", "an"})
# Characters cut from either end of an extent: spaces and punctuation that MEANTIME's
# tokens carry ("Inc.,") or that a name never ends with.
LOOSE_ENDS = " \n,;:"
# Gold classes scored, in report order.
CLASSES = ("PER", "ORG", "LOC")
# Our schema types → MEANTIME classes; types not listed are not scored.
CLASS_OF_TYPE = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
# Where the annotated articles lie inside the dataset folder.
ANNOTATION = "intra_cross-doc_annotation"
# MEANTIME has no official split. Its apple sub-corpus is SemEval-2015 Task 4's trial
# data and the other three its test data; we follow that: tune on apple, report on the rest.
DEV = "corpus_apple"
TEST = ("corpus_airbus", "corpus_gm", "corpus_stock")
NOTE = "no official split: tuned on corpus_apple (SemEval-2015 Task 4 trial), scored on the rest"
CORRECTIONS_MODULE = "storyline.nlp.corrections"


@dataclasses.dataclass(frozen=True)
class Span:
    """One named mention, gold or system: character extent in the rebuilt text and class."""

    start: int
    end: int
    label: str  # PER, ORG or LOC


@dataclasses.dataclass(frozen=True)
class Sample:
    """One article reduced to what the scorer needs."""

    name: str
    text: str
    gold: tuple[Span, ...]
    scored_end: int  # system mentions starting at or after this offset are not scored


@dataclasses.dataclass
class Counts:
    """Per-class tallies, micro-summed over documents."""

    gold: Counter[str] = dataclasses.field(default_factory=Counter)
    predicted: Counter[str] = dataclasses.field(default_factory=Counter)
    exact: Counter[str] = dataclasses.field(default_factory=Counter)
    lenient: Counter[str] = dataclasses.field(default_factory=Counter)

    def add(self, other: Counts) -> None:
        for field in dataclasses.fields(self):
            getattr(self, field.name).update(getattr(other, field.name))


System = Callable[[Doc], list[Mention]]


def to_sample(doc: CatDoc) -> Sample:
    return Sample(doc.name, doc.text, tuple(gold_spans(doc)), scored_end(doc))


def gold_spans(doc: CatDoc) -> Iterator[Span]:
    """The named entity mentions of a scored class, cut to their names, in document order."""
    classes = instance_classes(doc)
    for markable in doc.markables:
        label = classes.get(markable.m_id)
        named = markable.get("syntactic_type") in NAMED
        if markable.tag == "ENTITY_MENTION" and markable.token_ids and named and label in CLASSES:
            yield name_extent(doc.text, Span(*doc.extent(markable), str(label)))


def name_extent(text: str, span: Span) -> Span:
    """The name inside a noun phrase's extent: no article, no person's title, no loose ends.

    A name of one word is never cut away ("The" alone or "President" alone stays).
    """
    start, end = span.start, span.end
    while end > start and text[end - 1] in LOOSE_ENDS:
        end -= 1
    while start < end and text[start] in LOOSE_ENDS:
        start += 1
    words = list(names.WORD.finditer(text, start, end))
    cut = 1 if len(words) > 1 and words[0].group().casefold() in ARTICLES else 0
    if span.label == "PER":
        last = cut
        while last < len(words) - 1 and names.is_title_part(words[last].group()):
            last += 1
        if any(names.is_title_word(w.group()) for w in words[cut:last]):
            cut = last
    if cut:
        start = words[cut].start()
    return Span(start, end, span.label)


def instance_classes(doc: CatDoc) -> dict[str, str]:
    """Mention m_id → ``ent_type`` of the ENTITY instance it refers to."""
    types = {m.m_id: m.get("ent_type") or "" for m in doc.markables if m.tag == "ENTITY"}
    return {mention: types[target] for mention, target in doc.refers_to if target in types}


def scored_end(doc: CatDoc) -> int:
    """The end of the last sentence that holds a document-level (attributed) markable."""
    sentences = [doc.by_id[t].sentence for m in doc.markables if m.attrs for t in m.token_ids]
    last = max(sentences, default=-1)
    return max((t.end for t in doc.tokens if t.sentence <= last), default=0)


def system_spans(text: str, mentions: Iterable[Mention], end: int) -> list[Span]:
    """Mentions of a scored type that start before ``end``, as names with MEANTIME classes."""
    return [
        name_extent(text, Span(m.start, m.end, CLASS_OF_TYPE[m.type]))
        for m in mentions
        if m.type in CLASS_OF_TYPE and m.start < end
    ]


def compare(gold: Iterable[Span], predicted: Iterable[Span]) -> Counts:
    """Tally one document: exact matches as a multiset, lenient ones one-to-one."""
    gold, predicted = sorted(gold, key=_key), sorted(predicted, key=_key)
    counts = Counts(Counter(s.label for s in gold), Counter(s.label for s in predicted))
    matched = Counter(gold) & Counter(predicted)
    counts.exact = Counter(span.label for span in matched.elements())
    counts.lenient = Counter(gold[i].label for i, _ in lenient_pairs(gold, predicted))
    return counts


def lenient_pairs(gold: list[Span], predicted: list[Span]) -> list[tuple[int, int]]:
    """(gold, predicted) index pairs of one class that overlap, largest overlap first."""
    candidates = sorted(
        (-_overlap(g, s), i, j)
        for i, g in enumerate(gold)
        for j, s in enumerate(predicted)
        if g.label == s.label and _overlap(g, s) > 0
    )
    pairs: list[tuple[int, int]] = []
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    for _, i, j in candidates:
        if i not in used_gold and j not in used_predicted:
            used_gold.add(i)
            used_predicted.add(j)
            pairs.append((i, j))
    return pairs


def _key(span: Span) -> tuple[int, int, str]:
    return span.start, span.end, span.label


def _overlap(a: Span, b: Span) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def figures(counts: Counts) -> dict[str, Any]:
    """Micro P/R/F1 (exact and lenient) and per-class exact figures."""
    gold, predicted = counts.gold.total(), counts.predicted.total()
    out: dict[str, Any] = _prf("micro_", counts.exact.total(), gold, predicted)
    out |= _prf("lenient_micro_", counts.lenient.total(), gold, predicted)
    for label in CLASSES:
        row = _prf("", counts.exact[label], counts.gold[label], counts.predicted[label])
        row["lenient_f1"] = _prf("", counts.lenient[label], counts.gold[label],
                                 counts.predicted[label])["f1"]  # fmt: skip
        out[label] = row | {"gold": counts.gold[label], "predicted": counts.predicted[label]}
    return out | {"gold_mentions": gold, "predicted_mentions": predicted}


def _prf(prefix: str, hits: int, gold: int, predicted: int) -> dict[str, Any]:
    p = hits / predicted if predicted else 0.0
    r = hits / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {f"{prefix}p": round(p, 4), f"{prefix}r": round(r, 4), f"{prefix}f1": round(f1, 4)}


def parse(samples: list[Sample], settings: Settings) -> list[Doc]:
    """One spaCy pass per article, batched."""
    nlp = load_model(settings.spacy_model)
    texts = (sample.text for sample in samples)
    return list(nlp.pipe(texts, batch_size=settings.spacy_batch_size))


def evaluate(samples: list[Sample], parsed: list[Doc], system: System) -> Counts:
    total = Counts()
    for sample, doc in zip(samples, parsed, strict=True):
        spans = system_spans(sample.text, system(doc), sample.scored_end)
        total.add(compare(sample.gold, spans))
    return total


def ours() -> tuple[System, list[str]]:
    """``entity_mentions`` and the corrections it applies (none while the module is absent)."""
    if importlib.util.find_spec(CORRECTIONS_MODULE) is None:
        return model_mentions, []
    return entity_mentions, list(DEFAULT_CORRECTIONS)


def score_samples(samples: list[Sample], settings: Settings) -> dict[str, Any]:
    """Our figures on ``samples``, with bare spaCy's under ``baseline``."""
    parsed = parse(samples, settings)
    system, corrections = ours()
    result = figures(evaluate(samples, parsed, system))
    result["baseline"] = figures(evaluate(samples, parsed, model_mentions))
    result |= {"documents": len(samples), "corrections": corrections}
    return result | {"model": settings.spacy_model, "baseline_system": "spacy-ner.v1"}


def read_samples(folder: Path) -> list[Sample]:
    return [to_sample(doc) for doc in read_folder(folder)]


def score(data: Path | None) -> dict[str, Any]:
    """MEANTIME English, named PER/ORG/LOC mentions.

    Given the dataset folder, the headline figures are over the test sub-corpora
    (``TEST``) and ``dev`` holds the micro figures on the sub-corpus the corrections
    were tuned on; given any other folder, every article under it is scored.
    """
    root = Path(data) if data else Path("../shared/datasets/meantime-en")
    annotation = root / ANNOTATION
    settings = Settings()
    if not annotation.is_dir():
        return score_samples(read_samples(root), settings) | {"split": str(root)}
    test = [s for name in TEST for s in read_samples(annotation / name)]
    result = score_samples(test, settings) | {"split": "+".join(TEST), "note": NOTE}
    dev = score_samples(read_samples(annotation / DEV), settings)
    result["dev"] = {
        "split": DEV,
        "micro_f1": dev["micro_f1"],
        "lenient_micro_f1": dev["lenient_micro_f1"],
        "baseline": {k: dev["baseline"][k] for k in ("micro_f1", "lenient_micro_f1")},
    }
    return result


_: Scorer = score
