"""HTML as lines of visible text: the page as a reader sees it, before any cleaning."""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

# Elements that start a new line of text (everything else is inline).
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
# Elements whose content is never visible text.
INVISIBLE_TAGS = frozenset(
    ["script", "style", "noscript", "template", "svg", "head", "iframe", "object"]
)
# An opening or closing tag, for the depth guard (comments and doctype do not match).
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^<>]*?(/?)>")
VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


def flatten_deep(html: str, limit: int) -> tuple[str, int]:
    """Drop tags nested deeper than ``limit``, keeping their text; return the count dropped.

    Hostile or broken pages nest thousands of levels deep, which makes
    libxml2 stop parsing at its own limit and lose the text inside. Tags
    past ``limit`` carry no meaning we need, so they go; their text stays.
    """
    depth = 0
    dropped = 0
    out: list[str] = []
    pos = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in VOID_TAGS or self_closing:
            continue
        depth += -1 if closing else 1
        if (depth > limit and not closing) or (depth >= limit and closing):
            out.append(html[pos : match.start()])
            pos = match.end()
            dropped += 1
        depth = max(depth, 0)
    if not dropped:
        return html, 0
    out.append(html[pos:])
    return "".join(out), dropped


def page_lines(root: HtmlElement) -> list[str]:
    """The visible text of ``root`` as lines, one per block of inline content."""
    lines: list[str] = []
    buffer: list[str] = []
    hidden = 0
    blocks, invisible = BLOCK_TAGS, INVISIBLE_TAGS
    for event, el in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        tag = el.tag
        if event == "start":
            if tag in invisible:
                hidden += 1
            elif not hidden:
                if tag in blocks and buffer:
                    _flush(buffer, lines)
                if el.text:
                    buffer.append(el.text)
            continue
        if event == "end":
            if tag in invisible:
                hidden -= 1
            elif tag in blocks and buffer and not hidden:
                _flush(buffer, lines)
        if el.tail and not hidden:  # end of an element, comment or processing instruction
            buffer.append(el.tail)
    _flush(buffer, lines)
    return lines


def _flush(buffer: list[str], lines: list[str]) -> None:
    line = " ".join("".join(buffer).split())
    if line:
        lines.append(line)
    buffer.clear()


def normalise(text: str) -> str:
    """Whitespace-collapsed text, the form in which lines are compared."""
    return " ".join(text.split())
