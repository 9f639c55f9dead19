"""What the pages need beyond ``storyline.web.views``: reader marks, links, timeline zoom.

Everything here returns plain data for the templates. Links are built only from our
own ids and offsets; an article's own URL becomes a link only when it is http(s).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from storyline.query.timeline import bounds
from storyline.web import views
from storyline.web.knowledge import KnowledgeBase
from storyline.web.pages_marks import Mark

# The timeline's zoom levels, coarsest first, with the length of their ISO date prefix.
ZOOMS = {"year": 4, "month": 7, "day": 10}
# Events listed under one timeline heading before "more: zoom in".
GROUP_EVENTS = 25
# Metadata fields the reader shows, with the evidence each came from.
META_FIELDS = ("title", "author", "publisher", "published", "updated", "language", "url")


def cite_href(doc: str, start: int, end: int) -> str:
    """The reader opened at a span, scrolled to it and highlighted."""
    return f"/documents/{quote(doc, safe='')}?hl={int(start)}-{int(end)}#hl"


def entity_href(entity: str) -> str:
    return f"/entities/{quote(entity, safe='')}"


def web_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) address, else None (never a live link)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


# ---------------------------------------------------------------------------- reader


def reader_marks(
    spans: list[dict[str, Any]], names: dict[str, str], hl: tuple[int, int] | None
) -> list[Mark]:
    """The reader's marks: the document's spans, and the requested highlight."""
    marks = [_mark(span, names) for span in spans]
    if hl is not None:
        marks.append(Mark(hl[0], hl[1], "hl", label="cited span", anchor="hl"))
    return marks


def _mark(span: dict[str, Any], names: dict[str, str]) -> Mark:
    kind, start, end = span["kind"], span["start"], span["end"]
    entity = span.get("entity")
    if kind == "mention":
        name = names.get(entity or "", "")
        href = entity_href(entity) if entity else None
        return Mark(start, end, "entity", href, f"{name} ({span.get('type')})" if name else "")
    if kind == "quote":
        speaker = names.get(entity or "", "") or span.get("speaker_text") or "unknown speaker"
        return Mark(start, end, "quote", None, f"quote: {speaker}")
    if kind == "claim":
        value = f"{span.get('type')}: {span.get('value')} {span.get('unit')}"
        return Mark(start, end, "claim", None, value)
    if kind == "event":
        return Mark(start, end, "event", None, f"event: {span.get('type')}")
    return Mark(start, end, "date", None, f"date: {span.get('value')}")


def sentence_around(kb: KnowledgeBase, doc: str, span: tuple[int, int]) -> Mark | None:
    """The sentence (or sentences) holding ``span``, marked as its context."""
    sentences = kb.read(lambda store: list(store.statements(doc, prop="sentence")))
    inside = [s for s in sentences if s.start < span[1] and span[0] < s.end]
    if not inside:
        return None
    return Mark(min(s.start for s in inside), max(s.end for s in inside), "context")


def metadata_rows(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Each known metadata field with its value, evidence and (for the URL) a safe link."""
    evidence = doc.get("metadata_evidence") or {}
    rows = []
    for field in META_FIELDS:
        value = doc.get(field)
        if field == "published" and value:
            value = f"{value} ({doc.get('published_precision')})"
            why = doc.get("published_evidence") or evidence.get(field, "")
        else:
            why = evidence.get(field, "")
        if value:
            rows.append({"field": field, "value": value, "evidence": why, "href": None})
    for row in rows:
        if row["field"] == "url":
            row["href"] = web_url(row["value"])
    return rows


# ---------------------------------------------------------------------------- timeline


@dataclasses.dataclass(frozen=True)
class Group:
    """Events under one heading of the timeline at some zoom."""

    key: str  # ISO prefix ("2015", "2015-03", "2015-03-19"), "" for undated
    label: str
    events: list[dict[str, Any]]
    total: int
    zoom_in: str | None  # the link one level finer, None at day level or undated


def zoom_of(value: str | None) -> str:
    return value if value in ZOOMS else "year"


def period_of(value: str | None) -> str | None:
    """A period to zoom into: ``YYYY`` or ``YYYY-MM`` (anything else is ignored)."""
    if not value:
        return None
    ok = (len(value) == 4 and value.isdigit()) or (
        len(value) == 7 and value[:4].isdigit() and value[4] == "-" and value[5:].isdigit()
    )
    return value if ok else None


def timeline_groups(
    events: list[dict[str, Any]], zoom: str, period: str | None, filters: dict[str, str]
) -> list[Group]:
    """``events`` (in date order) under headings of ``zoom``, inside ``period`` if given."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        key = _key(event, ZOOMS[zoom])
        if period and not key.startswith(period):
            continue
        grouped.setdefault(key, []).append(event)
    return [
        Group(
            key,
            _label(key, zoom),
            found[:GROUP_EVENTS],
            len(found),
            _zoom_in(key, zoom, filters),
        )
        for key, found in grouped.items()
    ]


def _key(event: dict[str, Any], length: int) -> str:
    """The ISO prefix of the event's date at most ``length`` long that its bounds share."""
    found = bounds(event.get("date"))
    if found is None:
        return ""
    low, high = found[0].isoformat(), found[1].isoformat()
    for size in (10, 7, 4):
        if size <= length and low[:size] == high[:size]:
            return low[:size]
    return ""  # wider than a year (a decade): shown with the undated


def _label(key: str, zoom: str) -> str:
    """``2015``, ``March 2015``, ``19 March 2015``; coarser than the zoom says so."""
    if not key:
        return "undated or spanning years"
    day = dt.date.fromisoformat((key + "-01-01")[:10])
    words = {4: key, 7: day.strftime("%B %Y"), 10: f"{day.day} {day.strftime('%B %Y')}"}
    label = words[len(key)]
    if len(key) < ZOOMS[zoom]:
        label += ", day not known" if len(key) == 7 else ", month not known"
    return label


def _zoom_in(key: str, zoom: str, filters: dict[str, str]) -> str | None:
    finer = {"year": "month", "month": "day"}.get(zoom)
    if not key or finer is None or len(key) < ZOOMS[zoom]:
        return None
    return timeline_href(filters, zoom=finer, period=key)


def timeline_href(filters: dict[str, str], **extra: str) -> str:
    """The timeline with the current filters and ``extra`` (zoom, period)."""
    query = {k: v for k, v in {**filters, **extra}.items() if v}
    return "/timeline?" + urlencode(query) if query else "/timeline"


def crumbs(period: str | None, filters: dict[str, str]) -> list[dict[str, str]]:
    """The way back out of a zoomed period: all years, then the year."""
    if not period:
        return []
    out = [{"label": "all years", "href": timeline_href(filters, zoom="year")}]
    if len(period) == 7:
        out.append(
            {"label": period[:4], "href": timeline_href(filters, zoom="month", period=period[:4])}
        )
    return out


# ---------------------------------------------------------------------------- conflicts


# Values a conflict shows on the list and the overview: the first source of each
# distinct value, then "and K more" with a link to the conflict's own page.
CARD_VALUES = 6
# Every conflict is carded once per version (the cards are cached); pages slice them.
ALL = 10**9


def conflict_cards(kb: KnowledgeBase, *, agree: bool = False) -> list[dict[str, Any]]:
    """Every conflict (or agreement) as the lists show it, cached until the store changes.

    A card holds the subject's label and link, its page (``href``), ``values_total``,
    ``amounts`` (distinct values) and ``values``: every value when there are at most
    ``CARD_VALUES``, else the first citation of each distinct value (at most
    ``CARD_VALUES``), each with how many sources give it (``count``). Copies of one
    article repeat its claims, so a conflict may cite thousands of values that say
    only a few different things.
    """
    name = "agreement_cards" if agree else "conflict_cards"
    return kb.cached(name, lambda: _cards(kb, agree))


def _cards(kb: KnowledgeBase, agree: bool) -> list[dict[str, Any]]:
    rows = views.conflicts(kb, agree=agree, limit=ALL).items
    names = views.entity_names(kb)
    return [_card(n, row, names, agree) for n, row in enumerate(rows)]


def _card(
    position: int, conflict: dict[str, Any], names: dict[str, str], agree: bool
) -> dict[str, Any]:
    label, href = _subject(conflict, names)
    amounts: dict[str, tuple[dict[str, Any], int]] = {}
    for value in conflict["values"]:
        shown = shown_value(value, conflict.get("unit"))
        first, count = amounts.get(shown, (value, 0))
        amounts[shown] = (first, count + 1)
    if len(conflict["values"]) <= CARD_VALUES:  # few enough: every source
        values = conflict["values"]
        heads = [{**v, "shown": shown_value(v, conflict.get("unit")), "count": 1} for v in values]
    else:
        heads = [{**v, "shown": shown, "count": n} for shown, (v, n) in amounts.items()]
    return {
        **{k: v for k, v in conflict.items() if k != "values"},
        "position": position,
        "href": conflict_href(position, agree),
        "subject_label": label,
        "subject_href": href,
        "values": heads[:CARD_VALUES],
        "amounts": len(amounts),
        "values_total": len(conflict["values"]),
    }


def date_cards(kb: KnowledgeBase) -> dict[str, dict[str, Any]]:
    """The cards of the events whose dates disagree, by event id (cached)."""
    return kb.cached(
        "date_cards", lambda: {c["subject"]: c for c in conflict_cards(kb) if c["kind"] == "date"}
    )


def conflict_href(position: int, agree: bool = False) -> str:
    """The page of one conflict (or agreement) with every value it cites."""
    return f"/conflicts/{int(position)}" + ("?agree=1" if agree else "")


def conflict_rows(conflicts: list[dict[str, Any]], names: dict[str, str]) -> list[dict[str, Any]]:
    """Conflicts (or agreements) with a label and a link for the subject and each value
    shown as words (the rows are the cache's: copied, never changed)."""
    return [_conflict(c, names) for c in conflicts]


def _conflict(conflict: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    label, href = _subject(conflict, names)
    values = [{**v, "shown": shown_value(v, conflict.get("unit"))} for v in conflict["values"]]
    return {**conflict, "subject_label": label, "subject_href": href, "values": values}


def _subject(conflict: dict[str, Any], names: dict[str, str]) -> tuple[str, str | None]:
    """The words and the link of what a conflict is about (an entity, or an event)."""
    entity = conflict.get("subject_entity")
    if conflict.get("kind") == "date":
        label = f"the event “{conflict.get('subject_text')}”"
        return label, "/timeline?" + urlencode({"zoom": "day"}) + f"#{quote(conflict['subject'])}"
    if entity:
        return names.get(entity, conflict.get("subject_text") or entity), entity_href(entity)
    return conflict.get("subject_text") or str(conflict.get("subject")), None


def shown_value(value: dict[str, Any], unit: str | None) -> str:
    """A claim's value (or range) with its unit, or a date's ISO value, as words."""
    low, high, exact = value.get("low"), value.get("high"), value.get("value")
    if low is not None and high is not None and low != high:
        amount = f"{_number(low)}–{_number(high)}"
    elif low is not None and high is None:
        amount = f"at least {_number(low)}"
    elif high is not None and low is None:
        amount = f"at most {_number(high)}"
    else:
        amount = _number(exact if exact is not None else low)
    return f"{amount} {unit}" if unit and unit != "COUNT" and amount else amount


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, int | float):
        return f"{value:,}"
    return "" if value is None else str(value)
