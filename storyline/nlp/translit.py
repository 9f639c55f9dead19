"""Names in Latin letters: Cyrillic and Greek by the tables of ``romanisation.yaml``.

Each letter (or pair of letters, in context: word start, word end, after a vowel or
a soft/hard sign, before an iotated vowel) has an ordered list of Latin renderings
from the common systems. ``romanise`` writes the first of each (the BGN/PCGN-like
spelling English-language news uses); ``latin_variants`` writes the likeliest
combinations of the others. Every other script goes through ``anyascii``; Latin text
comes back accent-folded and otherwise unchanged.

The other way round, ``latin_readings`` spells a name written in Latin letters the
ways Russian writes names of each listed language (German, French, Japanese...):
the Cyrillic spelling of a foreign name follows how it sounds in its own language.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
import unicodedata
from importlib import resources
from typing import Any

import yaml
from anyascii import anyascii

# Runs of one script: Cyrillic (with its supplement and extensions) and Greek (with
# the polytonic block). Everything else is "other" and goes through anyascii.
CYRILLIC = "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f"
GREEK = "\u0370-\u03ff\u1f00-\u1fff"
RUNS = re.compile(
    f"(?P<cyrillic>[{CYRILLIC}]+)|(?P<greek>[{GREEK}]+)|(?P<other>[^{CYRILLIC}{GREEK}]+)"
)
# The contexts a table may give renderings for, in the order they are tried.
CONTEXTS = (
    "word_end",
    "word_start",
    "after_sign",
    "after_vowel",
    "after_hushing",
    "before_iotated",
)
# Longest letter sequence a table lists (ий, μπ).
MAX_SEQUENCE = 2
# The package whose data files this module reads (where this module lives).
PACKAGE = __name__.rpartition(".")[0]
# Default number of spellings ``latin_variants`` returns.
VARIANT_LIMIT = 16

Renderings = tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Table:
    """One script's (or language's) renderings, by context, and its letter classes."""

    letters: dict[str, Renderings]
    contexts: dict[str, dict[str, Renderings]]
    vowels: str
    signs: str
    iotated: str
    hushing: str


@dataclasses.dataclass(frozen=True)
class Piece:
    """Some source characters and their Latin renderings, display rendering first."""

    source: str
    renderings: Renderings


@functools.cache
def table() -> dict[str, Any]:
    """The parsed romanisation.yaml shipped with the package."""
    text = resources.files(PACKAGE).joinpath("romanisation.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _renderings(entries: dict[str, Any] | None) -> dict[str, Renderings]:
    return {str(k): tuple(str(x) for x in v) for k, v in (entries or {}).items()}


def _compile(section: dict[str, Any], override: dict[str, Any] | None = None) -> Table:
    """A ``Table`` from a YAML section, with a language's entries laid over it."""
    override = override or {}
    contexts = {
        name: _renderings(section.get(name)) | _renderings(override.get(name))
        for name in (*CONTEXTS, "sequences")
    }
    return Table(
        _renderings(section["letters"]) | _renderings(override.get("letters")),
        contexts,
        str(section.get("vowels", "")),
        str(section.get("signs", "")),
        str(section.get("iotated", "")),
        str(section.get("hushing", "")),
    )


@functools.cache
def cyrillic_table(language: str = "russian") -> Table:
    """The Cyrillic table, with ``language``'s entries over the Russian ones."""
    data = table()
    return _compile(data["cyrillic"], data["languages"].get(language))


@functools.cache
def greek_table() -> Table:
    """The Greek table."""
    return _compile(table()["greek"])


def language_of(word: str) -> str:
    """The Cyrillic language a word reads in: the first whose markers it has."""
    letters = set(word.lower())
    for name, entry in table()["languages"].items():
        if any(set(marker) <= letters for marker in entry["markers"]):
            return str(name)
    return "russian"


def _context_names(word: str, start: int, end: int, tab: Table) -> list[str]:
    """The contexts position ``start:end`` of ``word`` is in, in the order they are tried."""
    before = word[start - 1] if start else ""
    after = word[end] if end < len(word) else ""
    found = ["word_end"] if end == len(word) else []
    found += ["word_start"] if not start else []
    found += ["after_sign"] if before and before in tab.signs else []
    found += ["after_vowel"] if before and before in tab.vowels else []
    found += ["after_hushing"] if before and before in tab.hushing else []
    found += ["before_iotated"] if after and after in tab.iotated else []
    return [*found, "sequences"]


def _lookup(word: str, start: int, tab: Table) -> tuple[int, Renderings] | None:
    """The longest entry that applies at ``start``: its length and renderings."""
    for size in range(MAX_SEQUENCE, 0, -1):
        piece = word[start : start + size]
        if len(piece) < size:
            continue
        for name in _context_names(word, start, start + size, tab):
            if piece in tab.contexts[name]:
                return size, tab.contexts[name][piece]
        if size == 1 and piece in tab.letters:
            return 1, tab.letters[piece]
    return None


def _cased(rendering: str, source: str, word: str) -> str:
    """A rendering in the case of its source letters (all caps inside an all-caps word)."""
    if not source[:1].isupper():
        return rendering
    if len(word) > 1 and word.isupper():
        return rendering.upper()
    return rendering[:1].upper() + rendering[1:]


def _word_pieces(word: str, tab: Table) -> list[Piece]:
    """One word of one script, cut into pieces with their renderings."""
    lower = word.lower()
    pieces: list[Piece] = []
    start = 0
    while start < len(word):
        found = _lookup(lower, start, tab)
        size, options = found if found else (1, (anyascii(word[start]),))
        source = word[start : start + size]
        pieces.append(Piece(source, tuple(_cased(o, source, word) for o in options)))
        start += size
    return pieces


def _greek_word(word: str) -> str:
    """Greek with accents and breathings dropped (ά → α), final sigma kept."""
    bare = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(c for c in bare if not unicodedata.combining(c)))


def spell_latin(text: str) -> str:
    """Háček and cedilla letters as the digraphs other scripts write (Šubić → Shubich).

    ``romanise`` leaves Latin text to ``anyascii`` (š → s); name keys call this first so
    that Шубич and Šubić keep their sh and ch.
    """
    letters: dict[str, str] = table()["latin"]
    return "".join(_cased(letters[c.lower()], c, c) if c.lower() in letters else c for c in text)


def pieces(text: str) -> list[Piece]:
    """``text`` cut into pieces, each with its Latin renderings (display first)."""
    found: list[Piece] = []
    for run in RUNS.finditer(unicodedata.normalize("NFC", text)):
        if run.lastgroup == "other":
            found.append(Piece(run.group(), (anyascii(run.group()),)))
            continue
        for word in re.split(r"(\W+)", run.group()):
            if run.lastgroup == "cyrillic":
                found += _word_pieces(word, cyrillic_table(language_of(word)))
            else:
                found += _word_pieces(_greek_word(word), greek_table())
    return found


def romanise(text: str) -> str:
    """``Бакиев`` → ``Bakiyev``, ``Лукашэнка`` → ``Lukashenka``; other text ASCII-folded."""
    return "".join(piece.renderings[0] for piece in pieces(text))


def latin_variants(text: str, limit: int = VARIANT_LIMIT) -> list[str]:
    """Up to ``limit`` Latin spellings of ``text``, the display one first.

    Spellings are ranked by the sum of the positions of the renderings they use in
    their lists (common systems first); ties keep the order of the table.
    """
    ranked: dict[str, int] = {"": 0}
    for piece in pieces(text):
        grown: dict[str, int] = {}
        options = list(enumerate(dict.fromkeys(piece.renderings)))
        for (done, cost), (rank, option) in itertools.product(ranked.items(), options):
            spelling = done + option
            grown[spelling] = min(grown.get(spelling, cost + rank), cost + rank)
        ranked = dict(sorted(grown.items(), key=lambda item: item[1])[:limit])
    return list(ranked)


# One skeleton word: lower-case ASCII letters and digits.
WORD = re.compile(r"[a-z0-9]+")
# Apostrophes inside a word join its halves (d'Aquino, O’Brien, oʻtkir).
APOSTROPHES = re.compile(r"['‘’ʼʻ`´]")
# Skeleton words kept in the cache (names repeat across a corpus).
CACHE_SIZE = 1 << 16


@functools.cache
def _rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(str(a)), str(b)) for a, b in table()["skeleton"])


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
    latin = romanise(_letters_only(spell_latin(name)))
    words = WORD.findall(APOSTROPHES.sub("", latin.lower()))
    return tuple(s for s in (skeleton_word(w) for w in words) if s)


def skeleton(name: str) -> str:
    """``Kurmanbek Bakiyev`` → ``kurmanbek bakiev``: ASCII, lower case, variants collapsed."""
    return " ".join(skeleton_words(name))


# A word in Latin letters (with any accents) or digits: the words foreign readings apply to.
LATIN_WORD = re.compile(r"[0-9a-z\u00c0-\u02af\u1e00-\u1eff]+")
# Any Cyrillic letter: a name with one gets compared with foreign readings of Latin names.
HAS_CYRILLIC = re.compile(f"[{CYRILLIC}]")

# The skeletons of one word in its foreign readings, other than its own skeleton.
WordReadings = tuple[str, ...]
# An ASCII word ``skeleton_word`` can take as it is.
ASCII_WORD = re.compile(r"[a-z]+")


@dataclasses.dataclass(frozen=True)
class Reading:
    """How Russian spells names of one language written in Latin letters."""

    name: str
    when: re.Pattern[str] | None  # the whole word must match, if given
    pattern: re.Pattern[str]  # the rules as one alternation, a group each
    replacements: tuple[str, ...]  # by group

    def respell(self, match: re.Match[str]) -> str:
        """The replacement of the rule that matched."""
        return self.replacements[(match.lastindex or 1) - 1]


def compile_reading(name: str, entry: dict[str, Any]) -> Reading:
    """A ``Reading`` from its YAML entry; rules may not capture (their groups are the rules)."""
    rules = [(str(a), str(b)) for a, b in entry["rules"]]
    if any(re.compile(a).groups for a, _ in rules):
        raise ValueError(f"reading {name}: use (?:...), not capturing groups, in rules")
    when = re.compile(str(entry["when"])) if entry.get("when") else None
    pattern = re.compile("|".join(f"({a})" for a, _ in rules))
    return Reading(name, when, pattern, tuple(b for _, b in rules))


def _extended(entries: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    """A reading entry with the rules (and ``when``) of the one it ``extends`` after its own.

    Rules are tried first to last at each position, so the entry's own rules win where
    both match: a variant reading lists only what it spells differently.
    """
    if not entry.get("extends"):
        return entry
    base = _extended(entries, entries[str(entry["extends"])])
    rules = [*entry.get("rules", []), *base["rules"]]
    return {"when": entry.get("when", base.get("when")), "rules": rules}


@functools.cache
def readings() -> tuple[Reading, ...]:
    """The ``readings`` of romanisation.yaml, in their order."""
    entries: dict[str, Any] = table()["readings"]
    return tuple(compile_reading(str(k), _extended(entries, v)) for k, v in entries.items())


def read_word(word: str, reading: Reading) -> str | None:
    """One lower-case Latin word respelt by ``reading`` as a skeleton; None if it does not apply."""
    if reading.when and not reading.when.fullmatch(word):
        return None
    spelt = reading.pattern.sub(reading.respell, word)
    if ASCII_WORD.fullmatch(spelt):
        return _skeleton_word(spelt)
    return "".join(skeleton_words(spelt))


@functools.lru_cache(maxsize=CACHE_SIZE)
def _skeleton_word(word: str) -> str:
    """``skeleton_word``, remembered: readings of many words spell alike."""
    return skeleton_word(word)


@functools.lru_cache(maxsize=CACHE_SIZE)
def word_readings(word: str) -> WordReadings:
    """The skeletons of a lower-case Latin word in every reading that changes it.

    ``Blain`` read as French is ``blen`` (Блен). The word's own skeleton is left out, and
    a skeleton two readings give is listed once.
    """
    own = "".join(skeleton_words(word))
    found = (read_word(word, reading) for reading in readings())
    return tuple(dict.fromkeys(s for s in found if s and s != own))


@functools.lru_cache(maxsize=CACHE_SIZE)
def latin_readings(name: str) -> tuple[WordReadings, ...] | None:
    """Readings of each of ``skeleton_words(name)``; None unless every word is in Latin letters."""
    text = APOSTROPHES.sub("", _letters_only(unicodedata.normalize("NFC", name)).lower())
    words = text.split()
    if not words or not all(LATIN_WORD.fullmatch(w) for w in words):
        return None
    parts = [skeleton_words(w) for w in words]
    if any(len(p) > 1 for p in parts) or tuple(w for p in parts for w in p) != skeleton_words(name):
        return None
    return tuple(word_readings(w) for w, p in zip(words, parts, strict=True) if p)


@functools.lru_cache(maxsize=CACHE_SIZE)
def has_cyrillic(text: str) -> bool:
    """Whether ``text`` has a Cyrillic letter (the readings apply against its Latin partner)."""
    return bool(HAS_CYRILLIC.search(text))
