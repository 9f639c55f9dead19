"""Within-document coreference on invented sentences: real links and real refusals.

The named mentions and their clusters are set by hand, so each test states what the
analysis found and checks only what coreference makes of it.
"""

from __future__ import annotations

import re

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from storyline.nlp.coref import RESOLVERS, SOURCE, Reference, resolve_references
from storyline.nlp.mentions import Mention
from storyline.nlp.spacy_model import load_model
from storyline.settings import Settings


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(Settings().spacy_model)


def named(text: str, names: dict[str, tuple[str, int]]) -> list[Mention]:
    """Every occurrence of each name, typed and clustered as ``names`` says."""
    found = []
    for name, (kind, cluster) in names.items():
        for match in re.finditer(rf"\b{re.escape(name)}\b", text):
            found.append(Mention(match.start(), match.end(), name, kind, cluster))
    return sorted(found, key=lambda m: m.start)


def links(nlp: Language, text: str, names: dict[str, tuple[str, int]]) -> list[tuple[str, str]]:
    """(words, the name of the mention they were linked through), in text order."""
    doc: Doc = nlp(text)
    mentions = named(text, names)
    found: list[Reference] = resolve_references(doc, mentions)
    return [(ref.text, mentions[ref.antecedent].text) for ref in found]


def test_pronouns_continue_the_subject(nlp: Language) -> None:
    text = "Mara Tollen checked into a clinic on Monday. She said that her family supported her."
    found = links(nlp, text, {"Mara Tollen": ("PERSON", 0)})
    assert found == [("She", "Mara Tollen"), ("her", "Mara Tollen"), ("her", "Mara Tollen")]


def test_two_subjects_of_one_sentence_leave_the_pronoun_alone(nlp: Language) -> None:
    text = "John Varek and Peter Holm met in Dulsk. He said the talks went well."
    names = {"John Varek": ("PERSON", 0), "Peter Holm": ("PERSON", 1), "Dulsk": ("GPE", 2)}
    assert links(nlp, text, names) == []


def test_gender_from_given_names(nlp: Language) -> None:
    text = "Mary Tollen met John Varek in Dulsk. He thanked her for the visit."
    names = {"Mary Tollen": ("PERSON", 0), "John Varek": ("PERSON", 1), "Dulsk": ("GPE", 2)}
    assert links(nlp, text, names) == [("He", "John Varek"), ("her", "Mary Tollen")]


def test_a_pronoun_is_not_its_own_clause_subject(nlp: Language) -> None:
    text = "John Varek praised him on Monday."
    assert links(nlp, text, {"John Varek": ("PERSON", 0)}) == []


def test_a_reflexive_is_its_clause_subject(nlp: Language) -> None:
    text = "John Varek praised himself on Monday."
    assert links(nlp, text, {"John Varek": ("PERSON", 0)}) == [("himself", "John Varek")]


def test_a_fronted_pronoun_points_to_the_main_subject(nlp: Language) -> None:
    text = "After his arrest, John Varek was taken to a police station."
    assert links(nlp, text, {"John Varek": ("PERSON", 0)}) == [("his", "John Varek")]


def test_a_relative_pronoun_is_the_noun_it_hangs_on(nlp: Language) -> None:
    text = "Mara Tollen, who starred in the film, left the clinic."
    assert links(nlp, text, {"Mara Tollen": ("PERSON", 0)}) == [("who", "Mara Tollen")]


def test_an_organisation_is_it(nlp: Language) -> None:
    text = "Globex said on Monday that it would close a plant in Dulsk."
    names = {"Globex": ("ORG", 0), "Dulsk": ("GPE", 1)}
    assert links(nlp, text, names) == [("it", "Globex")]


def test_a_name_inside_quotes_is_not_the_speaker(nlp: Language) -> None:
    text = '"Varek fired the shot," he said.'
    assert links(nlp, text, {"Varek": ("PERSON", 0)}) == []


def test_a_person_named_nobody_is_a_rival(nlp: Language) -> None:
    text = "John Varek was looking for a man near the station. Officers arrested him later."
    assert links(nlp, text, {"John Varek": ("PERSON", 0)}) == []


def test_a_description_the_name_had_before(nlp: Language) -> None:
    text = "Actress Mara Tollen checked into a clinic. The actress said she felt better."
    found = links(nlp, text, {"Mara Tollen": ("PERSON", 0)})
    assert ("The actress", "Mara Tollen") in found
    assert ("she", "Mara Tollen") in found


def test_a_generic_description_of_two_fitting_people_is_left_alone(nlp: Language) -> None:
    text = "Mary Tollen and Anna Kirov left the clinic. The actress thanked the staff."
    names = {"Mary Tollen": ("PERSON", 0), "Anna Kirov": ("PERSON", 1)}
    assert links(nlp, text, names) == []


def test_a_description_of_the_other_gender_is_left_alone(nlp: Language) -> None:
    text = "John Varek left the clinic on Monday. The actress thanked the staff."
    assert links(nlp, text, {"John Varek": ("PERSON", 0)}) == []


def test_a_specific_title_needs_the_name_described_first(nlp: Language) -> None:
    text = "John Varek left the clinic on Monday. The judge said the case was closed."
    assert links(nlp, text, {"John Varek": ("PERSON", 0)}) == []
    text = "Judge John Varek left the court on Monday. The judge said the case was closed."
    assert ("The judge", "John Varek") in links(nlp, text, {"John Varek": ("PERSON", 0)})


def test_the_company_and_its_age_description(nlp: Language) -> None:
    text = "Globex closed a plant on Monday. The company employs 300 people."
    assert links(nlp, text, {"Globex": ("ORG", 0)}) == [("The company", "Globex")]
    text = "John Varek was arrested in May. The 46-year-old was released on Friday."
    assert links(nlp, text, {"John Varek": ("PERSON", 0)}) == [("The 46-year-old", "John Varek")]


def test_the_resolver_is_registered() -> None:
    assert RESOLVERS.get(SOURCE) is resolve_references
