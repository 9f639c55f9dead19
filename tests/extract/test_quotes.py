"""Quotes and who said them: direct and reported speech, names, pronouns, descriptions.

Texts are invented (invented people and places); the last tests read the reference
corpus when ../shared is beside the clone.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from storyline.build import build
from storyline.extract.context import DocContext, build_context
from storyline.extract.model import Quote
from storyline.extract.quotes import find_quotes, quotes
from storyline.extract.quotes_descriptions import _speaks
from storyline.extract.quotes_lexicon import lexicon
from storyline.extract.quotes_marks import scan_quotes
from storyline.extract.quotes_parse import Lines
from storyline.extract.stage import contexts
from storyline.hashing import content_id
from storyline.model import DatedValue, Document, Metadata, Precision
from storyline.nlp.spacy_model import load_model
from storyline.settings import Settings
from storyline.store import SQLiteStore

Analyse = Callable[..., DocContext]


def found(context_of: Analyse, text: str) -> list[Quote]:
    """The quotes of ``text``, each checked to point at its own words."""
    ctx = context_of(text)
    out = find_quotes(ctx)
    for q in out:
        assert text[q.start : q.end] == q.text
        if q.speaker_start is not None and q.speaker_end is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker_text
        if q.speaker is not None:
            assert text[q.speaker.start : q.speaker.end] == q.speaker.text
    return out


def one(quotes_found: list[Quote], words: str) -> Quote:
    """The quote whose text holds ``words``."""
    (quote,) = [q for q in quotes_found if words in q.text]
    return quote


def speaker(quote: Quote) -> str | None:
    return quote.speaker.text if quote.speaker else None


# --- direct quotes --------------------------------------------------------------------


def test_straight_quote_with_the_name_after_it(context_of: Analyse) -> None:
    text = '"We will rebuild the bridge by spring," said Tomas Verhaal, the mayor of Ostrava.'
    (quote,) = found(context_of, text)
    assert quote.text == "We will rebuild the bridge by spring"  # no marks, no comma
    assert quote.kind == "direct" and quote.via == "name" and quote.cue == "said"
    assert speaker(quote) == "Tomas Verhaal" and quote.speaker_text == "Tomas Verhaal"
    assert quote.speaker is not None and quote.speaker.type == "PERSON"


def test_curly_quote_after_a_colon(context_of: Analyse) -> None:
    text = "Mirela Dancu said on Monday: “The talks in Velno are over for this year.”"
    (quote,) = found(context_of, text)
    assert quote.text == "The talks in Velno are over for this year."
    assert speaker(quote) == "Mirela Dancu" and quote.via == "name"


def test_quote_paragraph_after_a_paragraph_ending_with_a_colon(context_of: Analyse) -> None:
    text = (
        "Oskar Brenning told the harbour workers on Friday:\n\n"
        "“We will finish the bridge before the winter comes.”"
    )
    (quote,) = found(context_of, text)
    assert quote.text == "We will finish the bridge before the winter comes."
    assert speaker(quote) == "Oskar Brenning" and quote.cue == "told"


def test_pronoun_speaker_is_the_fullest_name_of_the_person(context_of: Analyse) -> None:
    text = (
        "Oskar Brenning arrived in Velno on Tuesday. Brenning met the harbour workers.\n\n"
        '"We have no time to lose," he said.'
    )
    (quote,) = found(context_of, text)
    assert quote.via == "pronoun" and quote.speaker_text == "he"
    assert speaker(quote) == "Oskar Brenning"  # not the bare "Brenning"


def test_pronoun_prefers_the_subject_over_a_later_object(context_of: Analyse) -> None:
    text = (
        "Maria Lindqvist thanked Pavel Drozd for the report. "
        "She said the harbour would reopen in May."
    )
    quote = one(found(context_of, text), "harbour would reopen")
    assert quote.kind == "reported" and speaker(quote) == "Maria Lindqvist"


def test_interrupted_quote_has_one_speaker(context_of: Analyse) -> None:
    text = (
        "Anna Petrova spoke after the vote.\n\n"
        '"The plan is dead," she said, "and nobody in Velno will revive it."'
    )
    first, second = found(context_of, text)
    assert first.text == "The plan is dead"
    assert second.text == "and nobody in Velno will revive it."
    assert speaker(first) == speaker(second) == "Anna Petrova"


def test_quote_over_two_paragraphs(context_of: Analyse) -> None:
    text = (
        "Oskar Brenning spoke to the harbour workers on Friday.\n\n"
        "“The first part of the plan is ready and paid for.\n\n"
        "“The second part will follow in May,” he said."
    )
    first, second = found(context_of, text)
    assert first.text == "The first part of the plan is ready and paid for."
    assert second.text == "The second part will follow in May"
    assert speaker(first) == speaker(second) == "Oskar Brenning"
    assert "\n" not in first.text + second.text


def test_nested_single_quotes_stay_inside_the_quote(context_of: Analyse) -> None:
    text = "\"He told me 'we will never sign this', and I believed him,\" said Anna Petrova."
    (quote,) = found(context_of, text)
    assert quote.text == "He told me 'we will never sign this', and I believed him"
    assert speaker(quote) == "Anna Petrova"


def test_second_quote_of_a_paragraph_keeps_the_speaker(context_of: Analyse) -> None:
    text = '"We are ready," said Tomas Verhaal. "The river will not stop us this time."'
    first, second = found(context_of, text)
    assert speaker(first) == speaker(second) == "Tomas Verhaal"


def test_treebank_quote_marks(context_of: Analyse) -> None:
    text = "``The harbour is open again for every ship,'' said Maria Lindqvist."
    (quote,) = found(context_of, text)
    assert quote.text == "The harbour is open again for every ship"
    assert speaker(quote) == "Maria Lindqvist"


def test_unattributed_quote_is_kept_with_speaker_unknown(context_of: Analyse) -> None:
    text = 'The water rose overnight.\n\n"Nobody expected the river to rise so fast."'
    (quote,) = found(context_of, text)
    assert quote.speaker is None and quote.via == "unknown" and quote.cue == ""


def test_scare_quotes_and_titles_are_not_quotes(context_of: Analyse) -> None:
    text = 'The so-called "reform" failed, the newspaper "Velno Vestnik" wrote on Monday.'
    assert [q for q in found(context_of, text) if q.kind == "direct"] == []


# --- reported speech ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "clause", "name", "cue"),
    [
        (
            "Tomas Verhaal said that the bridge would open in May.",
            "the bridge would open in May",
            "Tomas Verhaal",
            "said",
        ),
        (
            "Tomas Verhaal said on Tuesday the bridge would open in May.",
            "the bridge would open in May",
            "Tomas Verhaal",
            "said",
        ),
        (
            "According to Mirela Dancu, the talks have failed.",
            "the talks have failed",
            "Mirela Dancu",
            "according to",
        ),
        (
            "Oskar Brenning told Reuters the harbour was closed.",
            "the harbour was closed",
            "Oskar Brenning",
            "told",
        ),
        (
            "Maria Lindqvist warned that the dam could break.",
            "the dam could break",
            "Maria Lindqvist",
            "warned",
        ),
        (
            "Anna Kowalczyk denied that he had taken the money.",
            "he had taken the money",
            "Anna Kowalczyk",
            "denied",
        ),
        (
            "The dam could break, Maria Lindqvist insisted.",
            "The dam could break",
            "Maria Lindqvist",
            "insisted",
        ),
    ],
)
def test_reported_speech(context_of: Analyse, text: str, clause: str, name: str, cue: str) -> None:
    quote = one(found(context_of, text), clause)
    assert quote.kind == "reported" and quote.text == clause
    assert speaker(quote) == name and quote.cue == cue


def test_reported_speech_inside_a_direct_quote_is_not_read(context_of: Analyse) -> None:
    text = '"He said the bridge was safe," Maria Lindqvist told the court.'
    (quote,) = found(context_of, text)
    assert quote.kind == "direct" and speaker(quote) == "Maria Lindqvist"


# --- descriptions ---------------------------------------------------------------------


def test_description_matches_the_title_of_a_name(context_of: Analyse) -> None:
    text = (
        "Mayor Tomas Verhaal opened the new bridge in Ostrava on Monday. "
        "Pavel Drozd cut the ribbon.\n\n"
        "The mayor said the repairs had cost too much."
    )
    quote = one(found(context_of, text), "repairs had cost")
    assert quote.via == "description" and quote.speaker_text == "The mayor"
    assert speaker(quote) == "Tomas Verhaal"


def test_description_matches_an_apposition(context_of: Analyse) -> None:
    text = (
        "Boris Kalnin, the Veldorian leader, flew to Ostrava on Monday.\n\n"
        '"We will not give up the harbour," the Veldorian leader told reporters.'
    )
    (quote,) = found(context_of, text)
    assert quote.via == "description" and quote.speaker_text == "the Veldorian leader"
    assert speaker(quote) == "Boris Kalnin"


def test_generic_description_takes_the_most_recent_person(context_of: Analyse) -> None:
    text = (
        "Boris Kalnin met the governors in Ostrava on Monday.\n\n"
        "The Veldorian ruler said the meeting had been useful."
    )
    quote = one(found(context_of, text), "meeting had been useful")
    assert quote.via == "description" and speaker(quote) == "Boris Kalnin"


def test_description_of_someone_unnamed_stays_unknown(context_of: Analyse) -> None:
    text = (
        "Tomas Verhaal visited the ministry in Velno. A spokesman for the ministry "
        "said the visit had been planned for months.\n\n"
        '"We welcome every mayor who comes to talk," the spokesman said.'
    )
    quote = one(found(context_of, text), "We welcome every mayor")
    assert quote.speaker is None and quote.via == "unknown"
    assert quote.speaker_text == "the spokesman"


def test_indefinite_speaker_stays_unknown(context_of: Analyse) -> None:
    text = (
        "Tomas Verhaal opened the bridge.\n\n"
        '"The bridge is too narrow for the trucks," one Ostrava resident told the paper.'
    )
    (quote,) = found(context_of, text)
    assert quote.speaker is None and quote.speaker_text == "one Ostrava resident"


def test_organisation_description(context_of: Analyse) -> None:
    text = (
        "Nordlake Mining Corp. opened a mine in Velmar on Monday. "
        "The company said it would hire 300 workers."
    )
    quote = one(found(context_of, text), "hire 300 workers")
    assert quote.via == "description" and speaker(quote) == "Nordlake Mining Corp."


# --- bad input ------------------------------------------------------------------------


def test_empty_document(context_of: Analyse) -> None:
    assert found(context_of, "") == []


def test_quote_that_never_closes_is_bounded_to_its_paragraph(context_of: Analyse) -> None:
    text = (
        'Ivan Sorel said: "We will stay in Velno until the very end\n\n'
        "The next paragraph tells of the weather in Ostrava."
    )
    (quote,) = found(context_of, text)
    assert quote.text == "We will stay in Velno until the very end"
    assert speaker(quote) == "Ivan Sorel"


@pytest.mark.parametrize(
    "text",
    [
        'He said "yes and then "no" again in the hall.',
        "“One open “two open and never closed in the hall",
        'Stray ” marks ” and " lonely " ones.',
        '"""""',
        "”Backwards quote marks“ in a row.",
        '"\n"\n"',
        "A 12\" pipe and a 6' wall.",
    ],
)
def test_unbalanced_marks_do_not_crash_or_cross_paragraphs(context_of: Analyse, text: str) -> None:
    for quote in found(context_of, text):
        assert "\n" not in quote.text
        assert quote.text.strip() == quote.text and quote.text


def test_unbalanced_straight_mark_drops_the_quote_that_never_closed() -> None:
    text = 'He said "yes and then "no" again.'
    assert [text[m.start : m.end] for m in scan_quotes(text)] == ["no"]


def test_quotes_without_a_parse_are_unattributed() -> None:
    text = '"We will stay here until the end," said Ivan Sorel.'
    doc = Document(
        id=content_id("d", "x", text),
        key="x",
        path="x",
        fmt="text",
        text=text,
        source_text=text,
        removed=(),
        meta=Metadata(published=DatedValue(None, Precision.UNKNOWN, "none"), language="ky"),
        sha="0" * 64,
    )
    (quote,) = find_quotes(build_context(doc, [], []))
    assert quote.text == "We will stay here until the end" and quote.speaker is None


def test_extractor_writes_quote_statements(context_of: Analyse) -> None:
    ctx = context_of('"We are ready," said Tomas Verhaal.')
    (stmt,) = quotes(ctx)
    assert stmt.property == "quote" and ctx.text[stmt.start : stmt.end] == "We are ready"


# --- scale ----------------------------------------------------------------------------


def test_a_sentence_of_two_thousand_tokens(context_of: Analyse) -> None:
    clause = 'Tomas Verhaal said that the bridge was "safe and ready" and Maria Lindqvist added '
    text = "In Velno, " + clause * 150 + "nothing."
    ctx = context_of(text)
    assert sum(len(doc) for doc, _ in ctx.parts) > 2000
    out = find_quotes(ctx)
    assert out and all(text[q.start : q.end] == q.text for q in out)


def test_quote_marks_of_a_large_text_are_all_read() -> None:
    paragraph = '"We are ready," said Tomas Verhaal. He added "more" and "more.\n'
    small, large = paragraph * 4_000, paragraph * 16_000  # 0.26 MB and 1 MB
    assert len(scan_quotes(small)) == 12_000
    assert len(scan_quotes(large)) == 48_000


# --- the reference corpus -------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_quotes(
    bakiyev_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> list[tuple[str, Quote]]:
    """Every quote of the reference corpus, built into a temporary store, with its text."""
    db = tmp_path_factory.mktemp("quotes") / "kb.db"
    store = SQLiteStore(db)
    settings = Settings(db=str(db), extract=False, resolve=False)
    try:
        build([str(bakiyev_dir)], store, settings)
        ids = [doc.id for doc in store.documents()]
        vocab = load_model(settings.spacy_model).vocab
        return [(ctx.text, q) for ctx in contexts(store, ids, vocab) for q in find_quotes(ctx)]
    finally:
        store.close()


def corpus_quote(corpus_quotes: list[tuple[str, Quote]], words: str) -> Quote:
    matches = [q for _, q in corpus_quotes if words in q.text]
    assert matches, f"no quote holds {words!r}"
    return matches[0]


@pytest.mark.shared
def test_corpus_quotes_point_into_their_documents(corpus_quotes: list[tuple[str, Quote]]) -> None:
    assert len(corpus_quotes) > 20
    for text, quote in corpus_quotes:
        assert text[quote.start : quote.end] == quote.text and "\n" not in quote.text
        if quote.speaker is not None:
            assert text[quote.speaker.start : quote.speaker.end] == quote.speaker.text
            assert quote.speaker.type in ("PERSON", "ORG", "GPE")
        else:
            assert quote.via == "unknown"


@pytest.mark.shared
def test_corpus_combat_readiness_is_akhmat_bakiyev(corpus_quotes: list[tuple[str, Quote]]) -> None:
    quote = corpus_quote(corpus_quotes, "We are in full combat readiness")
    assert quote.kind == "direct" and quote.speaker is not None
    assert quote.speaker.text == "Akhmat Bakiyev"


@pytest.mark.shared
def test_corpus_he_after_a_name_is_that_person(corpus_quotes: list[tuple[str, Quote]]) -> None:
    # Medvedev is named once, then "He insisted that …"
    quote = corpus_quote(corpus_quotes, "haven for Islamist forces")
    assert quote.via == "pronoun" and quote.speaker_text == "He"
    assert quote.speaker is not None and "Medvedev" in quote.speaker.text


@pytest.mark.shared
def test_corpus_the_belarusian_ruler_is_lukashenka(corpus_quotes: list[tuple[str, Quote]]) -> None:
    quote = corpus_quote(corpus_quotes, "There is no need for making insinuations")
    assert quote.via == "description" and quote.speaker is not None
    assert "Lukashenka" in quote.speaker.text


@pytest.mark.shared
def test_corpus_an_unnamed_spokesman_stays_unknown(corpus_quotes: list[tuple[str, Quote]]) -> None:
    quote = corpus_quote(corpus_quotes, "We hope for intensification of bilateral relations")
    assert quote.speaker is None and quote.speaker_text == "the spokesman"


def test_an_indefinite_description_speaks_only_as_the_subject_of_a_speech_verb(
    context_of: Analyse,
) -> None:
    spoke = "A spokesman for the ministry said the visit had been planned."
    hired = "The ministry said it had hired a spokesman."
    for text, expected in ((spoke, True), (hired, False)):
        doc, base = context_of(text).parts[0]
        token = next(t for t in doc if t.lower_ == "spokesman")
        assert _speaks(token, base, lexicon(), Lines(text)) is expected, text
