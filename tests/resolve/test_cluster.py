"""Cross-document clustering: spellings merge, relatives and namesakes stay apart."""

from __future__ import annotations

import itertools
import random

import pytest

from storyline.errors import ContradictoryJudgementError
from storyline.resolve.cluster import resolve
from storyline.resolve.items import item_key
from storyline.resolve.judgements import Judgement, check_consistent
from storyline.resolve.model import DocCluster, NameMention


def item(doc: str, name: str, kind: str = "PERSON", *others: str, **extra: object) -> DocCluster:
    """A document cluster whose mentions are ``name`` and ``others``."""
    mentions = tuple(
        NameMention(f"{doc}-{i}", doc, i * 20, i * 20 + len(n), n, n, kind)
        for i, n in enumerate((name, *others))
    )
    return DocCluster(item_key(doc, kind, name), doc, kind, name, mentions, **extra)  # type: ignore[arg-type]


def entities_of(
    items: list[DocCluster], judgements: list[Judgement] | None = None
) -> list[set[str]]:
    links, _ = resolve(items, judgements or [])
    by_entity: dict[str, set[str]] = {}
    names = {i.key: i.name for i in items}
    for link in links:
        by_entity.setdefault(link.entity, set()).add(names[link.cluster])
    return sorted(by_entity.values(), key=sorted)


def together(groups: list[set[str]], *names: str) -> bool:
    return any(set(names) <= g for g in groups)


def test_transliterations_of_one_name_merge() -> None:
    items = [
        item("d1", "Kubat Zhumaliyev"),
        item("d2", "Kubat Jumaliev"),
        item("d3", "Kubat Dzhumaliev"),
        item("d4", "Кубат Жумалиев"),
    ]
    assert len(entities_of(items)) == 1


def test_relatives_with_different_given_names_stay_apart() -> None:
    family = [
        "Kubat Zhumaliyev",
        "Marat Zhumaliyev",
        "Daniyar Zhumaliyev",
        "Zholdoshbek Zhumaliyev",
    ]
    items = [item(f"d{i}", name) for i, name in enumerate(family)]
    items += [
        item(f"e{i}", name.replace("Zhumaliyev", "Jumaliev")) for i, name in enumerate(family)
    ]
    groups = entities_of(items)
    assert len(groups) == 4
    for a, b in itertools.combinations(family, 2):
        assert not together(groups, a, b)


def test_an_initial_cannot_chain_two_relatives() -> None:
    items = [
        item("d1", "Dana Morrow"),
        item("d2", "D. Morrow"),
        item("d3", "Della Morrow"),
        item("d4", "Dana Morow"),
    ]
    groups = entities_of(items)
    assert not together(groups, "Dana Morrow", "Della Morrow")
    assert together(groups, "Dana Morrow", "Dana Morow")


def test_a_surname_alone_is_not_merged_across_documents() -> None:
    items = [item("d1", "Kubat Zhumaliyev"), item("d2", "Zhumaliyev")]
    assert len(entities_of(items)) == 2


def test_types_must_agree_but_places_are_one_class() -> None:
    items = [
        item("d1", "Zalesia", "GPE"),
        item("d2", "Zalesia", "LOC"),
        item("d3", "Zalesia", "ORG"),
    ]
    groups = entities_of(items)
    assert len(groups) == 2


def test_links_record_features_and_rule() -> None:
    links, stats = resolve([item("d1", "Kubat Zhumaliyev"), item("d2", "Kubat Zhumaiyev")])
    assert stats.pairs == 1 and stats.merges == 1
    rules = sorted(link.rule for link in links)
    assert rules == ["anchor", "score"]
    joined = next(link for link in links if link.rule == "score")
    assert dict(joined.features)["name"] > 0.8 and joined.score >= 0.88


def test_names_spelt_alike_join_without_pairing() -> None:
    links, stats = resolve([item("d1", "Kubat Zhumaliyev"), item("d2", "Kubat Jumaliev")])
    assert stats.pairs == 0 and stats.merges == 1
    assert sorted(link.rule for link in links) == ["anchor", "same-name"]


def test_merge_judgement_overrides_the_algorithm() -> None:
    items = [item("d1", "Dana Morrow"), item("d2", "Della Morrow")]
    merge = Judgement(1, "merge", (items[0].key,), (items[1].key,), "ed", "2026-01-01")
    groups = entities_of(items, [merge])
    assert groups == [{"Dana Morrow", "Della Morrow"}]


def test_split_judgement_is_respected_against_a_strong_match() -> None:
    items = [
        item("d1", "Kubat Zhumaliyev"),
        item("d2", "Kubat Zhumaliyev"),
        item("d3", "Kubat Jumaliev"),
    ]
    split = Judgement(1, "split", (items[0].key,), (items[1].key, items[2].key), "ed", "2026-01-01")
    groups = entities_of(items, [split])
    assert len(groups) == 2


def test_judgements_on_missing_items_are_ignored() -> None:
    items = [item("d1", "Kubat Zhumaliyev")]
    merge = Judgement(1, "merge", (items[0].key,), ("gone|PERSON|x",), "ed", "2026-01-01")
    assert len(entities_of(items, [merge])) == 1


def test_contradictory_judgements_name_both() -> None:
    merge = Judgement(1, "merge", ("a",), ("b",), "ed", "2026-01-01")
    other = Judgement(2, "merge", ("b",), ("c",), "ed", "2026-01-02")
    split = Judgement(3, "split", ("a",), ("c",), "jo", "2026-01-03")
    with pytest.raises(ContradictoryJudgementError) as caught:
        check_consistent([merge, other, split])
    assert "judgement 3" in str(caught.value) and "judgement 2" in str(caught.value)


def test_blocking_compares_far_fewer_pairs_than_all() -> None:
    rng = random.Random(0)
    syllables = ["ka", "ro", "mi", "tan", "zhu", "bek", "lo", "sa", "dor", "vin", "ul", "pe"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(3)).title()

    items = [item(f"d{i}", f"{word()} {word()}") for i in range(1500)]
    _, stats = resolve(items)
    assert stats.pairs < 0.05 * len(items) * (len(items) - 1) / 2


@pytest.mark.parametrize("name", ["A", "x" * 500, "Kubat 🙂 Жумалиев", "李 明", "  "])
def test_odd_names_do_not_break_resolution(name: str) -> None:
    items = [item("d1", name), item("d2", name), item("d3", "Kubat Zhumaliyev")]
    links, _ = resolve(items)
    assert {link.cluster for link in links} == {i.key for i in items}


def test_issue_5_a_shared_common_word_does_not_chain_organisations() -> None:
    names = ["University of Alabama", "Syracuse University", "University", "Quinnipiac University"]
    items = [item(f"d{i}-{j}", name, "ORG") for i, name in enumerate(names) for j in range(3)]
    items += [item("e1", "Quinnypiac University", "ORG"), item("e2", "Syracuse Universty", "ORG")]
    groups = entities_of(items)
    assert len(groups) == 4
    assert together(groups, "Quinnipiac University", "Quinnypiac University")
    assert together(groups, "Syracuse University", "Syracuse Universty")
    assert not together(groups, "University", "Syracuse University")


def test_issue_5_one_word_places_stay_apart_without_context() -> None:
    items = [item("d1", "Gaza Strip", "GPE"), item("d2", "Strip", "GPE")]
    assert len(entities_of(items)) == 2


def test_a_group_joins_only_a_group_with_a_compatible_name() -> None:
    # "Joe Buck" and "Joe Bird" are each close to "Joey B", not to each other
    items = [item(f"b{i}", "Joe Buck") for i in range(3)] + [
        item(f"c{i}", "Joe Bird") for i in range(3)
    ]
    items.append(item("x", "Joey B"))
    assert not together(entities_of(items), "Joe Buck", "Joe Bird")


def test_one_word_name_joins_its_one_owner_where_context_is_shared() -> None:
    shared = ("Peyton Manning", "Jim Caldwell")
    items = [
        item("d1", "Indianapolis Colts", "ORG", context=shared),
        item("d2", "Colts", "ORG", context=("Peyton Manning",)),
        item("d3", "Colts", "ORG", context=("Somebody Else",)),
        item("d4", "Bears", "ORG", context=shared),
    ]
    groups = entities_of(items)
    assert together(groups, "Indianapolis Colts", "Colts")  # d3 joins through d2's name
    assert {"Bears"} in groups


def test_one_word_name_with_two_owners_stays_alone() -> None:
    shared = ("Peyton Manning",)
    items = [
        item("d1", "Indianapolis Colts", "ORG", context=shared),
        item("d2", "Colts Neck", "ORG", context=shared),
        item("d3", "Colts", "ORG", context=shared),
    ]
    assert {"Colts"} in entities_of(items)


def test_a_city_alone_is_not_the_place_named_after_it() -> None:
    shared = ("Ales Hrabovich", "Zalesia")
    items = [
        item("d1", "Virsk Arena", "GPE", context=shared),
        item("d2", "Virsk", "GPE", context=shared),
        item("d3", "Lake Belozhar", "LOC", context=shared),
        item("d4", "Belozhar", "GPE", context=shared),
    ]
    groups = entities_of(items)
    assert {"Virsk"} in groups  # a first word is no place's name
    assert together(groups, "Lake Belozhar", "Belozhar")  # its last word is


def test_an_acronym_joins_the_name_it_abbreviates_with_context() -> None:
    items = [
        item("d1", "Internet Explorer", "OTHER", context=("Microsoft",)),
        item("d2", "IE", "OTHER", context=("Microsoft", "Windows")),
    ]
    assert len(entities_of(items)) == 1


def test_one_word_persons_join_each_other_and_their_owner_with_context() -> None:
    items = [
        item("d1", "Sanjay Gupta", context=("Barack Obama", "CNN")),
        item("d2", "Gupta", context=("Obama",)),
        item("d3", "Gupta", context=("Obama", "House Call")),
        item("d4", "Gupta", context=("Someone Unrelated",)),
    ]
    links, _ = resolve(items)
    entity = {link.cluster.split("|")[0]: link.entity for link in links}
    assert entity["d1"] == entity["d2"] == entity["d3"] != entity["d4"]


def test_a_surname_shared_by_relatives_joins_neither() -> None:
    shared = ("Bishkek",)
    items = [
        item("d1", "Kurmanbek Bakiyev", context=shared),
        item("d2", "Janysh Bakiyev", context=shared),
        item("d3", "Bakiyev", context=shared),
    ]
    assert len(entities_of(items)) == 3


def test_a_first_initial_before_a_middle_name_is_not_the_given_name() -> None:
    items = [item("d1", "W. Mark Felt"), item("d2", "Mark Felt"), item("d3", "Walter Felt")]
    groups = entities_of(items)
    assert together(groups, "W. Mark Felt", "Mark Felt")
    assert not together(groups, "Mark Felt", "Walter Felt")
