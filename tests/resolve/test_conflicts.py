"""Claims compared across documents: agreement within tolerance, conflicts listed whole."""

from __future__ import annotations

import dataclasses

from storyline.resolve.conflicts import ClaimItem, compare_claims

PRICE = ClaimItem("a", "d1", "residence", "price", "MONEY", "USD", 1.7e6, None, None, owner="e1")


def _like(key: str, doc: str, **changes: object) -> ClaimItem:
    return dataclasses.replace(PRICE, key=key, doc=doc, **changes)  # type: ignore[arg-type]


def test_different_values_from_two_outlets_are_a_conflict_listing_both() -> None:
    (group,) = compare_claims([PRICE, _like("b", "d2", value=2e6)])
    assert not group.agree
    assert [c.value for c in group.claims] == [1.7e6, 2e6]
    assert group.documents == 2


def test_values_within_tolerance_agree_and_are_counted() -> None:
    (group,) = compare_claims(
        [PRICE, _like("b", "d2", value=1.75e6), _like("c", "d3", value=1.7e6)]
    )
    assert group.agree and group.documents == 3


def test_approximate_amounts_and_bounds_widen_what_agrees() -> None:
    about = _like("b", "d2", value=1.9e6, approx=True)  # about $1.9m allows 1.615–2.185
    assert compare_claims([PRICE, about])[0].agree
    at_least = _like("b", "d2", value=1.5e6, low=1.5e6)  # "more than $1.5m"
    assert compare_claims([PRICE, at_least])[0].agree
    under = _like("b", "d2", value=1.0e6, high=1.0e6)  # "less than $1m"
    assert not compare_claims([PRICE, under])[0].agree


def test_one_document_alone_another_owner_or_currency_is_not_compared() -> None:
    assert compare_claims([PRICE, _like("b", "d1", value=2e6)]) == []
    split = compare_claims([PRICE, _like("b", "d2", value=2e6, owner="e2")])
    assert split == []
    assert compare_claims([PRICE, _like("b", "d2", value=2e6, unit="EUR")]) == []


def test_an_ownerless_claim_joins_the_one_owner_but_not_two() -> None:
    (group,) = compare_claims([PRICE, _like("b", "d2", value=2e6, owner=None)])
    assert group.owner == "e1" and not group.agree
    three = [
        PRICE,
        _like("b", "d2", value=2e6, owner="e2"),
        _like("c", "d3", value=3e6, owner=None),
    ]
    assert all(len({c.owner for c in g.claims}) == 1 for g in compare_claims(three))


def test_bare_counts_and_unowned_amounts_say_too_little_to_compare() -> None:
    men = ClaimItem("a", "d1", "people", "count", "COUNT", "men", 2, None, None)
    crowd = dataclasses.replace(men, key="b", doc="d2", value=300.0)
    assert compare_claims([men, crowd]) == []
    aid = dataclasses.replace(PRICE, property="amount", subject="aid", owner=None)
    assert compare_claims([aid, dataclasses.replace(aid, key="b", doc="d2", value=9.0)]) == []


def test_issue_6_only_values_of_two_documents_can_disagree() -> None:
    # d1 gives two prices that cannot both hold; d2 agrees with each: no conflict
    low, high = PRICE, _like("b", "d1", value=2e6)
    wide = _like("c", "d2", value=1.8e6, low=1.5e6, high=2.5e6)
    (group,) = compare_claims([low, high, wide])
    assert group.agree
    # a third document that meets only one of d1's prices disagrees with the other
    (group,) = compare_claims([low, high, wide, _like("d", "d3", value=2e6)])
    assert not group.agree
    many = [_like(f"k{i}", f"d{i}", value=1.7e6) for i in range(2_000)]
    assert compare_claims(many)[0].agree
    assert not compare_claims([*many, _like("x", "d1", value=9e6)])[0].agree
