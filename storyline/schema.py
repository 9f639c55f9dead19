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
