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
