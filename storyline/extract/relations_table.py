"""The relation types of schema.yaml as lookup tables for the relation rules."""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

from storyline.schema import countries, place_key, relation_cues, relation_types


@dataclasses.dataclass(frozen=True)
class Transfer:
    """A verb that hands a thing over: "Belarus granted him asylum", "he gained citizenship"."""

    nouns: frozenset[str]  # the thing handed over: the verb's object
    give: frozenset[str]  # verbs whose subject is the giver
    receive: frozenset[str]  # verbs whose subject is the receiver
    subject_is_giver: bool  # which side becomes the relation's subject


@dataclasses.dataclass(frozen=True)
class Places:
    """How one place is said to lie in another."""

    apposition: bool  # "Minsk, Belarus"
    prepositions: frozenset[str]  # "Osh in Kyrgyzstan"
    regions: frozenset[str]  # "in southern X": X is a larger place even if not a country


@dataclasses.dataclass(frozen=True)
class RelationType:
    name: str
    subject: frozenset[str]  # entity types allowed on each side
    object: frozenset[str]
    description: str
    symmetric: bool
    nouns: frozenset[str]
    links: tuple[str, ...]  # prepositions, "possessive", "modifier", in the order tried
    transfer: Transfer | None
    places: Places | None

    def allows(self, subject_type: str, object_type: str) -> bool:
        return subject_type in self.subject and object_type in self.object


@dataclasses.dataclass(frozen=True)
class Cues:
    copulas: frozenset[str]
    as_verbs: frozenset[str]
    possessive_pronouns: frozenset[str]
    relative_pronouns: frozenset[str]
    negations: frozenset[str]
    modals: frozenset[str]
    conditionals: frozenset[str]
    state_nouns: frozenset[str]


@dataclasses.dataclass(frozen=True)
class RelationTable:
    types: dict[str, RelationType]
    by_noun: dict[str, RelationType]  # role noun → the one type it states
    transfers: tuple[RelationType, ...]
    places: tuple[RelationType, ...]
    cues: Cues
    country_names: dict[str, str]  # normalised name or alias → the country's name
    country_adjectives: dict[str, str]  # normalised adjective → the country's name


def _words(entry: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(word).lower() for word in entry.get(key, ()))


def _relation_type(name: str, entry: dict[str, Any]) -> RelationType:
    transfer = places = None
    if "transfer" in entry:
        spec = entry["transfer"]
        transfer = Transfer(
            _words(spec, "nouns"),
            _words(spec, "give"),
            _words(spec, "receive"),
            spec.get("subject", "giver") == "giver",
        )
    if "places" in entry:
        spec = entry["places"]
        places = Places(
            bool(spec.get("apposition")), _words(spec, "prepositions"), _words(spec, "regions")
        )
    return RelationType(
        name,
        frozenset(entry.get("subject", ())),
        frozenset(entry.get("object", ())),
        str(entry.get("description", "")),
        bool(entry.get("symmetric")),
        _words(entry, "nouns"),
        tuple(str(link) for link in entry.get("links", ())),
        transfer,
        places,
    )


def _cues(entry: dict[str, list[str]]) -> Cues:
    def words(key: str) -> frozenset[str]:
        return frozenset(str(word).lower() for word in entry.get(key, ()))

    return Cues(
        words("copulas"),
        words("as_verbs"),
        words("possessive_pronouns"),
        words("relative_pronouns"),
        words("negations"),
        words("modals"),
        words("conditionals"),
        words("state_nouns"),
    )


@functools.cache
def relation_table() -> RelationTable:
    """The relation types and cue words of schema.yaml, indexed for the rules."""
    types = {name: _relation_type(name, entry) for name, entry in relation_types().items()}
    by_noun: dict[str, RelationType] = {}
    for kind in types.values():
        for noun in kind.nouns:
            if noun in by_noun:
                raise ValueError(f"role noun {noun!r} is listed under two relation types")
            by_noun[noun] = kind
    names: dict[str, str] = {}
    adjectives: dict[str, str] = {}
    for country, entry in countries().items():
        for name in (country, *entry.get("names", ())):
            names[place_key(str(name))] = country
        for adjective in entry.get("adjectives", ()):
            adjectives[place_key(str(adjective))] = country
    return RelationTable(
        types,
        by_noun,
        tuple(k for k in types.values() if k.transfer),
        tuple(k for k in types.values() if k.places),
        _cues(relation_cues()),
        names,
        adjectives,
    )
