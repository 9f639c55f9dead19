"""ECB+ cross-document entity coreference: gold entity mentions clustered, scored with CoNLL F1.

Mentions. The ECB+ guidelines (Cybulska & Vossen 2014, NWR-2014-1) annotate five
event components: actions (``ACTION_*``, ``NEG_ACTION_*``), times (``TIME_*``),
locations (``LOC_*``), human participants (``HUMAN_PART_*``) and non-human
participants (``NON_HUMAN_PART*``). Our entity mentions are the participants and
locations: every markable with token anchors whose tag starts with
``HUMAN_PART``, ``NON_HUMAN_PART`` or ``LOC_`` (``ENTITY_PREFIXES``). Actions are
events, and time expressions are not entities for us (our timex recogniser owns
them), so ``TIME_*`` is left out, as is ``UNKNOWN_INSTANCE_TAG`` (token-less
chain descriptors only). Only mentions inside the sentences listed in
``ECBplus_coreference_sentences.csv`` count, as in the standard evaluation.

Gold entities. A ``CROSS_DOC_COREF`` relation puts its sources in the entity of
its ``note`` (the instance id, shared across documents); an ``INTRA_DOC_COREF``
relation makes a within-document chain; every other mention is a singleton.
Singletons are kept and scored, as the ECB+ literature does (Barhom et al. 2019,
Cattan et al. 2021): they count in B³ and CEAF-e, and MUC ignores them by
definition. Two test instances (USGS, Intel) span two topics; they are kept as
annotated, so a per-topic system cannot fully recover them.

Split. Test topics 36–45 (Cybulska & Vossen 2015, see SOURCE.md) by default;
``--split train`` or ``--split dev`` scores the topics thresholds are tuned on
(``SPLITS``), never the test topics. Every system clusters per gold topic (the
topic number: the ``ecb`` and ``ecbplus`` sub-topics together, the harder of the
two usual settings), and the chosen topics are scored as one partition.

Systems, all over the gold mentions: ``baseline_exact`` (same lower-cased text),
``baseline_lemma`` (same head lemma; the head is the mention's content word
nearest the root of the spaCy parse of its sentence: not the "in" of "in Los
Angeles") and ``ours`` (see its docstring).
"""

from __future__ import annotations

import csv
import dataclasses
import importlib
import importlib.util
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from storyline.eval import Scorer
from storyline.eval.coref import conll
from storyline.nlp.spacy_model import load_model
from storyline.resolve.model import NameMention
from storyline.settings import Settings

TEST_TOPICS = tuple(range(36, 46))
# The standard split by topic (Cybulska & Vossen 2015; 15 and 17 do not exist).
TRAIN_TOPICS = (1, 3, 4, 6, 7, 8, 9, 10, 11, 13, 14, 16, 19, 20, 22, *range(24, 34))
DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
SPLITS = {"train": TRAIN_TOPICS, "dev": DEV_TOPICS, "test": TEST_TOPICS}
CORPUS = "ECB+"
SENTENCES = "ECBplus_coreference_sentences.csv"
# Markable tags that are entity mentions: human and non-human participants, locations.
ENTITY_PREFIXES = ("HUMAN_PART", "NON_HUMAN_PART", "LOC_")
# ECB+ tag → the resolver's entity type; every other entity tag is OTHER.
TYPE_OF_TAG = {
    "HUMAN_PART_PER": "PERSON",
    "HUMAN_PART_ORG": "ORG",
    "HUMAN_PART_GPE": "GPE",  # a country or city acting as a participant
    "LOC_GEO": "GPE",  # countries, cities, regions
    "LOC_FAC": "LOC",  # buildings, roads, facilities
    "LOC_OTHER": "LOC",
}
# Penn tags of a proper-noun head: such a mention is a name and goes to the resolver.
PROPER_TAGS = frozenset({"NNP", "NNPS"})
# Tags of the words a name may hold: proper nouns, and numbers after one.
NAME_TAGS = PROPER_TAGS | {"CD"}
# Parts of speech that head a mention only when it has no other word ("in Los Angeles").
FUNCTION_POS = frozenset({"ADP", "DET", "PUNCT", "CCONJ", "SCONJ", "PART"})
# Words that may join proper nouns inside one name ("Gulf of Aden", "U . S .").
CONNECTORS = frozenset({"of", "and", "&", "de", "del", "du", "la", "le", "von", "van", ".", "-"})
# Words cut from the edges of a name before the resolver sees it.
NAME_EDGES = frozenset({"the", "a", "an", "'s", "’s"})
RESOLVER_MODULE = "storyline.resolve.cluster"
RESOLVER_FUNCTION = "resolve_names"


@dataclasses.dataclass(frozen=True)
class Mention:
    """One gold entity mention, with its sentence and, once parsed, its head."""

    id: str  # f"{doc}/{m_id}"
    doc: str  # file name without .xml, e.g. "36_1ecb"
    topic: int
    tag: str  # the ECB+ markable tag, e.g. HUMAN_PART_PER
    sentence: int  # sentence number in the document
    tokens: tuple[int, ...]  # token positions in the sentence, ascending
    words: tuple[str, ...]  # the sentence's tokens
    chain: str  # the gold entity: instance id, intra-document chain or the mention itself
    head: str = ""  # head lemma, lower-cased (set by ``add_heads``)
    proper: bool = False  # the head is a proper noun
    name_tokens: tuple[int, ...] = ()  # proper head: the name's positions (``name_run``)
    refers_to: str = ""  # not a name: the id of the name mention coreference links it to

    @property
    def text(self) -> str:
        return " ".join(self.words[i] for i in self.tokens)


@dataclasses.dataclass(frozen=True)
class EcbDoc:
    """One ECB+ document reduced to its scored entity mentions."""

    name: str
    topic: int
    mentions: tuple[Mention, ...]
    sentences: tuple[tuple[int, tuple[str, ...]], ...] = ()  # every sentence: number, words


System = Callable[[Sequence[Mention]], list[list[int]]]
ResolveNames = Callable[[Sequence[NameMention]], Sequence[Sequence[int]]]


def read_selection(path: Path) -> dict[str, set[int]]:
    """Document name → the sentence numbers checked for coreference."""
    selected: dict[str, set[int]] = defaultdict(set)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            selected[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return dict(selected)


def read_ecbplus(source: str, selected: Iterable[int] | None = None) -> EcbDoc:
    """Parse one ECB+ XML document; ``selected`` limits mentions to those sentences."""
    root = ET.fromstring(source)
    name = root.get("doc_name", "").removesuffix(".xml")
    topic = int(name.split("_")[0])
    where, sentences = _tokens(root)
    chains = _chains(root, name)
    keep = None if selected is None else set(selected)
    mentions = []
    for m_id, tag, anchors in _entity_markables(root):
        places = [where[t] for t in anchors if t in where]
        if not places or (keep is not None and not {s for s, _ in places} <= keep):
            continue
        sentence = places[0][0]  # a mention crossing a sentence keeps its first sentence
        tokens = tuple(sorted({i for s, i in places if s == sentence}))
        chain = chains.get(m_id, f"{name}/{m_id}")
        mentions.append(
            Mention(
                f"{name}/{m_id}", name, topic, tag, sentence, tokens, sentences[sentence], chain
            )
        )
    mentions.sort(key=lambda m: (m.sentence, m.tokens, m.id))
    return EcbDoc(name, topic, tuple(mentions), tuple(sorted(sentences.items())))


def _tokens(root: ET.Element) -> tuple[dict[str, tuple[int, int]], dict[int, tuple[str, ...]]]:
    """t_id → (sentence, position), and each sentence's words in order."""
    where: dict[str, tuple[int, int]] = {}
    words: dict[int, dict[int, str]] = defaultdict(dict)
    for token in root.iter("token"):
        sentence, number = int(token.get("sentence", "0")), int(token.get("number", "0"))
        where[token.get("t_id", "")] = (sentence, number)
        words[sentence][number] = (token.text or "").strip() or "_"
    sentences = {s: tuple(w[i] for i in sorted(w)) for s, w in words.items()}
    # positions are re-counted so that they index the word tuple even if numbers skip
    rank = {s: {n: i for i, n in enumerate(sorted(w))} for s, w in words.items()}
    return {t: (s, rank[s][n]) for t, (s, n) in where.items()}, sentences


def _entity_markables(root: ET.Element) -> list[tuple[str, str, list[str]]]:
    """(m_id, tag, token ids) of every anchored entity markable."""
    markables = root.find("Markables")
    found = []
    for markable in markables if markables is not None else []:
        anchors = [a.get("t_id", "") for a in markable.findall("token_anchor")]
        if anchors and markable.tag.startswith(ENTITY_PREFIXES):
            found.append((markable.get("m_id", ""), markable.tag, anchors))
    return found


def _chains(root: ET.Element, name: str) -> dict[str, str]:
    """m_id → gold chain: the instance id across documents, else the within-document chain."""
    chains: dict[str, str] = {}
    relations = root.find("Relations")
    for relation in relations if relations is not None else []:
        if relation.tag == "CROSS_DOC_COREF":
            chain = relation.get("note", "")
        elif relation.tag == "INTRA_DOC_COREF":
            chain = f"{name}/intra/{relation.get('r_id', '')}"
        else:
            continue
        for source in relation.findall("source"):
            chains[source.get("m_id", "")] = chain
    return chains


def read_corpus(root: Path, topics: Iterable[int] = TEST_TOPICS) -> list[EcbDoc]:
    """The documents of ``topics`` that have listed sentences, sorted by topic and name."""
    selected = read_selection(root / SENTENCES)
    docs = []
    for topic in topics:
        for path in sorted((root / CORPUS / str(topic)).glob("*.xml")):
            if path.stem in selected:
                docs.append(read_ecbplus(path.read_text(encoding="utf-8"), selected[path.stem]))
    return docs


def add_heads(mentions: Sequence[Mention], nlp: Language) -> list[Mention]:
    """Each mention with its head lemma, whether the head is a proper noun, and its name.

    The name (``name_tokens``) is the run of proper-noun tokens around a proper head,
    with the connectors inside it ("Gulf of Aden", "U . S . Surgeon General"): the
    words before it ("in", "the notorious", "defensive tackle") are not the name.
    """
    parsed: dict[tuple[str, int], Doc] = {}
    out = []
    for mention in mentions:
        place = (mention.doc, mention.sentence)
        if place not in parsed:
            parsed[place] = nlp(Doc(nlp.vocab, words=list(mention.words)))
        doc = parsed[place]
        position = entity_head_position(doc, mention.tokens)
        token = doc[position]
        proper = token.tag_ in PROPER_TAGS
        run = name_run(doc, mention.tokens, position) if proper else ()
        head = (token.lemma_ or token.text).lower()
        out.append(dataclasses.replace(mention, head=head, proper=proper, name_tokens=run))
    return out


def head_position(doc: Doc, positions: Sequence[int]) -> int:
    """The mention token with the fewest ancestors in the parse; ties go to the rightmost."""
    return min(positions, key=lambda i: (sum(1 for _ in doc[i].ancestors), -i))


def entity_head_position(doc: Doc, positions: Sequence[int]) -> int:
    """``head_position`` among the mention's content words.

    Function words (``FUNCTION_POS``: the "in" of "in Los Angeles", which ECB+
    location mentions often include) are heads only of mentions made of nothing else.
    """
    content = [i for i in positions if doc[i].pos_ not in FUNCTION_POS]
    return head_position(doc, content or positions)


def name_run(doc: Doc, positions: Sequence[int], head: int) -> tuple[int, ...]:
    """The mention's positions around ``head``: proper nouns, connectors between them, and
    numbers after them ("Internet Explorer 8"); it starts with a proper noun."""
    inside = set(positions)

    def fits(i: int) -> bool:
        return i in inside and (doc[i].tag_ in NAME_TAGS or doc[i].text.lower() in CONNECTORS)

    first = last = head
    while fits(first - 1):
        first -= 1
    while fits(last + 1):
        last += 1
    while doc[first].tag_ not in PROPER_TAGS:
        first += 1
    while doc[last].tag_ not in NAME_TAGS:
        last -= 1
    return tuple(range(first, last + 1))


def group_by(mentions: Sequence[Mention], key: Callable[[Mention], str]) -> list[list[int]]:
    """Clusters of mention indices with the same topic and the same ``key``."""
    groups: dict[tuple[int, str], list[int]] = defaultdict(list)
    for index, mention in enumerate(mentions):
        groups[(mention.topic, key(mention))].append(index)
    return list(groups.values())


def baseline_exact(mentions: Sequence[Mention]) -> list[list[int]]:
    """Within a topic, mentions with the same lower-cased text are one entity."""
    return group_by(mentions, lambda m: m.text.lower())


def baseline_lemma(mentions: Sequence[Mention]) -> list[list[int]]:
    """Within a topic, mentions with the same head lemma are one entity."""
    return group_by(mentions, lambda m: m.head)


def find_resolver() -> tuple[ResolveNames | None, str]:
    """``storyline.resolve.cluster.resolve_names`` when it exists, else None and why not.

    A resolver module that fails to import (it is being written) counts as absent;
    the reason is reported in the figures so the fallback is never silent.
    """
    if importlib.util.find_spec(RESOLVER_MODULE) is None:
        return None, f"{RESOLVER_MODULE} does not exist"
    try:
        module = importlib.import_module(RESOLVER_MODULE)
    except ImportError as exc:
        return None, f"{RESOLVER_MODULE} does not import: {exc}"
    found = getattr(module, RESOLVER_FUNCTION, None)
    if not callable(found):
        return None, f"{RESOLVER_MODULE} has no {RESOLVER_FUNCTION}"
    return found, ""


def system_name(resolver: ResolveNames | None) -> str:
    return "resolve_names+head-lemma" if resolver is not None else "lemma-fallback"


def ours(mentions: Sequence[Mention]) -> list[list[int]]:
    """Our clustering: names through the resolver, other mentions by head lemma, per topic.

    A mention is a name when its head is a proper noun (NNP, NNPS). For each gold
    topic, ``resolve_names`` gets that topic's names as ``NameMention`` values
    (``name_mention``): ``id`` ``"{doc}/{m_id}"``; ``doc`` the document name
    (``"36_1ecb"``); ``start``/``end`` character offsets into the sentence text
    (its tokens joined by single spaces) from the first to the last mention
    token; ``text`` that slice; ``name`` its proper-noun run (``name_run``),
    else its tokens without a leading article or trailing possessive; ``type``
    from ``TYPE_OF_TAG`` (PERSON, ORG, GPE, LOC, else OTHER); ``attrs``
    ``sentence`` (the sentence text), ``topic`` and ``tag`` (the ECB+ tag). It
    returns a partition of the positions of the list it was given (positions it
    leaves out become singletons). Pronouns and common nouns are clustered by
    head lemma within the topic, and each such cluster joins at most one name
    entity (``join_by_head``). Without ``resolve_names`` every mention is
    clustered by head lemma.
    """
    resolver, _ = find_resolver()
    return hybrid(mentions, resolver) if resolver is not None else baseline_lemma(mentions)


def hybrid(mentions: Sequence[Mention], resolver: ResolveNames) -> list[list[int]]:
    """Names through ``resolver`` one topic at a time; the rest by head lemma, joined to names.

    A pronoun or description that within-document coreference linked to a name
    (``refers_to``, see ``ecbplus_coref``) joins that name's entity. A cluster of the
    other mentions joins the name entity of its topic that has most mentions with its
    head lemma ("the church" → "Wasilla Bible Church"; "he" → the person "he" was
    linked to most often in the topic), as the head-lemma baseline joins them, but to
    one name entity only, so it never chains two entities the resolver kept apart.
    """
    names = [i for i, m in enumerate(mentions) if m.proper]
    others = [i for i, m in enumerate(mentions) if not m.proper and not m.refers_to]
    clusters: list[list[int]] = []
    by_topic: dict[int, list[int]] = defaultdict(list)
    for index in names:
        by_topic[mentions[index].topic].append(index)
    for indices in by_topic.values():
        clusters += _resolved(indices, resolver([name_mention(mentions[i]) for i in indices]))
    clusters = join_references(mentions, clusters)
    rest = baseline_lemma([mentions[i] for i in others])
    return join_by_head(mentions, clusters, [[others[j] for j in group] for group in rest])


def join_references(mentions: Sequence[Mention], clusters: list[list[int]]) -> list[list[int]]:
    """Each mention that refers to a name added to that name's cluster."""
    where = {mentions[i].id: number for number, cluster in enumerate(clusters) for i in cluster}
    out = [list(cluster) for cluster in clusters]
    for index, mention in enumerate(mentions):
        if mention.refers_to and not mention.proper:
            if mention.refers_to in where:
                out[where[mention.refers_to]].append(index)
            else:
                out.append([index])
    return out


def join_by_head(
    mentions: Sequence[Mention], names: list[list[int]], others: list[list[int]]
) -> list[list[int]]:
    """Each cluster of ``others`` (one head lemma) added to the ``names`` cluster of its
    topic with most mentions of that head (the first on a tie), or kept apart."""
    best: dict[tuple[int, str], tuple[int, int]] = {}
    for number, cluster in enumerate(names):
        for head, count in Counter(mentions[i].head for i in cluster).items():
            key = (mentions[cluster[0]].topic, head)
            if key not in best or count > best[key][0]:
                best[key] = (count, number)
    out = [list(cluster) for cluster in names]
    for cluster in others:
        found = best.get((mentions[cluster[0]].topic, mentions[cluster[0]].head))
        if found is None:
            out.append(cluster)
        else:
            out[found[1]] += cluster
    return out


def _resolved(indices: list[int], groups: Sequence[Sequence[int]]) -> list[list[int]]:
    """The resolver's groups in corpus indices; positions it left out as singletons."""
    clusters = [[indices[j] for j in group] for group in groups if group]
    covered = {j for group in groups for j in group}
    return clusters + [[index] for j, index in enumerate(indices) if j not in covered]


def name_mention(mention: Mention) -> NameMention:
    """What the resolver is given for one name (see ``ours``)."""
    starts, cursor = [], 0
    for word in mention.words:
        starts.append(cursor)
        cursor += len(word) + 1
    sentence = " ".join(mention.words)
    first, last = mention.tokens[0], mention.tokens[-1]
    start, end = starts[first], starts[last] + len(mention.words[last])
    attrs = (("sentence", sentence), ("topic", str(mention.topic)), ("tag", mention.tag))
    type_ = TYPE_OF_TAG.get(mention.tag, "OTHER")
    return NameMention(
        mention.id, mention.doc, start, end, sentence[start:end], clean_name(mention), type_, attrs
    )


def clean_name(mention: Mention) -> str:
    """The mention's name: its proper-noun run, else its words less an article or possessive."""
    if mention.name_tokens:
        return " ".join(mention.words[i] for i in mention.name_tokens)
    words = [mention.words[i] for i in mention.tokens]
    while len(words) > 1 and words[0].lower() in NAME_EDGES:
        words = words[1:]
    while len(words) > 1 and words[-1].lower() in NAME_EDGES:
        words = words[:-1]
    return " ".join(words)


def gold_partition(mentions: Sequence[Mention]) -> list[list[int]]:
    """The gold entities as clusters of mention indices."""
    chains: dict[str, list[int]] = defaultdict(list)
    for index, mention in enumerate(mentions):
        chains[mention.chain].append(index)
    return list(chains.values())


def evaluate(mentions: Sequence[Mention], system: System) -> dict[str, float]:
    """MUC, B³, CEAF-e and CoNLL figures of ``system`` against the gold entities."""
    return conll(gold_partition(mentions), system(mentions))


def score_docs(docs: Sequence[EcbDoc], nlp: Language) -> dict[str, Any]:
    """Our figures over ``docs`` with both baselines', and the corpus counts."""
    from storyline.eval.ecbplus_coref import add_references  # it reads this module's tables

    heads = add_heads([m for doc in docs for m in doc.mentions], nlp)
    mentions = add_references(docs, heads, nlp)
    result: dict[str, Any] = dict(evaluate(mentions, ours))
    result["without_coreference"] = evaluate(heads, ours)
    result["linked_by_coreference"] = sum(1 for m in mentions if m.refers_to)
    resolver, why = find_resolver()
    result["system"] = system_name(resolver)
    if why:
        result["fallback_reason"] = why
    result["baseline_exact"] = evaluate(mentions, baseline_exact)
    result["baseline_lemma"] = evaluate(mentions, baseline_lemma)
    counts = {
        "mentions": len(mentions),
        "entities": len(gold_partition(mentions)),
        "documents": len(docs),
        "topics": len({doc.topic for doc in docs}),
    }
    return result | counts


def score(data: Path | None, split: str = "test") -> dict[str, Any]:
    """ECB+ topics of ``split`` (test: 36–45), gold entity mentions, clustered per gold topic."""
    if split not in SPLITS:
        raise ValueError(f"unknown ECB+ split {split!r}; choose one of: {', '.join(SPLITS)}")
    root = Path(data) if data else Path("../shared/datasets/ecbplus")
    docs = read_corpus(root, SPLITS[split])
    result = score_docs(docs, load_model(Settings().spacy_model))
    topics = SPLITS[split]
    label = (
        f"{split} {min(topics)}-{max(topics)}"
        if split == "test"
        else f"{split} {len(topics)} topics"
    )
    return result | {"split": label, "clustering": "per gold topic", "singletons": True}


_: Scorer = score
