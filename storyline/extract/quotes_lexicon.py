"""The words quote extraction reads (quotes.yaml beside this module), loaded once."""

from __future__ import annotations

import dataclasses
import functools
from importlib import resources
from typing import Any

import yaml

from storyline.schema import schema


@dataclasses.dataclass(frozen=True)
class Lexicon:
    """Speech verbs, pronouns and description nouns, as sets of lower-case lemmas."""

    speech_verbs: frozenset[str]
    frame_verbs: frozenset[str]  # frame a direct quote only ("…," he continued)
    object_content: frozenset[str]
    infinitive_content: frozenset[str]
    according: frozenset[str]
    pronouns: dict[str, frozenset[str]]  # pronoun → entity types it may stand for
    genders: dict[str, frozenset[str]]  # "he"/"she" → titles that tell that gender
    person_nouns: frozenset[str]  # the schema's titles and the file's person nouns
    generic_person_nouns: frozenset[str]
    org_nouns: frozenset[str]
    indefinite: frozenset[str]

    def is_cue(self, lemma: str) -> bool:
        """A verb that may frame a direct quote."""
        return lemma in self.speech_verbs or lemma in self.frame_verbs


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(word).lower() for word in data.get(key) or ())


@functools.cache
def lexicon() -> Lexicon:
    """The parsed quotes.yaml, with the schema's person titles added to the person nouns."""
    text = resources.files("storyline.extract").joinpath("quotes.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    titles = frozenset(str(t).lower() for t in schema().get("titles") or ())
    return Lexicon(
        speech_verbs=_words(data, "speech_verbs"),
        frame_verbs=_words(data, "quote_frame_verbs"),
        object_content=_words(data, "object_content_verbs"),
        infinitive_content=_words(data, "infinitive_content_verbs"),
        according=_words(data, "according_words"),
        pronouns={k: frozenset(v) for k, v in (data.get("pronouns") or {}).items()},
        genders={k: frozenset(v) for k, v in (data.get("gendered_titles") or {}).items()},
        person_nouns=_words(data, "person_nouns") | titles,
        generic_person_nouns=_words(data, "generic_person_nouns"),
        org_nouns=_words(data, "org_nouns"),
        indefinite=_words(data, "indefinite_determiners"),
    )
