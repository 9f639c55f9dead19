"""Main text of an HTML page via trafilatura, with every left-out line kept as a cut."""

from __future__ import annotations

import dataclasses
import warnings
from typing import Any

import lxml.html
from lxml import etree
from trafilatura import bare_extraction

from storyline.errors import EmptyInputError, ExtractionError, MalformedInputError
from storyline.ingest.cuts import Cleaned, Cut
from storyline.ingest.html_meta import Found, read_declared
from storyline.ingest.html_text import flatten_deep, normalise, page_lines
from storyline.model import Removed
from storyline.registry import Registry

# Page lines at least this long count as kept when they occur inside a kept paragraph
# (trafilatura sometimes merges lines that the page splits with <br>).
_MIN_SUBSTRING = 30
# Longest line that can still be a byline or a date line.
_MAX_BYLINE = 160


@dataclasses.dataclass(frozen=True)
class HtmlExtract:
    """What one HTML page yields: its text with cuts, declared and guessed metadata."""

    cleaned: Cleaned
    source_text: str  # the page's visible text, one line per block, which cuts index
    declared: Found  # metadata the page declares (meta tags, JSON-LD, ...)
    bylines: tuple[str, ...]  # short left-out lines near the headline: byline, date line
    warnings: tuple[str, ...] = ()


HtmlExtractor = Any  # Callable[[str, int], HtmlExtract]; kept loose for the registry
EXTRACTORS: Registry[HtmlExtractor] = Registry("html extractor")


def parse_html(html: str, max_depth: int) -> tuple[lxml.html.HtmlElement, list[str]]:
    """Parse ``html``; when libxml2 hits its depth limit, flatten the nesting and parse again.

    The depth scan costs as much as a parse, so it runs only for pages that need it.
    """
    root, too_deep = _parse(html)
    if not too_deep:
        return root, []
    flat, dropped = flatten_deep(html, max_depth)
    root, _ = _parse(flat)
    return root, [f"HTML nested deeper than {max_depth} levels: {dropped} tags flattened"]


def _parse(html: str) -> tuple[lxml.html.HtmlElement, bool]:
    parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise MalformedInputError(f"the HTML cannot be parsed: {exc}") from exc
    too_deep = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    return root, too_deep


@EXTRACTORS.register("trafilatura-main.v1")
def extract_html(html: str, max_depth: int = 200) -> HtmlExtract:
    """Main text via trafilatura; page lines it left out become BOILERPLATE cuts."""
    root, notes = parse_html(html, max_depth)
    lines = page_lines(root)
    if not lines:
        raise EmptyInputError("the page has no visible text")
    declared = read_declared(root)
    kept = _kept_paragraphs(_main_text(root))
    if not kept:
        raise ExtractionError(
            "no main article text found in the page",
            hint="the page may be an index, a login wall or a media page",
        )
    title = next((declared[k][0] for k in ("h1", "title") if k in declared), None)
    source_text, cleaned = _cut_lines(
        lines, kept, title=title, author=declared.get("author", ("", ""))[0]
    )
    return HtmlExtract(cleaned, source_text, declared, _bylines(lines, kept, title), tuple(notes))


def _main_text(root: lxml.html.HtmlElement) -> str:
    """trafilatura's main text, without its metadata pass: we read metadata ourselves."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # trafilatura warns about lxml truth-testing
        doc = bare_extraction(root, include_comments=False, include_tables=True, deduplicate=False)
    text = getattr(doc, "text", None) if doc is not None else None
    return text if isinstance(text, str) else ""


def _kept_paragraphs(text: str) -> set[str]:
    return {normalise(line) for line in text.splitlines() if line.strip()}


def _bylines(lines: list[str], kept: set[str], title: str | None) -> tuple[str, ...]:
    """Short left-out lines just around the headline (or the first kept line)."""
    anchor = next((i for i, line in enumerate(lines) if line == title or line in kept), 0)
    window = lines[max(anchor - 3, 0) : anchor + 4]
    return tuple(
        line for line in window if line not in kept and line != title and len(line) <= _MAX_BYLINE
    )


def _cut_lines(
    lines: list[str], kept: set[str], *, title: str | None, author: str
) -> tuple[str, Cleaned]:
    """Join page lines into the source text; cut every line trafilatura did not keep."""
    joined = " \n".join(kept)
    source_parts: list[str] = []
    removed: list[Removed] = []
    body: list[str] = []
    pos = 0
    title_seen = False
    for line in lines:
        reason = _line_reason(line, kept, joined, title, title_seen)
        if reason is Cut.BOILERPLATE and _is_byline(line, author):
            reason = Cut.BYLINE
        title_seen = title_seen or reason in {Cut.TITLE, Cut.DUPLICATE_TITLE}
        if reason is None:
            body.append(line)
        else:
            removed.append(Removed(line, reason.value, pos, pos + len(line)))
        source_parts.append(line)
        pos += len(line) + 2
    return "\n\n".join(source_parts), Cleaned("\n\n".join(body), tuple(removed))


def _line_reason(
    line: str, kept: set[str], joined: str, title: str | None, title_seen: bool
) -> Cut | None:
    if title and line == title:
        return Cut.DUPLICATE_TITLE if title_seen else Cut.TITLE
    if line in kept or (len(line) >= _MIN_SUBSTRING and line in joined):
        return None
    return Cut.BOILERPLATE


def _is_byline(line: str, author: str) -> bool:
    """A short left-out line naming the author: the byline, evidence for ``author``."""
    return bool(author) and len(line) <= _MAX_BYLINE and normalise(author).lower() in line.lower()
