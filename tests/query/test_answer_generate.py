"""The generator plug-in: off by default, and every sentence it writes is checked."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from storyline.errors import UnknownComponentError
from storyline.query.answer import Citation, ask
from storyline.query.answer_generate import (
    GENERATORS,
    Generated,
    check_sentences,
    get_generator,
    support,
)
from storyline.store import SQLiteStore, Store

QUESTION = "Why did Kostrava recall its ambassador?"


@pytest.fixture(scope="module")
def store(examples_db: Path) -> Iterator[Store]:
    opened = SQLiteStore(examples_db)
    yield opened
    opened.close()


@dataclasses.dataclass
class FakeGenerator:
    """Writes what it is told to, citing the first evidence span it is given."""

    name: str
    write: list[str]
    seen: list[Citation] = dataclasses.field(default_factory=list)

    def generate(self, question: str, evidence: Sequence[Citation]) -> list[Generated]:
        self.seen = list(evidence)
        return [Generated(text, (evidence[0],)) for text in self.write]


def _span(store: Store, needle: str) -> Citation:
    doc = next(d for d in store.documents() if needle in d.text)
    start = doc.text.index(needle)
    return Citation.of(doc, start, start + len(needle))


def test_a_supported_sentence_with_a_real_citation_stands(store: Store) -> None:
    cited = _span(store, "Yesterday Kostrava recalled its ambassador from Virsk")
    kept = check_sentences(store, [Generated("Kostrava recalled its ambassador.", (cited,))])
    assert [s.text for s in kept] == ["Kostrava recalled its ambassador."]


def test_sentences_the_citations_do_not_back_are_dropped(store: Store) -> None:
    cited = _span(store, "Yesterday Kostrava recalled its ambassador from Virsk")
    moved = dataclasses.replace(cited, start=cited.start + 1, end=cited.end + 1)
    missing = dataclasses.replace(cited, doc="d0000000000000000")
    sentences = [
        Generated("Kostrava recalled its ambassador.", (cited,)),  # stands
        Generated("Penguins invaded the embassy in Antarctica.", (cited,)),  # unsupported
        Generated("Kostrava recalled its ambassador.", (moved,)),  # text is not at offsets
        Generated("Kostrava recalled its ambassador.", (missing,)),  # no such document
        Generated("Kostrava recalled its ambassador.", ()),  # cites nothing
    ]
    kept = check_sentences(store, sentences)
    assert kept == [sentences[0]]


def test_support_is_the_share_of_content_words_held() -> None:
    span = Citation("d", 0, 30, "Zalesia refused to extradite him")
    assert support("Zalesia refused extradition of the governor", [span]) == pytest.approx(2 / 4)
    assert support("Zalesia refused to extradite him", [span]) == 1.0


def test_ask_uses_a_generator_only_when_given_and_checks_it(store: Store) -> None:
    default = ask(store, QUESTION)
    assert not default.abstained and default.reason.endswith("of the question")
    fake = FakeGenerator("fake-test.v1", ["Kostrava recalled its ambassador from Virsk."])
    written = ask(store, QUESTION, generator=fake)
    assert fake.seen, "the generator was given the evidence"
    assert not written.abstained and written.answer == fake.write[0]
    assert "fake-test.v1" in written.reason
    for citation in written.citations:
        assert store.get_document(citation.doc).text[citation.start : citation.end] == (
            citation.text
        )


def test_ask_abstains_when_nothing_the_generator_wrote_survives(store: Store) -> None:
    fake = FakeGenerator("fake-test.v1", ["Penguins invaded the embassy in Antarctica."])
    written = ask(store, QUESTION, generator=fake)
    assert written.abstained and not written.citations
    assert "supported" in written.reason


def test_generators_are_found_by_versioned_name() -> None:
    assert "fake-test.v1" not in GENERATORS  # none registered by default
    with pytest.raises(UnknownComponentError) as caught:
        get_generator("fake-test.v1")
    assert "answer generator" in str(caught.value)
