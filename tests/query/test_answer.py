"""``ask`` on the sample story: answers quoted and cited exactly, conflicts, abstentions.

Expected facts come from examples/expected.json (people, conflicts, must_keep sentences)
and from reading examples/story, never from ask's own output.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.errors import InputError
from storyline.query.answer import Answer, ask
from storyline.store import SQLiteStore, Store

EXPECTED = json.loads((Path(__file__).parents[2] / "examples" / "expected.json").read_text())


@pytest.fixture(scope="module")
def store(examples_db: Path) -> Iterator[Store]:
    opened = SQLiteStore(examples_db)
    yield opened
    opened.close()


def assert_exact(store: Store, answer: Answer) -> None:
    """Every citation (sentences and conflicts) is the stored text at its offsets."""
    cited = [c for s in answer.sentences for c in s.citations] + list(answer.citations)
    for citation in cited:
        assert store.get_document(citation.doc).text[citation.start : citation.end] == (
            citation.text
        )
    for sentence in answer.sentences:
        assert sentence.text in answer.answer
        assert any(c.text == sentence.text for c in sentence.citations)  # quoted verbatim


def cited_text(answer: Answer) -> str:
    return " ".join(s.text for s in answer.sentences)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # people: Saltanat Imanova, director of the National Anti-Corruption Bureau
        ("Who is the director of the National Anti-Corruption Bureau?", ["Saltanat Imanova"]),
        # people: Daniyar Zhumaliyev, businessman in London
        ("Where does Daniyar Zhumaliyev live?", ["London"]),
        # must_keep of courier-extradition-refused.txt: the recall followed the refusal
        ("Why did Kostrava recall its ambassador?", ["refused to extradite"]),
        # conflicts: the meeting is dated 8 May by one outlet, July 2017 by another
        ("When did Zhumaliyev meet Hrabovich?", ["8 May", "July 2017"]),
        # must_keep of hpr-trial-in-absentia.txt
        ("When was the trial in absentia adjourned?", ["25 July"]),
        # must_keep of ledger-governor-flees.html
        ("How many people did the health ministry say were killed?", ["38 people"]),
    ],
)
def test_issue_7_answers_quote_the_sentence_that_holds_the_fact(
    store: Store, question: str, expected: list[str]
) -> None:
    answer = ask(store, question)
    assert not answer.abstained, answer.reason
    assert answer.citations and answer.sentences
    assert any(fact in cited_text(answer) for fact in expected), answer.answer
    assert_exact(store, answer)


def _conflict(subject_word: str) -> dict[str, object]:
    return next(c for c in EXPECTED["conflicts"] if subject_word in c["property"])


@pytest.mark.parametrize(
    ("question", "property_word"),
    [
        ("How much did Kubat Zhumaliyev pay for his villa?", "villa"),
        ("How many people were killed in the Tesh shootings?", "killed"),
        ("When did Zhumaliyev meet Hrabovich?", "date"),
        ("When did Grabovich meet Zhumaliyev?", "date"),  # the other outlet's spelling
    ],
)
def test_issue_7_sources_differ_with_both_citations(
    store: Store, question: str, property_word: str
) -> None:
    answer = ask(store, question)
    assert not answer.abstained, answer.reason
    assert "Sources differ" in answer.answer
    assert_exact(store, answer)
    gold = _conflict(property_word)["values"]
    assert isinstance(gold, list)
    cited = [c.text for c in answer.citations]
    for side in gold:  # each side of the gold conflict is cited in one of its spellings
        spellings = [t.replace("\\$", "$") for t in side["texts"]]
        assert any(any(s in text for s in spellings) for text in cited), spellings
    values = [v for c in answer.conflicts for v in c["values"]]  # type: ignore[attr-defined]
    assert len({v["value"] for v in values}) >= 2
    for value in values:
        quote = value["citation"]
        doc = store.get_document(quote["doc"])
        assert doc.text[quote["start"] : quote["end"]] == quote["text"]
        assert value["text"] in quote["text"]


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        ("Who is Sridevi?", "Sridevi"),
        ("What did the Mars rover find on Olympus Mons?", "Olympus Mons"),
        ("According to Reuters, who fled to Zalesia?", "Reuters"),
    ],
)
def test_issue_7_a_name_or_outlet_the_corpus_lacks_abstains(
    store: Store, question: str, unknown: str
) -> None:
    answer = ask(store, question)
    assert answer.abstained and not answer.citations
    assert unknown in answer.unknown
    assert answer.answer.startswith("The sources don't say")


def test_issue_7_a_fact_the_story_lacks_abstains(store: Store) -> None:
    answer = ask(store, "What is the population of Tesh?")
    assert answer.abstained and "covers" in answer.reason
    assert answer.as_dict()["citations"] == []


def test_outlet_and_date_filters_narrow_the_evidence(store: Store) -> None:
    answer = ask(store, "Where does Kubat Jumaliev live?", outlet="Steppe Courier")
    assert not answer.abstained
    assert {c.publisher for c in answer.citations} == {"Steppe Courier"}
    later = ask(store, "Where does Zhumaliyev live?", date_from="2019", date_to="2019-12")
    assert all(str(c.published).startswith("2019") for c in later.citations)


def test_as_dict_keeps_the_contract(store: Store) -> None:
    found = ask(store, "Who photographed Joldosh Jumaliev?").as_dict()
    assert isinstance(found["answer"], str) and found["abstained"] is False
    citations = found["citations"]
    assert isinstance(citations, list) and citations
    assert {"doc", "start", "end", "text"} <= set(citations[0])
    json.dumps(found)  # one JSON object


@pytest.mark.parametrize("question", ["", "   ", "\n\t"])
def test_an_empty_question_is_an_input_error(store: Store, question: str) -> None:
    with pytest.raises(InputError) as caught:
        ask(store, question)
    assert caught.value.code == "E204"


@pytest.mark.parametrize(
    "question",
    [
        "Zhumaliyev villa " * 1000,  # 17,000 characters
        'Zhumaliyev NEAR("villa" "price") OR * ^asylum -Zalesia',
        "'; DROP TABLE documents; -- SELECT * FROM statements WHERE 1=1",
        "Кто такой Жумалиев?",
        "朱马利耶夫是谁？",
        "???",
    ],
)
def test_hostile_or_odd_questions_answer_or_abstain(store: Store, question: str) -> None:
    try:
        answer = ask(store, question)
    except InputError as error:  # only a question with no words at all
        assert error.code == "E204" and not any(c.isalnum() for c in question)
        return
    assert answer.abstained or answer.citations
    assert_exact(store, answer)
    assert sum(1 for _ in store.documents()) == len(EXPECTED["articles"]) - 1  # nothing dropped


def test_a_when_answer_gives_the_date_its_relative_words_stand_for(store: Store) -> None:
    answer = ask(store, "When was Zhumaliyev sentenced?")
    found = re.search(r'Dates: "([^"]+)" is (\d{4}(?:-\d{2}){0,2}) \(article of ', answer.answer)
    assert found, answer.answer
    said, value = found.groups()
    assert said in cited_text(answer) and not re.search(r"\d{4}", said)
    published = next(
        store.get_document(s.citations[0].doc).meta.published.value
        for s in answer.sentences
        if said in s.text
    )
    assert published and value <= published  # a past sentence is dated before its article
    assert "Dates:" not in ask(store, "Who sentenced Zhumaliyev?").answer  # "when" only


def test_a_date_conflict_gives_the_year_a_side_leaves_out(store: Store) -> None:
    answer = ask(store, "When did Zhumaliyev meet Hrabovich?")
    sides = [v for c in answer.conflicts for v in c["values"]]  # type: ignore[attr-defined]
    bare = [v for v in sides if not re.search(r"\d{4}", v["text"])]
    assert bare, sides
    for value in bare:
        assert f"{value['text']} [{value['value']}]" in answer.answer
