"""Name strings: keys, folding, possessives, titles, initials."""

from __future__ import annotations

import pytest

from storyline.nlp import names


def test_key_normalises_spaces_and_possessive() -> None:
    assert names.key("Kubat\u00a0 Zhumaliyev’s") == "Kubat Zhumaliyev"
    assert names.key("the Zhumaliyevs'") == "the Zhumaliyevs"
    assert names.key("Ardan") == "Ardan"


def test_fold_drops_case_and_accents() -> None:
    assert names.fold("Zhumalíyev") == names.fold("ZHUMALIYEV") == "zhumaliyev"


@pytest.mark.parametrize(
    ("text", "cut"), [("Roe's", 2), ("Roe’s", 2), ("Zhumaliyevs'", 1), ("Roe", 0), ("Ross", 0)]
)
def test_possessive_length(text: str, cut: int) -> None:
    assert names.possessive_length(text) == cut


@pytest.mark.parametrize("word", ["President", "Mr.", "ex-president", "Gen.", "spokeswoman"])
def test_title_words(word: str) -> None:
    assert names.is_title_word(word)


@pytest.mark.parametrize("word", ["Zhumaliyev", "Kubat", "former", "Ardan"])
def test_not_title_words(word: str) -> None:
    assert not names.is_title_word(word)


def test_modifiers_are_title_parts_but_not_titles() -> None:
    assert names.is_title_part("former") and not names.is_title_word("former")


def test_initials_and_acronyms() -> None:
    assert names.initials("Northern Rivers Trade Union") == "NRTU"
    assert names.initials("Bank of Zalesia") == "BZ"
    assert names.is_acronym("NRTU") and names.is_acronym("N.R.T.U.")
    assert not names.is_acronym("Roe") and not names.is_acronym("A")
