"""``possessive.v1`` and ``strip-titles.v1``: possessive endings and titles cut off names.

"Bakiyev's" → "Bakiyev"; "President Bakiyev" → "Bakiyev" with the title kept as an
attribute, and the title words just before a name recorded the same way.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Token

from storyline.nlp import names
from storyline.nlp.corrections.common import PERSON, replaced
from storyline.nlp.mentions import CORRECTIONS, Mention


@CORRECTIONS.register("possessive.v1")
def cut_possessives(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Cut a possessive ending ("'s", "’s", a final "'") off the mention."""
    out = []
    for mention in mentions:
        cut = names.possessive_length(mention.text)
        if cut and cut < len(mention.text.rstrip()):
            end = mention.start + len(mention.text[:-cut].rstrip())
            mention = replaced(
                mention, "possessive.v1", end=end, text=doc.text[mention.start : end]
            )
        out.append(mention)
    return out


@CORRECTIONS.register("strip-titles.v1")
def strip_titles(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Cut titles off person mentions and record them, with the titles just before."""
    out = []
    for mention in mentions:
        if mention.type != PERSON:
            out.append(mention)
            continue
        stripped = _strip_inner_title(doc.text, mention)
        if stripped is None:
            continue  # a title alone ("President") names nobody
        before = _title_before(doc, mention.start)
        inner = dict(stripped.attrs).get("title")
        title = " ".join(t for t in (before, inner) if t)
        if title:
            attrs = (*(a for a in stripped.attrs if a[0] != "title"), ("title", title))
            stripped = dataclasses.replace(stripped, attrs=attrs)
        out.append(stripped)
    return out


def _strip_inner_title(text: str, mention: Mention) -> Mention | None:
    """The mention without its leading title words; None when nothing else is left."""
    found = list(names.WORD.finditer(mention.text))
    cut = 0
    while cut < len(found) and names.is_title_part(found[cut].group()):
        cut += 1
    if cut == 0:
        return mention
    if cut == len(found) or not any(names.is_title_word(w.group()) for w in found[:cut]):
        return None if cut == len(found) else mention
    start = mention.start + found[cut].start()
    title = mention.text[found[0].start() : found[cut - 1].end()].strip(",")
    return replaced(
        mention,
        "strip-titles.v1",
        start=start,
        text=text[start : mention.end],
        attrs=(*mention.attrs, ("title", title)),
    )


def _title_before(doc: Doc, start: int) -> str:
    """The title phrase right before a name ("former Kyrgyz President"), or ""."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return ""
    index = span.start
    first, has_title = index, False
    while index > 0:
        token = doc[index - 1]
        if names.is_title_part(token.text):
            has_title = has_title or names.is_title_word(token.text)
        elif not (has_title and _describes_title(token)):
            break
        index -= 1
        first = index
    # The phrase must hold a title word; leading descriptions without one are dropped.
    while first < span.start and not names.is_title_part(doc[first].text):
        if any(names.is_title_word(t.text) for t in doc[first : span.start]):
            break
        first += 1
    phrase = doc[first : span.start]
    if not any(names.is_title_word(t.text) for t in phrase):
        return ""
    return phrase.text.strip(" ,")


def _describes_title(token: Token) -> bool:
    """A nationality or place word inside a title phrase ("Kyrgyz" in "Kyrgyz President")."""
    return token.is_title and token.ent_type_ in {"NORP", "GPE"}
