"""TIMEX3 recognition and normalisation: one test group per expression family, plus anchors,
robustness (hypothesis) and speed."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import DatedValue, Precision
from storyline.nlp.dates import TIMEX_RECOGNISERS, Timex, find_timexes
from storyline.nlp.timex_values import VALUE_RE

# Wednesday 12 May 2010.
DAY = DatedValue("2010-05-12", Precision.DAY, "test")
MONTH = DatedValue("2010-05", Precision.MONTH, "test")
YEAR = DatedValue("2010", Precision.YEAR, "test")


def one(text: str, anchor: DatedValue | None = DAY) -> Timex:
    """The single time expression of ``text``."""
    found = find_timexes(text, anchor)
    assert len(found) == 1, found
    return found[0]


def values(text: str, anchor: DatedValue | None = DAY) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in find_timexes(text, anchor)]


# --- absolute dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The vote was held on 17 April 2010 in Bishkek.", "17 April 2010", "2010-04-17"),
        ("The vote was held on April 17, 2010, in Bishkek.", "April 17, 2010", "2010-04-17"),
        ("He fled in May 2010 to Minsk.", "May 2010", "2010-05"),
        ("The house was bought in 2005.", "2005", "2005"),
        ("The file is dated 2010-05-08.", "2010-05-08", "2010-05-08"),
        ("Prices rose in Q2 2010.", "Q2 2010", "2010-Q2"),
        ("They met in summer 2010.", "summer 2010", "2010-SU"),
        ("Filed on 05/08/2010 in court.", "05/08/2010", "2010-05-08"),
        ("It ended in nineteen ninety-six.", "nineteen ninety-six", "1996"),
        (
            "Results for the third quarter of 2009 were weak.",
            "the third quarter of 2009",
            "2009-Q3",
        ),
    ],
)
def test_absolute_dates(text: str, expression: str, value: str) -> None:
    timex = one(text)
    assert (timex.text, timex.value, timex.type) == (expression, value, "DATE")
    assert text[timex.start : timex.end] == expression
    assert not timex.anchored


def test_decades_and_centuries() -> None:
    assert values("Born in the 1990s, raised in the 90s.") == [
        ("the 1990s", "199"),
        ("the 90s", "199"),
    ]
    assert one("in the nineties", DAY).value == "199"
    assert one("a relic of the 20th century").value == "19"


def test_may_the_verb_is_not_a_month() -> None:
    assert find_timexes("He may go and march on.", DAY) == []
    assert one("He left in May.").value == "2010-05"


# --- relative dates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He arrived yesterday.", "2010-05-11"),
        ("He arrives tomorrow.", "2010-05-13"),
        ("Sales fell last month.", "2010-04"),
        ("The talks ended last week.", "2010-W18"),
        ("They meet this weekend.", "2010-W19-WE"),
        ("It will be built next year.", "2011"),
        ("It was built three years ago.", "2007"),
        ("The deal closed last year.", "2009"),
        ("He met her on Monday.", "2010-05-10"),
        ("He will meet her on Friday.", "2010-05-14"),
        ("The decree was issued on 8 May.", "2010-05-08"),
    ],
)
def test_relative_dates_resolve_against_the_anchor(text: str, value: str) -> None:
    timex = one(text)
    assert timex.value == value
    assert timex.anchored


def test_month_day_without_year_takes_the_nearest_year() -> None:
    late = DatedValue("2010-12-28", Precision.DAY, "test")
    assert one("Talks resume on January 3.", late).value == "2011-01-03"
    assert one("Talks ended on December 3.", late).value == "2010-12-03"


def test_weekday_with_date_picks_the_year_that_fits() -> None:
    anchor = DatedValue("1998-10-25", Precision.DAY, "test")
    assert one("an editorial on Monday, Oct. 26:", anchor).value == "1998-10-26"


def test_references_to_present_past_and_future() -> None:
    assert values("Now the shops are closed; recently they opened; in the future, who knows.") == [
        ("Now", "PRESENT_REF"),
        ("recently", "PAST_REF"),
        ("the future", "FUTURE_REF"),
    ]


def test_earlier_this_week_is_a_date_with_a_start_mod() -> None:
    timex = one("They met earlier this week.")
    assert (timex.text, timex.value, timex.mod) == ("earlier this week", "2010-W19", "START")


def test_the_past_decade_is_a_duration() -> None:
    timex = one("Prices doubled over the past decade.")
    assert (timex.type, timex.value) == ("DURATION", "P10Y")


def test_year_earlier_follows_a_reporting_quarter() -> None:
    text = "Profit in the third quarter rose to $5 million from $4 million a year earlier."
    assert values(text, DatedValue("1989-10-26", Precision.DAY, "t")) == [
        ("the third quarter", "1989-Q3"),
        ("a year earlier", "1988-Q3"),
    ]


# --- times -------------------------------------------------------------------------------


def test_clock_times_take_the_anchor_day() -> None:
    assert one("The blast came at 22:06.").value == "2010-05-12T22:06"
    assert one("He spoke at 8 p.m.").value == "2010-05-12T20:00"
    assert one("He spoke at 8 p.m.").type == "TIME"


def test_clock_time_joins_an_adjacent_day() -> None:
    timex = one("The offer expires at 5 p.m. EST, Nov. 6.")
    assert (timex.text, timex.value) == ("5 p.m. EST, Nov. 6", "2010-11-06T17:00")
    assert one("They left Friday morning.").value == "2010-05-07TMO"


# --- durations and sets ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("He ruled for five years.", "five years", "P5Y"),
        ("The trial took two weeks.", "two weeks", "P2W"),
        ("It lasted several months.", "several months", "PXM"),
        ("He was held for 48 hours.", "48 hours", "PT48H"),
        ("a two-year term", "two-year", "P2Y"),
        ("over the next three years", "the next three years", "P3Y"),
    ],
)
def test_durations(text: str, expression: str, value: str) -> None:
    timex = one(text)
    assert (timex.text, timex.type, timex.value, timex.precision) == (
        expression,
        "DURATION",
        value,
        None,
    )


def test_duration_modifiers() -> None:
    timex = one("The siege lasted about two weeks.")
    assert (timex.text, timex.mod) == ("about two weeks", "APPROX")


@pytest.mark.parametrize(
    ("text", "value"),
    [("They meet every year.", "P1Y"), ("a weekly paper", "P1W"), ("each Monday", "XXXX-WXX-1")],
)
def test_sets(text: str, value: str) -> None:
    timex = one(text)
    assert (timex.type, timex.value) == ("SET", value)


def test_rates_and_ages_are_not_durations() -> None:
    assert find_timexes("Rooms cost $55 a night.", DAY) == []
    assert find_timexes("The 6-year-old boy and a 52 years old man.", DAY) == []


# --- anchors -----------------------------------------------------------------------------------


def test_without_anchor_relative_dates_stay_unknown() -> None:
    assert values("on 8 May, yesterday, last year, on Tuesday", None) == [
        ("8 May", "XXXX-05-08"),
        ("yesterday", "XXXX-XX-XX"),
        ("last year", "XXXX"),
        ("Tuesday", "XXXX-WXX-2"),
    ]
    assert not any(t.anchored for t in find_timexes("yesterday, last year", None))


def test_a_year_anchor_never_gives_a_day() -> None:
    assert values("yesterday, last month, last year, on 8 May", YEAR) == [
        ("yesterday", "XXXX-XX-XX"),
        ("last month", "XXXX-XX"),
        ("last year", "2009"),
        ("8 May", "2010-05-08"),
    ]


def test_a_month_anchor_gives_the_coarsest_honest_value() -> None:
    assert values("yesterday and last month", MONTH) == [
        ("yesterday", "2010"),
        ("last month", "2010-04"),
    ]


def test_a_range_anchor_is_used_when_both_ends_agree() -> None:
    anchor = DatedValue(None, Precision.RANGE, "test", range=("2010-05-01", "2010-05-20"))
    assert values("last year and last month", anchor) == [
        ("last year", "2009"),
        ("last month", "2010-04"),
    ]


def test_precision_of_values() -> None:
    assert one("on 17 April 2010").precision is Precision.DAY
    assert one("in May 2010").precision is Precision.MONTH
    assert one("in 2005").precision is Precision.YEAR
    assert one("last week").precision is Precision.RANGE
    assert one("yesterday", None).precision is Precision.UNKNOWN


def test_registered_as_a_versioned_component() -> None:
    assert TIMEX_RECOGNISERS.get("timex.v2") is find_timexes


# --- robustness -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["32 May", "February 30, 2010", "year 0", "in 0000", "99999999999999 years ago",
     "10000000000000000000000 days", "the 90s", "Q5 2010", "25:61", "31 February", "", " ",
     "May May May", "the 0s", "Dec. 32, 1999", "9999-99-99", "13/45/2010", "\x00\udcff"],
)  # fmt: skip
def test_odd_inputs_give_valid_timexes(text: str) -> None:
    for anchor in (DAY, YEAR, None):
        check(text, find_timexes(text, anchor))


def test_impossible_days_are_not_dates() -> None:
    assert all(t.value != "2010-02-30" for t in find_timexes("February 30, 2010", DAY))
    assert all("32" not in t.value for t in find_timexes("on 32 May", DAY))


def check(text: str, found: list[Timex]) -> None:
    """Every timex points at its own text, has a known type and a TIMEX3 value."""
    assert found == sorted(found, key=lambda t: t.start)
    for timex in found:
        assert 0 <= timex.start < timex.end <= len(text)
        assert text[timex.start : timex.end] == timex.text
        assert timex.type in ("DATE", "TIME", "DURATION", "SET")
        assert VALUE_RE.fullmatch(timex.value), timex
    for first, second in itertools.pairwise(found):
        assert first.end <= second.start


_VOCABULARY = (
    "the on in at last next this ago yesterday today May March Monday 8 17 2010 1990s 90s "
    "week weeks year years month quarter third early late about every each p.m. 22:06 , . - "
    "summer Christmas several two-year 32 30 February 0 99999"
)
_WORDS = st.sampled_from(_VOCABULARY.split(" "))
_ANCHORS = st.one_of(
    st.none(),
    st.builds(
        lambda d, p: DatedValue(d.isoformat()[: {"day": 10, "month": 7, "year": 4}[p]],
                                Precision(p), "hypothesis"),
        st.dates(), st.sampled_from(["day", "month", "year"]),
    ),
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=30).map(" ".join), _ANCHORS)
def test_property_word_soup_gives_valid_timexes(text: str, anchor: DatedValue | None) -> None:
    check(text, find_timexes(text, anchor))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), _ANCHORS)
def test_property_any_string_gives_valid_timexes(text: str, anchor: DatedValue | None) -> None:
    check(text, find_timexes(text, anchor))


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="0123456789 -/:.,'", max_size=80))
def test_property_digit_soup_never_crashes(text: str) -> None:
    check(text, find_timexes(text, DAY))


@pytest.mark.slow
def test_two_megabytes_without_sentence_breaks_finish() -> None:
    piece = (
        "officials said on Tuesday that the 17 April 2010 vote, held three years ago "
        "after weeks of unrest, would be reviewed next month while prices rose 5 percent "
        "over the past decade and he spoke at 8 p.m. about the 1990s "
    )
    text = (piece * (2_000_000 // len(piece) + 1))[:2_000_000]
    found = find_timexes(text, DAY)  # speed is measured by make bench, not asserted here
    assert len(found) > 50_000


@pytest.mark.parametrize(
    ("text", "said", "value"),
    [
        ("He fled in March 2007. In April of that year he was granted asylum.",
         "April of that year", "2007-04"),
        ("The plant opened in 1998. That year it made a loss.", "That year", "1998"),
        ("The plant opened in 1998. The following year it made a profit.",
         "The following year", "1999"),
        ("Talks began on 3 June 2004; the same year they failed.", "the same year", "2004"),
    ],
)  # fmt: skip
def test_that_year_is_the_year_the_story_last_named(text: str, said: str, value: str) -> None:
    found = {t.text: t.value for t in find_timexes(text, DAY)}
    assert found[said] == value


def test_that_year_with_no_year_named_before_is_left_unknown() -> None:
    (found,) = find_timexes("That year was hard.", DAY)
    assert found.value == "XXXX"
    # a year named too long before no longer counts
    far = "It began in 1998. " + "Nothing happened. " * 100 + "That year was hard."
    assert find_timexes(far, DAY)[-1].value == "XXXX"
