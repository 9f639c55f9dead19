"""The extraction context rebuilds the analysis from stored statements and the parse."""

from __future__ import annotations

from collections.abc import Callable

from storyline.extract.context import DocContext, is_calendar_date, precision_of

TEXT = (
    "Kurmanbek Bakiyev fled to Minsk on 20 April 2010. "
    "He paid $1.7 million for a house near the city.\n\n"
    "Bakiyev said nothing."
)


def test_sentences_mentions_times_and_numbers_point_into_the_text(
    context_of: Callable[..., DocContext],
) -> None:
    ctx = context_of(TEXT)
    start, end = ctx.sentences[0]
    assert TEXT[start:end].startswith("Kurmanbek Bakiyev fled")
    names = [m.ref.text for m in ctx.mentions]
    assert "Kurmanbek Bakiyev" in names and "Minsk" in names
    for m in ctx.mentions:
        assert TEXT[m.ref.start : m.ref.end] == m.ref.text
    assert [t.value for t in ctx.timexes] == ["2010-04-20"]
    (money,) = ctx.quantities
    assert money.value == 1_700_000 and money.unit == "USD"
    # the surname alone shares the full name's document cluster
    clusters = {m.ref.text: m.cluster for m in ctx.mentions}
    assert clusters["Bakiyev"] == clusters["Kurmanbek Bakiyev"]


def test_lookups_by_offset(context_of: Callable[..., DocContext]) -> None:
    ctx = context_of(TEXT)
    second = TEXT.index("He paid")
    start, end = ctx.sentence_at(second + 3)
    assert TEXT[start:end].startswith("He paid")
    assert [m.ref.text for m in ctx.mentions_in(0, second)] == ["Kurmanbek Bakiyev", "Minsk"]
    over = ctx.mention_over(TEXT.index("Minsk"), TEXT.index("Minsk") + 2)
    assert over is not None and over.ref.text == "Minsk"
    found = ctx.token_at(TEXT.index("paid") + 1)
    assert found is not None and found[0].text == "paid"
    para = ctx.paragraph_of(TEXT.index("nothing"))
    assert TEXT[para[0] : para[1]] == "Bakiyev said nothing."


def test_precision_of_timex_values() -> None:
    assert precision_of("2010-05-08") == "day"
    assert precision_of("2010-05") == "month"
    assert precision_of("2010") == "year"
    assert precision_of("2010-W18") == "week"
    assert precision_of("201") == "decade"
    assert precision_of("PRESENT_REF") == "unknown"
    assert not is_calendar_date("XXXX-05-08")
    assert not is_calendar_date("P2Y")
