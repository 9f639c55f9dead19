"""Question search: outlets and days found in the question, parts split, rankings fused."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import BadQueryError
from storyline.query.search_multi import (
    Probe,
    find_outlets,
    fuse,
    multi_search,
    named_day,
    outlet_names,
    probes,
)
from storyline.store import SQLiteStore
from storyline.store.base import PassageRow

PUBLISHERS = [
    "The Independent - Life and Style",
    "The Independent - Sports",
    "The Roar | Sports Writers Blog",
    "Sporting News",
    "The Verge",
    "Fortune",
]


def test_outlets_are_known_by_full_and_short_names() -> None:
    table = outlet_names(PUBLISHERS)
    assert table["the independent"] == (
        "The Independent - Life and Style",
        "The Independent - Sports",
    )
    assert table["the independent - life and style"] == ("The Independent - Life and Style",)
    assert table["roar"] == ("The Roar | Sports Writers Blog",)
    assert table["verge"] == ("The Verge",)


def test_the_longest_outlet_name_wins_and_words_must_be_whole() -> None:
    table = outlet_names(PUBLISHERS)
    found = find_outlets("Does 'The Independent - Sports' agree with Fortune?", table)
    assert found == [("The Independent - Sports",), ("Fortune",)]
    assert find_outlets("Is the fortunes of the Verger clear?", table) == []


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("the report on October 7, 2023, about", "2023-10-07"),
        ("published on 7 October 2023", "2023-10-07"),
        ("on Octember 7, 2023", None),
        ("on February 30, 2023", None),
        ("before October 22, 2023", None),
    ],
)
def test_a_day_named_with_on(text: str, day: str | None) -> None:
    assert named_day(text) == day


def test_a_question_becomes_probes_per_outlet_and_part() -> None:
    table = outlet_names(PUBLISHERS)
    question = (
        "Does the Fortune article say prices fell on October 7, 2023, "
        "while The Verge reports that they rose?"
    )
    found = probes(question, table)
    assert [(p.outlets, p.day) for p in found] == [
        (None, None),
        (("Fortune",), None),
        (("The Verge",), None),
        (("Fortune",), "2023-10-07"),
        (("The Verge",), None),
    ]
    assert "prices fell" in found[0].text and "they rose" in found[0].text
    assert not {"Does", "article", "reports"} & set(found[0].text.split())
    assert found[4].text.split() == ["The", "Verge", "that", "they", "rose?"]


def test_a_probe_is_a_plain_probe_when_nothing_is_named() -> None:
    assert probes("Who won the cup?", outlet_names(PUBLISHERS)) == [Probe("Who won the cup?")]


def _row(pid: int) -> PassageRow:
    return PassageRow(pid, f"d{pid}", 0, 1, 0.0, "x", None, None, None)


def test_fusion_rewards_agreement_and_keeps_each_rankings_best() -> None:
    fused = fuse([(1.0, [_row(1), _row(2), _row(3)]), (1.0, [_row(4), _row(2)])], k=60)
    assert [r.id for r in fused] == [2, 1, 4, 3]
    assert fused[0].score == pytest.approx(1 / 62 + 1 / 62)
    weighted = fuse([(1.0, [_row(1)]), (2.0, [_row(4)])], k=10)
    assert [r.id for r in weighted] == [4, 1]


def test_multi_search_finds_each_named_outlet(examples_db: Path) -> None:
    store = SQLiteStore(examples_db)
    try:
        hits = multi_search(
            store,
            "Did Meridian Wire report the asset freeze while Steppe Courier covered the "
            "extradition refusal?",
            limit=10,
        )
        assert {"Meridian Wire", "Steppe Courier"} <= {h.publisher for h in hits[:4]}
        for hit in hits:
            assert store.get_document(hit.doc).text[hit.start : hit.end] == hit.text
        with pytest.raises(BadQueryError):
            multi_search(store, "  ")
    finally:
        store.close()
