"""Render articles into realistic web pages with boilerplate, for ingestion benchmarks.

The pages are generated from a dataset at benchmark time and never stored in the
repository: the article texts belong to their publishers.
"""

from __future__ import annotations

import dataclasses
import html
import random
import re
from pathlib import Path

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
NAV = ("Home", "World", "Politics", "Business", "Tech", "Science", "Opinion", "Sport", "Travel")
COOKIE = (
    "We use cookies to improve your experience on our site and to show you relevant "
    "advertising. By continuing to browse you agree to our use of cookies. Accept"
)
SHARE = ("Share on Facebook", "Share on Twitter", "Share on LinkedIn", "Email this article")
NEWSLETTER = "Sign up for our daily newsletter: the day's top stories in your inbox every morning."
COMMENTS = (
    "Great reporting, thanks.",
    "I don't buy this at all.",
    "Source?",
    "This is exactly what I expected would happen.",
)


@dataclasses.dataclass(frozen=True)
class Article:
    """The fields of one dataset article that a page shows."""

    title: str
    body: str
    source: str
    author: str | None
    published: str | None
    url: str | None


def sentences(body: str) -> list[str]:
    """A body's sentences, split at end punctuation before a capital or a quote."""
    return [s.strip() for s in _SENTENCE_END.split(body) if s.strip()]


def paragraphs(body: str, rng: random.Random) -> list[str]:
    """Split a body into paragraphs of 2–5 sentences, as a news page shows it."""
    sentences_left = sentences(body)
    out: list[str] = []
    while sentences_left:
        take = rng.randint(2, 5)
        out.append(" ".join(sentences_left[:take]))
        sentences_left = sentences_left[take:]
    return out


def render_page(article: Article, related: list[str], rng: random.Random) -> str:
    """One article as a full HTML page: head metadata on some pages, furniture on all."""
    esc = html.escape
    head = [f"<title>{esc(article.title)} | {esc(article.source)}</title>"]
    if rng.random() < 0.6:  # many sites declare metadata, some do not
        head += [
            f'<meta property="og:site_name" content="{esc(article.source)}">',
            f'<meta property="og:title" content="{esc(article.title)}">',
        ]
        if article.published:
            head.append(
                f'<meta property="article:published_time" content="{esc(article.published)}">'
            )
        if article.author:
            head.append(f'<meta name="author" content="{esc(article.author)}">')
    byline = " | ".join(
        x
        for x in (
            f"By {article.author}" if article.author else None,
            (article.published or "")[:10],
        )
        if x
    )
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs(article.body, rng))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">{"".join(head)}
<script>window.dataLayer = window.dataLayer || []; function track(e) {{ return e; }}</script>
<style>.nav {{ display: flex; }}</style></head>
<body>
<div class="cookie-banner">{COOKIE}</div>
<header><div class="logo">{esc(article.source)}</div>
<nav class="nav"><ul>{"".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in NAV)}</ul></nav>
</header>
<main><article>
<h1>{esc(article.title)}</h1>
<p class="byline">{esc(byline)}</p>
<div class="share">{"".join(f'<a href="#">{s}</a>' for s in SHARE)}</div>
{body}
</article>
<aside class="newsletter"><h3>Newsletter</h3><p>{NEWSLETTER}</p></aside>
<section class="related"><h3>Related articles</h3><ul>
{"".join(f'<li><a href="#">{esc(t)}</a></li>' for t in related)}</ul></section>
<section class="comments"><h3>{len(COMMENTS)} comments</h3>
{"".join(f'<div class="comment"><p>{c}</p></div>' for c in COMMENTS)}</section>
</main>
<footer><p>© 2023 {esc(article.source)}. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a></p></footer>
</body></html>
"""


def write_pages(articles: list[Article], folder: Path, *, seed: int = 7) -> list[Path]:
    """Write one page per article into ``folder``; the same seed gives the same pages."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, article in enumerate(articles):
        related = [a.title for a in rng.sample(articles, k=min(4, len(articles)))]
        path = folder / f"{number:05d}.html"
        path.write_text(render_page(article, related, rng), encoding="utf-8")
        paths.append(path)
    return paths
