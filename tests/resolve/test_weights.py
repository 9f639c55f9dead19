"""Word weights from the corpus and the weighted name score of organisations and places."""

from __future__ import annotations

import pytest

from storyline.resolve.weights import count_words, name_words, weighted_similarity

NAMES = [
    "University of Alabama",
    "Syracuse University",
    "Quinnipiac University",
    "University of Toronto",
    "Atlantic City",
    "Gaza City",
    "Stanford University",
]


@pytest.fixture(scope="module")
def corpus() -> list[tuple[str, ...]]:
    return [name_words(n) for n in NAMES]


def test_common_words_weigh_less(corpus: list[tuple[str, ...]]) -> None:
    weights = count_words(corpus)
    syracuse, university = name_words("Syracuse University")
    assert weights.weight(university) < weights.weight(syracuse)
    assert weights.by_weight(name_words("Syracuse University"))[0] == syracuse
    assert weights.weight("never-seen") > weights.weight(syracuse)


def test_a_name_counted_twice_counts_once() -> None:
    once = count_words([name_words("Gaza City")])
    twice = count_words([name_words("Gaza City")] * 2)
    assert once == twice


def test_sharing_only_a_common_word_scores_low(corpus: list[tuple[str, ...]]) -> None:
    weights = count_words(corpus)
    cities = weighted_similarity(name_words("Atlantic City"), name_words("Gaza City"), weights)
    universities = weighted_similarity(
        name_words("Syracuse University"), name_words("Quinnipiac University"), weights
    )
    assert cities < 0.5 and universities < 0.5


def test_a_misspelt_rare_word_still_matches(corpus: list[tuple[str, ...]]) -> None:
    weights = count_words([*corpus, name_words("Quinnypiac University")])
    score = weighted_similarity(
        name_words("Quinnipiac University"), name_words("Quinnypiac University"), weights
    )
    assert score > 0.88


def test_one_word_never_matches_a_longer_name(corpus: list[tuple[str, ...]]) -> None:
    weights = count_words(corpus)
    for short, long in (("Stanford", "Stanford University"), ("University", "Syracuse University")):
        assert weighted_similarity(name_words(short), name_words(long), weights) == 0.0
    assert weighted_similarity(name_words("Stanford"), name_words("Stanford"), weights) == 1.0


def test_legal_forms_are_not_name_words() -> None:
    assert name_words("Apple Inc.") == name_words("Apple")
    assert name_words("Inc") == name_words("Inc")  # nothing else left: kept


def test_empty_names_score_zero(corpus: list[tuple[str, ...]]) -> None:
    weights = count_words(corpus)
    assert weighted_similarity((), (), weights) == 0.0
    assert weighted_similarity((), name_words("Gaza City"), weights) == 0.0
