"""Readers: one per input format, each turning a file's bytes into raw articles or failures."""

from __future__ import annotations

import dataclasses
import io
import json
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import feedparser
from pypdf import PdfReader
from warcio.archiveiterator import ArchiveIterator

from storyline.errors import (
    EmptyInputError,
    InputError,
    MalformedInputError,
    StorylineError,
)
from storyline.hashing import sha256_bytes
from storyline.ingest.decode import declared_charset, decode_bytes
from storyline.model import Hints, RawArticle
from storyline.registry import Registry


@dataclasses.dataclass(frozen=True)
class ReadFailure:
    """An item that could not be read; the rest of the file and the batch go on."""

    key: str
    error: StorylineError


Item = RawArticle | ReadFailure
Reader = Callable[[Path, bytes], Iterator[Item]]
READERS: Registry[Reader] = Registry("reader")

# JSON field names per metadata field, first match wins.
JSON_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "name"),
    "author": ("author", "authors", "byline", "creator"),
    "publisher": ("publisher", "source", "outlet", "site", "site_name", "sitename"),
    "published": (
        "published",
        "published_at",
        "publishedAt",
        "date",
        "pubDate",
        "published_date",
        "datePublished",
        "time",
    ),
    "url": ("url", "link", "canonical_url", "uri"),
    "language": ("language", "lang"),
}
JSON_TEXT_FIELDS = ("body", "text", "content", "article", "maintext")
JSON_HTML_FIELDS = ("html", "body_html", "content_html", "raw_html")
# A feed entry with less text than this is a teaser, not an article.
MIN_FEED_WORDS = 40


@READERS.register("text")
def read_text(path: Path, data: bytes) -> Iterator[Item]:
    """A plain-text or markdown file: one article, typically a crawled page dump."""
    text, encoding, notes = decode_bytes(data)
    yield RawArticle(
        str(path),
        str(path),
        "text",
        text,
        False,
        sha256_bytes(data),
        encoding=encoding,
        warnings=tuple(notes),
    )


@READERS.register("html")
def read_html(path: Path, data: bytes) -> Iterator[Item]:
    """An HTML page as saved from the web: one article."""
    text, encoding, notes = decode_bytes(data, declared=declared_charset(data))
    yield RawArticle(
        str(path),
        str(path),
        "html",
        text,
        True,
        sha256_bytes(data),
        encoding=encoding,
        warnings=tuple(notes),
    )


@READERS.register("pdf")
def read_pdf(path: Path, data: bytes) -> Iterator[Item]:
    """A PDF: the text of all its pages as one article."""
    try:
        pdf = PdfReader(io.BytesIO(data))
        if pdf.is_encrypted:
            raise MalformedInputError("the PDF is encrypted", hint="decrypt it first")
        pages = [page.extract_text() or "" for page in pdf.pages]
        info: Any = pdf.metadata or {}
    except MalformedInputError:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        raise MalformedInputError(f"the PDF cannot be read: {exc}") from exc
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise EmptyInputError("the PDF has no extractable text", hint="it may be scanned images")
    hints = Hints(title=_str(info.get("/Title")), author=_str(info.get("/Author")))
    yield RawArticle(str(path), str(path), "pdf", text, False, sha256_bytes(data), hints=hints)


@READERS.register("json")
def read_json(path: Path, data: bytes) -> Iterator[Item]:
    """A JSON file: one article object, a list of them, or ``{"articles": [...]}``."""
    text, _, _ = decode_bytes(data)
    try:
        parsed = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise MalformedInputError(f"invalid JSON: {exc}") from exc
    records = parsed.get("articles", [parsed]) if isinstance(parsed, dict) else parsed
    if not isinstance(records, list):
        raise MalformedInputError("JSON must hold an article object or a list of them")
    for number, record in enumerate(records, start=1):
        yield _json_item(path, f"{path}#{number}", record, f"item {number}")


@READERS.register("jsonl")
def read_jsonl(path: Path, data: bytes) -> Iterator[Item]:
    """JSON Lines: one article object per line; a bad line fails alone."""
    text, _, _ = decode_bytes(data)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        key = f"{path}#{number}"
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:
            yield ReadFailure(key, MalformedInputError(f"line {number}: invalid JSON: {exc}"))
            continue
        yield _json_item(path, key, record, f"line {number}")


def _json_item(path: Path, key: str, record: Any, where: str) -> Item:
    try:
        return _json_article(path, key, record, where)
    except InputError as exc:
        return ReadFailure(key, exc)


def _json_article(path: Path, key: str, record: Any, where: str) -> RawArticle:
    if not isinstance(record, dict):
        raise MalformedInputError(f"{where}: expected an object, got {type(record).__name__}")
    notes: list[str] = []
    fields = {name: _json_field(record, names, where, notes) for name, names in JSON_FIELDS.items()}
    body, is_html = _json_body(record, where)
    url = fields["url"]
    raw = json.dumps(record, sort_keys=True, ensure_ascii=False).encode()
    return RawArticle(
        f"{path}#{url}" if url else key,
        str(path),
        "json",
        body,
        is_html,
        sha256_bytes(raw),
        hints=Hints(**fields),
        warnings=tuple(notes),
    )


def _json_body(record: dict[str, Any], where: str) -> tuple[str, bool]:
    for names, is_html in ((JSON_TEXT_FIELDS, False), (JSON_HTML_FIELDS, True)):
        for name in names:
            value = record.get(name)
            if value is None:
                continue
            if not isinstance(value, str):
                raise MalformedInputError(
                    f"{where}: field {name!r} must be a string, got {type(value).__name__}"
                )
            if value.strip():
                return value, is_html
    wanted = ", ".join(JSON_TEXT_FIELDS + JSON_HTML_FIELDS)
    raise EmptyInputError(f"{where}: no article text", hint=f"give one of the fields {wanted}")


def _json_field(
    record: dict[str, Any], names: tuple[str, ...], where: str, notes: list[str]
) -> str | None:
    """A metadata field as text; wrong types are noted and ignored, never fatal."""
    for name in names:
        value = record.get(name)
        if value is None:
            continue
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return ", ".join(value) or None
        if isinstance(value, dict) and isinstance(value.get("name"), str):
            return str(value["name"])
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return str(value).strip() or None
        notes.append(f"{where}: field {name!r} has type {type(value).__name__}; ignored")
    return None


@READERS.register("feed")
def read_feed(path: Path, data: bytes) -> Iterator[Item]:
    """RSS or Atom: entries with full content become articles; teasers are refused."""
    feed = feedparser.parse(data)
    if not feed.entries:
        problem = getattr(feed, "bozo_exception", None)
        detail = f": {problem}" if problem else ""
        raise MalformedInputError(f"no entries in the feed{detail}")
    publisher = _feed_publisher(_str(feed.feed.get("title")))
    for number, entry in enumerate(feed.entries, start=1):
        yield _feed_item(path, number, entry, publisher)


def _feed_publisher(title: str | None) -> str | None:
    """A channel title names the outlet first: "Meridian Wire - Kostrava" → "Meridian Wire"."""
    if not title:
        return None
    for sep in (" - ", " | ", " – ", " — ", " > ", ": "):
        title = title.split(sep)[0]
    return title.strip() or None


def _feed_item(path: Path, number: int, entry: Any, publisher: str | None) -> Item:
    ident = _str(entry.get("id")) or _str(entry.get("link")) or str(number)
    key = f"{path}#{ident}"
    html = _feed_content(entry)
    words = len(_strip_tags(html).split())
    if words < MIN_FEED_WORDS:
        return ReadFailure(
            key,
            EmptyInputError(
                f"feed entry {number} has no full content ({words} words of summary)",
                hint="feeds that carry only teasers need the linked pages saved as HTML",
            ),
        )
    hints = Hints(
        title=_str(entry.get("title")),
        author=_str(entry.get("author")),
        publisher=publisher,
        published=_str(entry.get("published") or entry.get("updated")),
        url=_str(entry.get("link")),
        language=_str(entry.get("language")),
    )
    raw = html.encode("utf-8", "replace") + repr(sorted(dataclasses.asdict(hints).items())).encode()
    return RawArticle(key, str(path), "feed", _as_page(html), True, sha256_bytes(raw), hints=hints)


def _feed_content(entry: Any) -> str:
    contents = entry.get("content") or []
    values = [c.get("value", "") for c in contents if isinstance(c, dict)]
    return max(values, key=len, default="") or str(entry.get("summary") or "")


def _as_page(fragment: str) -> str:
    """Feed content is an HTML fragment; wrap it so the page extractor treats it as one."""
    return f"<html><body><article>{fragment}</article></body></html>"


def _strip_tags(html: str) -> str:
    out: list[str] = []
    depth = 0
    for char in html:
        if char == "<":
            depth += 1
        elif char == ">" and depth:
            depth -= 1
        elif not depth:
            out.append(char)
    return "".join(out)


@READERS.register("warc")
def read_warc(path: Path, data: bytes) -> Iterator[Item]:
    """A WARC archive: each HTML response record is an article; a truncated tail fails alone."""
    count = 0
    whole = complete_gzip_prefix(data) if data[:2] == b"\x1f\x8b" else len(data)
    try:
        for record in ArchiveIterator(io.BytesIO(data[:whole]), arc2warc=True):
            if item := _warc_item(path, record):
                count += 1
                yield item
        if whole < len(data):
            raise EOFError("the last gzip member is cut short (truncated file)")
    except Exception as exc:  # warcio fails on damaged data in many ways (even AttributeError)
        detail = str(exc) or type(exc).__name__
        if count == 0:
            raise MalformedInputError(f"the archive cannot be read: {detail}") from exc
        yield ReadFailure(
            f"{path}#after-{count}",
            MalformedInputError(
                f"the archive is damaged after {count} record(s): {detail}",
                hint="the records before the damage were read",
            ),
        )
        return
    if count == 0:
        raise EmptyInputError("the archive holds no HTML response records")


def complete_gzip_prefix(data: bytes) -> int:
    """Length of the leading gzip members of ``data`` that end with their end marker.

    Compressed WARCs hold one record per gzip member, so this prefix holds
    exactly the records that arrived whole.
    """
    view = memoryview(data)
    end = 0
    while end < len(data):
        member = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            member.decompress(view[end:])
        except zlib.error:
            break
        if not member.eof:
            break
        end = len(data) - len(member.unused_data)
    return end


def _warc_item(path: Path, record: Any) -> Item | None:
    if record.rec_type != "response":
        return None
    content_type = (
        (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
    )
    if "html" not in content_type.lower():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    body = record.content_stream().read()
    if getattr(record.raw_stream, "limit", 0) > 0:  # fewer bytes than the header promised
        raise EOFError(f"record {url} is cut short")
    key = f"{path}#{url}"
    try:
        text, encoding, notes = decode_bytes(body, declared=declared_charset(body))
    except InputError as exc:
        return ReadFailure(key, exc)
    return RawArticle(
        key,
        str(path),
        "warc",
        text,
        True,
        sha256_bytes(body),
        hints=Hints(url=url or None),
        encoding=encoding,
        warnings=tuple(notes),
    )


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
