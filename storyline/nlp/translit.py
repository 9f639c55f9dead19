"""Names in Latin letters and their skeletons, by the tables of ``romanisation.yaml``.

Cyrillic and Greek go through our table (the spelling English-language news uses);
every other script through ``anyascii``. Latin text comes back accent-folded.
``skeleton`` then collapses the usual romanisation variants of a name, so that
Bakiyev, Bakiev and Бакиев share ``bakiev``: the key the analysis and resolution
compare names by.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Any

import yaml
from anyascii import anyascii


@functools.cache
def table() -> dict[str, Any]:
    """The parsed romanisation.yaml shipped with the package."""
    text = resources.files("storyline.nlp").joinpath("romanisation.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@functools.cache
def _letters() -> dict[str, str]:
    data = table()
    return {str(k): str(v) for k, v in (data["cyrillic"] | data["greek"]).items()}


def romanise(text: str) -> str:
    """``Бакиев`` → ``Bakiyev``, ``Лукашенко`` → ``Lukashenko``; Latin text accent-folded."""
    letters = _letters()
    iotated = table()["iotated"]
    out: list[str] = []
    previous = ""
    for char in text:
        lower = char.lower()
        if lower in iotated["letters"] and (not previous.isalpha() or previous in iotated["after"]):
            latin = str(iotated["letters"][lower])
        elif lower in letters:
            latin = letters[lower]
        else:
            latin = anyascii(char)
        if char != lower and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
        previous = lower
    return "".join(out)


WORD = re.compile(r"[a-z]+")


@functools.cache
def _rules(kind: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(str(a)), str(b)) for a, b in table()[kind])


def words(name: str, kind: str = "skeleton") -> tuple[str, ...]:
    """The skeletons of a name's words (``kind="loose"`` adds the loose rules)."""
    out = []
    for word in WORD.findall(romanise(name).lower()):
        for pattern, replacement in _rules("skeleton"):
            word = pattern.sub(replacement, word)
        if kind == "loose":
            for pattern, replacement in _rules("loose"):
                word = pattern.sub(replacement, word)
        if word:
            out.append(word)
    return tuple(out)


@functools.cache
def skeleton(name: str) -> str:
    """``Kurmanbek Bakiyev`` → ``kurmanbek bakiev``; ASCII, lower case, variants collapsed."""
    return " ".join(words(name))
