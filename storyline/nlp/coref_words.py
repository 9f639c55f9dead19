"""The words within-document coreference reads (coref.yaml and the schema), loaded once."""

from __future__ import annotations

import dataclasses
import functools
from importlib import resources
from typing import Any

import yaml

from storyline.schema import countries, schema

# Pronoun forms (see coref.yaml): how a pronoun relates to the subject of its clause.
PERSONAL = "personal"  # free in its own clause: "Reid hired her" is not Reid
POSSESSIVE = "possessive"  # may be its clause's subject: "Reid lost her job"
REFLEXIVE = "reflexive"  # is its clause's subject: "Reid checked herself in"
RELATIVE = "relative"  # the noun its clause hangs on: "Reid, who…"
# Genders a pronoun, a noun or a given name may tell; None: it tells nothing.
FEMININE = "f"
MASCULINE = "m"


@dataclasses.dataclass(frozen=True)
class Pronoun:
    """What one pronoun may stand for."""

    types: frozenset[str]  # entity types
    gender: str | None  # f, m or None
    form: str  # PERSONAL, POSSESSIVE, REFLEXIVE or RELATIVE


@dataclasses.dataclass(frozen=True)
class Words:
    """Pronouns, gendered words and description nouns, lower case."""

    pronouns: dict[str, Pronoun]
    gendered_nouns: dict[str, str]  # noun or title → f / m
    gendered_names: dict[str, str]  # given name → f / m
    noun_types: dict[str, str]  # description noun → the entity type it describes
    generic: dict[str, frozenset[str]]  # type → nouns that may stand on the type alone
    demonyms: frozenset[str]  # "belarusian": a person when a definite noun ("the Briton")

    def gender_of_noun(self, noun: str) -> str | None:
        return self.gendered_nouns.get(noun.lower().strip("."))

    def gender_of_name(self, given: str) -> str | None:
        return self.gendered_names.get(given.lower())


def _list(data: dict[str, Any], key: str) -> list[str]:
    return [str(word).lower() for word in data.get(key) or ()]


def _gendered(data: dict[str, Any], feminine: str, masculine: str) -> dict[str, str]:
    """Word → gender; a word on both lists tells nothing and is left out."""
    female, male = set(_list(data, feminine)), set(_list(data, masculine))
    return {w: FEMININE for w in female - male} | {w: MASCULINE for w in male - female}


def _noun_types(data: dict[str, Any]) -> dict[str, str]:
    """Description noun → type: kind nouns by type, then person nouns and titles."""
    found: dict[str, str] = {}
    table = schema().get("kind_nouns") or {}
    generic = data.get("generic_kind_nouns") or {}
    for kind in (*table, *generic):
        for noun in (*(table.get(kind) or ()), *(generic.get(kind) or ())):
            found.setdefault(str(noun).lower(), str(kind))
    people = [*(str(t).lower() for t in schema().get("titles") or ()), *_list(data, "person_nouns")]
    people += _list(data, "generic_person_nouns")
    return found | dict.fromkeys(people, "PERSON")


def _pronouns(data: dict[str, Any]) -> dict[str, Pronoun]:
    out = {}
    for word, entry in (data.get("pronouns") or {}).items():
        gender = str(entry.get("gender", "-"))
        types = frozenset(str(t) for t in entry.get("types") or ())
        out[str(word)] = Pronoun(types, None if gender == "-" else gender, str(entry["form"]))
    return out


@functools.cache
def words() -> Words:
    """coref.yaml parsed, with the schema's titles, kind nouns and country adjectives."""
    text = resources.files("storyline.nlp").joinpath("coref.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    generic = {
        str(k): frozenset(_list({"v": v}, "v")) for k, v in data["generic_kind_nouns"].items()
    }
    generic["PERSON"] = frozenset(_list(data, "generic_person_nouns"))
    demonyms = {
        str(a).lower() for entry in countries().values() for a in entry.get("adjectives", ())
    }
    return Words(
        pronouns=_pronouns(data),
        gendered_nouns=_gendered(data, "feminine_nouns", "masculine_nouns"),
        gendered_names=_gendered(data, "feminine_names", "masculine_names"),
        noun_types=_noun_types(data),
        generic=generic,
        demonyms=frozenset(demonyms),
    )
