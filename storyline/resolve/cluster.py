"""Cross-document clustering of document clusters into entities, with constraints.

1. Blocking: every item's names give keys (``similarity.blocking_keys``); only items
   sharing a key, of one type class, are compared, so the pairs grow with the
   corpus, not with its square. Keys shared by more than ``BUCKET_LIMIT`` items
   are too common to block on and are skipped (counted in the stats).
2. Scoring: name similarity of the best pair of full names, given-name
   compatibility for persons (a hard constraint), then small bonuses for shared
   titles, co-mentioned entities and outlet.
3. Clustering: pairs at or above ``MERGE_THRESHOLD``, best first, join groups
   unless a constraint forbids it: two persons' given names must be compatible
   across the whole group (so "K. Bakiyev" cannot chain Kurmanbek to Janysh), and
   no split judgement may separate them. Merge judgements are applied first.

A person known in a document only by one word (a surname or a given name) is
never merged across documents by that word alone: it stays its own entity.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence

from storyline.hashing import content_id
from storyline.nlp import names, translit
from storyline.nlp.corrections import cluster_names
from storyline.nlp.mentions import Mention
from storyline.resolve import similarity
from storyline.resolve.items import fullest_name, item_key, unique_keys
from storyline.resolve.judgements import MERGE, SPLIT, Judgement, KeySets
from storyline.resolve.model import DocCluster, Link, NameMention, Stats

PERSON = "PERSON"
# Types that may be one entity: a country is a GPE in one article and a LOC in another.
TYPE_CLASS = {"GPE": "PLACE", "LOC": "PLACE"}
MERGE_THRESHOLD = 0.88
# Keys shared by more items than this are not used for blocking.
BUCKET_LIMIT = 400
# Bonuses added to the name score (capped at 1): shared context says "same one".
CONTEXT_WEIGHT = 0.06
TITLE_WEIGHT = 0.03
OUTLET_WEIGHT = 0.01
# Features of a join between two items whose names have one skeleton.
SAME: tuple[tuple[str, float], ...] = (("name", 1.0),)
# Context two documents must share before a one-word name in one joins the other's entity.
SURNAME_CONTEXT = 0.05
# Offsets between stand-in mentions in ``resolve_names`` (order is all that matters).
STAND_IN_STRIDE = 100_000


@dataclasses.dataclass(frozen=True)
class Profile:
    """What scoring needs of one item, computed once."""

    index: int
    kind: str  # type class
    names: tuple[str, ...]  # the names it may be matched by (full names for persons)
    given: frozenset[str]  # persons: first words of its full names
    context: frozenset[str]
    titles: frozenset[str]
    outlet: str | None


def profile(index: int, item: DocCluster) -> Profile | None:
    """The item's profile, or None when it may not be merged across documents."""
    found = {m.name for m in item.mentions} | {item.name}
    if item.type == PERSON:
        found = {n for n in found if len(n.split()) > 1}
        if not found:
            return None
    return Profile(
        index,
        TYPE_CLASS.get(item.type, item.type),
        tuple(sorted(found)),
        frozenset(n.split()[0] for n in found) if item.type == PERSON else frozenset(),
        frozenset(translit.skeleton(c) for c in item.context),
        frozenset(names.fold(t) for t in item.titles),
        item.outlet,
    )


def candidate_pairs(profiles: Sequence[Profile], stats: Stats) -> set[tuple[int, int]]:
    """Pairs of profile positions that share a blocking key and a type class."""
    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
    for position, prof in enumerate(profiles):
        keys = {k for n in prof.names for k in similarity.blocking_keys(n)}
        for key in keys:
            buckets[(prof.kind, key)].append(position)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) > BUCKET_LIMIT:
            stats.skipped_keys += 1
            continue
        pairs.update(itertools.combinations(members, 2))
    stats.pairs = len(pairs)
    return pairs


def score_pair(a: Profile, b: Profile) -> tuple[float, tuple[tuple[str, float], ...]]:
    """Score and features of two profiles; 0 when a constraint forbids the pair."""
    if a.kind == PERSON and not _given_compatible(a.given, b.given):
        return 0.0, (("given_names", 0.0),)
    name = max(similarity.name_similarity(x, y) for x in a.names for y in b.names)
    context = _jaccard(a.context, b.context)
    title = 1.0 if a.titles & b.titles else 0.0
    outlet = 1.0 if a.outlet and a.outlet == b.outlet else 0.0
    bonus = CONTEXT_WEIGHT * min(1.0, 2 * context) + TITLE_WEIGHT * title
    total = min(1.0, name + bonus + OUTLET_WEIGHT * outlet)
    features = (("name", round(name, 4)), ("context", round(context, 4)), ("title", title))
    return round(total, 4), (*features, ("outlet", outlet))


def _given_compatible(a: Iterable[str], b: Iterable[str]) -> bool:
    return all(similarity.given_names_compatible(x, y) for x in a for y in b)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclasses.dataclass
class Group:
    """A growing entity: its items and what constrains further merges."""

    items: list[int]
    given: set[str]
    link: dict[int, tuple[float, tuple[tuple[str, float], ...], str]]


def resolve(
    items: Sequence[DocCluster], judgements: Sequence[Judgement] = ()
) -> tuple[list[Link], Stats]:
    """Every item's entity, with the evidence of how it joined."""
    stats = Stats(items=len(items))
    profiles = [p for i, item in enumerate(items) if (p := profile(i, item)) is not None]
    groups = _Groups(items, judgements)
    unique: dict[tuple[str, tuple[str, ...]], Profile] = {}
    to_pair = []
    for prof in profiles:  # one name spelt alike: joined at once, paired once
        key = (prof.kind, tuple(sorted({translit.skeleton(n) for n in prof.names})))
        first = unique.setdefault(key, prof)
        if first is prof or not groups.join(first.index, prof.index, 1.0, SAME, "same-name"):
            to_pair.append(prof)
        else:
            stats.merges += 1
    for a, b, score, features in _scored(to_pair, stats):
        if groups.join(a.index, b.index, score, features, "score"):
            stats.merges += 1
    stats.merges += _attach_surnames(items, profiles, groups)
    return groups.links(), stats


def _attach_surnames(
    items: Sequence[DocCluster], profiles: Sequence[Profile], groups: _Groups
) -> int:
    """A person known in a document by one word joins the one entity it can mean.

    Never by the word alone: exactly one entity may have a full name ending in it
    (or starting with it), and the two documents must share context (co-mentioned
    names, titles or outlet) of at least ``SURNAME_CONTEXT``.
    """
    full: dict[str, set[int]] = defaultdict(set)
    for prof in profiles:
        if prof.kind == PERSON:
            for name in prof.names:
                parts = translit.skeleton_words(name)
                for word in {parts[0], parts[-1]} if parts else ():
                    full[word].add(prof.index)
    attached = 0
    for index, item in enumerate(items):
        parts = translit.skeleton_words(item.name)
        if item.type != PERSON or len(parts) != 1 or parts[0] not in full:
            continue
        owners = {id(groups.of[i]): i for i in full[parts[0]]}
        if len(owners) != 1:
            continue  # a surname several entities share: "Bakiyev" of a family
        target = next(iter(owners.values()))
        context = _shared_context(item, [items[i] for i in groups.of[target].items])
        if context >= SURNAME_CONTEXT:
            features = (("one_word", 1.0), ("context", round(context, 4)))
            attached += groups.join(target, index, round(context, 4), features, "one-word+context")
    return attached


def _shared_context(item: DocCluster, others: Sequence[DocCluster]) -> float:
    """Jaccard of co-mentioned names, plus a shared title or outlet, capped at 1."""
    mine = {translit.skeleton(c) for c in item.context}
    theirs = {translit.skeleton(c) for other in others for c in other.context}
    titles = {names.fold(t) for t in item.titles} & {
        names.fold(t) for other in others for t in other.titles
    }
    outlet = any(item.outlet and item.outlet == other.outlet for other in others)
    return min(
        1.0, _jaccard(frozenset(mine), frozenset(theirs)) + 0.1 * bool(titles) + 0.05 * outlet
    )


def _scored(
    profiles: Sequence[Profile], stats: Stats
) -> list[tuple[Profile, Profile, float, tuple[tuple[str, float], ...]]]:
    scored = []
    for i, j in candidate_pairs(profiles, stats):
        score, features = score_pair(profiles[i], profiles[j])
        if score >= MERGE_THRESHOLD:
            scored.append((profiles[i], profiles[j], score, features))
    return sorted(scored, key=lambda s: (-s[2], s[0].index, s[1].index))


class _Groups:
    """Union of items into groups under the merge and split constraints."""

    def __init__(self, items: Sequence[DocCluster], judgements: Sequence[Judgement]) -> None:
        self.items = items
        self.of: dict[int, Group] = {}
        for index, item in enumerate(items):
            given = {m.name.split()[0] for m in item.mentions if len(m.name.split()) > 1}
            group = Group([index], given if item.type == PERSON else set(), {})
            group.link[index] = (1.0, (), "anchor")
            self.of[index] = group
        position = {item.key: i for i, item in enumerate(items)}
        self.never: set[tuple[int, int]] = set()
        for judgement in judgements:
            left = [position[k] for k in judgement.left if k in position]
            right = [position[k] for k in judgement.right if k in position]
            if judgement.kind == SPLIT:
                self.never.update((a, b) for a in left for b in right)
                self.never.update((b, a) for a in left for b in right)
        self._apply_merges(judgements, position)

    def _apply_merges(self, judgements: Sequence[Judgement], position: dict[str, int]) -> None:
        sets = KeySets()
        for judgement in (j for j in judgements if j.kind == MERGE):
            keys = [k for k in (*judgement.left, *judgement.right) if k in position]
            for key in keys[1:]:
                if sets.find(keys[0]) != sets.find(key):
                    sets.union(keys[0], key)
                    rule = f"judgement:{judgement.id}"
                    self.join(position[keys[0]], position[key], 1.0, (), rule, forced=True)

    def join(
        self,
        a: int,
        b: int,
        score: float,
        features: tuple[tuple[str, float], ...],
        rule: str,
        *,
        forced: bool = False,
    ) -> bool:
        """Join the groups of ``a`` and ``b`` unless a constraint forbids it."""
        first, second = self.of[a], self.of[b]
        if first is second:
            return False
        if any((x, y) in self.never for x in first.items for y in second.items):
            return False
        if not forced and not _given_compatible(first.given, second.given):
            return False
        if len(first.items) < len(second.items):
            first, second, a, b = second, first, b, a
        for index in second.items:
            self.of[index] = first
            if index == b:
                first.link[index] = (score, features, rule)
            else:
                first.link[index] = second.link[index]
        first.items += second.items
        first.given |= second.given
        return True

    def links(self) -> list[Link]:
        out = []
        seen: set[int] = set()
        for group in self.of.values():
            if id(group) in seen:
                continue
            seen.add(id(group))
            entity = content_id("e", min(self.items[i].key for i in group.items))
            for index in sorted(group.items):
                score, features, rule = group.link[index]
                out.append(Link(self.items[index].key, entity, score, features, rule))
        return sorted(out, key=lambda link: link.cluster)


def resolve_names(mentions: Sequence[NameMention]) -> list[list[int]]:
    """Resolve bare name mentions (given in document order) into groups of positions.

    For data without our analysis (benchmarks with gold mentions): inside each
    document the mentions are clustered as the analysis does (a surname or given
    name alone joins the full name it abbreviates), then the documents' clusters
    are resolved across documents.
    """
    by_doc: dict[str, list[int]] = defaultdict(list)
    for position, mention in enumerate(mentions):
        by_doc[mention.doc].append(position)
    items: list[DocCluster] = []
    members: list[list[int]] = []
    for doc, positions in by_doc.items():
        for group in _document_clusters([mentions[p] for p in positions]):
            chosen = [mentions[positions[i]] for i in group]
            name = fullest_name(chosen)
            kind = chosen[0].type
            items.append(DocCluster(item_key(doc, kind, name), doc, kind, name, tuple(chosen)))
            members.append([positions[i] for i in group])
    links, _ = resolve(unique_keys(items))
    entity_of = {link.cluster: link.entity for link in links}
    groups: dict[str, list[int]] = defaultdict(list)
    for item, positions in zip(unique_keys(items), members, strict=True):
        groups[entity_of[item.key]] += positions
    return sorted(sorted(g) for g in groups.values())


def _document_clusters(mentions: list[NameMention]) -> list[list[int]]:
    """Positions in ``mentions`` grouped as the analysis's name links would group them."""
    stand_ins = [
        Mention(i * STAND_IN_STRIDE, i * STAND_IN_STRIDE + len(m.name), m.name, m.type)
        for i, m in enumerate(mentions)
    ]
    clustered = cluster_names(stand_ins)
    groups: dict[int, list[int]] = defaultdict(list)
    for mention in clustered:
        groups[mention.cluster].append(mention.start // STAND_IN_STRIDE)
    return list(groups.values())
