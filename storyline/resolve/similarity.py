"""Name keys and similarity across spellings and scripts, on transliteration skeletons.

``skeleton`` (``storyline.nlp.translit``, shared with the analysis) romanises a name
and collapses the usual romanisation variants by the rules of ``romanisation.yaml``:
Bakiyev, Bakiev and Бакиев share ``bakiev``. ``name_similarity`` compares skeletons
word by word (normalised Levenshtein, order-insensitive); ``blocking_keys`` are what
candidate generation buckets on; ``given_names_compatible`` is the hard rule that
keeps relatives apart.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Any

import yaml
from rapidfuzz.distance import DamerauLevenshtein, Levenshtein
from rapidfuzz.process import extractOne

from storyline.nlp import translit
from storyline.nlp.translit import skeleton as skeleton
from storyline.nlp.translit import skeleton_word as skeleton_word
from storyline.nlp.translit import skeleton_words as skeleton_words

# The package whose data files this module reads (where this module lives).
PACKAGE = __name__.rpartition(".")[0]
# A name word with fewer letters than this gives no blocking key of its own.
MIN_KEY_LETTERS = 3
# Phonetic keys keep the first letter and this many consonant classes.
PHONETIC_LENGTH = 4
# Each word one name has beyond the other ("Kurmanbek Salievich Bakiyev") costs this.
EXTRA_WORD_FACTOR = 0.97
# An initial against a full word starting with it ("K." / "Kurmanbek").
INITIAL_SCORE = 0.9
# A word matched only through the loose rules (Hrabovich / Grabovich) scores this less.
LOOSE_PENALTY = 0.03
# A word matched only through a foreign reading of the other (Blain read as French is
# Блен) scores this less than one spelt alike, so that a name spelt alike ranks first.
READING_PENALTY = 0.02
# Two words listed as forms of one given name in given_names.yaml (Ales / Aleksei).
GIVEN_FORM_SCORE = 0.95
# Two names at or above this similarity are taken for one name (tuned on the dev slice
# of the transliteration benchmark, ``python -m storyline.eval translit``).
MATCH_THRESHOLD = 0.88


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
    - ``f:`` each word's first and last letters and length: a changed letter inside
      the word that also changes its phonetic key (Bakiev / Batiev). First letter and
      length alone make buckets of hundreds in a corpus of thousands of names; the
      last letter splits them by about twenty.
    Words shorter than ``MIN_KEY_LETTERS`` (initials) give no key; a name of only
    such words is keyed by its whole skeleton.
    """
    keys: set[str] = set()
    for word in skeleton_words(name):
        if len(word) >= MIN_KEY_LETTERS:
            keys |= {f"w:{word}", f"p:{phonetic_key(word)}", f"f:{word[0]}{word[-1]}{len(word)}"}
    if not keys and skeleton(name):
        keys.add(f"n:{skeleton(name)}")
    return keys


@functools.cache
def _loose_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(str(a)), str(b)) for a, b in translit.table()["loose"])


@functools.lru_cache(maxsize=translit.CACHE_SIZE)
def loose_word(word: str) -> str:
    """A skeleton word with the loose rules applied (Hrabovich → ``grabovich``)."""
    for pattern, replacement in _loose_rules():
        word = pattern.sub(replacement, word)
    return word


def given_forms(word: str) -> frozenset[int]:
    """The ``given_names.yaml`` groups a skeleton word belongs to (none for most words)."""
    return _groups().get(word, frozenset())


def word_similarity(a: str, b: str, *, initials: bool = True) -> float:
    """0..1 for two skeleton words: normalised Levenshtein, strict or loose.

    Levenshtein, not Jaro-Winkler: transliterations differ anywhere in a word (Otunbaeva,
    Lukashenka), and Jaro-Winkler's bonus for a shared start ranks wrong names that share
    a prefix above the right one (dev slice of the translit benchmark: top-1 0.72 → 0.78).
    A match through the loose rules costs ``LOOSE_PENALTY``; two forms of one given name
    (Ales / Aleksei) score at least ``GIVEN_FORM_SCORE``; an initial ``INITIAL_SCORE``.
    """
    if a == b:
        return 1.0
    if initials and min(len(a), len(b)) == 1:
        return INITIAL_SCORE if a[0] == b[0] else 0.0
    strict = Levenshtein.normalized_similarity(a, b)
    loose = Levenshtein.normalized_similarity(loose_word(a), loose_word(b)) - LOOSE_PENALTY
    form = GIVEN_FORM_SCORE if given_forms(a) & given_forms(b) else 0.0
    return float(max(strict, loose, form))


# Foreign readings of each word of a name (``translit.latin_readings``), or none.
Readings = tuple[translit.WordReadings, ...] | None


def read_similarity(word: str, readings: translit.WordReadings, floor: float = 0.0) -> float:
    """The best normalised Levenshtein of ``word`` against foreign readings, less
    ``READING_PENALTY``; ``floor`` if none does better."""
    if not readings or floor + READING_PENALTY >= 1.0:
        return floor
    cutoff = floor + READING_PENALTY
    found = extractOne(
        word, readings, scorer=Levenshtein.normalized_similarity, score_cutoff=cutoff
    )
    return max(floor, found[1] - READING_PENALTY) if found else floor


def _cross_readings(a: str, b: str) -> tuple[Readings, Readings]:
    """The Latin name's foreign readings when the other name is Cyrillic; else none.

    Russian spells a foreign name as it sounds in its own language (Блен for Blain),
    so a Cyrillic name is also compared with the Latin one read in each language of
    ``romanisation.yaml``. Two Latin (or two Cyrillic) names are compared as spelt.
    """
    cyrillic_a, cyrillic_b = translit.has_cyrillic(a), translit.has_cyrillic(b)
    if cyrillic_a == cyrillic_b:
        return None, None
    if cyrillic_a:
        return None, translit.latin_readings(b)
    return translit.latin_readings(a), None


def _pair_score(
    x: str, y: str, rx: translit.WordReadings, ry: translit.WordReadings, *, initials: bool
) -> float:
    """``word_similarity``, or for two whole words a match through a foreign reading."""
    score = word_similarity(x, y, initials=initials)
    if min(len(x), len(y)) > 1 and score < 1.0:
        score = read_similarity(x, ry, read_similarity(y, rx, score))
    return score


def _pairs(
    a: tuple[str, ...], b: tuple[str, ...], ra: Readings, rb: Readings, *, initials: bool
) -> list[tuple[bool, float, int, int]]:
    """Every word pair, initials last, then best first: (has an initial, -score, i, j)."""
    if not ra and not rb:
        found = (
            (min(len(x), len(y)) == 1, -word_similarity(x, y, initials=initials), i, j)
            for i, x in enumerate(a)
            for j, y in enumerate(b)
        )
        return sorted(found)
    none: translit.WordReadings = ()
    read = (
        (
            min(len(x), len(y)) == 1,
            -_pair_score(x, y, ra[i] if ra else none, rb[j] if rb else none, initials=initials),
            i,
            j,
        )
        for i, x in enumerate(a)
        for j, y in enumerate(b)
    )
    return sorted(read)


def _aligned(a: tuple[str, ...], b: tuple[str, ...], ra: Readings, rb: Readings) -> float:
    """Words matched best pair first, each at most once, averaged by the shorter's length.

    Full words are paired with full words before any initial is paired, so an initial
    stands for a word only beside a matched full word ("K. Bakiyev"), never for a
    surname ("G. Weststeijn" is not Goncourt). Words of the longer name left without a
    partner each cost ``EXTRA_WORD_FACTOR``. ``ra`` / ``rb``: foreign readings per word.
    """
    initials = max(map(len, a)) > 1 and max(map(len, b)) > 1
    pairs = _pairs(a, b, ra, rb, initials=initials)
    used_a: set[int] = set()
    used_b: set[int] = set()
    total = weight = 0.0
    for _, negative, i, j in pairs:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        size = min(len(a[i]), len(b[j]))
        total, weight = total - negative * size, weight + size
    return total / weight * EXTRA_WORD_FACTOR ** (max(len(a), len(b)) - min(len(a), len(b)))


def name_similarity(a: str, b: str) -> float:
    """0..1: how alike two names are across spellings, scripts and word order.

    Symmetric; 1.0 for two spellings with one skeleton; 0.0 when either name has no
    letters (unless the two strings are the same). A Cyrillic name against a Latin one
    may also match through a foreign reading of the Latin name (``_cross_readings``).
    """
    x, y = skeleton_words(a), skeleton_words(b)
    if not x or not y:
        return 1.0 if a.strip() and a.strip() == b.strip() else 0.0
    if x == y:
        return 1.0
    rx, ry = _cross_readings(a, b)
    if y < x:
        x, y, rx, ry = y, x, ry, rx
    return min(1.0, _aligned(x, y, rx, ry))


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


@functools.lru_cache(maxsize=translit.CACHE_SIZE)
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
