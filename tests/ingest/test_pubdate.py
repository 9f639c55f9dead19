"""Publication dates: strict parsing, page stamps, inference from content, choosing the evidence."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.ingest.pubdate import (
    NO_DATE,
    Candidate,
    Source,
    choose_published,
    date_from_url,
    find_mentions,
    infer_from_content,
    parse_date,
    parse_date_line,
    parse_stamp,
    place_yearless,
)
from storyline.model import DatedValue, Precision

DAY, MONTH, YEAR = Precision.DAY, Precision.MONTH, Precision.YEAR


# ---------------------------------------------------------------- parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17 April 2010", ("2010-04-17", DAY)),
        ("April 17, 2010", ("2010-04-17", DAY)),
        ("2010-04-17", ("2010-04-17", DAY)),
        ("17.04.2010", ("2010-04-17", DAY)),
        ("23-05-2018", ("2018-05-23", DAY)),
        ("Tue, 14 Mar 2017 09:00:00 GMT", ("2017-03-14", DAY)),
        ("2019-03-14T08:30:00+01:00", ("2019-03-14", DAY)),
        ("2019-03-14T08:30:00Z", ("2019-03-14", DAY)),
        ("March 2012", ("2012-03", MONTH)),
        ("2012-03", ("2012-03", MONTH)),
        ("2012", ("2012", YEAR)),
        ("17th April, 2010", ("2010-04-17", DAY)),
        ("Saturday, 17 April 2010", ("2010-04-17", DAY)),
        ("April 17, 2010 at 10:32 am EDT", ("2010-04-17", DAY)),
        ("17-Apr-2010", ("2010-04-17", DAY)),
        ("2010/04/17", ("2010-04-17", DAY)),
        ("**17 April 2010**", ("2010-04-17", DAY)),
        ("  17 April 2010 |", ("2010-04-17", DAY)),
        ("17 апреля 2010 г.", ("2010-04-17", DAY)),
        ("17 de abril de 2010", ("2010-04-17", DAY)),
        ("17. April 2010", ("2010-04-17", DAY)),
        ("17 avril 2010", ("2010-04-17", DAY)),
        ("2010年4月17日", ("2010-04-17", DAY)),
        ("29 February 2012", ("2012-02-29", DAY)),
    ],
)
def test_parse_date_reads_whole_date_strings(text: str, expected: tuple[str, Precision]) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello",
        "32 May 2010",
        "29 February 2011",
        "2010-13-01",
        "31.04.2010",
        "13/13/2010",
        "17 April",  # no year: not a whole date
        "1066",  # not a plausible publication year
        "$2010",
        "85 people",
        "The summit opened on 17 April 2010 in Moscow",  # a sentence, not a date
        "17 April 2010" * 10,
    ],
)
def test_parse_date_refuses_what_is_not_one_date(text: str) -> None:
    assert parse_date(text) is None


def test_all_numeric_dates_are_read_day_first() -> None:
    assert parse_date("05/04/2010") == ("2010-04-05", DAY)
    assert parse_date("05.04.2010") == ("2010-04-05", DAY)


def test_all_numeric_dates_are_read_month_first_only_when_day_first_is_impossible() -> None:
    assert parse_date("04/17/2010") == ("2010-04-17", DAY)


@given(st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)))
def test_parse_date_round_trips_every_written_form(day: dt.date) -> None:
    month = day.strftime("%B")
    for text in (
        f"{day.day} {month} {day.year}",
        f"{month} {day.day}, {day.year}",
        day.isoformat(),
        f"{day.day:02d}.{day.month:02d}.{day.year}",
        day.strftime("%a, %d %b %Y 10:00:00 GMT"),
    ):
        assert parse_date(text) == (day.isoformat(), DAY), text


@given(st.text())
def test_parsers_never_raise(text: str) -> None:
    parse_date(text)
    parse_stamp(text)
    parse_date_line(text)
    date_from_url(text)


# ---------------------------------------------------------------- stamps, date lines, URLs


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Updated at 22:06,23-05-2018", "2018-05-23T22:06"),
        ("Last updated: 14 March 2017 09:00 GMT", "2017-03-14T09:00"),
        ("Modified 2019-03-14T08:30:00+01:00", "2019-03-14T08:30:00"),
        ("Updated 3:05 pm, April 17, 2010", "2010-04-17T15:05"),
        ("Updated: 17.04.2010 10.32", "2010-04-17T10:32"),
        ("Page last updated on 17 April 2010", "2010-04-17"),
        ("updated March 2012", "2012-03"),
        ("Published 17 April 2010; updated 18 April 2010 10:00", "2010-04-18T10:00"),
        ("Updated whenever", None),
        ("Updated at 22:06", None),
    ],
)
def test_parse_stamp(line: str, expected: str | None) -> None:
    assert parse_stamp(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("17 April 2010", ("2010-04-17", DAY)),
        ("Published: 17 April 2010", ("2010-04-17", DAY)),
        ("Posted on 2010-04-17 10:00", ("2010-04-17", DAY)),
        ("By Jane Roe | April 17, 2010", ("2010-04-17", DAY)),
        ("Jane Roe, March 2012", ("2012-03", MONTH)),
        ("Updated 18 April 2010", None),  # a stamp is not a date line
        ("By Jane Roe", None),
    ],
)
def test_parse_date_line(line: str, expected: tuple[str, Precision] | None) -> None:
    assert parse_date_line(line) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/2010/04/17/kyrgyz-president/", ("2010-04-17", DAY)),
        ("https://example.org/news/2010-04-17-kyrgyz-president", ("2010-04-17", DAY)),
        ("https://example.org/20100417/story.html", ("2010-04-17", DAY)),
        ("https://example.org/2010/04/kyrgyz-president", ("2010-04", MONTH)),
        ("https://example.org/story/12345", None),
        ("https://example.org/2010/13/40/x", None),
    ],
)
def test_date_from_url(url: str, expected: tuple[str, Precision] | None) -> None:
    assert date_from_url(url) == expected


# ---------------------------------------------------------------- mentions


def _mentioned(text: str) -> list[str]:
    return [m.text for m in find_mentions(text)]


@pytest.mark.parametrize(
    "text",
    [
        "He received $2 bn and 2000 troops; 1,500 tons of seed.",
        "Flight No. 2010 landed; 85 people were on board.",
        "The vote is expected in 2030. Vision 2030 is a plan.",
        "Prices rose 2010% in the 2010s.",
        "Call +2010 or see page 2010.",
        "Updated at 22:06,23-05-2018",
        "The money may 8 times exceed the budget.",
    ],
)
def test_numbers_and_plans_are_not_dates(text: str) -> None:
    assert _mentioned(text) == []


def test_mentions_are_found_with_their_precision() -> None:
    text = "Born in 1961, he fled on 15 April 2010, in April 2010 or 2010-04-15; on 8 May he spoke."
    found = {m.text: m for m in find_mentions(text)}
    assert found["1961"].precision is YEAR
    assert found["15 April 2010"].precision is DAY
    assert found["April 2010"].precision is MONTH
    assert found["2010-04-15"].lo == dt.date(2010, 4, 15)
    assert found["8 May"].yearless


# ---------------------------------------------------------------- infer_from_content


def test_no_absolute_date_means_unknown() -> None:
    result = infer_from_content("He spoke on Tuesday about the April 7 bloodshed last year.")
    assert result == NO_DATE
    assert result.evidence == "no date line and no dated mention in the text"


def test_latest_dated_mention_is_the_lower_bound_and_the_window_the_upper() -> None:
    text = "Relations soured in 2010. Requests continued as recently as February 2015."
    result = infer_from_content(text)
    assert result.precision is Precision.RANGE
    assert result.range == ("2015-02", "2016-12")
    assert result.value == "2015"
    assert "latest date mentioned 'February 2015'" in result.evidence
    assert "2015-02..2016-12" in result.evidence


def test_yearless_dates_are_placed_after_the_latest_dated_mention() -> None:
    text = "In October 2011 officials met. On 5 July, the council voted. On 3 September he left."
    result = infer_from_content(text)
    assert result.precision is YEAR
    assert result.value == "2012"
    assert result.range is not None and result.range[0] == "2012-09-03"
    assert "'3 September'" in result.evidence and "'October 2011'" in result.evidence


def test_a_yearless_date_after_the_latest_month_stays_in_that_year() -> None:
    result = infer_from_content("The events of April 2010 were discussed in Moscow on May 8.")
    assert (result.value, result.precision) == ("2010", YEAR)
    assert result.range == ("2010-05-08", "2010-12")


def test_a_late_december_yearless_date_allows_early_january() -> None:
    result = infer_from_content("Back in March 2012 it began. On 28 December he resigned.")
    assert result.range == ("2012-12-28", "2013-01-28")


def test_a_deictic_phrase_next_to_a_dated_mention_narrows_the_range() -> None:
    result = infer_from_content("He fled in April 2010, five years ago, and never returned.")
    assert result.range is not None
    assert result.range[0] >= "2014-10" and result.range[1] <= "2015-10-31"
    assert "narrowed by" in result.evidence
    last_year = infer_from_content("The vote was held in 2014, last year, without incident.")
    assert (last_year.value, last_year.precision) == ("2015", YEAR)


def test_a_deictic_phrase_must_be_set_off_from_the_date() -> None:
    result = infer_from_content("In 2014 last year's champion won again.")
    assert result.range == ("2014", "2015-12")  # no comma, no "in": not read as "2014 = last year"


def test_a_range_of_years_counts_its_end() -> None:
    assert infer_from_content("The reforms ran 2010-2013 and failed.").value == "2013"


def test_a_body_line_opening_with_a_stamp_word_is_still_read() -> None:
    assert infer_from_content("Changed circumstances in 2012 forced him out.").value == "2012"


def test_book_length_input_is_cut_and_says_so() -> None:
    text = "Nothing dated here. " * 20_000 + "It happened in 2010."
    result = infer_from_content(text)
    assert result.value is None
    dense = "In 2010, on 5 July and 17 April 2010, five years ago. " * 20_000
    result = infer_from_content(dense)
    assert "only the first" in result.evidence
    assert result.evidence.count("five years ago") == 1


def test_today_drops_future_mentions_and_caps_the_range() -> None:
    text = "It started in March 2020. A review is due in 2031 as the 2031 plan says."
    result = infer_from_content(text, today=dt.date(2020, 6, 1))
    assert result.range == ("2020-03", "2020-06-01")


@given(st.text())
def test_infer_from_content_never_raises(text: str) -> None:
    result = infer_from_content(text)
    assert result.precision in {Precision.UNKNOWN, Precision.YEAR, Precision.RANGE}


@given(st.lists(st.sampled_from(["in 2010", "on 5 July", "April 2012", "$2015", "x", "."])))
def test_the_inferred_range_is_ordered_and_holds_the_value(parts: list[str]) -> None:
    result = infer_from_content(" ".join(parts))
    if result.range is not None:
        assert result.range[0][:4] <= result.range[1][:4]
        assert result.value == result.range[0][:4]


# ---------------------------------------------------------------- choose_published


def _candidate(source: Source, value: str, precision: Precision = DAY) -> Candidate:
    return Candidate(source, DatedValue(value, precision, f"{source.name.lower()}: {value}"))


def test_the_strongest_source_wins() -> None:
    content = Candidate(Source.CONTENT, infer_from_content("It happened in 2009."))
    chosen = choose_published(
        [
            content,
            _candidate(Source.DATE_LINE, "2010-04-17"),
            _candidate(Source.FIELD, "2010-04-16"),
        ]
    )
    assert chosen.published.value == "2010-04-16"
    assert chosen.updated is None


def test_a_stamp_is_never_the_publication_date() -> None:
    chosen = choose_published([_candidate(Source.STAMP, "2018-05-23T22:06")])
    assert chosen.published.value is None
    assert chosen.updated == "2018-05-23T22:06"
    assert "update" in chosen.published.evidence


def test_a_stamp_years_after_the_content_is_the_update() -> None:
    content = infer_from_content("All member states met on May 8 after the April 2010 events.")
    chosen = choose_published(
        [_candidate(Source.STAMP, "2018-05-23T22:06"), Candidate(Source.CONTENT, content)]
    )
    assert chosen.published.range is not None
    assert chosen.published.range[0].startswith("2010")
    assert chosen.published.range[1].startswith("2010")
    assert chosen.updated is not None and chosen.updated.startswith("2018")
    assert "later than that range" in chosen.published.evidence


def test_a_stamp_inside_the_inferred_range_caps_it() -> None:
    content = infer_from_content("Requests continued as recently as February 2015.")
    chosen = choose_published(
        [_candidate(Source.STAMP, "2015-06-30"), Candidate(Source.CONTENT, content)]
    )
    assert chosen.published.range == ("2015-02", "2015-06-30")
    assert chosen.published.precision is YEAR


def test_content_later_than_the_date_line_is_noted() -> None:
    content = Candidate(Source.CONTENT, infer_from_content("Talks resumed in March 2016."))
    chosen = choose_published([_candidate(Source.DATE_LINE, "2010-04-17"), content])
    assert chosen.published.value == "2010-04-17"
    assert "later dates" in chosen.published.evidence


def test_nothing_dated_is_unknown() -> None:
    assert choose_published([]).published.precision is Precision.UNKNOWN


# ---------------------------------------------------------------- the reference corpus


def _article(bakiyev_dir: Path, prefix: str) -> str:
    return next(bakiyev_dir.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _without(text: str, pattern: str) -> str:
    return "\n".join(line for line in text.splitlines() if not re.match(pattern, line))


def test_corpus_003_stamp_is_an_update_of_a_2010_article(bakiyev_dir: Path) -> None:
    text = _article(bakiyev_dir, "003")
    stamp_line = next(line for line in text.splitlines() if parse_stamp(line))
    stamp = parse_stamp(stamp_line)
    inferred = infer_from_content(text)  # stamp lines are skipped by the inference itself
    chosen = choose_published(
        [
            Candidate(Source.STAMP, DatedValue(stamp, DAY, "page stamp")),
            Candidate(Source.CONTENT, inferred),
        ]
    )
    assert chosen.published.range is not None
    assert all(bound.startswith("2010") for bound in chosen.published.range)
    assert chosen.updated is not None and chosen.updated.startswith("2018-05-23")


def test_corpus_002_is_inferred_from_its_latest_month(bakiyev_dir: Path) -> None:
    result = infer_from_content(_article(bakiyev_dir, "002"))
    assert result.range is not None and result.range[0] >= "2015-02"
    assert result.value == "2015"


def test_corpus_001_mentions_no_year_and_gets_no_made_up_date(bakiyev_dir: Path) -> None:
    result = infer_from_content(_article(bakiyev_dir, "001"))
    assert result.precision in {Precision.UNKNOWN, Precision.RANGE}
    assert result.precision is not DAY


def test_corpus_000_places_its_yearless_dates_after_october_2011(bakiyev_dir: Path) -> None:
    result = infer_from_content(_article(bakiyev_dir, "000"))
    assert result.range is not None and result.range[0] >= "2011-10"
    assert result.value == "2012"


def test_corpus_004_date_line(bakiyev_dir: Path) -> None:
    lines = _article(bakiyev_dir, "004").splitlines()
    dated = [found for line in lines if (found := parse_date_line(line))]
    assert dated[0] == ("2010-04-17", DAY)


def test_a_yearless_29_february_does_not_break_inference() -> None:
    text = "The council met on 12 January 2016. Officials met again on 29 February."
    mentions = find_mentions(text)
    assert [m.yearless for m in mentions] == [False, True]
    placed = place_yearless(mentions)
    assert placed[-1].lo == dt.date(2016, 2, 29)
