"""Search over the built sample corpus: hits cite exact text, names expand, filters hold."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.errors import AmbiguousReferenceError, BadQueryError, InputError, NotFoundError
from storyline.query.entities import entities, one
from storyline.query.search import SearchResult, search
from storyline.store import SQLiteStore
from storyline.store.index_words import fold


@pytest.fixture(scope="module")
def store(examples_db: Path) -> Iterator[SQLiteStore]:
    opened = SQLiteStore(examples_db)
    yield opened
    opened.close()


def _check_hits(store: SQLiteStore, result: SearchResult) -> None:
    """Every hit's text, snippet and highlights are exactly where they say they are."""
    for hit in result.hits:
        text = store.get_document(hit.doc).text
        assert text[hit.start : hit.end] == hit.text
        assert hit.start <= hit.snippet_start <= hit.snippet_start + len(hit.snippet) <= hit.end
        assert text[hit.snippet_start : hit.snippet_start + len(hit.snippet)] == hit.snippet
        for start, end in hit.highlights:
            assert 0 <= start < end <= len(hit.snippet)


def test_hits_are_ranked_passages_with_exact_offsets(store: SQLiteStore) -> None:
    result = search(store, "extradition Virsk")
    assert result.hits and result.total >= len(result.hits)
    assert [h.score for h in result.hits] == sorted((h.score for h in result.hits), reverse=True)
    _check_hits(store, result)
    assert all(h.highlights for h in result.hits)


def test_a_name_finds_its_other_spellings(store: SQLiteStore) -> None:
    result = search(store, "Zhumaliyev", limit=50)
    shown = {fold(h.snippet[a:b]) for h in result.hits for a, b in h.highlights}
    assert {"jumaliev", "dzhumaliev"} <= {fold(s) for s in result.expanded}
    assert {"jumaliev", "dzhumaliev", "zhumaliyev"} <= shown
    plain = search(store, "Zhumaliyev Jumaliev Dzhumaliev", limit=50)
    assert result.total == plain.total


def test_a_spelling_no_article_uses_still_expands(store: SQLiteStore) -> None:
    result = search(store, "Zhumaliev")  # no article writes it so
    assert result.hits
    assert "zhumaliyev" in {fold(s) for s in result.expanded}


def test_a_word_no_passage_holds_does_not_crowd_out_the_others(
    store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline.query import search as search_module

    considered: list[list[str]] = []
    real = search_module.keep_informative

    def recording(terms: list[str], *args: object, **kwargs: object) -> list[str]:
        considered.append(list(terms))
        return real(terms, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(search_module, "keep_informative", recording)
    result = search(store, "qqxzvbw extradition Zhumaliev")
    assert considered[-1] == ["extradition", "Zhumaliev"]  # the unknown spelling expands
    assert result.hits
    search(store, "qqxzvbw")  # nothing else to search: the word stays, nothing found
    assert considered[-1] == ["qqxzvbw"]


def test_paging_continues_the_ranking(store: SQLiteStore) -> None:
    first = search(store, "governor", limit=3)
    second = search(store, "governor", limit=3, offset=3)
    both = search(store, "governor", limit=6)
    assert [(h.doc, h.start) for h in first.hits + second.hits] == [
        (h.doc, h.start) for h in both.hits
    ]
    assert first.total == second.total == both.total


def test_outlet_filter_is_case_and_accent_blind(store: SQLiteStore) -> None:
    result = search(store, "Jumaliev", outlet="steppe COURIER", limit=50)
    assert result.hits and {h.publisher for h in result.hits} == {"Steppe Courier"}
    assert search(store, "Jumaliev", outlet="No Such Outlet").hits == []


def test_date_filters_are_inclusive_at_their_precision(store: SQLiteStore) -> None:
    result = search(store, "Kostrava", date_from="2017", date_to="2017-12", limit=100)
    assert result.hits
    assert all(h.published and "2017-01" <= h.published[:7] <= "2017-12" for h in result.hits)
    assert search(store, "Kostrava", date_from="2030").hits == []


def test_document_filter(store: SQLiteStore) -> None:
    some = search(store, "Kostrava").hits[0]
    result = search(store, "Kostrava", doc=some.doc, limit=100)
    assert {h.doc for h in result.hits} == {some.doc}
    with pytest.raises(NotFoundError):
        search(store, "Kostrava", doc="dnothere")


def test_entity_filter_keeps_passages_that_mention_it(store: SQLiteStore) -> None:
    person = one(entities(store), "Daniyar Zhumaliyev")
    result = search(store, "contracts London asylum son", entity=person.id, limit=100)
    assert result.hits
    for hit in result.hits:
        assert any(
            m.doc == hit.doc and hit.start <= m.start and m.end <= hit.end for m in person.mentions
        )
    with pytest.raises(NotFoundError):
        search(store, "son", entity="Nobody Atall")
    with pytest.raises(AmbiguousReferenceError):
        search(store, "son", entity="Jumaliev")  # a family name: several people


@pytest.mark.parametrize("query", ["", "   ", "\n\t", "!!! ... ???", '"*^:-()'])
def test_an_empty_query_is_a_clear_error(store: SQLiteStore, query: str) -> None:
    with pytest.raises(BadQueryError) as caught:
        search(store, query)
    assert caught.value.code == "E210" and 400 <= caught.value.status < 500


@pytest.mark.parametrize(
    "options",
    [{"limit": 0}, {"limit": 10_000}, {"offset": -1}, {"date_from": "May 2010"},
     {"date_to": "2010-5-1"}],
)  # fmt: skip
def test_bad_paging_and_dates_are_clear_errors(
    store: SQLiteStore, options: dict[str, object]
) -> None:
    with pytest.raises(BadQueryError):
        search(store, "Kostrava", **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "NEAR(Virsk Ardan, 3)",
        "Virsk* -Ardan ^Tesh title:Kostrava (a OR b",
        "'; DROP TABLE documents; --",
        "Жумалиев",
        "北京市 東京",
        "مرحبا بالعالم",
        "x" * 10_000,
        " ".join(["governor"] * 3000),
        "Kostrava\x00Virsk\ufffd\ud800",
    ],
)
def test_hostile_queries_are_plain_text(store: SQLiteStore, query: str) -> None:
    result = search(store, query)
    _check_hits(store, result)
    assert store.integrity_check() == "ok"


def test_sql_in_a_query_finds_the_words_and_harms_nothing(store: SQLiteStore) -> None:
    before = len(list(store.documents()))
    search(store, "'); DROP TABLE documents; --")
    assert len(list(store.documents())) == before


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=200))
def test_any_text_gives_results_or_an_input_error(store: SQLiteStore, text: str) -> None:
    try:
        result = search(store, text, limit=5)
    except InputError:
        return
    _check_hits(store, result)
