"""Name strings: the keys that compare them, their words, titles and possessive endings.

Pure functions on strings, shared by the mention corrections (``corrections.py``) and,
later, by cross-document resolution. Nothing here reads a parse.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from storyline.schema import schema

# A possessive ending: 's or ’s, or a lone apostrophe after a final s ("the Bakiyevs'").
POSSESSIVE = re.compile(r"(?:['’`]s|(?<=s)['’`])$", re.IGNORECASE)
# One word of a name: a run of characters that are not spaces.
WORD = re.compile(r"\S+")
# Punctuation that may cling to a title word ("Mr.", "Gen.").
TITLE_PUNCTUATION = ".,"
# Small words inside organisation names that initials skip ("Bank of England" → BoE/BE).
INITIAL_SKIP = frozenset({"of", "the", "and", "for", "in", "on", "de", "du", "des", "la", "&"})


def key(text: str) -> str:
    """A name as compared inside one document: NFKC, one space between words, no possessive."""
    words = " ".join(WORD.findall(unicodedata.normalize("NFKC", text)))
    return POSSESSIVE.sub("", words)


def fold(text: str) -> str:
    """A name as compared across spellings of case and accents: ``Bakíyev`` → ``bakiyev``."""
    decomposed = unicodedata.normalize("NFKD", key(text))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.casefold()


def words(text: str) -> list[str]:
    """The words of a name, possessive ending removed from the last."""
    return WORD.findall(key(text))


def possessive_length(text: str) -> int:
    """How many characters at the end of ``text`` are a possessive ending (0 if none)."""
    match = POSSESSIVE.search(text)
    return len(match.group()) if match else 0


@functools.cache
def title_words() -> frozenset[str]:
    """Title words of the schema (lower case, no final full stop)."""
    return frozenset(str(w) for w in schema()["titles"])


@functools.cache
def title_modifiers() -> frozenset[str]:
    """Words that may qualify a title ("former", "acting")."""
    return frozenset(str(w) for w in schema()["title_modifiers"])


def is_title_word(word: str) -> bool:
    """``President``, ``Mr.``, ``ex-president`` and ``Prime`` are; ``Bakiyev`` is not."""
    bare = word.strip(TITLE_PUNCTUATION).casefold()
    if bare in title_words():
        return True
    head = bare.rsplit("-", 1)[-1]
    return "-" in bare and head in title_words()


def is_title_part(word: str) -> bool:
    """A word that may stand in a title phrase: a title word or a modifier of one."""
    return is_title_word(word) or word.strip(TITLE_PUNCTUATION).casefold() in title_modifiers()


def initials(text: str) -> str:
    """Upper-case initials of the capitalised words of a name: ``Collective Security`` → ``CS``."""
    letters = [w[0] for w in words(text) if w.casefold() not in INITIAL_SKIP and w[0].isupper()]
    return "".join(letters).upper()


def is_acronym(text: str) -> bool:
    """``CSTO`` and ``OSCE`` are; ``Bakiyev`` and ``A`` are not."""
    bare = text.replace(".", "")
    return 2 <= len(bare) <= 8 and bare.isalpha() and bare.isupper()
