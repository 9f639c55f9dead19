"""Reading a question: its kind, content words, names, outlets and parts."""

from __future__ import annotations

import pytest

from storyline.errors import EmptyInputError
from storyline.query.question import Kind, parse_question, stem


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Who fled to Zalesia?", Kind.WHO),
        ("When did the trial open?", Kind.WHEN),
        ("In which year was he appointed?", Kind.WHEN),
        ("How much did the villa cost?", Kind.HOW_MUCH),
        ("What was the price of the house?", Kind.HOW_MUCH),
        ("How many people were killed?", Kind.HOW_MANY),
        ("Where does the son live?", Kind.WHERE),
        ("Why did the man who fled stay away?", Kind.WHY),
        ("Did Zalesia extradite him?", Kind.YES_NO),
        ("What happened in Tesh?", Kind.WHAT),
    ],
)
def test_the_kind_is_read_from_the_first_question_phrase(question: str, kind: Kind) -> None:
    assert parse_question(question).kind == kind


def test_content_words_leave_out_stopwords_and_question_words() -> None:
    found = parse_question("Why did Kostrava recall its ambassador, according to reports?")
    assert found.terms == ("kostrava", "recall", "ambassador")


def test_names_are_capitalised_runs_without_dates_or_the_first_word() -> None:
    found = parse_question(
        "Considering the report on September 26, 2023, did Ales Hrabovich meet "
        "Kubat Zhumaliyev's lawyer in Virsk, Zalesia?"
    )
    assert found.names == ("Ales Hrabovich", "Kubat Zhumaliyev", "Virsk", "Zalesia")


@pytest.mark.parametrize(
    ("question", "outlets"),
    [
        ("According to the Steppe Courier, who fled?", ("Steppe Courier",)),
        ("As reported by both The Verge and TechCrunch, who?", ("Verge", "TechCrunch")),
        ("Does 'The Age' article agree with a BBC report?", ("Age", "BBC")),
        ("Does the 'Rookie of the Year Odds' article agree?", ()),
    ],
)
def test_outlets_are_names_cued_as_sources(question: str, outlets: tuple[str, ...]) -> None:
    assert parse_question(question).outlets == outlets


def test_a_two_part_question_is_split_at_its_joint() -> None:
    found = parse_question(
        "Who recalled the ambassador from Virsk, and who froze the assets of the son?"
    )
    assert len(found.parts) == 2
    assert "froze" in found.parts[1]


def test_a_short_question_stays_whole() -> None:
    assert parse_question("Who met Hrabovich and why?").parts == ("Who met Hrabovich and why?",)


@pytest.mark.parametrize(
    ("a", "b"),
    [("recalled", "recall"), ("lives", "lived"), ("fled", "flee"), ("killings", "killed")],
)
def test_stems_join_word_forms(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_stems_keep_words_apart() -> None:
    assert stem("villa") != stem("village")


@pytest.mark.parametrize("question", ["", "  \n ", "?!"])
def test_a_question_without_words_is_refused(question: str) -> None:
    with pytest.raises(EmptyInputError):
        parse_question(question)


def test_a_pasted_essay_is_cut() -> None:
    found = parse_question("word " * 5000)
    assert len(found.text) <= 2000 and found.terms == ("word",)
