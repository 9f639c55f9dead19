"""Name keys and similarity across spellings and scripts, on transliteration skeletons.

``skeleton`` romanises a name (``translit``) and collapses the usual romanisation
variants by the regex rules of ``romanisation.yaml``: Bakiyev, Bakiev and Бакиев
share ``bakiev``. ``name_similarity`` compares skeletons word by word (Jaro-Winkler,
order-insensitive); ``blocking_keys`` are what candidate generation buckets on;
``given_names_compatible`` is the hard rule that keeps relatives apart.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources
from typing import Any

import yaml
from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler

from storyline.resolve import translit

# The package whose data files this module reads (where this module lives).
PACKAGE = __name__.rpartition(".")[0]
# One skeleton word: lower-case ASCII letters and digits.
WORD = re.compile(r"[a-z0-9]+")
# Apostrophes inside a word join its halves (d'Aquino, O’Brien, oʻtkir).
APOSTROPHES = re.compile(r"['’ʼʻ`´]")
# A name word with fewer letters than this gives no blocking key of its own.
MIN_KEY_LETTERS = 3
# Phonetic keys keep the first letter and this many consonant classes.
PHONETIC_LENGTH = 4
# Each word one name has beyond the other ("Kurmanbek Salievich Bakiyev") costs this.
EXTRA_WORD_FACTOR = 0.97
# An initial against a full word starting with it ("K." / "Kurmanbek").
INITIAL_SCORE = 0.9
# Skeleton words kept in the cache (names repeat across a corpus).
CACHE_SIZE = 1 << 16


@functools.cache
def _rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(str(a)), str(b)) for a, b in translit.table()["skeleton"])


def _letters_only(text: str) -> str:
    """Letters, marks, digits, apostrophes; every other character (emoji, dashes) a space."""
    kept = (c if unicodedata.category(c)[0] in "LMN" or APOSTROPHES.match(c) else " " for c in text)
    return "".join(kept)


def skeleton_word(word: str) -> str:
    """One lower-case ASCII word with the skeleton rules applied in order."""
    for pattern, replacement in _rules():
        word = pattern.sub(replacement, word)
    return word


@functools.lru_cache(maxsize=CACHE_SIZE)
def skeleton_words(name: str) -> tuple[str, ...]:
    """The skeletons of a name's words: ``Курманбек Бакиев`` → ``("kurmanbek", "bakiev")``."""
    latin = translit.romanise(_letters_only(translit.spell_latin(name)))
    words = WORD.findall(APOSTROPHES.sub("", latin.lower()))
    return tuple(s for s in (skeleton_word(w) for w in words) if s)


def skeleton(name: str) -> str:
    """``Kurmanbek Bakiyev`` → ``kurmanbek bakiev``: ASCII, lower case, variants collapsed."""
    return " ".join(skeleton_words(name))


@functools.cache
def _phonetic_classes() -> dict[str, str]:
    """Letter → consonant class digit, from ``phonetic`` in romanisation.yaml."""
    classes: dict[str, str] = translit.table()["phonetic"]
    return {letter: str(digit) for digit, letters in classes.items() for letter in letters}


def phonetic_key(word: str) -> str:
    """A Soundex-like key of a skeleton word: first letter, then consonant classes.

    Vowels (and h, y, w) are dropped and runs of one class count once, so names that
    differ only in vowels share a key (Lukashenka / Lukashenko → ``l225``).
    """
    classes = _phonetic_classes()
    digits = [classes.get(c, "") for c in word[1:]]
    kept = [d for i, d in enumerate(digits) if d and (i == 0 or d != digits[i - 1])]
    return (word[:1] + "".join(kept))[: PHONETIC_LENGTH + 1]


def blocking_keys(name: str) -> set[str]:
    """Keys for candidate generation: two names that may match share at least one.

    - ``w:`` each word's skeleton: spellings of one name collapse (Bakiyev / Бакиев).
    - ``p:`` each word's phonetic key: vowel differences between languages and
      transliterations (Lukashenka / Lukashenko, Otunbaeva / Otunbayeva).
    - ``f:`` each word's first letter and length: one-consonant typos and variants the
      rules miss (Morrow / Morow land in neighbouring lengths, so both are keyed).
    Words shorter than ``MIN_KEY_LETTERS`` (initials) give no key; a name of only
    such words is keyed by its whole skeleton.
    """
    keys: set[str] = set()
    for word in skeleton_words(name):
        if len(word) >= MIN_KEY_LETTERS:
            keys |= {f"w:{word}", f"p:{phonetic_key(word)}"}
            keys |= {f"f:{word[0]}{size}" for size in (len(word), len(word) + 1)}
    if not keys and skeleton(name):
        keys.add(f"n:{skeleton(name)}")
    return keys


def word_similarity(a: str, b: str) -> float:
    """0..1 for two skeleton words: Jaro-Winkler, or ``INITIAL_SCORE`` for an initial."""
    if a == b:
        return 1.0
    if min(len(a), len(b)) == 1:
        return INITIAL_SCORE if a[0] == b[0] else 0.0
    return float(JaroWinkler.normalized_similarity(a, b))


def _aligned(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Words matched best pair first, each at most once, averaged by the shorter's length.

    Words of the longer name left without a partner each cost ``EXTRA_WORD_FACTOR``.
    """
    pairs = sorted(((word_similarity(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b)),
                   key=lambda p: (-p[0], p[1], p[2]))  # fmt: skip
    used_a: set[int] = set()
    used_b: set[int] = set()
    total = weight = 0.0
    for score, i, j in pairs:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        size = min(len(a[i]), len(b[j]))
        total, weight = total + score * size, weight + size
    return total / weight * EXTRA_WORD_FACTOR ** (max(len(a), len(b)) - min(len(a), len(b)))


def name_similarity(a: str, b: str) -> float:
    """0..1: how alike two names are across spellings, scripts and word order.

    Symmetric; 1.0 for two spellings with one skeleton; 0.0 when either name has no
    letters (unless the two strings are the same).
    """
    x, y = sorted((skeleton_words(a), skeleton_words(b)))
    if not x or not y:
        return 1.0 if a.strip() and a.strip() == b.strip() else 0.0
    if x == y:
        return 1.0
    return round(min(1.0, _aligned(x, y)), 4)


@functools.cache
def given_table() -> dict[str, Any]:
    """The parsed given_names.yaml shipped with the package."""
    text = resources.files(PACKAGE).joinpath("given_names.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@functools.cache
def _groups() -> dict[str, frozenset[int]]:
    """Given-name skeleton → the numbers of the variant groups it belongs to."""
    found: dict[str, set[int]] = {}
    for number, group in enumerate(given_table()["groups"]):
        for name in group:
            found.setdefault(skeleton(str(name)).replace(" ", ""), set()).add(number)
    return {k: frozenset(v) for k, v in found.items()}


def _short_form(short: str, long: str) -> bool:
    """Whether ``short`` is ``long`` without one of the listed final elements (-bek...)."""
    endings = (skeleton_word(str(s)) for s in given_table()["short_form_endings"])
    return any(long == short + ending for ending in endings)


def _feminine_pair(x: str, y: str) -> bool:
    """A man's name and a woman's: Aleksandr / Aleksandra, Andrei / Andrea."""
    short, long = sorted((x, y), key=lambda s: (len(s), s))
    if long == short + "a":
        return True
    return len(x) == len(y) and x[:-1] == y[:-1] and "a" in (x[-1], y[-1])


def _spelt_alike(x: str, y: str) -> bool:
    """One spelling slip apart (Damerau-Levenshtein), in long names, not a feminine form."""
    if min(len(x), len(y)) < int(given_table()["close_min_letters"]) or _feminine_pair(x, y):
        return False
    return int(DamerauLevenshtein.distance(x, y)) <= 1


def given_names_compatible(a: str, b: str) -> bool:
    """Whether two given names can be one person's: Kurmanbek/K./Курманбек yes, Janysh no.

    Compatible: same skeleton, an initial of the other, listed together in
    ``given_names.yaml``, a short form by a listed ending (Zholdosh / Zholdoshbek), or
    one spelling slip apart in a long name. Two names listed in different groups are
    never compatible.
    """
    x, y = skeleton(a).replace(" ", ""), skeleton(b).replace(" ", "")
    if not x or not y or x == y:
        return True
    if min(len(x), len(y)) == 1:
        return x[0] == y[0]
    groups = _groups()
    if groups.get(x, frozenset()) & groups.get(y, frozenset()):
        return True
    if x in groups and y in groups:
        return False  # two known names of different groups
    short, long = sorted((x, y), key=lambda s: (len(s), s))
    return _short_form(short, long) or _spelt_alike(x, y)
