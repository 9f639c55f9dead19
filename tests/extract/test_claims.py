"""Numeric claims: subject, property and owner read off the parse around each amount."""

from __future__ import annotations

from collections.abc import Callable

from storyline.extract.claims import find_claims, subject_class
from storyline.extract.context import DocContext


def _claims(context_of: Callable[..., DocContext], text: str) -> list[tuple[str, str, str]]:
    ctx = context_of(text)
    out = []
    for c in find_claims(ctx):
        assert text[c.start : c.end] == c.text
        owner = c.subject_ref.text if c.subject_ref else ""
        out.append((c.subject, c.property, owner))
    return out


def test_house_words_share_one_subject_and_a_price_names_its_buyer(
    context_of: Callable[..., DocContext],
) -> None:
    text = (
        "Marat Osmonov fled to Dalvik in 2011. "
        "He has reportedly bought a USD 1.4m mansion on the coast. "
        "Neighbours say Osmonov purchased a home outside the capital worth $2 million."
    )
    found = _claims(context_of, text)
    assert [(subject, prop) for subject, prop, _ in found] == [("residence", "price")] * 2
    # "He" is the subject of the sentence before: the buyer in both
    assert all(owner.endswith("Osmonov") for _, _, owner in found)


def test_money_for_a_purpose_counts_of_people_and_percentages(
    context_of: Callable[..., DocContext],
) -> None:
    text = (
        "The Republic of Norland is offering Sella $40 million in financial aid. "
        "At least 52 people were killed in the clashes. "
        "The ruling party won 81 percent of the vote."
    )
    found = _claims(context_of, text)
    assert ("aid", "amount", "The Republic of Norland") in found or (
        "aid",
        "amount",
        "Norland",
    ) in found
    assert ("people", "killed", "") in found
    assert ("vote", "percent", "") in found


def test_values_units_and_bounds_come_from_the_amount(
    context_of: Callable[..., DocContext],
) -> None:
    ctx = context_of("Upwards of 40 people died when the bridge fell.")
    (claim,) = find_claims(ctx)
    assert claim.property == "killed" and claim.kind == "COUNT"
    assert claim.low == 40 and claim.high is None


def test_bad_numbers_make_no_claims(context_of: Callable[..., DocContext]) -> None:
    assert find_claims(context_of("The law of 1.7.2010 costs $ and more.")) == []
    assert find_claims(context_of("")) == []


def test_subject_classes_are_data() -> None:
    assert subject_class("Villa") == "residence"
    assert subject_class("bounty") == "reward"
    assert subject_class("banana") is None
