"""Incremental resolution: new and changed documents resolved against the stored entities.

A full resolution compares every item of the corpus: at 100k articles (1.2 M items)
that is minutes and gigabytes on every build. So the store keeps, per resolved item,
what resolution reads of it (``compact``: its names, titles, context, outlet), the
blocking keys other items may find it by (``stored_keys``, with its two sort orders),
a skeleton of its names, and, for the word weights, the distinct names of
organisations and places with how many items carry each. A later pass resolves

1. the new items (documents analysed since the last resolution);
2. against the entities they may join, found the way a full pass blocks
   (``candidates``): every entity with an item under a new item's key when the key has
   at most ``ALL_PAIRS_LIMIT`` items, the ``WINDOW`` nearest items in each sort order
   when it has up to ``BUCKET_LIMIT``, none beyond; for a one-word name, up to two
   entities it may stand for (two mean it stands for neither). Such an entity is
   read as **exemplars**, one item per name skeleton (others spelt alike join it the
   same way), weighted by how many items each stands for, and held together: new
   items join it, and may join two stored entities into one, but it is not split;
3. every item of each entity that lost an item (its document removed or
   re-analysed), or that a caller names (``touch``: a judgement's entities): these
   are resolved again whole, free to come apart.

Only pairs with a new or reopened item are scored. The write is a patch: links and
state of the new and reopened items, the changed links of exemplars, and renames of
stored entities whose smallest item key changed (an entity's id is the content id of
its smallest item key, as in a full pass). Untouched entities keep id and evidence.

Where it may differ from a full pass of the same corpus (``resolve_mode = "full"``):
stored entities are not compared again among themselves, nor split, unless reopened,
though new items shift word weights; neighbour windows are taken within each key's
stored items.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from storyline.nlp import names, translit
from storyline.resolve.blocking import ALL_PAIRS_LIMIT, BUCKET_LIMIT, WINDOW
from storyline.resolve.cluster import (
    STORED,
    Profile,
    Scorer,
    profile,
    profile_keys,
    resolve,
    scored_pairs,
    sort_orders,
)
from storyline.resolve.items import doc_of
from storyline.resolve.judgements import Judgement
from storyline.resolve.model import (
    PERSON,
    TYPE_CLASS,
    DocCluster,
    ItemState,
    Link,
    NameMention,
    ResolutionWrite,
    Stats,
)
from storyline.resolve.oneword import one_word, owner_words
from storyline.resolve.similarity import MIN_KEY_LETTERS, blocking_keys
from storyline.resolve.weights import WordWeights, count_words, name_words
from storyline.store.base import Store

# ``resolve_mode = "auto"`` resolves incrementally while the documents to resolve or
# forget are at most this share of those resolved; beyond it a full pass costs little more.
INCREMENTAL_SHARE = 0.25
# Entities a one-word name's owner word is looked up among: two mean it names neither.
OWNERS = 2


def compact(item: DocCluster) -> str:
    """What resolution reads of an item, as JSON (its mentions only by their names)."""
    return json.dumps(
        {
            "type": item.type,
            "name": item.name,
            "names": sorted({m.name for m in item.mentions}),
            "outlet": item.outlet,
            "titles": list(item.titles),
            "context": list(item.context),
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def from_compact(key: str, doc: str, data: str) -> DocCluster:
    """The item again from ``compact``: one stand-in mention per distinct name."""
    value = json.loads(data)
    kind = str(value["type"])
    mentions = tuple(NameMention("", doc, 0, 0, name, name, kind) for name in value["names"])
    return DocCluster(
        key,
        doc,
        kind,
        str(value["name"]),
        mentions,
        value["outlet"],
        tuple(value["titles"]),
        tuple(value["context"]),
    )


def _kind(item: DocCluster) -> str:
    return TYPE_CLASS.get(item.type, item.type)


def stored_keys(item: DocCluster, prof: Profile | None) -> set[str]:
    """Every key a later item may find this one by.

    A person's are its scoring keys. An organisation's or place's are the keys of
    every long word of its names, not only its rarest ``KEYED_WORDS`` as in a full
    resolution: which words are rarest changes as the corpus grows. Plus its owner
    words (the words a one-word name may stand for it by), for a one-word item its
    word, and its names (``name_keys``: for looking entities up by name).
    """
    found: set[str] = set()
    if prof is not None and prof.kind == PERSON:
        found |= {f"p|{kind}|{key}" for kind, key in profile_keys(prof, _NO_WEIGHTS)}
    elif prof is not None:
        for name in prof.names:
            long = [w for w in name_words(name) if len(w) >= MIN_KEY_LETTERS]
            keys = {k for w in long for k in blocking_keys(w)} if long else blocking_keys(name)
            found |= {f"p|{prof.kind}|{key}" for key in keys}
    return found | _word_keys(item, query=False) | name_keys(item)


def name_keys(item: DocCluster) -> set[str]:
    """``n|`` and each name the item is called by, folded: how a reference finds it."""
    return {f"n|{names.fold(n)}" for n in {m.name for m in item.mentions} | {item.name}}


def query_keys(item: DocCluster, prof: Profile | None, weights: WordWeights) -> set[str]:
    """The keys a new item looks stored items up by (those a full resolution blocks on)."""
    found = {f"p|{kind}|{key}" for kind, key in profile_keys(prof, weights)} if prof else set()
    return found | _word_keys(item, query=True)


def _word_keys(item: DocCluster, *, query: bool) -> set[str]:
    """One-word matching: ``o|`` an owner word of a longer name, ``1|`` a one-word name.

    Stored: a longer item under its owner words, a one-word item under its word. A
    new one-word item looks up both with its word (the entities it may stand for, the
    one-word items spelt alike); a new longer item looks up the one-word items its
    owner words may stand for.
    """
    kind = _kind(item)
    owners = owner_words(item)
    found = {f"{'1' if query else 'o'}|{kind}|{word}" for word in owners}
    if word := one_word(item):
        found |= {f"1|{kind}|{word}", f"o|{kind}|{word}"} if query else {f"1|{kind}|{word}"}
    return found


_NO_WEIGHTS = WordWeights({}, 0)  # persons' keys do not read weights


def item_names(prof: Profile | None) -> tuple[str, ...]:
    """An organisation's or place's names as the weights count them (persons: none)."""
    return tuple(" ".join(words) for words in prof.words) if prof else ()


def skeleton(item: DocCluster, prof: Profile | None) -> str:
    """Kind and names' skeletons: items that resolution joins at once as spelt alike."""
    found = prof.names if prof else (item.name,)
    return "|".join((_kind(item), *sorted({translit.skeleton(n) for n in found})))


def item_state(item: DocCluster, prof: Profile | None) -> ItemState:
    """The item's stored state; only scoring keys (``p|``) carry its sort orders."""
    orders = sort_orders(prof) if prof else ("", "")
    keys = tuple(
        (key, *(orders if key.startswith("p|") else ("", "")))
        for key in sorted(stored_keys(item, prof))
    )
    return ItemState(
        item.key, item.doc, compact(item), keys, item_names(prof), skeleton(item, prof)
    )


def weights_of(counts: Counter[str]) -> WordWeights:
    """Word weights from distinct names (space-joined words) and how many items carry each."""
    return count_words(tuple(name.split()) for name, n in counts.items() if n > 0)


def states(items: Sequence[DocCluster]) -> list[ItemState]:
    return [item_state(item, profile(i, item)) for i, item in enumerate(items)]


def full_write(
    items: Sequence[DocCluster],
    docs: Sequence[str],
    judgements: Sequence[Judgement],
    resolver: str,
    *,
    scorer: Scorer | None = None,
) -> tuple[ResolutionWrite, Stats]:
    """Resolve every item of the corpus; the write replaces the stored resolution."""
    links, stats = resolve(items, judgements, scorer=scorer)
    canonical = list(canonical_rows(items, links))
    return ResolutionWrite(links, canonical, states(items), tuple(docs), resolver), stats


def canonical_rows(
    items: Iterable[DocCluster], links: Iterable[Link]
) -> Iterator[tuple[str, str, str]]:
    """(mention, entity, item) for every mention of the items."""
    entity_of = {link.cluster: link.entity for link in links}
    for item in items:
        for mention in item.mentions:
            yield mention.id, entity_of[item.key], item.key


@dataclasses.dataclass
class Pass:
    """The items of one incremental pass, in resolution's order, and what they stand for."""

    items: list[DocCluster] = dataclasses.field(default_factory=list)
    stored: dict[int, Link] = dataclasses.field(default_factory=dict)  # exemplars' links
    counts: dict[int, int] = dataclasses.field(default_factory=dict)  # items each stands for
    fixed: dict[str, list[int]] = dataclasses.field(default_factory=dict)  # entity → exemplars

    def add_exemplar(self, link: Link, profile_json: str, count: int) -> None:
        index = len(self.items)
        self.items.append(from_compact(link.cluster, doc_of(link.cluster), profile_json))
        self.stored[index] = link
        self.counts[index] = count
        self.fixed.setdefault(link.entity, []).append(index)


def incremental_write(
    store: Store,
    new_items: Sequence[DocCluster],
    *,
    pending: Sequence[str],
    stale: Sequence[str],
    judgements: Sequence[Judgement],
    resolver: str,
    touch: Sequence[str] = (),
) -> tuple[ResolutionWrite, Stats]:
    """Resolve the new items against the stored entities (the module doc's 1–3)."""
    removed = store.resolved_items([*stale, *pending])
    reopened = set(removed.values()) | set(store.entities_of(touch).values())
    counts = Counter(store.name_counts())
    joinable = candidates(store, new_items, weights_of(counts)) - reopened
    work = Pass()
    for link, profile_json, count in store.exemplars(sorted(joinable)):
        work.add_exemplar(link, profile_json, count)
    whole = store.entity_items(sorted(reopened))
    gone = [from_compact(*row) for row in whole if row[0] in removed]
    fresh = [from_compact(*row) for row in whole if row[0] not in removed] + list(new_items)
    counts.subtract(n for i, item in enumerate(gone) for n in item_names(profile(i, item)))
    counts.update(n for i, item in enumerate(new_items) for n in item_names(profile(i, item)))
    first_fresh = len(work.items)
    work.items += fresh
    links, stats = resolve(
        work.items, judgements, weights=weights_of(counts), fixed=list(work.fixed.values()),
        counts=work.counts,
        scorer=functools.partial(scored_pairs, new_from=first_fresh),
    )  # fmt: skip
    changed, renames = _exemplar_links(work, links)
    fresh_keys = {item.key for item in fresh}
    write = ResolutionWrite(
        [*(link for link in links if link.cluster in fresh_keys), *changed],
        list(canonical_rows(new_items, links)),
        states(fresh),
        tuple(pending),
        resolver,
        full=False,
        removed=tuple(sorted(removed)),
        stale_docs=tuple(stale),
        renames=renames,
    )
    return write, stats


def _exemplar_links(
    work: Pass, links: Sequence[Link]
) -> tuple[list[Link], tuple[tuple[str, str], ...]]:
    """Exemplars whose evidence changed, and the stored entities whose id changed.

    An exemplar held to its entity (rule ``STORED``, or its group's anchor) keeps
    its stored evidence; one joined by new evidence (two stored entities merged
    through a new item) takes the new one.
    """
    by_key = {link.cluster: link for link in links}
    renames: dict[str, str] = {}
    changed = []
    for stored in work.stored.values():
        now = by_key[stored.cluster]
        if now.entity != stored.entity:
            renames[stored.entity] = now.entity
        if now.rule not in (STORED, "anchor"):
            changed.append(now)
    return changed, tuple(sorted(renames.items()))


def candidates(store: Store, new_items: Sequence[DocCluster], weights: WordWeights) -> set[str]:
    """Stored entities the new items may join, found as a full pass blocks (module doc)."""
    wanted: dict[str, set[tuple[str, str]]] = {}
    owners: set[str] = set()
    for index, item in enumerate(new_items):
        prof = profile(index, item)
        orders = sort_orders(prof) if prof else ("", "")
        for key in query_keys(item, prof, weights):
            if key.startswith("o|"):
                owners.add(key)
            else:
                wanted.setdefault(key, set()).add(orders)
    sizes = store.key_counts(sorted(wanted))
    found = store.key_entities([k for k, n in sizes.items() if n <= ALL_PAIRS_LIMIT])
    for key, size in sorted(sizes.items()):
        if ALL_PAIRS_LIMIT < size <= BUCKET_LIMIT:
            for orders in sorted(wanted[key]):
                found |= store.key_neighbours(key, orders, WINDOW)
    for key in sorted(owners):
        found |= store.key_owners(key, OWNERS)
    return found
