"""The story pages: the timeline (zoomed by year, month or day, filtered) and conflicts.

Every list is cut: the timeline shows ``TIMELINE_GROUPS`` headings a page, each with its
first events; the conflicts come ``CONFLICTS_PAGE`` a page, each with the first source of
its first few values and a link to its own page, which lists every value a page at a
time.
"""

from __future__ import annotations

from collections import Counter

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from storyline.errors import NotFoundError, StorylineError
from storyline.web import views
from storyline.web.page_data import (
    ZOOMS,
    conflict_cards,
    crumbs,
    date_cards,
    period_of,
    shown_value,
    timeline_groups,
    zoom_of,
)
from storyline.web.pages_common import pager_links, render
from storyline.web.views_index import entity_index

router = APIRouter(include_in_schema=False)
# Entities offered by the timeline's filter suggestions.
SUGGESTIONS = 300
# Every event of the filtered timeline is grouped; only the groups' heads are rendered.
ALL = 10**9
# Headings of the timeline on one page (a day zoom may have thousands).
TIMELINE_GROUPS = 20
# Conflicts (or agreements) on one page of the list.
CONFLICTS_PAGE = 25
# Agreements listed under the first page of conflicts.
AGREEMENTS_SHOWN = 10
# Values on one page of a conflict's own page.
VALUES_PAGE = 100


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request,
    entity: str = "",
    outlet: str = "",
    zoom: str = "",
    period: str = "",
    offset: int = 0,
) -> HTMLResponse:
    kb = views.kb_of(request)
    names = views.entity_names(kb)
    level, within = zoom_of(zoom), period_of(period)
    filters = {"entity": entity.strip(), "outlet": outlet}
    problem, events, status = None, [], 200
    try:
        events = views.timeline(
            kb, entity=filters["entity"] or None, outlet=outlet or None, limit=ALL
        ).items
        wanted = views.resolve_entity(kb, filters["entity"]) if filters["entity"] else None
    except StorylineError as exc:
        problem, wanted, status = exc.message, None, exc.status
    groups = timeline_groups(events, level, within, filters)
    offset = max(0, offset)
    shown = {"zoom": level if zoom else "", "period": within or ""}
    context = {
        "section": "Timeline",
        "groups": groups[offset : offset + TIMELINE_GROUPS],
        "total": sum(g.total for g in groups),
        "dates": date_cards(kb),
        "zoom": level,
        "zooms": tuple(ZOOMS),
        "period": within,
        "crumbs": crumbs(within, filters),
        "filters": filters,
        "entity_name": names.get(wanted or ""),
        "names": names,
        "outlets": views.outlets(kb),
        "entity_choices": [(r["id"], r["name"]) for r in entity_index(kb).rows[:SUGGESTIONS]],
        "problem": problem,
        **pager_links(
            "/timeline",
            {**filters, **shown},
            len(groups),
            offset,
            size=TIMELINE_GROUPS,
        ),
    }
    return render(request, "timeline.html", context, status=status)


@router.get("/conflicts", response_class=HTMLResponse)
def conflicts_page(request: Request, agree: int = 0, offset: int = 0) -> HTMLResponse:
    """A page of conflicts (``agree=1``: agreements), each with its first values."""
    kb = views.kb_of(request)
    agreed, offset = bool(agree), max(0, offset)
    cards = conflict_cards(kb, agree=agreed)
    others = conflict_cards(kb, agree=not agreed)
    context = {
        "section": "Conflicts",
        "agree": agreed,
        "cards": cards[offset : offset + CONFLICTS_PAGE],
        "total": len(cards),
        "offset": offset,
        "other_total": len(others),
        # The first page of conflicts lists the first agreements below them.
        "agreements": [] if agreed or offset else others[:AGREEMENTS_SHOWN],
        **pager_links(
            "/conflicts", {"agree": int(agreed)}, len(cards), offset, size=CONFLICTS_PAGE
        ),
    }
    return render(request, "conflicts.html", context)


@router.get("/conflicts/{position}", response_class=HTMLResponse)
def conflict_page(request: Request, position: int, agree: int = 0, offset: int = 0) -> HTMLResponse:
    """One conflict (or agreement) with every value it cites, a page of values at a time."""
    kb = views.kb_of(request)
    agreed, offset = bool(agree), max(0, offset)
    cards = conflict_cards(kb, agree=agreed)
    if not 0 <= position < len(cards):
        what = "agreement" if agreed else "conflict"
        raise NotFoundError(f"no {what} {position}", hint="list them at /conflicts")
    (row,) = views.conflicts(kb, agree=agreed, limit=1, offset=position).items
    unit = row.get("unit")
    amounts = Counter(shown_value(v, unit) for v in row["values"])
    page = row["values"][offset : offset + VALUES_PAGE]
    context = {
        "section": "Conflicts",
        "c": cards[position],
        "agree": agreed,
        "amounts": amounts.most_common(),
        "values": [{**v, "shown": shown_value(v, unit)} for v in page],
        "offset": offset,
        **pager_links(
            f"/conflicts/{position}",
            {"agree": int(agreed)},
            len(row["values"]),
            offset,
            size=VALUES_PAGE,
        ),
    }
    return render(request, "conflict.html", context)
