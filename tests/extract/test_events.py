"""Event mentions: schema triggers, roles from the parse, time, negation and modality.

Every text here is invented (people and events made up); the last test reads the
reference corpus and checks general properties only.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from storyline.extract.context import DocContext, load_context
from storyline.extract.events import NAME, events, find_events
from storyline.extract.events_lexicon import lexicon
from storyline.extract.model import EventMention
from storyline.model import DatedValue, Metadata, Precision
from storyline.schema import compatible_event_types, event_types

Context = Callable[..., DocContext]


def _roles(event: EventMention) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for p in event.participants:
        found.setdefault(p.role, set()).add(p.ref.text)
    return found


def _only(found: list[EventMention], trigger: str) -> EventMention:
    (event,) = [e for e in found if e.trigger == trigger]
    return event


def test_verbal_trigger_gets_agent_place_and_the_time_of_its_sentence(context_of: Context) -> None:
    text = "Peter Varga fled to Latvia on 3 March 2011.\n\nHe had ruled for six years."
    (event,) = find_events(context_of(text))
    assert (event.trigger, event.type, event.lemma) == ("fled", "flight", "flee")
    assert text[event.start : event.end] == "fled"
    assert _roles(event) == {"agent": {"Peter Varga"}, "place": {"Latvia"}}
    assert (event.time.value, event.time.precision, event.time.source) == (
        "2011-03-03",
        "day",
        "sentence",
    )
    assert text[event.time.start : event.time.end] == event.time.text == "3 March 2011"
    assert event.modality == "asserted" and not event.negated


def test_asylum_given_and_asylum_found(context_of: Context) -> None:
    text = (
        "Latvia granted asylum to Peter Varga in May 2011. "
        "Later his cousin Tomas Varga found refuge in Estonia."
    )
    given, found = find_events(context_of(text))
    assert given.type == found.type == "asylum"
    assert _roles(given) == {"agent": {"Latvia"}, "recipient": {"Peter Varga"}}
    # refuge found "in Estonia": the state named as the place is the one that grants it
    assert _roles(found) == {
        "recipient": {"Tomas Varga"},
        "place": {"Estonia"},
        "agent": {"Estonia"},
    }


def test_refusal_is_its_own_type_and_plain_negation_is_marked(context_of: Context) -> None:
    text = (
        "Finland refused to extradite Peter Varga. "
        "Sweden said it would not extradite Tomas Varga. "
        "Norway did not arrest Peter Varga."
    )
    refused, declined, arrest = find_events(context_of(text))
    assert (refused.type, refused.negated, refused.modality) == (
        "extradition_refusal",
        False,
        "asserted",
    )
    assert _roles(refused) == {"agent": {"Finland"}, "patient": {"Peter Varga"}}
    assert declined.type == "extradition_refusal"
    assert _roles(declined)["agent"] == {"Sweden"}  # "it" is the country named before
    assert (arrest.type, arrest.negated, arrest.modality) == ("arrest", True, "denied")


def test_requests_for_extradition(context_of: Context) -> None:
    text = (
        "Norway demanded the extradition of Peter Varga. "
        "Finland ignored an extradition request from Norway."
    )
    demanded, request = find_events(context_of(text))
    assert demanded.type == request.type == "extradition_request"
    assert _roles(demanded) == {"agent": {"Norway"}, "patient": {"Peter Varga"}}
    assert _roles(request) == {"agent": {"Norway"}}


def test_nominal_triggers_possessor_of_phrase_and_by_agent(context_of: Context) -> None:
    text = "Varga's ouster shocked the region. The arrest of Tomas Varga by Interpol came later."
    ouster, arrest = find_events(context_of(text))
    assert (ouster.type, _roles(ouster)) == ("ouster", {"patient": {"Varga"}})
    assert arrest.type == "arrest"
    assert _roles(arrest) == {"patient": {"Tomas Varga"}, "agent": {"Interpol"}}


def test_passive_with_by_agent_and_place(context_of: Context) -> None:
    text = "Peter Varga was arrested by Interpol in Warsaw."
    (event,) = find_events(context_of(text))
    assert _roles(event) == {
        "patient": {"Peter Varga"},
        "agent": {"Interpol"},
        "place": {"Warsaw"},
    }


def test_pronoun_becomes_the_fullest_name_of_its_cluster(context_of: Context) -> None:
    text = "Peter Varga lost the vote. Varga spoke to reporters. He fled to Latvia."
    flight = _only(find_events(context_of(text)), "fled")
    (agent,) = [p.ref for p in flight.participants if p.role == "agent"]
    assert agent.text == "Peter Varga"
    assert text[agent.start : agent.end] == "Peter Varga"


def test_pronoun_skips_a_person_of_the_other_gender(context_of: Context) -> None:
    text = "Peter Varga met Anna Kovacova in Riga. She bought a house in Tallinn."
    bought = _only(find_events(context_of(text)), "bought")
    assert _roles(bought) == {"agent": {"Anna Kovacova"}, "place": {"Tallinn"}}


def test_time_from_context_then_report_date_then_none(context_of: Context) -> None:
    text = (
        "On 12 June 2011, Sweden recalled its ambassador to Norway. "
        "Protesters rallied in Oslo.\n\n"
        "Later Sweden announced new sanctions."
    )
    recall, rally, announced = find_events(context_of(text, published="2011-06-20"))
    assert recall.type == "recall_ambassador" and recall.time.source == "sentence"
    assert (rally.time.value, rally.time.source) == ("2011-06-12", "context")
    assert (announced.time.value, announced.time.source) == ("2011-06-20", "reported")
    assert announced.time.start is None
    (undated,) = [
        e for e in find_events(context_of(text, published=None)) if e.trigger == "announced"
    ]
    assert undated.time.source == "none" and undated.time.value is None


def test_reported_time_keeps_the_bounds_of_an_inferred_publication_range(
    context_of: Context,
) -> None:
    ctx = context_of("Sweden announced new sanctions.")
    published = DatedValue("2012", Precision.YEAR, "inferred", range=("2012-09-03", "2012-12"))
    ctx.doc = dataclasses.replace(ctx.doc, meta=Metadata(published=published))
    (event,) = find_events(ctx)
    assert event.time.source == "reported"
    assert (event.time.value, event.time.precision) == ("2012", "year")
    assert (event.time.low, event.time.high) == ("2012-09-03", "2012-12")


def test_the_time_in_the_triggers_own_clause_wins(context_of: Context) -> None:
    text = "Varga, who was elected in 2005, fled to Latvia in 2011."
    found = find_events(context_of(text))
    assert _only(found, "elected").time.value == "2005"
    assert _only(found, "fled").time.value == "2011"


def test_future_and_possible(context_of: Context) -> None:
    text = (
        "Sweden will hold talks with Norway. "
        "The ministers may meet in Vienna. "
        "Varga plans to visit Riga."
    )
    talks, meet, visit = find_events(context_of(text))
    assert (talks.type, talks.modality) == ("meeting", "future")
    assert _roles(talks) == {"agent": {"Sweden"}, "patient": {"Norway"}}
    assert (meet.modality, _roles(meet)) == ("possible", {"place": {"Vienna"}})
    assert (visit.type, visit.modality) == ("visit", "future")


def test_only_schema_triggers_are_events(context_of: Context) -> None:
    text = (
        "Varga said he liked the weather and walked to the market. "
        "He demonstrated his skill at a press conference. "
        "He will try to sing. The flight was delayed."
    )
    assert find_events(context_of(text)) == []


def test_names_are_no_triggers_but_an_events_name_is(context_of: Context) -> None:
    text = (
        "The Collective Security Treaty Organisation has a new logo. "
        "Varga came to power in the Velvet Revolution in 2005."
    )
    found = find_events(context_of(text))
    assert [e.trigger for e in found] == ["Revolution"]
    assert found[0].type == "uprising" and found[0].time.value == "2005"


def test_contradicting_dates_each_mention_keeps_its_own(context_of: Context) -> None:
    text = (
        "Varga fled to Latvia on 3 March 2011.\n\n"
        "Varga fled to Latvia on 5 April 2011, another outlet says."
    )
    first, second = find_events(context_of(text))
    assert (first.time.value, second.time.value) == ("2011-03-03", "2011-04-05")


def test_a_sentence_of_two_thousand_tokens_does_not_break_anything(context_of: Context) -> None:
    text = "Varga fled to Latvia and " * 400 + "Sweden protested."
    ctx = context_of(text)
    found = find_events(ctx)
    assert found
    for event in found:
        assert text[event.start : event.end] == event.trigger
        assert event.time.value in (None, "2010-05-20")  # nothing invented
        for p in event.participants:
            assert text[p.ref.start : p.ref.end] == p.ref.text


def test_statements_carry_the_event_value(context_of: Context) -> None:
    text = "Peter Varga fled to Latvia on 3 March 2011."
    ctx = context_of(text)
    (stmt,) = events(ctx)
    assert (stmt.property, stmt.extractor, stmt.start, stmt.end) == ("event", NAME, 12, 16)
    assert '"flight"' in stmt.value and '"2011-03-03"' in stmt.value


def test_schema_event_types_are_well_formed() -> None:
    types = event_types()
    assert {"ouster", "asylum", "extradition_refusal", "recall_ambassador"} <= set(types)
    known = lexicon()
    for name, entry in types.items():
        assert set(entry.get("compatible", ())) <= set(types), name
        for other in ("negated_type", "requested_type"):
            assert entry.get(other) in (None, *types), name
    assert all(rule.lemma == rule.lemma.lower() for rules in known.verbs.values() for rule in rules)
    assert "killing" in compatible_event_types("death")
    assert "death" in compatible_event_types("killing")  # symmetric
    assert "extradition_request" not in compatible_event_types("extradition_refusal")


@pytest.fixture(scope="module")
def corpus_events(bakiyev_dir: Path) -> dict[str, list[EventMention]]:
    """Every reference corpus article, ingested and analysed for real, with its events."""
    from storyline.ingest.document import make_document
    from storyline.ingest.readers import read_text
    from storyline.nlp.analyse import analyse_documents
    from storyline.nlp.spacy_model import load_model
    from storyline.settings import Settings

    settings = Settings()
    paths = sorted(bakiyev_dir.glob("*.txt"))
    docs = [make_document(next(iter(read_text(p, p.read_bytes()))), settings) for p in paths]  # type: ignore[arg-type]
    vocab = load_model(settings.spacy_model).vocab
    found = {}
    for path, doc, analysis in zip(paths, docs, analyse_documents(docs, settings), strict=True):
        ctx = load_context(doc, analysis.statements, analysis.parse, vocab)
        found[path.name[:3]] = find_events(ctx)
        for event in found[path.name[:3]]:
            assert doc.text[event.start : event.end] == event.trigger
    return found


BAKIYEV = re.compile(r"Baki[ye]+v\b")


def test_corpus_asylum_given_by_belarus_to_bakiyev(
    corpus_events: dict[str, list[EventMention]],
) -> None:
    asylum = [e for found in corpus_events.values() for e in found if e.type == "asylum"]
    assert any(
        {"Belarus", "Lukashenka", "Lukashenko"}
        & {w for t in _roles(e).get("agent", ()) for w in t.split()}
        and any(BAKIYEV.search(t) for t in _roles(e).get("recipient", ()))
        for e in asylum
    )


def test_corpus_uprisings_of_2005_and_2010(corpus_events: dict[str, list[EventMention]]) -> None:
    found = [e for events_ in corpus_events.values() for e in events_]
    risings = ("uprising", "protest", "ouster")
    years = {
        (e.time.value or "")[:4] for e in found if e.type in risings and e.time.source == "sentence"
    }
    assert {"2005", "2010"} <= years
    revolution = [e for e in found if e.type == "uprising" and e.trigger == "Revolution"]
    assert revolution and all(e.time.value == "2005" for e in revolution)
    ousted = [
        e
        for e in found
        if e.type == "ouster" and any(BAKIYEV.search(t) for t in _roles(e).get("patient", ()))
    ]
    assert any((e.time.value or "")[:4] == "2010" and e.time.source == "sentence" for e in ousted)


def test_corpus_refusal_to_extradite(corpus_events: dict[str, list[EventMention]]) -> None:
    refusals = [
        e for found in corpus_events.values() for e in found if e.type == "extradition_refusal"
    ]
    assert len(refusals) >= 2
    assert all(not e.negated for e in refusals)


def test_a_meeting_between_two_people_has_both_as_participants(context_of: Context) -> None:
    text = "Kostrava protested against a meeting between President Ivan Dorn and Lev Markov."
    meeting = _only(find_events(context_of(text)), "meeting")
    assert _roles(meeting).get("agent") == {"Ivan Dorn", "Lev Markov"}


def test_the_meeting_refers_back_to_the_meeting_named_before(context_of: Context) -> None:
    text = (
        "Kostrava summoned the envoy on Tuesday to protest against a meeting between "
        "President Ivan Dorn and Lev Markov. The press service said the meeting took place "
        "on 8 May. A meeting of farmers is planned."
    )
    first, second, third = [e for e in find_events(context_of(text)) if e.type == "meeting"]
    assert _roles(second).get("agent") == _roles(first).get("agent") == {"Ivan Dorn", "Lev Markov"}
    assert {p.ref.start for p in second.participants} == {p.ref.start for p in first.participants}
    assert second.time.value == "2010-05-08" and second.time.source == "sentence"
    assert first.time.source == "reported"  # Tuesday dates the summons, not the meeting
    assert "agent" not in _roles(third)  # "a meeting" is a new one: nothing inherited


def test_an_event_anaphor_takes_nothing_from_another_type(context_of: Context) -> None:
    text = "Ivan Dorn fled to Latvia in 2011. The meeting was cancelled."
    meeting = _only(find_events(context_of(text)), "meeting")
    assert meeting.participants == ()


def test_a_noun_is_not_dated_by_a_clause_inside_its_phrase(context_of: Context) -> None:
    text = (
        "Officials protested against the meeting with Lev Markov, who was sentenced in "
        "February 2009. They objected to the meeting on 3 March 2010 with Ivan Dorn."
    )
    first, second = [e for e in find_events(context_of(text)) if e.trigger == "meeting"]
    assert (first.time.value, first.time.source) == ("2010-05-20", "reported")
    assert second.time.value == "2010-03-03"


def test_a_verb_in_a_relative_clause_is_not_dated_by_the_sentence_around_it(
    context_of: Context,
) -> None:
    text = "Prosecutors said on Monday that Ivan Dorn cannot be sent back to the state he fled."
    fled = _only(find_events(context_of(text)), "fled")
    assert fled.time.source == "reported"


def test_a_present_tense_clause_takes_no_date_from_the_sentence_before(
    context_of: Context,
) -> None:
    text = (
        "Kostrava asked Latvia to extradite Ivan Dorn in January 2009. "
        "Latvia does not hand over people to whom it has granted asylum. "
        "Dorn fled to Riga soon after."
    )
    found = find_events(context_of(text))
    assert _only(found, "asylum").time.source == "reported"
    assert _only(found, "fled").time.value == "2009-01"  # a told past takes its context


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Ivan Dorn was arrested on 3 January.", "2010-01-03"),  # past: the year before
        ("Ivan Dorn had fled on 3 January.", "2010-01-03"),
        ("Ivan Dorn will flee on 3 January.", "2011-01-03"),  # the future stays ahead
        ("Ivan Dorn fled on 3 January 2011.", "2011-01-03"),  # a written year stands
        ("Ivan Dorn fled on 1 December.", "2010-12-01"),  # not after the report: kept
    ],
)
def test_a_past_event_is_not_dated_after_its_report(
    context_of: Context, sentence: str, value: str
) -> None:
    ctx = context_of(sentence, published="2010-12-05")
    (event,) = [e for e in find_events(ctx) if e.trigger in ("arrested", "fled", "flee")]
    assert event.time.value == value
