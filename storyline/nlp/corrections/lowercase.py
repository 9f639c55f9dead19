"""``lowercase-words.v1``: a mention without a capital letter is no name.

English writes names with capitals; the model still tags lower-case words now and then,
mostly foreign fixed phrases and common nouns ("sentenced in absentia" → a place
"absentia", "in situ", "the internet"). A mention with no upper-case letter at all is
dropped. Names written with a lower-case start keep a capital inside ("eBay", "iPhone",
"al-Assad", "de Gaulle") and stay.

A document written all in lower case (a crawl that lost its capitals) tells nothing by
case: there, nothing is dropped. Such a text has few capitals among its letters;
``CASED_SHARE`` is well below the ~2–4 % of ordinary English news prose.
"""

from __future__ import annotations

from spacy.tokens import Doc

from storyline.nlp.mentions import CORRECTIONS, Mention

# A text with fewer capitals among its letters than this is read as uncased.
CASED_SHARE = 0.005
# Letters counted to decide it (the start of the text is enough).
SAMPLE = 20_000


@CORRECTIONS.register("lowercase-words.v1")
def drop_lowercase(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Mentions written without any capital letter are dropped, in a cased text."""
    if not mentions or not is_cased(doc.text[:SAMPLE]):
        return mentions
    return [m for m in mentions if any(c.isupper() for c in m.text)]


def is_cased(text: str) -> bool:
    """Whether ``text`` uses capitals as ordinary prose does."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    return sum(c.isupper() for c in letters) / len(letters) >= CASED_SHARE
