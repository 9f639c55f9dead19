"""Generated articles written out: JSON lines, text dumps or HTML pages, with page furniture.

The furniture (menus, cookie banners, "Read more" and related links, newsletter
asks, copyright lines) is what crawled pages carry, so the ingest cleaner has
something to strip. Files are sharded so that no folder holds more than
``FILES_PER_FOLDER`` of them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import random
import re
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from storyline.bench.pages import COOKIE, NAV, NEWSLETTER, SHARE

FORMATS = ("jsonl", "txt", "html")
# Articles per JSON-lines shard, and files per folder, for every format.
ARTICLES_PER_SHARD = 1000
FILES_PER_FOLDER = 1000
# The documents go under this folder of the output, the manifest beside it (not inside, so
# that ``storyline build OUT/docs`` never takes the manifest for an article).
DOCS_FOLDER = "docs"
# Invented outlets: place × masthead word, used beside the dataset's own outlets.
PLACES = ("Ardan", "Kostrava", "Meridian", "Harbour", "Valley", "Northern", "Capital",
          "Coastal", "Lakeside", "Metro", "Highland", "Riverside", "Eastern", "Western",
          "Central", "Union")  # fmt: skip
MASTHEADS = ("Post", "Herald", "Times", "Tribune", "Gazette", "Observer", "Chronicle",
             "Daily", "Wire", "Courier", "Ledger", "Monitor")  # fmt: skip
OUTLETS = tuple(f"The {place} {word}" for place in PLACES for word in MASTHEADS)
SKIP_LINE = "Skip to main content"
READ_MORE = ("Read more:", "Related:", "More:", "Also read:")


@dataclasses.dataclass(frozen=True)
class Generated:
    """One generated document: its metadata, its paragraphs, and what went into it."""

    number: int
    title: str
    author: str | None
    publisher: str
    published: dt.datetime
    url: str
    paragraphs: tuple[str, ...]
    related: tuple[str, ...]  # other articles' titles, for "Read more" lines
    respelt: int = 0  # name occurrences respelt in this document
    duplicate_of: int | None = None  # the document this one is a near-copy of

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


def slug(text: str, limit: int = 60) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].rstrip("-") or "article"


def outlet_url(publisher: str, published: dt.datetime, title: str, number: int) -> str:
    """A unique address on the outlet's (reserved ``.example``) domain."""
    host = slug(publisher.removeprefix("The "), 40).replace("-", "")
    return f"https://{host}.example/{published:%Y/%m/%d}/{slug(title)}-{number}"


def furniture(doc: Generated, rng: random.Random) -> tuple[list[str], list[str]]:
    """Boilerplate lines before and after the article text, some of each kind."""
    top = [SKIP_LINE] if rng.random() < 0.5 else []
    top.append(" | ".join(rng.sample(NAV, k=rng.randint(4, len(NAV)))))
    if rng.random() < 0.6:
        top.append(COOKIE)
    bottom = [f"{rng.choice(READ_MORE)} {title}" for title in doc.related]
    if rng.random() < 0.7:
        bottom.append(" ".join(SHARE))
    if rng.random() < 0.6:
        bottom.append(f"Subscribe to {doc.publisher}'s newsletter. {NEWSLETTER}")
    bottom.append(f"© {doc.published.year} {doc.publisher}. All rights reserved.")
    return top, bottom


def render_record(doc: Generated, rng: random.Random) -> str:
    """One JSON line: the fields the JSON reader knows, the body as a crawled text dump."""
    top, bottom = furniture(doc, rng)
    record = {
        "title": doc.title,
        "author": doc.author,
        "publisher": doc.publisher,
        "published": doc.published.isoformat(),
        "url": doc.url,
        "body": "\n\n".join([*top, *doc.paragraphs, *bottom]),
    }
    return json.dumps(record, ensure_ascii=False) + "\n"


def render_text(doc: Generated, rng: random.Random) -> str:
    """A text dump: furniture, headline, byline, date line, the article, more furniture."""
    top, bottom = furniture(doc, rng)
    header = [doc.title]
    if doc.author:
        header.append(f"By {doc.author}")
    header.append(f"{doc.published.day} {doc.published:%B %Y}")
    return "\n\n".join([*top, "\n".join(header), *doc.paragraphs, *bottom]) + "\n"


def render_html(doc: Generated, rng: random.Random) -> str:
    """A web page: head metadata, cookie banner and menu, the <article>, related links, footer."""
    esc = html.escape
    top, bottom = furniture(doc, rng)
    meta = [
        f"<title>{esc(doc.title)} | {esc(doc.publisher)}</title>",
        f'<meta property="og:site_name" content="{esc(doc.publisher)}">',
        f'<meta property="og:title" content="{esc(doc.title)}">',
        f'<meta property="article:published_time" content="{doc.published.isoformat()}">',
        f'<link rel="canonical" href="{esc(doc.url)}">',
    ]
    if doc.author:
        meta.append(f'<meta name="author" content="{esc(doc.author)}">')
    byline = f"By {esc(doc.author)} | " if doc.author else ""
    menu = "".join(f'<li><a href="/{slug(n)}">{esc(n)}</a></li>' for n in NAV)
    body = "\n".join(f"<p>{esc(p)}</p>" for p in doc.paragraphs)
    related = "".join(f'<li><a href="#">{esc(line)}</a></li>' for line in bottom[:-1])
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">{"".join(meta)}</head>\n'
        f'<body>\n<div class="cookie-banner">{esc(COOKIE) if len(top) > 1 else ""}</div>\n'
        f'<header><div class="logo">{esc(doc.publisher)}</div>'
        f'<nav class="menu"><ul>{menu}</ul></nav></header>\n'
        f"<main><article>\n<h1>{esc(doc.title)}</h1>\n"
        f'<p class="byline">{byline}{doc.published:%d %B %Y}</p>\n{body}\n</article>\n'
        f'<aside class="related"><ul>{related}</ul></aside></main>\n'
        f"<footer><p>{esc(bottom[-1])}</p></footer>\n</body></html>\n"
    )


RENDERERS = {"jsonl": render_record, "txt": render_text, "html": render_html}


class ShardWriter:
    """Writes rendered documents as they come: JSON lines into shards, other formats a file each.

    Holds one open file at most; counts files and bytes for the manifest.
    """

    def __init__(self, out: Path, fmt: str) -> None:
        self.root = out / DOCS_FOLDER
        self.fmt = fmt
        self.files = 0
        self.bytes = 0
        self._shard: int | None = None
        self._folder: Path | None = None  # the last folder made
        self._handle: BinaryIO | None = None

    def write(self, number: int, text: str) -> None:
        data = text.encode("utf-8")
        self.bytes += len(data)
        if self.fmt != "jsonl":
            self._path(number).write_bytes(data)
            return
        shard = number // ARTICLES_PER_SHARD
        if shard != self._shard:
            self.close()
            self._shard = shard
            self._handle = self._path(shard).open("wb")
        assert self._handle is not None
        self._handle.write(data)

    def _path(self, file_number: int) -> Path:
        """``docs/0003/0003141.txt``: file numbers grouped by the thousand."""
        folder = self.root / f"{file_number // FILES_PER_FOLDER:04d}"
        if folder != self._folder:
            folder.mkdir(parents=True, exist_ok=True)
            self._folder = folder
        self.files += 1
        return folder / f"{file_number:07d}.{self.fmt}"

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> ShardWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
