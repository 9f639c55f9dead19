"""``ask`` prefers the sentence whose event is the one asked, with the named participant in
the asked role, over one that merely holds the same words (issue 7).

The mini-corpus is invented: a son and his father share a surname, and the son's
sentence holds every word of the question about the father.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from storyline.build import build
from storyline.query.answer import ask
from storyline.query.answer_events import AskedEvent, asked_events, fits, same_name
from storyline.settings import Settings
from storyline.store import SQLiteStore, Store

SON = """Mayor's son granted asylum in Norland

By Anna Berg

Marek Tovlin, the son of the former Dravan mayor Ivo Tovlin, has been granted asylum in \
Norland, ending a four-year legal fight.

A tribunal ruled on Tuesday that he faced a real risk of ill-treatment if he were returned \
to Dravia.
"""
FATHER = """Former mayor settles by the lake

By Piet Holm

Ivo Tovlin, the former mayor of Kesk, left Dravia in March 2016 after police fired on \
protesters.

Vesnia granted Tovlin political asylum in May 2016, weeks after he arrived.

He has lived quietly near the lake since then.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("asylum-story")
    (folder / "son.txt").write_text(SON, encoding="utf-8")
    (folder / "father.txt").write_text(FATHER, encoding="utf-8")
    db = folder / "kb.db"
    opened = SQLiteStore(db)
    build([str(folder / "son.txt"), str(folder / "father.txt")], opened, Settings(db=str(db)))
    yield opened
    opened.close()


def test_issue_7_who_granted_asylum_answers_with_the_named_recipients_event(store: Store) -> None:
    answer = ask(store, "Who granted Ivo Tovlin asylum?")
    assert not answer.abstained
    first = answer.sentences[0]
    assert (
        first.text == "Vesnia granted Tovlin political asylum in May 2016, weeks after he arrived."
    )


def test_a_question_is_read_as_an_article_would_be() -> None:
    assert AskedEvent("asylum", "recipient", frozenset({"ivo", "tovlin"})) in asked_events(
        "Who granted Ivo Tovlin asylum?"
    )
    assert asked_events("Which outlet covered the election results?") == []


def test_names_match_in_full_or_shortened_never_another_given_name() -> None:
    assert same_name(frozenset({"ivo", "tovlin"}), frozenset({"tovlin"}))
    assert same_name(frozenset({"tovlin"}), frozenset({"ivo", "tovlin"}))
    assert not same_name(frozenset({"ivo", "tovlin"}), frozenset({"marek", "tovlin"}))
    assert not same_name(frozenset(), frozenset({"tovlin"}))


def test_a_stored_event_fits_only_in_the_asked_type_and_role() -> None:
    asked = AskedEvent("asylum", "recipient", frozenset({"ivo", "tovlin"}))
    recipient = {"role": "recipient", "text": "Tovlin"}
    assert fits({"type": "asylum", "negated": False, "participants": [recipient]}, asked)
    agent = {"role": "agent", "text": "Tovlin"}
    assert not fits({"type": "asylum", "negated": False, "participants": [agent]}, asked)
    assert not fits({"type": "flight", "negated": False, "participants": [recipient]}, asked)
    assert not fits({"type": "asylum", "negated": True, "participants": [recipient]}, asked)
