"""The MATCH builder: any text becomes quoted words that FTS5 accepts, never syntax."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.query.search_terms import (
    MAX_TERMS,
    keep_informative,
    match_expression,
    phrase,
    query_words,
)
from storyline.store.index_words import fold


@pytest.fixture(scope="module")
def fts() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE VIRTUAL TABLE t USING fts5(text, tokenize='unicode61 remove_diacritics 2')"
    )
    conn.executemany(
        "INSERT INTO t VALUES (?)",
        [("Bakíyev left for Minsk",), ("Бакиев в Минске",), ("北京市 news",), ("DROP TABLE",)],
    )
    return conn


def _run(conn: sqlite3.Connection, query: str) -> list[int]:
    groups = [(phrase(w),) for w in query_words(query)]
    expression = match_expression(groups)
    if not expression:
        return []
    return [r[0] for r in conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,))]


def test_words_are_folded_like_the_index() -> None:
    assert fold("Bakíyev") == "bakiyev"
    assert query_words('"Bakiyev" NEAR(x y) -z *') == ["Bakiyev", "NEAR", "x", "y", "z"]


def test_groups_become_quoted_alternatives() -> None:
    groups = [(("bakiev",), ("bakiyev",)), (("minsk",),), (("kubat", "zhumaliyev"),)]
    assert match_expression(groups) == '("bakiev" OR "bakiyev") OR "minsk" OR "kubat zhumaliyev"'


def test_quotes_inside_a_word_are_doubled() -> None:
    assert match_expression([(('a"b',),)]) == '"a""b"'


@pytest.mark.parametrize(
    ("query", "rows"),
    [
        ("bakiyev", [1]),
        ("BAKIYEV", [1]),
        ('"; DROP TABLE t; --', [4]),
        ("NEAR(Bakiyev Minsk, 2)", [1]),
        ("минске", [2]),
        ("北京市", [3]),
        ("-Minsk* ^left :for", [1]),
        ("((((", []),
    ],
)
def test_syntax_characters_and_sql_are_plain_text(
    fts: sqlite3.Connection, query: str, rows: list[int]
) -> None:
    assert _run(fts, query) == rows


def test_a_long_query_is_capped() -> None:
    query = " ".join(f"w{i}" for i in range(5000))
    kept = keep_informative(query_words(query), {}, 0)
    assert len(kept) == MAX_TERMS


def test_common_words_go_when_rarer_ones_remain() -> None:
    frequency = {"the": 90, "minsk": 3}
    assert keep_informative(["the", "Minsk"], frequency, 100) == ["Minsk"]
    assert keep_informative(["the"], frequency, 100) == ["the"]
    assert keep_informative(["the", "Minsk"], frequency, 10) == ["the", "Minsk"]


def test_the_rarest_words_are_kept_in_query_order() -> None:
    terms = [f"w{i}" for i in range(MAX_TERMS + 2)]
    frequency = {"w0": 50, "w1": 40}
    assert keep_informative(terms, frequency, 100) == terms[2:]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_an_expression_fts5_accepts(text: str) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(text)")
    conn.execute("INSERT INTO t VALUES ('some text')")
    _run(conn, text)  # raises sqlite3.OperationalError on a syntax error


def test_the_rarest_words_are_kept_while_their_passages_fit_the_budget() -> None:
    frequency = {"rare": 10, "mid": 500, "often": 5000}
    terms = ["often", "mid", "rare"]
    assert keep_informative(terms, frequency, 100_000, budget=600) == ["mid", "rare"]
    assert keep_informative(terms, frequency, 100_000, budget=100) == ["rare"]
    assert keep_informative(["often"], frequency, 100_000, budget=100) == ["often"]
