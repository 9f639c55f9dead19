"""Coreference metrics on the published worked examples and on hand-computed toy partitions."""

from __future__ import annotations

import itertools
import random

import pytest

from storyline.eval.coref import b_cubed, ceafe, conll, max_weight_assignment, muc, phi4

# Pradhan et al. 2014, section 3 (the running example of the reference scorer paper).
PRADHAN_KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
PRADHAN_RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]

# Luo 2005, figure 1: the key and four responses (a)-(d); "A".."C" are mentions 10-12.
LUO_KEY = [set("12345"), set("67"), set("89ABC")]
LUO_RESPONSES = {
    "a": [set("12345"), set("6789ABC")],
    "b": [set("1234589ABC"), set("67")],
    "c": [set("123456789ABC")],
    "d": [{m} for m in "123456789ABC"],
}
# Luo 2005, table 1 (F values, three decimals); MUC is undefined for (d).
LUO_F1 = {
    "a": {"muc": 0.947, "b3": 0.865, "ceafe": 0.733},
    "b": {"muc": 0.947, "b3": 0.737, "ceafe": 0.667},
    "c": {"muc": 0.900, "b3": 0.545, "ceafe": 0.294},
    "d": {"b3": 0.400, "ceafe": 0.178},
}


def test_pradhan_2014_worked_example() -> None:
    m = muc(PRADHAN_KEY, PRADHAN_RESPONSE)
    assert (m.recall, m.precision, m.f1) == pytest.approx((0.4, 0.4, 0.4))
    b = b_cubed(PRADHAN_KEY, PRADHAN_RESPONSE)
    assert (b.recall, b.precision) == pytest.approx((35 / 84, 0.5))
    assert b.f1 == pytest.approx(0.4545, abs=1e-4)
    c = ceafe(PRADHAN_KEY, PRADHAN_RESPONSE)
    assert (c.recall, c.precision, c.f1) == pytest.approx((0.65, 1.3 / 3, 0.52))


@pytest.mark.parametrize("system", sorted(LUO_RESPONSES))
def test_luo_2005_table(system: str) -> None:
    response = LUO_RESPONSES[system]
    got = {
        "muc": muc(LUO_KEY, response).f1,
        "b3": b_cubed(LUO_KEY, response).f1,
        "ceafe": ceafe(LUO_KEY, response).f1,
    }
    for name, expected in LUO_F1[system].items():
        assert got[name] == pytest.approx(expected, abs=5e-4), name


def test_all_singletons_have_no_muc_links() -> None:
    score = muc(LUO_KEY, LUO_RESPONSES["d"])
    assert (score.recall, score.precision, score.f1) == (0.0, 0.0, 0.0)


def test_identical_partitions_score_one_with_singletons() -> None:
    key = [{1, 2, 3}, {4}, {5, 6}]
    result = conll(key, [{3, 2, 1}, {6, 5}, {4}])
    assert all(value == 1.0 for value in result.values())


def test_toy_partition_by_hand() -> None:
    # key {1,2} {3} {4,5,6}; response {1} {2,3} {4,5,6}
    key, response = [{1, 2}, {3}, {4, 5, 6}], [{1}, {2, 3}, {4, 5, 6}]
    m = muc(key, response)
    assert m.recall == pytest.approx(2 / 3)  # {1,2} is cut in two: 0 of 1 link, {4,5,6} 2 of 2
    assert m.precision == pytest.approx(2 / 3)  # {2,3} is cut in two: the same
    b = b_cubed(key, response)
    # recall: 1:1/2, 2:1/2, 3:1, 4-6:1 each -> 5/6; precision: 1:1, 2:1/2, 3:1/2, 4-6:1 -> 5/6
    assert (b.recall, b.precision) == pytest.approx((5 / 6, 5 / 6))
    c = ceafe(key, response)
    # best: {1,2}-{1} 2/3, {3}-{2,3} 2/3, {4,5,6}-{4,5,6} 1 -> 7/3 over 3 and 3
    assert (c.recall, c.precision) == pytest.approx((7 / 9, 7 / 9))


def test_mentions_missing_from_the_response() -> None:
    key, response = [{1, 2, 3}], [{1, 2}]
    m = muc(key, response)  # 3 is its own part: 3 - 2 = 1 of 2 links
    assert (m.recall, m.precision) == pytest.approx((0.5, 1.0))
    b = b_cubed(key, response)  # recall (4/3)/3; precision 4/2 over 2
    assert (b.recall, b.precision) == pytest.approx((4 / 9, 1.0))
    assert ceafe(key, response).recall == pytest.approx(phi4(frozenset(key[0]), frozenset({1, 2})))


def test_conll_is_the_mean_of_the_three_f1() -> None:
    result = conll(PRADHAN_KEY, PRADHAN_RESPONSE)
    assert result["conll_f1"] == pytest.approx((0.4 + 0.4545 + 0.52) / 3, abs=1e-4)
    assert {"muc_p", "muc_r", "b3_p", "b3_r", "ceafe_p", "ceafe_r"} <= set(result)


def test_a_mention_in_two_clusters_is_an_error() -> None:
    with pytest.raises(ValueError, match="two clusters"):
        muc([{1, 2}], [{1}, {1, 2}])


def test_empty_partitions_score_zero() -> None:
    assert conll([], [])["conll_f1"] == 0.0


@pytest.mark.parametrize("seed", range(20))
def test_assignment_matches_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    rows, cols = rng.randint(1, 5), rng.randint(1, 5)
    weights = [[rng.choice([0.0, rng.random()]) for _ in range(cols)] for _ in range(rows)]
    pairs = max_weight_assignment(weights)
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
    assert len(pairs) == min(rows, cols)
    best = max(
        sum(weights[i][j] for i, j in zip(chosen, perm, strict=False))
        for chosen in itertools.combinations(range(rows), min(rows, cols))
        for perm in itertools.permutations(range(cols), min(rows, cols))
    )
    assert sum(weights[i][j] for i, j in pairs) == pytest.approx(best)
