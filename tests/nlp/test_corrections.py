"""Mention corrections, each on a parsed text whose model entities the test sets.

The model's entities are replaced by the ones each test names, so that every test
states the model error it corrects and does not depend on what the model finds.
"""

from __future__ import annotations

import re

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from storyline.nlp import corrections
from storyline.nlp.mentions import DEFAULT_CORRECTIONS, Mention, entity_mentions, model_mentions
from storyline.nlp.spacy_model import load_model
from storyline.settings import Settings


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(Settings().spacy_model)


def parsed(nlp: Language, text: str, ents: list[tuple[str, str, int]]) -> Doc:
    """``text`` parsed, with entities ``(string, label, nth occurrence)`` set by hand."""
    doc = nlp(text)
    spans = []
    for string, label, nth in ents:
        match = list(re.finditer(re.escape(string), text))[nth]
        span = doc.char_span(match.start(), match.end(), label=label, alignment_mode="expand")
        assert span is not None, string
        spans.append(span)
    doc.set_ents(spans, default="outside")
    return doc


def found(mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(m.text, m.type) for m in mentions]


def test_every_default_correction_is_registered() -> None:
    for name in DEFAULT_CORRECTIONS:
        assert callable(corrections.CORRECTIONS.get(name))


def test_possessive_is_cut(nlp: Language) -> None:
    doc = parsed(nlp, "Marat Zhumaliyev's villa was sold.", [("Marat Zhumaliyev's", "PERSON", 0)])
    (mention,) = corrections.cut_possessives(doc, model_mentions(doc))
    assert (mention.text, mention.end) == ("Marat Zhumaliyev", len("Marat Zhumaliyev"))


def test_title_inside_the_mention_becomes_an_attribute(nlp: Language) -> None:
    doc = parsed(
        nlp, "Governor Kubat Zhumaliyev resigned.", [("Governor Kubat Zhumaliyev", "PERSON", 0)]
    )
    (mention,) = corrections.strip_titles(doc, model_mentions(doc))
    assert mention.text == "Kubat Zhumaliyev"
    assert dict(mention.attrs)["title"] == "Governor"


def test_title_phrase_before_the_name_is_recorded(nlp: Language) -> None:
    text = "On Monday the former Zalesian President Kubat Zhumaliyev fled."
    doc = parsed(nlp, text, [("Zalesian", "NORP", 0), ("Kubat Zhumaliyev", "PERSON", 0)])
    (mention,) = corrections.strip_titles(doc, model_mentions(doc))
    assert mention.text == "Kubat Zhumaliyev"
    assert dict(mention.attrs)["title"] == "former Zalesian President"


def test_a_title_alone_is_no_person(nlp: Language) -> None:
    doc = parsed(nlp, "The President spoke.", [("President", "PERSON", 0)])
    assert corrections.strip_titles(doc, model_mentions(doc)) == []


def test_names_are_not_cut_when_no_title_word_leads(nlp: Language) -> None:
    doc = parsed(nlp, "Former Kubat Zhumaliyev aide.", [("Kubat Zhumaliyev", "PERSON", 0)])
    (mention,) = corrections.strip_titles(doc, model_mentions(doc))
    assert mention.text == "Kubat Zhumaliyev" and "title" not in dict(mention.attrs)


def test_hyphenated_line_break_is_joined(nlp: Language) -> None:
    text = "Kubat Zhumali-\nyev left Ardan. Later Zhumaliyev spoke."
    doc = parsed(nlp, text, [("Kubat Zhumali", "PERSON", 0), ("Zhumaliyev", "PERSON", 0)])
    mentions = corrections.join_broken_names(doc, model_mentions(doc))
    assert found(mentions) == [("Kubat Zhumali-\nyev", "PERSON"), ("Zhumaliyev", "PERSON")]
    assert dict(mentions[0].attrs)["joined"] == "Kubat Zhumaliyev"


def test_hyphenated_words_that_are_not_names_stay(nlp: Language) -> None:
    text = "Kubat Zhumaliyev met Anti- corruption officials."
    doc = parsed(nlp, text, [("Kubat Zhumaliyev", "PERSON", 0)])
    assert found(corrections.join_broken_names(doc, model_mentions(doc))) == [
        ("Kubat Zhumaliyev", "PERSON")
    ]


def test_name_split_over_a_line_is_one_mention(nlp: Language) -> None:
    text = "Police questioned Kubat\nZhumaliyev on Friday."
    doc = parsed(nlp, text, [("Kubat", "PERSON", 0), ("Zhumaliyev", "PERSON", 0)])
    (mention,) = corrections.join_broken_names(doc, model_mentions(doc))
    assert mention.text == "Kubat\nZhumaliyev"
    assert dict(mention.attrs)["joined"] == "Kubat Zhumaliyev"


def test_two_people_on_two_lines_stay_two(nlp: Language) -> None:
    text = "Signed: Jane Roe,\nMarat Zhumaliyev"
    doc = parsed(nlp, text, [("Jane Roe", "PERSON", 0), ("Marat Zhumaliyev", "PERSON", 0)])
    assert len(corrections.join_broken_names(doc, model_mentions(doc))) == 2


def test_a_full_name_tagged_person_once_is_a_person_everywhere(nlp: Language) -> None:
    text = "Aigul Sadykova spoke. Critics of Aigul Sadykova and Aigul Sadykova left."
    ents = [
        ("Aigul Sadykova", "PERSON", 0),
        ("Aigul Sadykova", "ORG", 1),
        ("Aigul Sadykova", "ORG", 2),
    ]
    doc = parsed(nlp, text, ents)
    mentions = corrections.make_consistent(doc, model_mentions(doc))
    assert [m.type for m in mentions] == ["PERSON"] * 3
    assert dict(mentions[1].attrs)["model_type"] == "ORG"


def test_a_one_word_name_takes_its_majority_type(nlp: Language) -> None:
    text = "Ardan Rejects Talks. Troops reached Ardan. Protesters marched in Ardan."
    ents = [("Ardan", "PERSON", 0), ("Ardan", "GPE", 1), ("Ardan", "GPE", 2)]
    doc = parsed(nlp, text, ents)
    assert {m.type for m in corrections.make_consistent(doc, model_mentions(doc))} == {"GPE"}


def test_missed_occurrences_and_surnames_are_found(nlp: Language) -> None:
    text = "Kubat Zhumaliyev fled on Monday. Aides said Zhumaliyev was tired of Kubat Zhumaliyev."
    doc = parsed(nlp, text, [("Kubat Zhumaliyev", "PERSON", 0)])
    mentions = corrections.make_consistent(doc, model_mentions(doc))
    assert found(mentions) == [
        ("Kubat Zhumaliyev", "PERSON"),
        ("Zhumaliyev", "PERSON"),
        ("Kubat Zhumaliyev", "PERSON"),
    ]
    assert {m.source for m in mentions[1:]} == {"doc-consistency.v2"}


def test_lower_case_words_are_not_taken_for_names(nlp: Language) -> None:
    text = "Officials met Anna Rose on Monday. A rose grew in the yard."
    doc = parsed(nlp, text, [("Anna Rose", "PERSON", 0)])
    assert found(corrections.make_consistent(doc, model_mentions(doc))) == [("Anna Rose", "PERSON")]


def test_surname_and_given_name_link_to_the_full_name(nlp: Language) -> None:
    text = "Kubat Zhumaliyev fled. Zhumaliyev denied it. Kubat was tired."
    ents = [("Kubat Zhumaliyev", "PERSON", 0), ("Zhumaliyev", "PERSON", 1), ("Kubat", "PERSON", 1)]
    doc = parsed(nlp, text, ents)
    mentions = corrections.link_names(doc, model_mentions(doc))
    assert len({m.cluster for m in mentions}) == 1
    assert dict(mentions[1].attrs)["linked_by"] == "surname"
    assert dict(mentions[2].attrs)["linked_by"] == "given name"


def test_relatives_are_never_one_cluster(nlp: Language) -> None:
    text = (
        "Kubat Zhumaliyev fled. His brother Marat Zhumaliyev stayed, and his son "
        "Timur Zhumaliyev hid. Kubat Zhumaliyev said Zhumaliyev would return."
    )
    ents = [
        ("Kubat Zhumaliyev", "PERSON", 0),
        ("Marat Zhumaliyev", "PERSON", 0),
        ("Timur Zhumaliyev", "PERSON", 0),
        ("Kubat Zhumaliyev", "PERSON", 1),
        ("Zhumaliyev", "PERSON", 4),
    ]
    doc = parsed(nlp, text, ents)
    mentions = corrections.link_names(doc, model_mentions(doc))
    by_name = {m.text: m.cluster for m in mentions if " " in m.text}
    assert len(set(by_name.values())) == 3
    surname = mentions[-1]
    assert surname.cluster == by_name["Kubat Zhumaliyev"]  # the one named most
    assert dict(surname.attrs)["ambiguous"] == "3"


def test_middle_name_joins_the_longer_form(nlp: Language) -> None:
    text = "Kubat Ravshanovich Zhumaliyev fled. Kubat Zhumaliyev denied it."
    ents = [("Kubat Ravshanovich Zhumaliyev", "PERSON", 0), ("Kubat Zhumaliyev", "PERSON", 0)]
    doc = parsed(nlp, text, ents)
    mentions = corrections.link_names(doc, model_mentions(doc))
    assert mentions[0].cluster == mentions[1].cluster


def test_acronym_joins_the_name_it_abbreviates(nlp: Language) -> None:
    text = "The Northern Rivers Trade Union struck. The NRTU said pay was low. NRTU won."
    ents = [("Northern Rivers Trade Union", "ORG", 0), ("NRTU", "ORG", 0), ("NRTU", "ORG", 1)]
    doc = parsed(nlp, text, ents)
    mentions = corrections.link_names(doc, model_mentions(doc))
    assert len({m.cluster for m in mentions}) == 1


def test_same_string_different_type_stays_apart(nlp: Language) -> None:
    text = "Ardan Mills sued Ardan. Ardan Mills lost."
    ents = [("Ardan Mills", "ORG", 0), ("Ardan", "GPE", 1), ("Ardan Mills", "ORG", 1)]
    doc = parsed(nlp, text, ents)
    mentions = corrections.link_names(doc, model_mentions(doc))
    assert [m.cluster for m in mentions] == [0, 1, 0]


def test_all_corrections_keep_offsets_exact(nlp: Language) -> None:
    text = (
        "Former governor Kubat Zhumali-\nyev's aides met Marat\nZhumaliyev in Ardan. "
        "Zhumaliyev said the NRTU, the Northern Rivers Trade Union, agreed."
    )
    doc = nlp(text)
    for mention in entity_mentions(doc):
        assert text[mention.start : mention.end] == mention.text
        assert mention.cluster >= 0
