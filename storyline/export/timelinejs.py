"""The timeline as TimelineJS3 JSON: one slide per dated event, its sources cited.

TimelineJS3 (Knight Lab) reads ``{"title": slide, "events": [slide, ...]}`` where a slide
has ``start_date`` (``year``, and ``month`` and ``day`` only when known), ``text``
(``headline``, ``text``), and optionally ``group``, ``display_date`` and ``unique_id``.
TimelineJS renders headline and text as HTML, so every piece of article text is escaped
here and links are written only for http(s) addresses. Events without a calendar date
cannot be placed: they are left out, and the title slide says how many.
"""

from __future__ import annotations

import dataclasses
import datetime
import html
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

DEFAULT_TITLE = "Timeline"
# Links written into slide HTML: nothing that could run script.
SAFE_SCHEMES = frozenset({"http", "https"})
# A headline longer than this is cut at a word boundary (the full text is in the body).
HEADLINE_CHARS = 90
# Evidence quoted per source in a slide.
QUOTE_CHARS = 200

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI|Q[1-4]|H[12])$")
_DECADE = re.compile(r"^(\d{3})$")


@dataclasses.dataclass(frozen=True)
class Citation:
    """One document as a slide cites it."""

    outlet: str  # publisher, else the web site, else the file name
    title: str
    url: str | None  # an http(s) address, or None


def safe_url(url: object) -> str | None:
    """``url`` when it is an http(s) address, else None."""
    if not isinstance(url, str) or not url:
        return None
    return url if urlsplit(url).scheme.lower() in SAFE_SCHEMES else None


def citation_of(doc: Mapping[str, Any]) -> Citation:
    url = safe_url(doc.get("url"))
    name = PurePath(str(doc.get("path") or doc.get("id") or "")).name
    outlet = doc.get("publisher") or (urlsplit(url).hostname if url else None) or name
    return Citation(str(outlet or "unknown source"), str(doc.get("title") or name), url)


def start_date(value: object, precision: object = None) -> dict[str, Any] | None:
    """A TimelineJS date object for an ISO / TIMEX3 date value, as precise as it is.

    A year gets only a year, a month no day. Weeks start on their Monday and seasons,
    quarters and decades on their first year, with ``display_date`` saying what they
    were. None when the value places nothing on the calendar.
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    if found := _DAY.match(text):
        year, month, day = (int(g) for g in found.groups())
        if precision in ("month", "year"):  # a day value with coarser evidence
            return _coarse(year, month, str(precision))
        return {"year": year, "month": month, "day": day} if _valid(year, month, day) else None
    if found := _MONTH.match(text):
        year, month = int(found[1]), int(found[2])
        return {"year": year, "month": month} if 1 <= month <= 12 else None
    if found := _YEAR.match(text):
        return {"year": int(found[1])}
    if found := _WEEK.match(text):
        return _week(int(found[1]), int(found[2]))
    if found := _SEASON.match(text):
        return {"year": int(found[1]), "display_date": f"{found[2]} {found[1]}"}
    if found := _DECADE.match(text):
        return {"year": int(found[1]) * 10, "display_date": f"{found[1]}0s"}
    return None


def _coarse(year: int, month: int, precision: str) -> dict[str, Any]:
    return {"year": year} if precision == "year" else {"year": year, "month": month}


def _valid(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _week(year: int, week: int) -> dict[str, Any] | None:
    try:
        monday = datetime.date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return {
        "year": monday.year,
        "month": monday.month,
        "day": monday.day,
        "display_date": f"week {week} of {year}",
    }


def _headline(event: Mapping[str, Any]) -> str:
    text = " ".join(str(event.get("text") or event.get("type") or "event").split())
    if len(text) > HEADLINE_CHARS:
        text = text[:HEADLINE_CHARS].rsplit(" ", 1)[0] + "…"
    return html.escape(text)


def _source_line(citation: Citation, quote: str) -> str:
    outlet, title = html.escape(citation.outlet), html.escape(citation.title)
    label = f"{outlet}: <em>{title}</em>" if title and title != outlet else outlet
    if citation.url:
        label = f'<a href="{html.escape(citation.url, quote=True)}">{label}</a>'
    quote = " ".join(quote.split())
    if len(quote) > QUOTE_CHARS:
        quote = quote[:QUOTE_CHARS].rsplit(" ", 1)[0] + "…"
    return f"<li>{label}" + (f" — “{html.escape(quote)}”" if quote else "") + "</li>"


def _body(event: Mapping[str, Any], names: Mapping[str, str], cites: Mapping[str, Citation]) -> str:
    parts = []
    if event.get("conflict"):
        parts.append("<p><strong>The sources disagree about this event's date.</strong></p>")
    if event.get("date_text"):
        parts.append(f"<p>When: {html.escape(str(event['date_text']))}</p>")
    who = [names[p] for p in event.get("participants", ()) if p in names]
    if who:
        parts.append(f"<p>Who: {html.escape(', '.join(who))}</p>")
    lines = []
    for mention in event.get("mentions", ()):
        doc = str(mention.get("doc", ""))
        citation = cites.get(doc, Citation("unknown source", doc, None))
        lines.append(_source_line(citation, str(mention.get("text") or "")))
    if lines:
        parts.append("<p>Sources:</p><ul>" + "".join(lines) + "</ul>")
    return "".join(parts)


def _slide(
    event: Mapping[str, Any],
    date: dict[str, Any],
    names: Mapping[str, str],
    cites: Mapping[str, Citation],
) -> dict[str, Any]:
    slide: dict[str, Any] = {
        "start_date": date,
        "text": {"headline": _headline(event), "text": _body(event, names, cites)},
        "unique_id": str(event.get("id", "")),
    }
    if event.get("type"):
        slide["group"] = html.escape(str(event["type"]))
    return slide


def _sort_key(slide: Mapping[str, Any]) -> tuple[int, int, int, str]:
    date = slide["start_date"]
    return (date["year"], date.get("month", 0), date.get("day", 0), slide["unique_id"])


def timeline(data: Mapping[str, Any], *, title: str = DEFAULT_TITLE) -> dict[str, Any]:
    """The TimelineJS3 data of a contract dict (see DESIGN.md, "Export contract")."""
    names = {str(e["id"]): str(e.get("name", "")) for e in data.get("entities", ())}
    cites = {str(d.get("id")): citation_of(d) for d in data.get("documents", ())}
    slides, undated = [], 0
    for event in data.get("events", ()):
        date = start_date(event.get("date"), event.get("date_precision"))
        if date is None:
            undated += 1
            continue
        slides.append(_slide(event, date, names, cites))
    slides.sort(key=_sort_key)
    return {
        "title": _title_slide(title, len(slides), undated, data.get("documents", ())),
        "events": slides,
    }


def _title_slide(
    title: str, dated: int, undated: int, documents: Iterable[Mapping[str, Any]]
) -> dict[str, Any]:
    count = sum(1 for _ in documents)
    text = f"{dated} dated events from {count} articles."
    if undated:
        text += f" {undated} events without a date are not shown."
    return {"text": {"headline": html.escape(title), "text": f"<p>{text}</p>"}}


def undated_events(data: Mapping[str, Any]) -> int:
    """How many events of a contract dict a timeline cannot place."""
    events = data.get("events", ())
    return sum(1 for e in events if start_date(e.get("date"), e.get("date_precision")) is None)


def timeline_json(data: Mapping[str, Any]) -> str:
    """TimelineJS3 JSON text of a contract dict."""
    return json.dumps(timeline(data), ensure_ascii=False, indent=1) + "\n"
