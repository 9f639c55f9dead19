"""Metadata an HTML page declares about itself: meta tags, JSON-LD, canonical links."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from lxml.html import HtmlElement

from storyline.ingest.html_text import normalise

# (attribute, value) pairs of <meta> tags per field, strongest evidence first.
META_TAGS: dict[str, tuple[tuple[str, str], ...]] = {
    "published": (
        ("property", "article:published_time"),
        ("property", "og:published_time"),
        ("itemprop", "datepublished"),
        ("name", "pubdate"),
        ("name", "publishdate"),
        ("name", "publish-date"),
        ("name", "dc.date.issued"),
        ("name", "dcterms.created"),
        ("name", "parsely-pub-date"),
        ("name", "sailthru.date"),
        ("name", "date"),
        ("name", "dc.date"),
    ),
    "updated": (
        ("property", "article:modified_time"),
        ("property", "og:updated_time"),
        ("itemprop", "datemodified"),
        ("name", "last-modified"),
    ),
    "author": (
        ("name", "author"),
        ("property", "article:author"),
        ("name", "byl"),
        ("name", "parsely-author"),
        ("name", "dc.creator"),
        ("itemprop", "author"),
    ),
    "publisher": (
        ("property", "og:site_name"),
        ("name", "application-name"),
        ("name", "publisher"),
        ("name", "dc.publisher"),
        ("name", "twitter:site"),
    ),
    "title": (("property", "og:title"), ("name", "twitter:title"), ("name", "dc.title")),
    "url": (("property", "og:url"),),
    "language": (("property", "og:locale"), ("http-equiv", "content-language")),
}
# JSON-LD keys per field (nested objects are read through their "name").
JSON_LD_KEYS: dict[str, str] = {
    "published": "datePublished",
    "updated": "dateModified",
    "author": "author",
    "publisher": "publisher",
    "title": "headline",
    "url": "url",
}
_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "webpage"}

Found = dict[str, tuple[str, str]]  # field → (value, evidence)


def read_declared(root: HtmlElement) -> Found:
    """Every field the page declares, with the tag it came from as evidence."""
    found: Found = {}
    metas = _meta_index(root)
    for field, tags in META_TAGS.items():
        for attr, name in tags:
            if (value := metas.get((attr, name))) and field not in found:
                found[field] = (value, f"meta tag {name}")
    for field, (value, evidence) in _json_ld(root).items():
        found.setdefault(field, (value, evidence))
    for field, (value, evidence) in _structural(root).items():
        found.setdefault(field, (value, evidence))
    return found


def _meta_index(root: HtmlElement) -> dict[tuple[str, str], str]:
    index: dict[tuple[str, str], str] = {}
    for meta in root.iter("meta"):
        content = normalise(meta.get("content") or "")
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            if key := (meta.get(attr) or "").strip().lower():
                index.setdefault((attr, key), content)
    return index


def _json_ld(root: HtmlElement) -> Found:
    found: Found = {}
    for obj in _json_ld_objects(root):
        kind = str(obj.get("@type", "")).lower()
        if kind not in _ARTICLE_TYPES:
            continue
        for field, key in JSON_LD_KEYS.items():
            value = _ld_text(obj.get(key))
            if value and field not in found:
                found[field] = (value, f"JSON-LD {key}")
    return found


def _json_ld_objects(root: HtmlElement) -> Iterator[dict[str, Any]]:
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):
            continue
        items = data.get("@graph", [data]) if isinstance(data, dict) else data
        if isinstance(items, list):
            yield from (item for item in items if isinstance(item, dict))


def _ld_text(value: Any) -> str | None:
    if isinstance(value, list) and value:
        names = [_ld_text(v) for v in value]
        return ", ".join(n for n in names if n) or None
    if isinstance(value, dict):
        value = value.get("name")
    return normalise(value) if isinstance(value, str) and value.strip() else None


def _structural(root: HtmlElement) -> Found:
    """Fields from the page's elements: canonical link, <html lang>, <time>, <h1>, <title>."""
    found: Found = {}
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            found["url"] = (link.get("href", "").strip(), "canonical link")
            break
    if lang := (root.get("lang") or root.get("xml:lang") or "").strip():
        found["language"] = (lang, "<html lang>")
    for time in root.iter("time"):
        if time.get("datetime") and (
            "pubdate" in time.attrib or (time.get("itemprop") or "").lower() == "datepublished"
        ):
            found["published"] = (time.get("datetime", ""), "<time pubdate> element")
            break
    h1 = next(
        (normalise(h.text_content()) for h in root.iter("h1") if h.text_content().strip()), None
    )
    title = next((normalise(t.text_content()) for t in root.iter("title")), None)
    if h1:
        found["h1"] = (h1, "first <h1>")
    if title:
        found["html_title"] = (title, "<title>")
    return found
