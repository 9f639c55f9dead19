"""The schema table (schema.yaml): entity types and model-label mappings, loaded once."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "EVENT", "OTHER")


@functools.cache
def schema() -> dict[str, Any]:
    """The parsed schema.yaml shipped with the package."""
    text = resources.files("storyline").joinpath("schema.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def entity_type(model_label: str) -> str | None:
    """Our entity type for a model's label, or None when the label is not an entity."""
    mapped = schema()["model_labels"].get(model_label)
    return str(mapped) if mapped else None


def event_types() -> dict[str, dict[str, Any]]:
    """Event type name → its entry in schema.yaml: label, triggers, roles, compatibility."""
    types: dict[str, dict[str, Any]] = schema().get("event_types", {})
    return types


@functools.cache
def compatible_event_types(kind: str) -> frozenset[str]:
    """The types that may name the same real event as ``kind`` (``kind`` included)."""
    entry = event_types().get(kind, {})
    found = {kind, *entry.get("compatible", ())}
    # compatibility is symmetric even where the table lists it on one side only
    found |= {name for name, other in event_types().items() if kind in other.get("compatible", ())}
    return frozenset(found)


def relation_types() -> dict[str, dict[str, Any]]:
    """Relation type name → its entry in schema.yaml: entity types, description, cues."""
    types: dict[str, dict[str, Any]] = schema().get("relation_types", {})
    return types


def relation_cues() -> dict[str, list[str]]:
    """The words relation rules read around a cue: copulas, pronouns, negations, modals."""
    cues: dict[str, list[str]] = schema().get("relation_cues", {})
    return cues


def countries() -> dict[str, dict[str, Any]]:
    """Country name → its ISO code, adjectives ("Kyrgyz"), other names ("Kyrgyz Republic")."""
    table: dict[str, dict[str, Any]] = schema().get("countries", {})
    return table


def place_key(name: str) -> str:
    """A place name as the country table matches it: lower case, no "the", no full stops."""
    text = name.strip().lower().replace(".", "").replace("’", "'")
    return text[4:] if text.startswith("the ") else text


@functools.cache
def _country_keys() -> dict[str, str]:
    keys = {}
    for country, entry in countries().items():
        for name in (country, *entry.get("names", ())):
            keys[place_key(str(name))] = country
    return keys


def country_named(name: str) -> str | None:
    """The country table's name for a country's name or other name ("the U.S."), or None."""
    return _country_keys().get(place_key(name))


def country_code(country: str) -> str | None:
    """The ISO 3166-1 code (lower case) of a country of the table."""
    code = countries().get(country, {}).get("code")
    return str(code) if code else None
