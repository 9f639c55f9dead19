"""ECB+ cross-document event coreference: gold event mentions clustered, scored with CoNLL F1.

Mentions. Every ``ACTION_*`` and ``NEG_ACTION_*`` markable with token anchors inside
the sentences listed in ``ECBplus_coreference_sentences.csv`` (1,780 in test topics
36–45). Gold events come from ``CROSS_DOC_COREF`` (instance id), ``INTRA_DOC_COREF``
chains and singletons, read as for entities (ecbplus.py); singletons are kept and
scored.

Systems, both clustering per gold topic (``ecb`` and ``ecbplus`` sub-topics together):

- ``baseline_lemma``: mentions with the same head lemma are one event (the head is
  the mention token nearest the root of our parse, as for entities).
- ours: ``storyline.resolve.events.cluster_events`` over ``EventItem`` values built
  by our extraction machinery (``EventFinder.known_event``) on each document, parsed
  by our spaCy model, with the gold entity mentions as its entity mentions:

  * type: the schema type of the head lemma (schema.yaml ``event_types``), else
    ``lemma:<lemma>``; ``NEG_ACTION_*`` or a negation in the parse marks it negated;
  * participants: the gold entity mentions of the same sentence, as entities
    resolved the way ``ecbplus-entities`` resolves them (names through
    ``resolve_names``, other mentions by head lemma, per topic);
  * roles (agents, patients, places) come from our role rules on the parse, but the
    figures at the top level pass none: role conflicts block a join, and on the
    train and dev topics they cost 5.7 and 7.0 CoNLL points (participants of gold
    mentions resolved per topic are too noisy to veto with); ``with_roles`` reports
    the same run with them;
  * date: our TIMEX recogniser over the document, anchored to its date line when it
    has one ("on August 04 2011"), through our time rules (sentence, context, then
    the date line as ``reported``);
  * context: the named entities of the whole document, its content words and the
    years its time expressions name, from which ``cluster_events`` groups documents
    into stories (two earthquakes of one topic are two stories).

The weights (``storyline.resolve.events.Weights`` defaults) were chosen on the train
and dev topics only (``--split train``/``--split dev``); the scorer reports test by
default. See docs/benchmarks.md, "Event coreference (issue 6)".
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language

from storyline.eval import Scorer, ecbplus
from storyline.eval.coref import conll
from storyline.eval.ecbplus_events_docs import EventDoc, doc_context, read_event_corpus
from storyline.extract.context import DocContext
from storyline.extract.events import EventFinder
from storyline.extract.model import EventMention
from storyline.nlp.spacy_model import load_model
from storyline.resolve.events import WEIGHTS, EventItem, Weights, cluster_events, content_words
from storyline.settings import Settings


@dataclasses.dataclass(frozen=True)
class Scored:
    """One gold event mention with the item our system built for it."""

    id: str
    topic: int
    chain: str  # the gold event
    lemma: str  # the head token's lemma, lower case (the baseline's key)
    item: EventItem


def build_items(docs: Sequence[EventDoc], nlp: Language) -> list[Scored]:
    """Every gold event mention of ``docs`` as an ``EventItem``, in corpus order."""
    entity_ids, proper = entity_clusters([m for doc in docs for m in doc.entities], nlp)
    out: list[Scored] = []
    for doc in docs:
        ctx, pieces = doc_context(doc, nlp, entity_ids)
        finder = EventFinder.of(ctx)
        names = frozenset(entity_ids[m.id] for m in doc.entities if m.id in proper)
        context = names | content_words(ctx.text) | years_of(ctx)
        for action in doc.actions:
            piece, base = pieces[action.sentence]
            token = piece[ecbplus.head_position(piece, action.tokens)]
            lemma = token.lemma_.lower()
            event = finder.known_event(token, token.sent, base, f"lemma:{lemma}")
            item = to_item(action.id, doc, event, entity_ids, context)
            out.append(Scored(action.id, doc.topic, action.chain, lemma, item))
    return out


def years_of(ctx: DocContext) -> frozenset[str]:
    """The years the document's time expressions name, as context features."""
    return frozenset(f"year:{t.value[:4]}" for t in ctx.timexes if t.value[:4].isdigit())


def to_item(
    key: str, doc: EventDoc, event: EventMention, ids: dict[str, str], context: frozenset[str]
) -> EventItem:
    """The coreference item of one extracted gold event mention."""
    sentence = doc.sentence_of(key)
    present = frozenset(ids[m.id] for m in doc.entities if m.sentence == sentence)
    by_role: dict[str, set[str]] = defaultdict(set)
    for p in event.participants:
        by_role[p.role].add(ids.get(p.ref.mention, p.ref.mention))
    return EventItem(
        key,
        doc.name,
        event.type,
        event.lemma,
        participants=present,
        places=frozenset(by_role["place"]),
        date=event.time.value,
        date_source=event.time.source,
        sentence=" ".join(doc.words[sentence]),
        agents=frozenset(by_role["agent"]),
        patients=frozenset(by_role["patient"]),
        context=context,
        negated=event.negated or doc.tag_of(key).startswith("NEG_"),
    )


def entity_clusters(
    mentions: Sequence[ecbplus.Mention], nlp: Language
) -> tuple[dict[str, str], frozenset[str]]:
    """Gold entity mention id → our entity id, clustered as ``ecbplus-entities`` does, and
    the ids of the mentions that are names."""
    headed = ecbplus.add_heads(mentions, nlp)
    ids: dict[str, str] = {}
    for number, cluster in enumerate(ecbplus.ours(headed)):
        for index in cluster:
            ids[headed[index].id] = f"entity:{number}"
    return ids, frozenset(m.id for m in headed if m.proper)


def without_roles(scored: Sequence[Scored]) -> list[Scored]:
    """The same mentions with no agents, patients or places (see the module docstring)."""
    none: frozenset[str] = frozenset()
    return [
        dataclasses.replace(
            s, item=dataclasses.replace(s.item, agents=none, patients=none, places=none)
        )
        for s in scored
    ]


def per_topic(scored: Sequence[Scored], weights: Weights) -> list[list[int]]:
    """Our clusters, one topic at a time, as indices into ``scored``."""
    where = {s.id: i for i, s in enumerate(scored)}
    by_topic: dict[int, list[EventItem]] = defaultdict(list)
    for s in scored:
        by_topic[s.topic].append(s.item)
    clusters: list[list[int]] = []
    for items in by_topic.values():
        clusters += [[where[k] for k in group] for group in cluster_events(items, weights=weights)]
    return clusters


def baseline_lemma(scored: Sequence[Scored]) -> list[list[int]]:
    """Within a topic, mentions with the same head lemma are one event."""
    groups: dict[tuple[int, str], list[int]] = defaultdict(list)
    for index, s in enumerate(scored):
        groups[(s.topic, s.lemma)].append(index)
    return list(groups.values())


def gold_partition(scored: Sequence[Scored]) -> list[list[int]]:
    """The gold events as clusters of mention indices."""
    chains: dict[str, list[int]] = defaultdict(list)
    for index, s in enumerate(scored):
        chains[s.chain].append(index)
    return list(chains.values())


def figures(scored: Sequence[Scored], weights: Weights = WEIGHTS) -> dict[str, Any]:
    """Our figures (no roles), the same with roles, and the head-lemma baseline's."""
    gold = gold_partition(scored)
    result: dict[str, Any] = dict(conll(gold, per_topic(without_roles(scored), weights)))
    result["with_roles"] = conll(gold, per_topic(scored, weights))
    result["baseline_lemma"] = conll(gold, baseline_lemma(scored))
    result["mentions"] = len(scored)
    result["events"] = len(gold)
    result["documents"] = len({s.item.doc for s in scored})
    return result


def score(data: Path | None, split: str = "test") -> dict[str, Any]:
    """ECB+ topics of ``split`` (test: 36–45), gold event mentions, clustered per gold topic."""
    if split not in ecbplus.SPLITS:
        choices = ", ".join(ecbplus.SPLITS)
        raise ValueError(f"unknown ECB+ split {split!r}; choose one of: {choices}")
    root = Path(data) if data else Path("../shared/datasets/ecbplus")
    nlp = load_model(Settings().spacy_model)
    topics = ecbplus.SPLITS[split]
    result = figures(build_items(read_event_corpus(root, topics), nlp))
    label = f"{split} 36-45" if split == "test" else f"{split} {len(topics)} topics"
    return result | {"split": label, "clustering": "per gold topic", "singletons": True}


_: Scorer = score
