"""``place-readings.v2``: a one-word name that reads as a place is one, not a person.

The model types an unfamiliar one-word name PERSON by default, and a country or capital
it has never seen ("officials in Ardan", "Kostrava's foreign ministry") with it; a
province or town it often types ORG ("Tesh province", "the mayor of Tesh"). These
readings of an occurrence say place whatever the model guessed:

* after "in" that places people, an institution or a building there ("officials in
  Ardan", "a court in Ardan", "apartments in Ardan"): nobody is an official "in" a
  person. Other uses of "in" say too little: works and games ("the fly in Eega", "In
  Fortnite, the map..."), beliefs ("trust in Ardan");
* the possessor of a state's institution or part ("Kostrava's foreign ministry",
  "Kostrava's parliament", "Kostrava's Tesh province"; not "government" or "regime",
  which people are said to have too);
* the name of a province, region, district or town: before the word ("Tesh province",
  "the Velno district") or after "of" ("the province of Tesh"), or the place whose mayor
  or residents are meant ("the mayor of Tesh", "residents of Tesh"). Not "governor", which
  central banks have too ("a Fed governor").

Names joined to a place by "and" are not read: lists of players and teams mislead
("Freeman and Betts", "Brighton and Burnley"). A name that is a person's elsewhere in the
document (a title before it, the first or last word of a person's full name) stays a
person. ``v2`` added the province and mayor readings (``v1`` stays registered).
The mention records ``kind: place``, which ``doc-consistency.v3`` weighs above
the model's votes, so that every occurrence in the document follows.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.nlp import names
from storyline.nlp.corrections.common import PERSON, name_of
from storyline.nlp.corrections.kinds import mention_span, with_type
from storyline.nlp.mentions import CORRECTIONS, Mention

SOURCE = "place-readings.v2"
# The types the model gives such names: a person's mostly, an organisation's before "'s"
# (an organisation only ever reads as a place as the owner of a state's part).
RETYPED = frozenset({PERSON, "ORG"})
# Nouns for people, institutions and buildings that are "in" a place ("officials in
# Ardan", "apartments in Ardan"); not shops or stores, which games have too.
LOCATED_NOUNS = frozenset(
    {"official", "officer", "authority", "court", "judge", "prosecutor", "lawyer", "police"}
    | {"embassy", "consulate", "ministry", "government", "parliament", "office", "resident"}
    | {"headquarters", "diplomat", "ambassador", "envoy", "protester", "demonstrator"}
    | {"apartment", "flat", "house", "home", "property", "building", "plant", "factory"}
    | {"hospital", "prison", "airport", "school", "university"}
)
# Nouns for a state's institutions and parts: their possessor is a state ("Kostrava's
# parliament"). People have governments, regimes and administrations too: not listed.
STATE_NOUNS = frozenset(
    {"ministry", "parliament", "province", "embassy", "capital", "border", "constitution"}
    | {"territory", "citizen", "economy", "army", "judiciary", "legislature"}
)
# Nouns for a state's subdivisions and towns: a name before them ("Tesh province") or
# after their "of" ("the province of Tesh") names one. Not "state" ("Apple state"?) nor
# "capital", which companies raise.
DIVISION_NOUNS = frozenset(
    {"province", "region", "district", "oblast", "county", "prefecture", "governorate"}
    | {"municipality", "canton", "city", "town", "village"}
)
# Nouns for those who run or live in a place, before "of" ("the mayor of Tesh").
OF_PLACE_NOUNS = DIVISION_NOUNS | {"mayor", "resident", "inhabitant", "outskirts", "suburb"}
# Possessive endings after a name: "in Ardan's view" is about the name's owner.
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


@CORRECTIONS.register("place-readings.v1")
def type_places_by_reading_v1(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """One-word names read as places in the document become GPE (without ``v2``'s readings
    of provinces, towns and mayors)."""
    return _retype(doc, mentions, divisions=False)


@CORRECTIONS.register("place-readings.v2")
def type_places_by_reading(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """One-word names read as places in the document become GPE (see module doc)."""
    return _retype(doc, mentions, divisions=True)


def _retype(doc: Doc, mentions: list[Mention], *, divisions: bool) -> list[Mention]:
    persons = _person_words(mentions)
    places = {
        name_of(m)
        for m in mentions
        if m.type in RETYPED
        and name_of(m) not in persons
        and _reads_as_place(doc, m, divisions=divisions)
    }
    out = []
    for mention in mentions:
        if mention.type in RETYPED and name_of(mention) in places:
            mention = with_type(mention, "GPE", SOURCE, ("kind", "place"))
        out.append(mention)
    return out


def _person_words(mentions: list[Mention]) -> set[str]:
    """Words that are a person's in the document: titled names, ends of full names."""
    found: set[str] = set()
    for mention in mentions:
        if mention.type != PERSON:
            continue
        parts = names.words(name_of(mention))
        if len(parts) > 1:
            found |= {parts[0], parts[-1]}
        if "title" in dict(mention.attrs):
            found.add(name_of(mention))
    return found


def _reads_as_place(doc: Doc, mention: Mention, *, divisions: bool) -> bool:
    """Whether this one-word occurrence reads as a place (see the module doc)."""
    span = mention_span(doc, mention)
    if span is None or len(names.words(name_of(mention))) != 1:
        return False
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text in POSSESSIVES:
        return _owns_state_part(span.root)
    if divisions and _names_a_division(span.root):
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    in_place = before is not None and before.lower_ == "in" and _places_someone(before)
    return mention.type == PERSON and in_place


def _owns_state_part(root: Token) -> bool:
    """The possessor of a state's institution or part ("Kostrava's foreign ministry")."""
    return root.dep_ == "poss" and root.head.lemma_.casefold() in STATE_NOUNS


def _places_someone(preposition: Token) -> bool:
    """An "in" after a noun for people or an institution ("prosecutors in Ardan")."""
    head = preposition.head
    return head.pos_ in {"NOUN", "PROPN"} and head.lemma_.casefold() in LOCATED_NOUNS


def _names_a_division(root: Token) -> bool:
    """The name of a province or town ("Tesh province", "the province of Tesh"), or the
    place of a mayor or residents ("the mayor of Tesh")."""
    head = root.head
    if root.dep_ == "compound":
        return head.lemma_.casefold() in DIVISION_NOUNS and head.i == root.i + 1
    of = root.dep_ == "pobj" and head.lower_ == "of"
    return of and head.head.pos_ == "NOUN" and head.head.lemma_.casefold() in OF_PLACE_NOUNS
