"""``broken-names.v1``: names a crawl broke ("Baki-\\nyev", "Kurmanbek\\nBakiyev") made one."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from storyline.nlp import names
from storyline.nlp.corrections.common import PERSON, by_position, name_of
from storyline.nlp.mentions import CORRECTIONS, Mention

# A word cut in two by a hyphen and a line break or space: "Baki-\nyev", "Baki- yev".
HYPHEN_BREAK = re.compile(r"(?<!\w)([A-Z][^\W\d_]*)-[ \t]*\n?[ \t]*([a-z][^\W\d_]*)(?!\w)")
# Most words a name broken over a line may have once joined.
BROKEN_NAME_WORDS = 4


@CORRECTIONS.register("broken-names.v1")
def join_broken_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Rejoin names split by a hyphenated line break or by a line break between words."""
    mentions = _join_hyphen_breaks(doc.text, mentions)
    return _join_split_persons(doc.text, mentions)


def _join_hyphen_breaks(text: str, mentions: list[Mention]) -> list[Mention]:
    known = {names.key(name_of(m)): m.type for m in mentions}
    for match in HYPHEN_BREAK.finditer(text):
        joined = match.group(1) + match.group(2)
        touching = [m for m in mentions if m.start < match.end() and m.end > match.start()]
        kind = touching[0].type if touching else known.get(joined)
        if kind is None or not _word_elsewhere(text, joined, match):
            continue
        start = min([match.start(), *(m.start for m in touching)])
        end = max([match.end(), *(m.end for m in touching)])
        repaired = text[start : match.start()] + joined + text[match.end() : end]
        merged = Mention(
            start,
            end,
            text[start:end],
            kind,
            attrs=(("joined", names.key(repaired)),),
            source="broken-names.v1",
        )
        mentions = [m for m in mentions if m not in touching] + [merged]
    return by_position(mentions)


def _word_elsewhere(text: str, word: str, broken: re.Match[str]) -> bool:
    """Whether ``word`` stands whole somewhere in ``text`` outside the broken occurrence."""
    for found in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text):
        if found.start() >= broken.end() or found.end() <= broken.start():
            return True
    return False


def _join_split_persons(text: str, mentions: list[Mention]) -> list[Mention]:
    """Two person mentions with only a line break between them are one name."""
    out: list[Mention] = []
    for mention in by_position(mentions):
        last = out[-1] if out else None
        if last is not None and _split_name(text, last, mention):
            joined = f"{names.key(name_of(last))} {names.key(name_of(mention))}"
            out[-1] = Mention(
                last.start,
                mention.end,
                text[last.start : mention.end],
                PERSON,
                attrs=(*last.attrs, ("joined", joined)),
                source="broken-names.v1",
            )
        else:
            out.append(mention)
    return out


def _split_name(text: str, first: Mention, second: Mention) -> bool:
    gap = text[first.end : second.start]
    broken = gap.count("\n") == 1 and not gap.strip() and "\n\n" not in gap
    size = len(names.words(name_of(first))) + len(names.words(name_of(second)))
    return (
        first.type == second.type == PERSON
        and broken
        and size <= BROKEN_NAME_WORDS
        and not first.text.rstrip().endswith((".", ",", ";", ":"))
    )
