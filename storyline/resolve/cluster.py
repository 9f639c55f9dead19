"""Cross-document clustering of document clusters into entities, with constraints.

1. Blocking (``blocking.py``): items sharing a key of their names, of one type
   class, are compared; organisations and places are keyed by their rarest words
   only, and keys shared by too many items are dropped.
2. Scoring: persons by name similarity of the best pair of full names, with
   given-name compatibility a hard constraint; organisations and places by the
   weight of the words their names share (``weights.py``: common words such as
   "University" or "City" weigh little, a one-word name never matches a longer
   one). Then small bonuses for shared titles, co-mentioned entities and outlet.
3. Clustering (``groups.py``): pairs at or above the threshold of their kind
   (``MERGE_THRESHOLD`` for persons, ``WORDS_THRESHOLD`` for others), best first,
   join groups unless a constraint forbids it: persons' given names must be
   compatible across the whole group, organisations' and places' groups must have
   compatible names, and no split judgement may separate them. Merge judgements
   are applied first.

Items whose names have one skeleton join at once and are scored once. A name of
one word (a person's surname, "Colts" for "Indianapolis Colts") is never merged
across documents by that word alone: ``oneword.py`` joins it afterwards only where
the documents share context.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

from storyline.nlp import names, translit
from storyline.nlp.corrections import cluster_names
from storyline.nlp.mentions import Mention
from storyline.resolve import similarity
from storyline.resolve.blocking import Key, candidate_pairs, rare_word_keys
from storyline.resolve.groups import Features, Groups, compatible_given, given_names
from storyline.resolve.items import cut_title, fullest_name, item_key, unique_keys, with_context
from storyline.resolve.judgements import Judgement
from storyline.resolve.model import PERSON, TYPE_CLASS, DocCluster, Link, NameMention, Stats
from storyline.resolve.oneword import attach_one_words
from storyline.resolve.weights import (
    Words,
    WordWeights,
    count_words,
    name_words,
    weighted_similarity,
)

# Persons: two items join at this score (name similarity plus bonuses) or above.
MERGE_THRESHOLD = 0.88
# Organisations and places: the same, for their weighted name score (``weights.py``).
# Tuned on ECB+ train and dev topics (0.72 and 0.78 tie there; 0.78 keeps the scale
# benchmark's pairwise precision at 0.94 rather than 0.92).
WORDS_THRESHOLD = 0.78
# Bonuses added to the name score (capped at 1): shared context says "same one".
CONTEXT_WEIGHT = 0.06
TITLE_WEIGHT = 0.03
OUTLET_WEIGHT = 0.01
# The most the bonuses add: a pair whose name score is below the threshold by more
# than this cannot join, and its given names are not checked.
MAX_BONUS = CONTEXT_WEIGHT + TITLE_WEIGHT + OUTLET_WEIGHT
# Features of a join between two items whose names have one skeleton.
SAME: Features = (("name", 1.0),)
# Offsets between stand-in mentions in ``resolve_names`` (order is all that matters).
STAND_IN_STRIDE = 100_000


@dataclasses.dataclass(frozen=True)
class Profile:
    """What scoring needs of one item, computed once."""

    index: int
    kind: str  # type class
    names: tuple[str, ...]  # the names it may be matched by (full names for persons)
    words: tuple[Words, ...]  # others: each name's words (``weights.name_words``)
    given: Mapping[str, str]  # persons: given names of its full names, by skeleton
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
    ordered = tuple(sorted(found))
    words = () if item.type == PERSON else tuple(sorted({name_words(n) for n in ordered}))
    return Profile(
        index,
        TYPE_CLASS.get(item.type, item.type),
        ordered,
        words,
        given_names(item),
        frozenset(translit.skeleton(c) for c in item.context),
        frozenset(names.fold(t) for t in item.titles),
        item.outlet,
    )


def profile_keys(prof: Profile, weights: WordWeights) -> set[Key]:
    """Blocking keys of a profile: every word of a person's, the rare words of others'."""
    if prof.kind == PERSON:
        found = {k for n in prof.names for k in similarity.blocking_keys(n)}
    else:
        found = {k for n in prof.names for k in rare_word_keys(n, name_words(n), weights)}
    return {(prof.kind, key) for key in found}


def sort_orders(prof: Profile) -> tuple[str, str]:
    """A profile's first name's skeleton, words in order and reversed (for large buckets)."""
    words = translit.skeleton_words(prof.names[0]) if prof.names else ()
    return " ".join(words), " ".join(reversed(words))


def name_score(a: Profile, b: Profile, weights: WordWeights) -> float:
    """The best name score over the two profiles' names (kind by kind, see the module)."""
    if a.kind == PERSON:
        return max(similarity.name_similarity(x, y) for x in a.names for y in b.names)
    return max(weighted_similarity(x, y, weights) for x in a.words for y in b.words)


def score_pair(a: Profile, b: Profile, weights: WordWeights) -> tuple[float, Features]:
    """Score and features of two profiles; 0 when a constraint forbids the pair.

    A pair whose name score is too low to reach its ``threshold`` with every
    bonus gets its name score alone (its given names are not checked).
    """
    name = name_score(a, b, weights)
    if name + MAX_BONUS < threshold(a):
        return round(name, 4), (("name", round(name, 4)),)
    if a.kind == PERSON and not compatible_given(a.given, b.given):
        return 0.0, (("given_names", 0.0),)
    context = _jaccard(a.context, b.context)
    title = 1.0 if a.titles & b.titles else 0.0
    outlet = 1.0 if a.outlet and a.outlet == b.outlet else 0.0
    bonus = CONTEXT_WEIGHT * min(1.0, 2 * context) + TITLE_WEIGHT * title
    total = min(1.0, name + bonus + OUTLET_WEIGHT * outlet)
    features = (("name", round(name, 4)), ("context", round(context, 4)), ("title", title))
    return round(total, 4), (*features, ("outlet", outlet))


def threshold(prof: Profile) -> float:
    """The score a pair of this profile's kind must reach to join."""
    return MERGE_THRESHOLD if prof.kind == PERSON else WORDS_THRESHOLD


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def corpus_weights(profiles: Iterable[Profile]) -> WordWeights:
    """Word weights over the distinct names of organisations and places being resolved."""
    return count_words(w for prof in profiles for w in prof.words)


# Scored pairs at or above their threshold, best first: (a, b, score, features).
Scored = list[tuple[Profile, Profile, float, Features]]
# Blocking and scoring of profiles (``scored_pairs`` here; the Spark engine has its own).
Scorer = Callable[[Sequence[Profile], WordWeights, Stats], Scored]


# The rule of the joins that hold a stored entity together in an incremental pass.
STORED = "stored"


def resolve(
    items: Sequence[DocCluster],
    judgements: Sequence[Judgement] = (),
    *,
    weights: WordWeights | None = None,
    scorer: Scorer | None = None,
    fixed: Sequence[Sequence[int]] = (),
    counts: Mapping[int, int] | None = None,
) -> tuple[list[Link], Stats]:
    """Every item's entity, with the evidence of how it joined.

    ``weights`` default to the words of these items' names (``corpus_weights``);
    ``scorer`` (blocking and scoring) to ``scored_pairs``. An incremental pass
    (``incremental.py``) gives ``fixed``: groups of positions that are one stored
    entity already, joined first (rule ``STORED``); and ``counts``: how many stored
    items each position stands for, so that groups' representative names are those
    of the whole entity.
    """
    stats = Stats(items=len(items))
    profiles = [p for i, item in enumerate(items) if (p := profile(i, item)) is not None]
    weights = weights or corpus_weights(profiles)
    groups = Groups(items, judgements, weights, counts=counts)
    for members in fixed:
        for other in members[1:]:
            groups.join(members[0], other, 1.0, (), STORED, forced=True)
    unique: dict[tuple[str, tuple[str, ...]], Profile] = {}
    to_pair = []
    for prof in profiles:  # one name spelt alike: joined at once, paired once
        key = (prof.kind, tuple(sorted({translit.skeleton(n) for n in prof.names})))
        first = unique.setdefault(key, prof)
        if first is prof or not groups.join(first.index, prof.index, 1.0, SAME, "same-name"):
            to_pair.append(prof)
        else:
            stats.merges += 1
    for a, b, score, features in (scorer or scored_pairs)(to_pair, weights, stats):
        if groups.join(a.index, b.index, score, features, "score"):
            stats.merges += 1
    stats.merges += attach_one_words(items, groups)
    return groups.links(), stats


def scored_pairs(
    profiles: Sequence[Profile],
    weights: WordWeights,
    stats: Stats,
    *,
    new_from: int | None = None,
) -> Scored:
    """Candidate pairs (``blocking.candidate_pairs``) that reach their threshold, best first.

    With ``new_from`` (an item index: an incremental pass) only pairs with an item at
    or after it are blocked and scored.
    """
    scored = []
    keys = [profile_keys(prof, weights) for prof in profiles]
    orders = [sort_orders(prof) for prof in profiles]
    first = None
    if new_from is not None:  # profiles come in item order
        first = next((p for p, prof in enumerate(profiles) if prof.index >= new_from), len(keys))
    for i, j in candidate_pairs(keys, stats, orders, new_from=first):
        score, features = score_pair(profiles[i], profiles[j], weights)
        if score >= threshold(profiles[i]):
            scored.append((profiles[i], profiles[j], score, features))
    return sorted(scored, key=lambda s: (-s[2], s[0].index, s[1].index))


def resolve_names(mentions: Sequence[NameMention]) -> list[list[int]]:
    """Resolve bare name mentions (given in document order) into groups of positions.

    For data without our analysis (benchmarks with gold mentions), done as the
    analysis would: titles are cut off persons' names and kept as titles
    (``items.cut_title``); inside each document the mentions are clustered (a
    surname or given name alone joins the full name it abbreviates); each cluster
    gets the names of the document's other clusters as context; then the
    documents' clusters are resolved across documents.
    """
    items, members = _bare_items([_titled(m) for m in mentions])
    links, _ = resolve(items)
    entity_of = {link.cluster: link.entity for link in links}
    groups: dict[str, list[int]] = defaultdict(list)
    for item, positions in zip(items, members, strict=True):
        groups[entity_of[item.key]] += positions
    return sorted(sorted(g) for g in groups.values())


def _titled(mention: NameMention) -> NameMention:
    """A person's mention with its leading title cut off its name and kept as an attribute."""
    name, title = cut_title(mention.name) if mention.type == PERSON else (mention.name, "")
    if not title:
        return mention
    return dataclasses.replace(mention, name=name, attrs=(*mention.attrs, ("title", title)))


def _bare_items(mentions: Sequence[NameMention]) -> tuple[list[DocCluster], list[list[int]]]:
    """Each document's clusters as items (with context), and the positions in each."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for position, mention in enumerate(mentions):
        by_doc[mention.doc].append(position)
    items: list[DocCluster] = []
    members: list[list[int]] = []
    for doc, positions in by_doc.items():
        for group in _document_clusters([mentions[p] for p in positions]):
            chosen = [mentions[positions[i]] for i in group]
            name, kind = fullest_name(chosen), chosen[0].type
            titles = tuple(sorted({v for m in chosen for k, v in m.attrs if k == "title"}))
            key = item_key(doc, kind, name)
            items.append(DocCluster(key, doc, kind, name, tuple(chosen), titles=titles))
            members.append([positions[i] for i in group])
    return with_context(unique_keys(items)), members


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
