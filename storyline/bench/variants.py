"""Synthetic name mentions with known entities: seed names respelt as news respells them.

Each mention picks a seed name (its entity) and, most of the time, one or two
spelling changes of the kinds transliteration and typing make: y/i, iy/i, zh/j,
kh/h, ks/x, a doubled or undoubled letter, a dropped vowel, two letters swapped,
an accent, the given name cut to its initial, or the whole name in Cyrillic. The
same seed and names always give the same mentions, so the true clusters are known.
"""

from __future__ import annotations

import dataclasses
import random
import re
from collections.abc import Callable, Sequence

# Share of mentions written exactly as the seed name; the rest get changes.
CANONICAL_SHARE = 0.4
# Of the changed mentions, the share that get a second change.
SECOND_CHANGE = 0.25
# Letter swaps of the romanisation systems, both ways where both are common.
SWAPS = (
    ("iy", "i"), ("y", "i"), ("i", "y"), ("zh", "j"), ("j", "zh"),
    ("kh", "h"), ("h", "kh"), ("ks", "x"), ("x", "ks"),
)  # fmt: skip
VOWELS = "aeiou"
ACCENTS = {"a": "á", "e": "é", "i": "í", "o": "ö", "u": "ü", "c": "ç", "n": "ñ"}
# Latin to Cyrillic, letter pairs before single letters (a rough reverse romanisation).
CYRILLIC = (
    ("shch", "щ"), ("zh", "ж"), ("kh", "х"), ("ch", "ч"), ("sh", "ш"), ("ts", "ц"),
    ("ya", "я"), ("yu", "ю"), ("yo", "ё"), ("ph", "ф"), ("a", "а"), ("b", "б"),
    ("c", "к"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "х"), ("i", "и"),
    ("j", "дж"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"),
    ("q", "к"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("v", "в"), ("w", "в"),
    ("x", "кс"), ("y", "ы"), ("z", "з"),
)  # fmt: skip
LATIN_WORDS = re.compile(r"[A-Za-z]+(?:[ -][A-Za-z]+)*")
PERSON = "PERSON"


@dataclasses.dataclass(frozen=True)
class SeedName:
    """One entity: its name as found, and its NER type (PERSON, ORG, GPE, LOC)."""

    name: str
    type: str


@dataclasses.dataclass(frozen=True)
class Mention:
    """One generated mention: the spelling used and the entity (seed position) it is."""

    name: str
    type: str
    entity: int


Change = Callable[[str, random.Random], str | None]


def _in_word(name: str, rng: random.Random, edit: Callable[[str], str | None]) -> str | None:
    """``edit`` applied to one randomly chosen word of ``name`` it applies to, or None."""
    words = name.split(" ")
    order = list(range(len(words)))
    rng.shuffle(order)
    for index in order:
        changed = edit(words[index])
        if changed is not None and changed != words[index]:
            return " ".join([*words[:index], changed, *words[index + 1 :]])
    return None


def _recase(word: str, like: str) -> str:
    """``word`` with its first letter upper case when ``like``'s is."""
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def swap_letters(name: str, rng: random.Random) -> str | None:
    """One romanisation swap (y→i, zh→j, kh→h, ks→x…) at one place in the name."""
    found = [(a, b, m.start()) for a, b in SWAPS for m in re.finditer(a, name.lower())]
    if not found:
        return None
    old, new, at = rng.choice(found)
    piece = new.upper() if name[at].isupper() else new
    return name[:at] + piece[:1] + new[1:] + name[at + len(old) :]


def double_letter(name: str, rng: random.Random) -> str | None:
    """A double letter made single, or (when there is none) an inner consonant doubled."""

    def edit(word: str) -> str | None:
        doubles = [i for i in range(1, len(word)) if word[i] == word[i - 1]]
        if doubles:
            at = rng.choice(doubles)
            return word[:at] + word[at + 1 :]
        inner = [i for i in range(1, len(word)) if word[i].isalpha() and word[i] not in VOWELS]
        if not inner:
            return None
        at = rng.choice(inner)
        return word[: at + 1] + word[at:]

    return _in_word(name, rng, edit)


def drop_vowel(name: str, rng: random.Random) -> str | None:
    """One inner vowel left out of a word of four letters or more."""

    def edit(word: str) -> str | None:
        inner = [i for i in range(1, len(word) - 1) if word[i] in VOWELS]
        if len(word) < 4 or not inner:
            return None
        at = rng.choice(inner)
        return word[:at] + word[at + 1 :]

    return _in_word(name, rng, edit)


def swap_adjacent(name: str, rng: random.Random) -> str | None:
    """Two neighbouring inner letters of a word exchanged (a typing slip)."""

    def edit(word: str) -> str | None:
        places = [i for i in range(1, len(word) - 1) if word[i] != word[i + 1]]
        if len(word) < 4 or not places:
            return None
        at = rng.choice(places)
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]

    return _in_word(name, rng, edit)


def add_accent(name: str, rng: random.Random) -> str | None:
    """One letter written with an accent (é, ö, ç…)."""
    places = [i for i, c in enumerate(name) if c in ACCENTS]
    if not places:
        return None
    at = rng.choice(places)
    return name[:at] + ACCENTS[name[at]] + name[at + 1 :]


def given_initial(name: str, kind: str) -> str | None:
    """A person's first word cut to its initial: ``Elon Musk`` → ``E. Musk``."""
    words = name.split(" ")
    if kind != PERSON or len(words) < 2 or not words[0][:1].isalpha() or len(words[0]) < 3:
        return None
    return f"{words[0][0].upper()}. {' '.join(words[1:])}"


def cyrillic(name: str, kind: str) -> str | None:
    """A person's Latin name in Cyrillic letters, by ``CYRILLIC``; None for other names."""
    if kind != PERSON or not LATIN_WORDS.fullmatch(name):
        return None
    words = []
    for word in re.split(r"([ -])", name):
        rest, out = ("", word) if word in " -" else (word.lower(), "")
        while rest:
            latin, letter = next((a, b) for a, b in CYRILLIC if rest.startswith(a))
            out, rest = out + letter, rest[len(latin) :]
        words.append(_recase(out, word))
    return "".join(words)


def respell(name: str, kind: str, rng: random.Random) -> str:
    """``name`` with one change chosen among those that apply (unchanged when none does)."""
    changes: list[Callable[[], str | None]] = [
        lambda: swap_letters(name, rng),
        lambda: double_letter(name, rng),
        lambda: drop_vowel(name, rng),
        lambda: swap_adjacent(name, rng),
        lambda: add_accent(name, rng),
        lambda: given_initial(name, kind),
        lambda: cyrillic(name, kind),
    ]
    rng.shuffle(changes)
    for change in changes:
        changed = change()
        if changed is not None and changed != name:
            return changed
    return name


def mentions(seeds: Sequence[SeedName], size: int, seed: int = 0) -> list[Mention]:
    """``size`` mentions of seed names picked at random, most respelt; same seed, same list.

    Each mention's draws come in a fixed order, so a shorter list is the start of a
    longer one: benchmark sizes are nested samples.
    """
    rng = random.Random(seed)
    out = []
    for _ in range(size):
        entity = rng.randrange(len(seeds))
        chosen = seeds[entity]
        name = chosen.name
        if rng.random() >= CANONICAL_SHARE:
            name = respell(name, chosen.type, rng)
            if rng.random() < SECOND_CHANGE:
                name = respell(name, chosen.type, rng)
        out.append(Mention(name, chosen.type, entity))
    return out
