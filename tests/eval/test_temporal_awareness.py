"""Temporal awareness of timelines, on hand-made timelines with hand-counted links."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.eval.temporal_awareness import (
    BEFORE,
    SIMULTANEOUS,
    Line,
    Tally,
    Timeline,
    compare,
    format_timeline,
    natural_key,
    number_gold,
    number_system,
    parse_timeline,
    reduce,
)

# Gold: a (1, Jan) before b and c (2, Feb, simultaneous). Its links, in the scorer's
# order: a=Jan, b=Feb, c=Feb, a<b, b=c; the last is entailed (both are Feb), so the
# reduced gold graph holds 4 links.
GOLD = "X\n1\t2010-01-01\t1-1-a\n2\t2010-02-01\t1-2-b\t1-2-c\n"


def timeline(*lines: tuple[int, str, str]) -> Timeline:
    return Timeline("X", tuple(Line(o, d, tuple(e.split())) for o, d, e in lines))


def counts(tally: Tally) -> tuple[int, int, int, int]:
    return tally.precision_hits, tally.system, tally.recall_hits, tally.gold


def test_parse_and_format_round_trip() -> None:
    parsed = parse_timeline(GOLD)
    assert parsed.entity == "X"
    assert parsed.lines == (
        Line(1, "2010-01-01", ("1-1-a",)),
        Line(2, "2010-02-01", ("1-2-b", "1-2-c")),
    )
    assert format_timeline(parsed) == GOLD


def test_parse_skips_short_lines_and_trailing_tabs() -> None:
    parsed = parse_timeline("X\n1\t2010\t\n\n2\t2011\t5-1-b\t\n")
    assert parsed.lines == (Line(2, "2011", ("5-1-b",)),)


def test_natural_key_orders_numbers_as_numbers() -> None:
    assert sorted(["10\tb", "9\ta", "1\tc"], key=natural_key) == ["1\tc", "9\ta", "10\tb"]


def test_gold_links_and_reduction() -> None:
    numbered = number_gold(parse_timeline(GOLD))
    assert numbered.ids == (1, 2, 3)
    jan, feb = ("t", "2010-01-01"), ("t", "2010-02-01")
    e1, e2, e3 = ("e", 1), ("e", 2), ("e", 3)
    assert numbered.links == (
        (e1, jan, SIMULTANEOUS),
        (e2, feb, SIMULTANEOUS),
        (e3, feb, SIMULTANEOUS),
        (e1, e2, BEFORE),
        (e2, e3, SIMULTANEOUS),
    )
    reduced = reduce(numbered.links)
    assert reduced.kept == list(numbered.links[:4])
    assert reduced.graph.entails((e1, e3, BEFORE))  # by closure
    assert reduced.graph.entails((jan, feb, BEFORE))  # dates get ordered through events


def test_perfect_system() -> None:
    gold = parse_timeline(GOLD)
    tally = compare(gold, gold)
    assert counts(tally) == (4, 4, 4, 4)
    assert tally.figures() == {"precision": 100.0, "recall": 100.0, "f1": 100.0}


def test_missing_event_and_wrong_date() -> None:
    # System: a (Jan) before b (March, wrong); c missing. Links a=Jan, b=Mar, a<b.
    # Precision: a=Jan stated, a<b stated, b=Mar unknown to the gold: 2/3.
    # Recall: a=Jan and a<b found; b=Feb, c=Feb not: 2/4.
    system = timeline((1, "2010-01-01", "1-1-a"), (2, "2010-03-01", "1-2-b"))
    tally = compare(parse_timeline(GOLD), system)
    assert counts(tally) == (2, 3, 2, 4)
    assert tally.figures() == {"precision": 66.67, "recall": 50.0, "f1": 57.14}


def test_closure_credits_an_implied_order() -> None:
    # Gold a < b < c on three dates; the system leaves b out and says a < c directly:
    # not stated in the gold, but entailed by its closure.
    gold = timeline((1, "2001", "1-1-a"), (2, "2002", "1-2-b"), (3, "2003", "1-3-c"))
    system = timeline((1, "2001", "1-1-a"), (2, "2003", "1-3-c"))
    tally = compare(gold, system)
    assert counts(tally) == (3, 3, 2, 5)  # recall: a=2001 and c=2003 of 3 anchors + 2 orders
    assert tally.figures()["precision"] == 100.0
    assert tally.figures()["recall"] == 40.0


def test_reversed_order_is_wrong_both_ways() -> None:
    gold = timeline((1, "2001", "1-1-a"), (2, "2002", "1-2-b"))
    system = timeline((1, "2002", "1-2-b"), (2, "2001", "1-1-a"))
    # anchors right (2 of 3 either way), b < a contradicts a < b
    assert counts(compare(gold, system)) == (2, 3, 2, 3)


def test_order_zero_lines_are_not_scored() -> None:
    system = timeline((0, "XXXX-XX-XX", "1-1-a 1-2-b"))
    tally = compare(parse_timeline(GOLD), system)
    assert counts(tally) == (0, 0, 0, 4)
    assert tally.figures() == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_simultaneous_events_of_one_date_are_redundant() -> None:
    t, e1, e2 = ("t", "2005"), ("e", 1), ("e", 2)
    reduced = reduce([(e1, t, SIMULTANEOUS), (e2, t, SIMULTANEOUS), (e1, e2, SIMULTANEOUS)])
    assert reduced.kept == [(e1, t, SIMULTANEOUS), (e2, t, SIMULTANEOUS)]


def test_a_contradiction_is_kept_but_not_added() -> None:
    # One date, two order numbers (the gold has such lines): a < b contradicts a = b.
    t, e1, e2 = ("t", "2008-XX-XX"), ("e", 1), ("e", 2)
    reduced = reduce([(e1, t, SIMULTANEOUS), (e2, t, SIMULTANEOUS), (e1, e2, BEFORE)])
    assert reduced.kept == [(e1, t, SIMULTANEOUS), (e2, t, SIMULTANEOUS), (e1, e2, BEFORE)]
    assert not reduced.graph.entails((e1, e2, BEFORE))
    assert reduced.graph.entails((e1, e2, SIMULTANEOUS))


def test_a_stated_link_counts_even_where_the_graph_says_otherwise() -> None:
    # The gold's a < b contradicts its own dates (one date, two order numbers): its graph
    # has a = b, but the scorer also matches links as written, so the system's a < b is
    # a hit both ways; its anchors (other months) are not.
    gold = timeline((1, "2008-XX-XX", "1-1-a"), (2, "2008-XX-XX", "1-2-b"))
    system = timeline((1, "2008-01-XX", "1-1-a"), (2, "2008-02-XX", "1-2-b"))
    assert counts(compare(gold, system)) == (1, 3, 1, 3)


def test_repeated_event_strings_take_the_next_gold_occurrence_then_fresh_ids() -> None:
    gold = number_gold(timeline((1, "2001", "1-1-a"), (2, "2002", "1-1-a")))
    system = number_system(
        timeline((1, "2001", "1-1-a"), (2, "2002", "1-1-a"), (3, "2003", "1-1-a 9-9-z")), gold
    )
    assert system.ids == (1, 2, 3, 4)


def test_tally_adds_and_is_micro_averaged() -> None:
    total = Tally()
    total.add(Tally(1, 2, 1, 4))
    total.add(Tally(3, 4, 2, 4))
    assert counts(total) == (4, 6, 3, 8)
    assert total.figures() == {"precision": 66.67, "recall": 37.5, "f1": 48.0}


@pytest.mark.shared
def test_every_gold_timeline_scores_100_against_itself(shared_dir: Path) -> None:
    folder = shared_dir / "datasets" / "semeval2015-task4-timeline"
    paths = sorted(folder.glob("**/TimeLines_*/*.txt"))
    if not paths:
        pytest.skip("SemEval-2015 Task 4 data not available")
    for path in paths:
        gold = parse_timeline(path.read_text("utf-8"))
        tally = compare(gold, gold)
        assert tally.precision_hits == tally.system == tally.recall_hits == tally.gold, path
