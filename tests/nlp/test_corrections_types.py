"""Corrections of types and extents (issue 4): kind nouns, name heads, legal suffixes,
group names, products and models, measures, doc-consistency.v3, index names and places
read in the text.

As in ``test_corrections.py`` the model's entities are set by hand, so that every test
states the model error it corrects; the names are invented.
"""

from __future__ import annotations

import re

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from storyline.nlp import corrections
from storyline.nlp.corrections import indices, kinds, lowercase, measures, persons, places, products
from storyline.nlp.mentions import (
    CORRECTIONS,
    DEFAULT_CORRECTIONS,
    Mention,
    entity_mentions,
    model_mentions,
)
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


def test_new_corrections_are_registered_and_run_by_default() -> None:
    new = ["measures.v1", "org-suffix.v1", "kind-nouns.v1", "name-heads.v1"]
    new += ["group-names.v1", "products.v2", "demonym-places.v1", "doc-consistency.v3"]
    new += ["index-names.v1", "place-readings.v2", "lowercase-words.v1", "person-cues.v1"]
    for name in new:
        assert callable(corrections.CORRECTIONS.get(name))
        assert name in DEFAULT_CORRECTIONS
    assert callable(corrections.CORRECTIONS.get("products.v1"))  # kept, not run by default
    assert DEFAULT_CORRECTIONS.index("products.v2") < DEFAULT_CORRECTIONS.index(
        "doc-consistency.v3"
    )


# --- kind-nouns.v1 -------------------------------------------------------------------


def test_issue_4_a_retailer_is_an_organisation(nlp: Language) -> None:
    text = "Sales at the electronics retailer Harlow Price rose."
    doc = parsed(nlp, text, [("Harlow Price", "PERSON", 0)])
    (mention,) = kinds.type_by_kind_nouns(doc, model_mentions(doc))
    assert (mention.type, dict(mention.attrs)["kind"]) == ("ORG", "retailer")
    assert dict(mention.attrs)["model_type"] == "PERSON"


def test_issue_4_a_version_in_apposition_is_a_product(nlp: Language) -> None:
    text = "Users praised Kestrel, the newest version of the Velmar operating system."
    doc = parsed(nlp, text, [("Kestrel", "PERSON", 0)])
    (mention,) = kinds.type_by_kind_nouns(doc, model_mentions(doc))
    assert mention.type == "OTHER"


def test_issue_4_an_age_in_apposition_makes_a_person(nlp: Language) -> None:
    text = "The company confirmed that Brandtmeier, 49, had left."
    doc = parsed(nlp, text, [("Brandtmeier", "ORG", 0)])
    (mention,) = kinds.type_by_kind_nouns(doc, model_mentions(doc))
    assert mention.type == "PERSON"


def test_a_name_that_modifies_a_noun_takes_no_kind_from_it(nlp: Language) -> None:
    text = "Nordlake processors are fast."  # the maker, not a processor
    doc = parsed(nlp, text, [("Nordlake", "ORG", 0)])
    (mention,) = kinds.type_by_kind_nouns(doc, model_mentions(doc))
    assert mention.type == "ORG" and "kind" not in dict(mention.attrs)


# --- name-heads.v1, org-suffix.v1, group-names.v1 ------------------------------------


def test_issue_4_a_conference_is_an_event_and_an_index_no_organisation(nlp: Language) -> None:
    text = "At the Velmar Developers Conference the Velmar Composite Index fell."
    ents = [("Velmar Developers Conference", "ORG", 0), ("Velmar Composite Index", "ORG", 0)]
    doc = parsed(nlp, text, ents)
    assert [m.type for m in kinds.type_by_name_heads(doc, model_mentions(doc))] == [
        "EVENT",
        "OTHER",
    ]


def test_issue_4_a_legal_suffix_joins_the_name(nlp: Language) -> None:
    text = "Shares of Nordlake Inc. rose; Harlow Price LLC fell."
    doc = parsed(nlp, text, [("Nordlake", "ORG", 0), ("Harlow Price LLC", "PERSON", 0)])
    assert found(kinds.attach_org_suffixes(doc, model_mentions(doc))) == [
        ("Nordlake Inc.", "ORG"),
        ("Harlow Price LLC", "ORG"),
    ]


def test_issue_4_the_plural_name_of_a_band_is_a_group(nlp: Language) -> None:
    text = "The Larkins sued the label. Fans of the Larkins agreed."
    doc = parsed(nlp, text, [("Larkins", "PERSON", 0), ("Larkins", "PERSON", 1)])
    assert {m.type for m in kinds.type_group_names(doc, model_mentions(doc))} == {"ORG"}


def test_a_family_named_in_the_plural_stays_persons(nlp: Language) -> None:
    text = "Marat Zhumaliyev fled. The Zhumaliyevs left Ardan."
    doc = parsed(nlp, text, [("Marat Zhumaliyev", "PERSON", 0), ("Zhumaliyevs", "PERSON", 0)])
    assert {m.type for m in kinds.type_group_names(doc, model_mentions(doc))} == {"PERSON"}


# --- products.v1 ---------------------------------------------------------------------


def test_issue_4_a_name_with_a_version_number_is_a_product_everywhere(nlp: Language) -> None:
    text = "Nordlake unveiled the Zephyr 4 on Monday. The Zephyr sold well, Nordlake said."
    ents = [("Nordlake", "ORG", 0), ("Zephyr", "ORG", 0), ("Zephyr", "ORG", 1)]
    ents.append(("Nordlake", "ORG", 1))
    doc = parsed(nlp, text, ents)
    mentions = products.retype_products(doc, model_mentions(doc))
    assert found(mentions) == [
        ("Nordlake", "ORG"),
        ("Zephyr 4", "OTHER"),
        ("Zephyr", "OTHER"),
        ("Nordlake", "ORG"),
    ]
    assert dict(mentions[2].attrs)["model_type"] == "ORG"


def test_issue_4_an_indefinite_article_makes_a_product(nlp: Language) -> None:
    text = "He bought a Zephyr last year. The Zephyr broke."
    doc = parsed(nlp, text, [("Zephyr", "ORG", 0), ("Zephyr", "ORG", 1)])
    assert {m.type for m in products.retype_products(doc, model_mentions(doc))} == {"OTHER"}


def test_issue_4_a_plural_beside_its_singular_is_a_product(nlp: Language) -> None:
    text = "Nordlake sold more Zephyrs. The Zephyr is popular."
    doc = parsed(nlp, text, [("Zephyrs", "ORG", 0), ("Zephyr", "ORG", 1)])
    assert {m.type for m in products.retype_products(doc, model_mentions(doc))} == {"OTHER"}


def test_a_company_with_any_organisation_reading_stays_one(nlp: Language) -> None:
    text = "Analysts expect a Nordlake recovery. Nordlake announced new mines, Nordlake Inc. said."
    ents = [("Nordlake", "ORG", 0), ("Nordlake", "ORG", 1), ("Nordlake Inc.", "ORG", 0)]
    doc = parsed(nlp, text, ents)
    assert {m.type for m in products.retype_products(doc, model_mentions(doc))} == {"ORG"}


def test_weak_evidence_never_makes_a_person_a_product(nlp: Language) -> None:
    text = "He met a Tomas Brandt in Velmar."
    doc = parsed(nlp, text, [("Tomas Brandt", "PERSON", 0)])
    assert found(products.retype_products(doc, model_mentions(doc))) == [("Tomas Brandt", "PERSON")]


def test_issue_4_a_maker_and_its_model_split(nlp: Language) -> None:
    text = "Skyward said its Skyward K380 will fly in June."
    doc = parsed(nlp, text, [("Skyward", "ORG", 0), ("Skyward K380", "ORG", 0)])
    assert found(products.retype_products(doc, model_mentions(doc))) == [
        ("Skyward", "ORG"),
        ("Skyward", "ORG"),
        ("K380", "OTHER"),
    ]


def test_issue_4_a_model_number_alone_is_a_product(nlp: Language) -> None:
    text = "The K380 landed in Velmar."
    doc = parsed(nlp, text, [("K380", "ORG", 0), ("Velmar", "GPE", 0)])
    assert found(products.retype_products(doc, model_mentions(doc))) == [
        ("K380", "OTHER"),
        ("Velmar", "GPE"),
    ]


def test_an_index_named_with_the_is_no_maker(nlp: Language) -> None:
    text = "The Velmex 250 fell; the Velmex lost 2%."
    doc = parsed(nlp, text, [("Velmex 250", "ORG", 0), ("Velmex", "ORG", 1)])
    mentions = products.retype_products(doc, model_mentions(doc))
    assert found(mentions)[0] == ("Velmex 250", "OTHER")


# --- measures.v1 ---------------------------------------------------------------------


def test_issue_4_currency_codes_units_and_dimensions_are_no_names(nlp: Language) -> None:
    text = "It costs $249 USD, holds 30GB and shows 320x240 video for Nordlake."
    ents = [("USD", "ORG", 0), ("GB", "PERSON", 0), ("320x240", "ORG", 0)]
    ents.append(("Nordlake", "ORG", 0))
    doc = parsed(nlp, text, ents)
    assert found(measures.drop_measures(doc, model_mentions(doc))) == [("Nordlake", "ORG")]


def test_a_code_that_follows_no_amount_stays(nlp: Language) -> None:
    assert not measures.is_measure("Shares of NLM rose.", Mention(10, 13, "NLM", "ORG"))


# --- doc-consistency.v3 --------------------------------------------------------------


def test_issue_4_a_kind_read_in_the_text_outweighs_the_model(nlp: Language) -> None:
    text = "Electronics retailer Harlow Price grew. Harlow Price hired staff. Harlow Price won."
    ents = [("Harlow Price", "PERSON", 0), ("Harlow Price", "PERSON", 1)]
    ents.append(("Harlow Price", "PERSON", 2))
    doc = parsed(nlp, text, ents)
    mentions = kinds.type_by_kind_nouns(doc, model_mentions(doc))
    v2 = {m.type for m in corrections.make_consistent(doc, mentions)}
    v3 = {m.type for m in corrections.CORRECTIONS.get("doc-consistency.v3")(doc, mentions)}
    assert (v2, v3) == ({"PERSON"}, {"ORG"})


def test_issue_4_a_surname_opening_a_sentence_is_found(nlp: Language) -> None:
    text = "Tomas Brandt opened the mine. Brandt welcomed everyone to Velmar."
    doc = parsed(nlp, text, [("Tomas Brandt", "PERSON", 0), ("Velmar", "GPE", 0)])
    v3 = corrections.CORRECTIONS.get("doc-consistency.v3")(doc, model_mentions(doc))
    assert ("Brandt", "PERSON") in found(v3)


def test_a_sentence_initial_word_also_written_in_lower_case_is_not(nlp: Language) -> None:
    text = "Anna Jobs spoke. Jobs were lost in Velmar, and jobs will return."
    doc = parsed(nlp, text, [("Anna Jobs", "PERSON", 0)])
    v3 = corrections.CORRECTIONS.get("doc-consistency.v3")(doc, model_mentions(doc))
    assert found(v3) == [("Anna Jobs", "PERSON")]


def test_every_correction_keeps_offsets_exact(nlp: Language) -> None:
    text = (
        "Nordlake Inc. unveiled the Zephyr 4. Electronics retailer Harlow Price sells "
        "Zephyrs for $99 USD. Skyward said its Skyward K380 flies at the Velmar Air Show."
    )
    for mention in entity_mentions(nlp(text)):
        assert text[mention.start : mention.end] == mention.text


# --- demonym-places.v1 ---------------------------------------------------------------


def test_a_name_whose_demonym_the_article_uses_is_a_place(nlp: Language) -> None:
    text = (
        "Orlen Maskov has lived in Vardonia since 2015. Vardonia refused to hand him over. "
        "The Vardonian leader said Vardonia keeps its word."
    )
    doc = parsed(
        nlp,
        text,
        [("Orlen Maskov", "PERSON", 0), ("Vardonia", "GPE", 0), ("Vardonia", "PERSON", 1),
         ("Vardonia", "PERSON", 3)],
    )  # fmt: skip
    typed = kinds.type_places_by_demonym(doc, model_mentions(doc))
    assert found(typed) == [
        ("Orlen Maskov", "PERSON"),
        ("Vardonia", "GPE"),
        ("Vardonia", "GPE"),
        ("Vardonia", "GPE"),
    ]
    assert dict(typed[2].attrs)["kind"] == "demonym"


def test_a_person_is_not_a_place_for_looking_like_a_stem(nlp: Language) -> None:
    # "Christian" is a word in the text, but "Christ" is never a place in it
    text = "Anna Christ met Christian leaders. Christ said the talks went well."
    doc = parsed(nlp, text, [("Anna Christ", "PERSON", 0), ("Christ", "PERSON", 2)])
    assert found(kinds.type_places_by_demonym(doc, model_mentions(doc))) == [
        ("Anna Christ", "PERSON"),
        ("Christ", "PERSON"),
    ]


# --- products.v2 ---------------------------------------------------------------------


def test_issue_4_a_maker_and_its_model_stay_one_product_name(nlp: Language) -> None:
    text = "Skyward said its Skyward K380 will fly in June."
    doc = parsed(nlp, text, [("Skyward", "ORG", 0), ("Skyward K380", "ORG", 0)])
    mentions = products.retype_products_v2(doc, model_mentions(doc))
    assert found(mentions) == [("Skyward", "ORG"), ("Skyward K380", "OTHER")]
    assert dict(mentions[1].attrs)["maker"] == "Skyward"


def test_issue_4_a_maker_before_a_model_number_joins_it(nlp: Language) -> None:
    text = "Harlan Air ordered five Skyward K380s on Monday."
    doc = parsed(nlp, text, [("Harlan Air", "ORG", 0), ("Skyward", "ORG", 0)])
    mentions = products.retype_products_v2(doc, model_mentions(doc))
    assert found(mentions) == [("Harlan Air", "ORG"), ("Skyward K380s", "OTHER")]


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Odds: Tomas Brandt -700 vs. Ivo Lasko +500.", "Tomas Brandt", "PERSON"),  # odds
        ("12th over: Velmar Rovers 168-6 (Hope 27, Lasko 6).", "Velmar Rovers", "ORG"),  # a score
        ("The Nordlake 128GB card is cheap.", "Nordlake", "ORG"),  # a capacity
    ],
)
def test_a_name_before_odds_or_a_score_is_no_product(
    nlp: Language, text: str, name: str, label: str
) -> None:
    doc = parsed(nlp, text, [(name, label, 0)])
    assert found(products.retype_products_v2(doc, model_mentions(doc)))[0] == (name, label)


# --- index-names.v1 ------------------------------------------------------------------


def test_issue_4_a_name_moving_by_points_is_an_index(nlp: Language) -> None:
    text = "The Velmex fell 82.65 points on Monday, while Nordlake fell 5%."
    doc = parsed(nlp, text, [("Velmex", "ORG", 0), ("Nordlake", "ORG", 0)])
    mentions = indices.type_index_names(doc, model_mentions(doc))
    assert found(mentions) == [("Velmex", "OTHER"), ("Nordlake", "ORG")]
    assert dict(mentions[0].attrs)["kind"] == "index"


def test_issue_4_a_name_before_index_is_an_index(nlp: Language) -> None:
    text = "The Velmex index rose, and Harlow & Price's 300 index fell."
    ents = [("Velmex", "ORG", 0), ("Harlow & Price", "ORG", 0)]
    doc = parsed(nlp, text, ents)
    assert {m.type for m in indices.type_index_names(doc, model_mentions(doc))} == {"OTHER"}


def test_a_company_whose_margin_fell_by_percentage_points_stays_one(nlp: Language) -> None:
    text = "Nordlake's gross margin fell 0.1 percentage points in May."
    doc = parsed(nlp, text, [("Nordlake", "ORG", 0)])
    assert found(indices.type_index_names(doc, model_mentions(doc))) == [("Nordlake", "ORG")]


def test_a_team_that_wins_points_stays_a_team(nlp: Language) -> None:
    text = "Harlow Rovers picked up 12 points in May."
    doc = parsed(nlp, text, [("Harlow Rovers", "ORG", 0)])
    assert found(indices.type_index_names(doc, model_mentions(doc))) == [("Harlow Rovers", "ORG")]


def test_the_publisher_of_an_index_stays_an_organisation(nlp: Language) -> None:
    text = "The Harlow Board's index of leading indicators rose."
    doc = parsed(nlp, text, [("Harlow Board", "ORG", 0)])
    assert found(indices.type_index_names(doc, model_mentions(doc))) == [("Harlow Board", "ORG")]


def test_a_company_that_points_to_something_stays_a_company(nlp: Language) -> None:
    text = "Nordlake points to the rise in sales of 40 points of presence."
    doc = parsed(nlp, text, [("Nordlake", "ORG", 0)])
    assert found(indices.type_index_names(doc, model_mentions(doc))) == [("Nordlake", "ORG")]


# --- place-readings.v2 --------------------------------------------------------------


def test_issue_4_a_name_that_officials_are_in_is_a_place_everywhere(nlp: Language) -> None:
    text = "Officials in Velmark said so. Velmark reacted within hours."
    ents = [("Velmark", "PERSON", 0), ("Velmark", "PERSON", 1)]
    doc = parsed(nlp, text, ents)
    mentions = entity_mentions(doc)
    assert found(mentions) == [("Velmark", "GPE"), ("Velmark", "GPE")]
    assert dict(mentions[0].attrs)["kind"] == "place"


def test_issue_4_the_owner_of_a_ministry_is_a_state(nlp: Language) -> None:
    text = "Velmark's foreign ministry protested. Velmark recalled its envoy."
    ents = [("Velmark", "PERSON", 0), ("Velmark", "PERSON", 1)]
    doc = parsed(nlp, text, ents)
    assert found(entity_mentions(doc)) == [("Velmark", "GPE"), ("Velmark", "GPE")]


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        ("Voters lost trust in Kestrov after the vote.", []),  # a noun of belief
        ("Nothing changed in Kestrov's view of the vote.", []),  # a possessor
        ("Voters left Kestrov's government in May.", []),  # people have governments
        ("Marat Kestrov spoke. Officials in Kestrov agreed.", ["Marat Kestrov"]),  # his name
        ("The best scene in Kestrov is the chase.", []),  # a film: nobody is in it
        ("In Kestrov, the map is everything.", []),  # a game
    ],
)
def test_a_person_after_in_stays_a_person(nlp: Language, text: str, ents: list[str]) -> None:
    given = [(name, "PERSON", 0) for name in ents]
    doc = parsed(nlp, text, [*given, ("Kestrov", "PERSON", text.count("Kestrov") - 1)])
    assert {m.type for m in places.type_places_by_reading(doc, model_mentions(doc))} == {"PERSON"}


def test_a_name_listed_beside_a_place_stays_a_person(nlp: Language) -> None:
    text = "Scouts from Brighton and Kestrov watched the game."
    doc = parsed(nlp, text, [("Brighton", "GPE", 0), ("Kestrov", "PERSON", 0)])
    assert found(places.type_places_by_reading(doc, model_mentions(doc)))[1] == (
        "Kestrov",
        "PERSON",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Aibek Oran governed Velno province until May.",
        "The mayor of Velno resigned on Friday.",
        "The province of Velno voted against it.",
    ],
)
def test_issue_4_a_province_or_town_the_model_took_for_an_organisation_is_a_place(
    nlp: Language, text: str
) -> None:
    given = [("Aibek Oran", "PERSON", 0)] if "Oran" in text else []
    doc = parsed(nlp, text, [*given, ("Velno", "ORG", 0)])
    assert ("Velno", "GPE") in found(places.type_places_by_reading(doc, model_mentions(doc)))
    before = CORRECTIONS.get("place-readings.v1")(doc, model_mentions(doc))
    assert ("Velno", "ORG") in found(before)  # v1 read no provinces or mayors


@pytest.mark.parametrize(
    "text",
    [
        "A Velno governor said rates would rise.",  # central banks have governors
        "The governor of Velno said rates would rise.",
        "Analysts in Velno expect a loss.",  # "in" reads organisations too
    ],
)
def test_an_organisation_with_a_governor_stays_one(nlp: Language, text: str) -> None:
    doc = parsed(nlp, text, [("Velno", "ORG", 0)])
    assert found(places.type_places_by_reading(doc, model_mentions(doc))) == [("Velno", "ORG")]


# --- lowercase-words.v1 --------------------------------------------------------------


def test_issue_4_a_foreign_phrase_in_lower_case_is_no_name(nlp: Language) -> None:
    text = "Oran was sentenced in absentia. The eBay listing was withdrawn by Oran."
    doc = parsed(nlp, text, [("absentia", "GPE", 0), ("eBay", "ORG", 0)])
    assert found(lowercase.drop_lowercase(doc, model_mentions(doc))) == [("eBay", "ORG")]


def test_a_text_without_capitals_keeps_its_mentions(nlp: Language) -> None:
    text = "oran was sentenced in velno on monday and left for ostrava by train."
    doc = parsed(nlp, text, [("velno", "GPE", 0), ("oran", "PERSON", 0)])
    assert len(lowercase.drop_lowercase(doc, model_mentions(doc))) == 2


# --- person-cues.v1 ------------------------------------------------------------------


def test_issue_4_a_surname_the_model_took_for_an_organisation_is_the_person(
    nlp: Language,
) -> None:
    text = "Kubat Oldar fled in March. Oldar's lawyer said he would not return. Oldar denies it."
    ents = [("Kubat Oldar", "PERSON", 0), ("Oldar", "ORG", 1), ("Oldar", "ORG", 2)]
    doc = parsed(nlp, text, ents)
    assert found(entity_mentions(doc)) == [
        ("Kubat Oldar", "PERSON"),
        ("Oldar", "PERSON"),
        ("Oldar", "PERSON"),
    ]


def test_a_name_owning_a_kinship_noun_is_a_person(nlp: Language) -> None:
    text = "Police questioned Oldar's nephew on Monday."
    doc = parsed(nlp, text, [("Oldar", "ORG", 0)])
    (mention,) = persons.type_persons_by_cues(doc, model_mentions(doc))
    assert (mention.type, dict(mention.attrs)["kind"]) == ("PERSON", "nephew")


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        ("Carl Falcon drove the Falcon home.", [("Carl Falcon", "PERSON", 0)]),  # a thing
        ("Carl Falcon met carmaker Falcon.", [("Carl Falcon", "PERSON", 0)]),  # kind noun
        ("Falcon's lawyers met on Monday.", []),  # organisations have lawyers
    ],
)
def test_an_organisation_without_a_person_cue_stays_one(
    nlp: Language, text: str, ents: list[tuple[str, str, int]]
) -> None:
    doc = parsed(nlp, text, [*ents, ("Falcon", "ORG", text.count("Falcon") - 1)])
    kinds_first = kinds.type_by_kind_nouns(doc, model_mentions(doc))
    assert found(persons.type_persons_by_cues(doc, kinds_first))[-1] == ("Falcon", "ORG")
