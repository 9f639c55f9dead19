"""Candidate generation: rare words key organisations and places; huge buckets are dropped."""

from __future__ import annotations

import pytest

from storyline.resolve import blocking
from storyline.resolve.blocking import candidate_pairs, rare_word_keys
from storyline.resolve.model import Stats
from storyline.resolve.similarity import blocking_keys
from storyline.resolve.weights import count_words, name_words


def test_only_the_rarest_words_are_keys() -> None:
    names = ["University of Alabama", "Syracuse University", "Stanford University", "Alabama"]
    weights = count_words(name_words(n) for n in names)
    keys = rare_word_keys("University of Alabama", name_words("University of Alabama"), weights)
    assert "w:alabama" in keys and "w:universiti" in keys
    assert not any(key.endswith(":of") for key in keys)  # short words give no key
    four = "Southern Connecticut State University"
    weights = count_words(name_words(n) for n in [four, *names])
    keys = rare_word_keys(four, name_words(four), weights)
    assert "w:universiti" not in keys and len({k for k in keys if k.startswith("w:")}) == 2


def test_a_name_of_short_words_keeps_its_whole_key() -> None:
    weights = count_words([name_words("U.S.")])
    assert rare_word_keys("U.S.", name_words("U.S."), weights) == blocking_keys("U.S.")


def test_pairs_come_from_shared_keys_within_a_class() -> None:
    stats = Stats()
    keys = [{("ORG", "w:a")}, {("ORG", "w:a"), ("ORG", "w:b")}, {("PLACE", "w:a")}]
    assert candidate_pairs(keys, stats) == {(0, 1)}
    assert stats.pairs == 1 and stats.skipped_keys == 0


def test_buckets_over_the_limit_are_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(blocking, "BUCKET_LIMIT", 2)
    stats = Stats()
    keys = [{("ORG", "w:common"), ("ORG", f"w:{i // 2}")} for i in range(6)]
    assert candidate_pairs(keys, stats) == {(0, 1), (2, 3), (4, 5)}
    assert stats.skipped_keys == 1


def test_a_large_bucket_pairs_only_neighbours_in_each_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(blocking, "ALL_PAIRS_LIMIT", 3)
    monkeypatch.setattr(blocking, "WINDOW", 1)
    stats = Stats()
    keys = [{("PERSON", "w:smith")}] * 5
    orders = [("anna smith", "smith anna"), ("jon smith", "smith jon"),
              ("john smith", "smith john"), ("zoe smith", "smith zoe"),
              ("bob smith", "smith bob")]  # fmt: skip
    pairs = candidate_pairs(keys, stats, orders)
    # forward: anna bob john jon zoe; backward the same order here
    assert pairs == {(0, 4), (2, 4), (1, 2), (1, 3)}
    assert stats.windowed_keys == 1 and stats.pairs == 4
    assert len(candidate_pairs(keys, Stats())) == 10  # without orders: every pair


def test_an_incremental_pass_pairs_only_what_involves_a_new_position() -> None:
    keys = [{("P", "a")}, {("P", "a")}, {("P", "b")}, {("P", "a")}, {("P", "a"), ("P", "b")}]
    every = candidate_pairs(keys, Stats())
    some = candidate_pairs(keys, Stats(), new_from=3)
    assert some == {p for p in every if p[1] >= 3}
    assert (0, 1) not in some and (3, 4) in some and (2, 4) in some
