"""Incremental resolution: new items against the stored entities, on both backends."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from storyline.resolve.cluster import profile
from storyline.resolve.incremental import (
    compact,
    from_compact,
    full_write,
    incremental_write,
    item_names,
    query_keys,
    stored_keys,
    weights_of,
)
from storyline.resolve.judgements import SPLIT, Judgement
from storyline.resolve.model import DocCluster, ResolutionDocs, Stats
from storyline.resolve.stage import RESOLVER, choose_mode
from storyline.store.base import Store
from tests.resolve.test_cluster import item


def store_full(
    store: Store, items: list[DocCluster], judgements: list[Judgement] | None = None
) -> Stats:
    docs = sorted({i.doc for i in items})
    write, stats = full_write(items, docs, judgements or [], RESOLVER)
    with store.transaction():
        store.put_resolution(write)
    return stats


def store_increment(
    store: Store,
    new: list[DocCluster],
    *,
    stale: list[str] | None = None,
    judgements: list[Judgement] | None = None,
    touch: list[str] | None = None,
) -> Stats:
    pending = sorted({i.doc for i in new})
    write, stats = incremental_write(
        store, new, pending=pending, stale=stale or [], judgements=judgements or [],
        resolver=RESOLVER, touch=touch or [],
    )  # fmt: skip
    with store.transaction():
        store.put_resolution(write)
    return stats


def partition(store: Store) -> list[list[str]]:
    """The stored entities as sorted lists of item keys."""
    by_entity: dict[str, list[str]] = {}
    for link in store.resolution():
        by_entity.setdefault(link.entity, []).append(link.cluster)
    return sorted(sorted(keys) for keys in by_entity.values())


def entity_of(store: Store) -> dict[str, str]:
    return {link.cluster.split("|")[0]: link.entity for link in store.resolution()}


def test_an_added_spelling_joins_the_stored_entity_and_keeps_its_id(any_store: Store) -> None:
    store_full(any_store, [item("d1", "Kubat Zhumaliyev"), item("d2", "Kubat Jumaliev"),
                           item("d3", "Roza Otunbayeva")])  # fmt: skip
    before = entity_of(any_store)
    store_increment(any_store, [item("d4", "Kubat Dzhumaliev"), item("d5", "Roza Otunbaeva")])
    after = entity_of(any_store)
    assert after["d4"] == after["d1"] == before["d1"]
    assert after["d5"] == after["d3"] == before["d3"]
    assert after["d1"] != after["d3"]


def test_a_namesake_added_later_stays_apart(any_store: Store) -> None:
    store_full(any_store, [item("d1", "Kurmanbek Bakiyev"), item("d2", "Kurmanbek Bakiev")])
    store_increment(any_store, [item("d3", "Janysh Bakiyev"), item("d4", "Zhanybek Bakiev")])
    found = entity_of(any_store)
    assert found["d1"] == found["d2"]
    assert found["d3"] == found["d4"]  # one brother, two transliterations of his name
    assert found["d1"] != found["d3"]


def test_only_the_touched_entities_are_resolved_again(any_store: Store) -> None:
    stored = [item("d1", "Marta Kostrava"), item("d2", "Ilse Varga"),
              item("d3", "Virsk Water Board", "ORG"), item("d4", "Oskar Lind")]  # fmt: skip
    store_full(any_store, stored)
    untouched = {k.cluster: k for k in any_store.resolution() if not k.cluster.startswith("d1")}
    stats = store_increment(any_store, [item("d5", "Marta Kostrova")])
    assert stats.items == 2  # the new item and the one entity it may join
    assert entity_of(any_store)["d5"] == entity_of(any_store)["d1"]
    assert {k.cluster: k for k in any_store.resolution() if k.cluster in untouched} == untouched


def test_a_removed_document_leaves_no_rows_and_its_entity_is_resolved_again(
    any_store: Store,
) -> None:
    items = [item("d1", "Arvid Tesh"), item("d2", "Arvid Tesch"), item("d3", "Arvid Tesh")]
    store_full(any_store, items)
    store_increment(any_store, [], stale=["d1"])
    assert all(not k.cluster.startswith("d1|") for k in any_store.resolution())
    # the entity is named by its smallest item: d1's went, so the id changes to the one a
    # full resolution of what is left gives
    write, _ = full_write(items[1:], ["d2", "d3"], [], RESOLVER)
    assert {(k.cluster, k.entity) for k in any_store.resolution()} == {
        (k.cluster, k.entity) for k in write.links
    }


def test_weights_stay_those_of_the_corpus_after_removals(any_store: Store) -> None:
    orgs = [item(f"d{n}", name, "ORG") for n, name in enumerate(
        ["Virsk City Council", "Ardan City Council", "Virsk Water Board", "Ardan University",
         "Tesh Holdings", "Virsk City Council"])]  # fmt: skip
    store_full(any_store, orgs[:4])
    store_increment(any_store, orgs[4:])
    store_increment(any_store, [], stale=["d1", "d2"])
    left = [o for o in orgs if o.doc not in ("d1", "d2")]
    expected = Counter(n for i, o in enumerate(left) for n in set(item_names(profile(i, o))))
    assert any_store.name_counts() == dict(expected)


def test_a_split_judgement_applies_to_the_touched_entity(any_store: Store) -> None:
    items = [item("d1", "Oskar Lind"), item("d2", "Oskar Lindh"), item("d3", "Oskar Lind")]
    store_full(any_store, items)
    assert len(partition(any_store)) == 1
    split = Judgement(1, SPLIT, (items[1].key,), (items[0].key, items[2].key), "ed", "2026-01-01")
    store_increment(any_store, [], judgements=[split], touch=[items[1].key])
    assert partition(any_store) == [[items[0].key, items[2].key], [items[1].key]]


def test_incremental_batches_agree_with_one_full_resolution(any_store: Store) -> None:
    rng = random.Random(7)
    people = ["Kubat Zhumaliyev", "Roza Otunbayeva", "Marta Kostrava", "Janysh Bakiyev",
              "Kurmanbek Bakiyev", "Ilse Varga", "Arvid Tesh"]  # fmt: skip
    orgs = ["Virsk Water Board", "Ardan City Council", "Tesh Holdings"]
    items = []
    for n in range(60):
        kind, name = ("ORG", rng.choice(orgs)) if n % 4 == 0 else ("PERSON", rng.choice(people))
        items.append(item(f"d{n:03d}", _respelt(name, rng), kind))
    store_full(any_store, items[:30])
    store_increment(any_store, items[30:45])
    store_increment(any_store, items[45:])
    write, _ = full_write(items, sorted({i.doc for i in items}), [], RESOLVER)
    assert {(k.cluster, k.entity) for k in any_store.resolution()} == {
        (k.cluster, k.entity) for k in write.links
    }


def _respelt(name: str, rng: random.Random) -> str:
    """Sometimes one vowel of the last word changed, as transliterations do."""
    words = name.split()
    if rng.random() < 0.5:
        return name
    last = words[-1]
    vowels = [i for i, c in enumerate(last) if c in "aeiou" and i > 0]
    if not vowels:
        return name
    at = rng.choice(vowels)
    words[-1] = last[:at] + rng.choice("aeiou".replace(last[at], "")) + last[at + 1 :]
    return " ".join(words)


def test_compact_keeps_what_resolution_reads() -> None:
    original = item("d1", "Kurmanbek Bakiyev", "PERSON", "Bakiyev", titles=("president",),
                    context=("Belarus", "Minsk"), outlet="Courier")  # fmt: skip
    again = from_compact(original.key, original.doc, compact(original))
    assert (again.key, again.type, again.name, again.titles, again.context, again.outlet) == (
        original.key, original.type, original.name, original.titles, original.context,
        original.outlet,
    )  # fmt: skip
    assert {m.name for m in again.mentions} == {"Kurmanbek Bakiyev", "Bakiyev"}


def test_a_new_item_finds_stored_items_by_the_keys_they_were_stored_under() -> None:
    stored = item("d1", "Ardan Municipal Water Board", "ORG")
    new = item("d2", "Ardan Municipal Water Bord", "ORG")
    weights = weights_of(Counter({"ardan municipal water board": 1, "virsk water board": 1}))
    assert query_keys(new, profile(0, new), weights) & stored_keys(stored, profile(0, stored))
    one = item("d3", "Bakiyev")
    full = item("d4", "Kurmanbek Bakiyev")
    assert query_keys(one, profile(0, one), weights) & stored_keys(full, profile(0, full))


@pytest.mark.parametrize(
    ("mode", "pending", "stale", "resolvers", "expected"),
    [
        ("auto", 10, 0, {RESOLVER}, "incremental"),
        ("auto", 20, 10, {RESOLVER}, "full"),  # over a quarter of what is resolved
        ("auto", 1, 0, set(), "full"),  # nothing stored by this resolver
        ("auto", 1, 0, {"name-resolver.v1"}, "full"),
        ("full", 1, 0, {RESOLVER}, "full"),
        ("incremental", 90, 0, {RESOLVER}, "incremental"),
        ("incremental", 1, 0, {"name-resolver.v1", RESOLVER}, "full"),
    ],
)
def test_the_mode_follows_the_setting_and_the_stored_state(
    mode: str, pending: int, stale: int, resolvers: set[str], expected: str
) -> None:
    docs = ResolutionDocs([f"p{n}" for n in range(pending)], [f"s{n}" for n in range(stale)],
                          resolvers, 100)  # fmt: skip
    assert choose_mode(mode, docs) == expected


def test_a_stored_entity_is_read_as_one_item_per_spelling(any_store: Store) -> None:
    stored = [item(f"d{n:02d}", "Marta Kostrava") for n in range(10, 30)]
    store_full(any_store, [*stored, item("d30", "Marta Kostrova")])  # another skeleton
    assert len(partition(any_store)) == 1
    stats = store_increment(any_store, [item("d40", "Marta Kostravaa")])
    assert stats.items == 3  # one exemplar per spelling, and the new item
    assert len(partition(any_store)) == 1


def test_a_new_smallest_item_renames_every_item_of_the_entity(any_store: Store) -> None:
    stored = [item(f"d{n}", "Oskar Lind") for n in range(5, 9)]
    store_full(any_store, stored)
    store_increment(any_store, [item("d1", "Oskar Lindt")])
    write, _ = full_write([*stored, item("d1", "Oskar Lindt")], [], [], RESOLVER)
    assert len(partition(any_store)) == 1
    expected = {link.entity for link in write.links}
    assert {link.entity for link in any_store.resolution()} == expected
    assert set(any_store.canonical_ids().values()) == expected
