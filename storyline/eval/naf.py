"""Reader of NewsReader CAT-format XML (MEANTIME): tokens, rebuilt text, markables, relations.

The MEANTIME files are CAT exports, not NAF proper: ``<token t_id sentence number>``
elements carry the tokens but no character offsets and no whitespace, so the text
is rebuilt here by rule and every token gets the offsets of its characters in it.
The layout follows the Wikinews articles the corpus comes from: sentence 0 is the
headline and sentence 1 the date line, each a paragraph of its own; the body
sentences follow, separated by one space. Inside a sentence tokens are separated by
one space except where English puts none (before ``,`` ``.`` ``'s`` ``n't`` ``)``,
after ``(`` ``$`` ``````), so that the model reads ordinary prose.

``<Markables>`` holds mentions (elements with ``<token_anchor t_id>`` children) and
instances (elements without, such as ``ENTITY`` with its ``ent_type``);
``<Relations>`` links them, ``REFERS_TO`` from mentions to their instance.
"""

from __future__ import annotations

import dataclasses
import functools
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path

# Sentences that are paragraphs of their own: the headline (0) and the date line (1).
HEADER_SENTENCES = 2
# Tokens written without a space before them: closing punctuation and clitics.
NO_SPACE_BEFORE = frozenset(
    {",", ".", ";", ":", "?", "!", "%", ")", "]", "}", "...", "''", "'", "”", "’"}
    | {"'s", "'S", "'re", "'ve", "'ll", "'d", "'m", "n't"}
)
# Tokens written without a space after them: opening punctuation and currency signs.
NO_SPACE_AFTER = frozenset(
    {"(", "[", "{", "``", "`", "“", "‘", "$", "US$", "CA$", "AU$", "£", "€", "#"}
)
# The straight double quote opens and closes; which one is told by counting.
STRAIGHT_QUOTE = '"'


@dataclasses.dataclass(frozen=True)
class Token:
    """One token and where its characters lie in the rebuilt text."""

    t_id: str
    sentence: int
    start: int
    end: int
    text: str


@dataclasses.dataclass(frozen=True)
class Markable:
    """One element of ``<Markables>``: a mention (with tokens) or an instance (without)."""

    tag: str
    m_id: str
    token_ids: tuple[str, ...]
    attrs: tuple[tuple[str, str], ...]  # every XML attribute but ``m_id``

    def get(self, name: str, default: str | None = None) -> str | None:
        return dict(self.attrs).get(name, default)


@dataclasses.dataclass(frozen=True)
class CatDoc:
    """A CAT document: the rebuilt text, its tokens, markables and ``REFERS_TO`` links."""

    name: str
    text: str
    tokens: tuple[Token, ...]
    markables: tuple[Markable, ...]
    refers_to: tuple[tuple[str, str], ...]  # (mention m_id, instance m_id)

    @functools.cached_property
    def by_id(self) -> dict[str, Token]:
        return {token.t_id: token for token in self.tokens}

    def extent(self, markable: Markable) -> tuple[int, int]:
        """The characters from the markable's first token to its last."""
        tokens = [self.by_id[t_id] for t_id in markable.token_ids]
        return min(t.start for t in tokens), max(t.end for t in tokens)


def read_cat(source: str | bytes, name: str = "") -> CatDoc:
    """Parse one CAT XML document and rebuild its text."""
    root = ET.fromstring(source)
    raw = [
        (t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")
    ]
    text, tokens = layout(raw)
    markables = tuple(_markables(root.find("Markables")))
    links = tuple(_refers_to(root.find("Relations")))
    return CatDoc(name or root.get("doc_name", ""), text, tokens, markables, links)


def read_folder(folder: Path) -> list[CatDoc]:
    """Every ``.xml`` document under ``folder``, sorted by path."""
    paths = sorted(folder.rglob("*.xml"))
    return [read_cat(path.read_bytes(), path.stem) for path in paths]


def layout(raw: Iterable[tuple[str, int, str]]) -> tuple[str, tuple[Token, ...]]:
    """The text of ``(t_id, sentence, text)`` tokens and the tokens with their offsets."""
    pieces: list[str] = []
    tokens: list[Token] = []
    size, previous, open_quote = 0, None, False
    for t_id, sentence, word in raw:
        gap = _gap(previous, sentence, word, open_quote=open_quote) if previous else ""
        open_quote ^= word == STRAIGHT_QUOTE
        pieces += [gap, word]
        start = size + len(gap)
        tokens.append(Token(t_id, sentence, start, start + len(word), word))
        size, previous = start + len(word), (sentence, word)
    return "".join(pieces), tuple(tokens)


def _gap(previous: tuple[int, str], sentence: int, word: str, *, open_quote: bool) -> str:
    """What separates the previous token from ``word``."""
    last_sentence, last_word = previous
    if sentence != last_sentence:
        return "\n\n" if last_sentence < HEADER_SENTENCES else " "
    if word in NO_SPACE_BEFORE or (word == STRAIGHT_QUOTE and open_quote):
        return ""
    if last_word in NO_SPACE_AFTER or (last_word == STRAIGHT_QUOTE and open_quote):
        return ""
    return " "


def _markables(element: ET.Element | None) -> Iterator[Markable]:
    for child in element if element is not None else ():
        anchors = tuple(a.get("t_id", "") for a in child.iter("token_anchor"))
        attrs = tuple(sorted((k, v) for k, v in child.attrib.items() if k != "m_id"))
        yield Markable(child.tag, child.get("m_id", ""), anchors, attrs)


def _refers_to(element: ET.Element | None) -> Iterator[tuple[str, str]]:
    for relation in element.iter("REFERS_TO") if element is not None else ():
        targets = [t.get("m_id", "") for t in relation.iter("target")]
        for source in relation.iter("source"):
            yield from ((source.get("m_id", ""), target) for target in targets)
