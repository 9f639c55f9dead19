"""Long lists on the pages are cut and paged; the ask page shows where sources differ.

The sample corpus is small, so the page sizes are shrunk here to make it page; what is
checked is that following the pages shows every item once, and that a cut list links
to the whole of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storyline.query.answer import ask
from storyline.settings import Settings
from storyline.store import SQLiteStore
from storyline.web import create_app, page_data, pages_story
from storyline.web.page_data import cite_href

LINK = re.compile(r'href="([^"]+)"')
NEXT = re.compile(r'<a href="([^"]+)" rel="next">')


@pytest.fixture(scope="module")
def client(examples_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=str(examples_db)))) as client:
        yield client


def links(html: str) -> list[str]:
    return [unescape(h) for h in LINK.findall(html)]


def every_page(client: TestClient, path: str) -> list[str]:
    """The HTML of ``path`` and of every page its "next" links lead to."""
    pages = []
    while True:
        response = client.get(path)
        assert response.status_code == 200, path
        pages.append(response.text)
        found = NEXT.search(response.text)
        if found is None:
            return pages
        path = unescape(found.group(1))


def everything(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a paginated API list."""
    items: list[dict[str, Any]] = []
    while True:
        page = client.get(path, params={**params, "offset": len(items), "limit": 200}).json()
        items += page["items"]
        if len(items) >= page["total"]:
            return items


def value_href(value: dict[str, Any]) -> str:
    return cite_href(value["doc"], value["start"], value["end"])


def test_the_conflicts_page_is_paged_and_shows_each_conflict_once(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    conflicts = everything(client, "/api/conflicts")
    assert len(conflicts) > 2, "the sample story has conflicts to page through"
    monkeypatch.setattr(pages_story, "CONFLICTS_PAGE", 2)
    pages = every_page(client, "/conflicts")
    assert len(pages) == -(-len(conflicts) // 2)
    cards = [int(n) for html in pages for n in re.findall(r'id="c(\d+)"', html)]
    assert cards == list(range(len(conflicts)))
    assert 'rel="prev"' not in pages[0] and 'rel="prev"' in pages[-1]
    assert "Where they agree" in pages[0] and all("Where they agree" not in p for p in pages[1:])


def test_a_long_conflict_shows_its_first_values_and_links_to_all_of_them(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    conflicts = everything(client, "/api/conflicts")
    position, longest = max(enumerate(conflicts), key=lambda found: len(found[1]["values"]))
    shown = len(longest["values"]) - 1
    assert shown >= 2, "some sample conflict cites several values"
    monkeypatch.setattr(page_data, "CARD_VALUES", shown)
    client.app.state.kb.invalidate()  # cards are cached: cut them again
    try:
        assert client.app.state.kb.wait_fresh(120)
        html = client.get("/conflicts").text
        card = html.split(f'id="c{position}"', 1)[1].split("</section>", 1)[0]
        cited = [h for h in links(card) if h.startswith("/documents/")]
        assert 0 < len(cited) <= shown
        assert set(cited) <= {value_href(v) for v in longest["values"]}
        more = len(longest["values"]) - len(cited)
        assert f"And {more} more sources" in card
        assert f"/conflicts/{position}" in links(card)

        page = client.get(f"/conflicts/{position}")
        assert page.status_code == 200
        assert {value_href(v) for v in longest["values"]} <= set(links(page.text))
    finally:
        monkeypatch.undo()
        client.app.state.kb.invalidate()
        assert client.app.state.kb.wait_fresh(120)


def test_a_conflicts_own_page_pages_its_values(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    conflicts = everything(client, "/api/conflicts")
    position, longest = max(enumerate(conflicts), key=lambda found: len(found[1]["values"]))
    monkeypatch.setattr(pages_story, "VALUES_PAGE", 2)
    pages = every_page(client, f"/conflicts/{position}")
    assert len(pages) == -(-len(longest["values"]) // 2)
    cited = [h for html in pages for h in links(html) if h.startswith("/documents/")]
    assert sorted(cited) == sorted(value_href(v) for v in longest["values"])


def test_agreements_have_their_own_pages(client: TestClient) -> None:
    agreements = everything(client, "/api/conflicts", agree="true")
    html = client.get("/conflicts?agree=1").text
    assert html.count('class="conflict-card"') == len(agreements)
    if agreements:
        page = client.get("/conflicts/0?agree=1").text
        assert {value_href(v) for v in agreements[0]["values"]} <= set(links(page))


def test_an_unknown_conflict_is_a_404_page(client: TestClient) -> None:
    for path in ("/conflicts/100000", "/conflicts/-1", "/conflicts/100000?agree=1"):
        response = client.get(path)
        assert response.status_code == 404 and "list them at /conflicts" in response.text


def test_the_timeline_pages_its_headings(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    heading = re.compile(r'<h2 id="p-\d+">(.*?)</h2>')
    headings = [
        h for html in every_page(client, "/timeline?zoom=day") for h in heading.findall(html)
    ]
    assert len(headings) > 2
    monkeypatch.setattr(pages_story, "TIMELINE_GROUPS", 2)
    pages = every_page(client, "/timeline?zoom=day")
    assert len(pages) == -(-len(headings) // 2)
    paged = [h for html in pages for h in heading.findall(html)]
    assert paged == headings  # every heading once, in order, at the zoom asked for


def test_the_timeline_cuts_the_dates_of_an_event_whose_sources_disagree(
    client: TestClient,
) -> None:
    dated = [c for c in everything(client, "/api/conflicts") if c["kind"] == "date"]
    assert dated, "the sample story has events whose dates disagree"
    html = "".join(every_page(client, "/timeline?zoom=day"))
    checked = 0
    for conflict in dated:
        if f'id="{conflict["subject"]}"' not in html:
            continue  # beyond its heading's first events
        block = html.split(f'id="{conflict["subject"]}"', 1)[1].split('<li class="event', 1)[0]
        shown = block.split('class="plain dates"', 1)[1].split("</ul>", 1)[0]
        cited = [h for h in links(shown) if h.startswith("/documents/")]
        assert 0 < len(cited) <= page_data.CARD_VALUES
        assert set(cited) <= {value_href(v) for v in conflict["values"]}
        checked += 1
    assert checked


def conflict_questions(conflicts: list[dict[str, Any]]) -> list[str]:
    """Questions about each conflict, written from its subject and property."""
    asked = []
    for c in conflicts:
        subject, prop = c.get("subject_text") or "", c["property"]
        if c["kind"] == "date":
            asked.append(f"When was the {subject}?")
        elif c.get("unit") == "COUNT":
            asked.append(f"How many {subject} were {prop}?")
        else:
            asked += [f"How much was the {prop} of {subject}?", f"What was the {prop}?"]
    return asked


def test_the_ask_page_shows_where_sources_differ_each_value_cited(
    client: TestClient, examples_db: Path
) -> None:
    store = SQLiteStore(examples_db)
    try:
        candidates = conflict_questions(everything(client, "/api/conflicts"))
        answers = ((q, ask(store, q).as_dict()) for q in candidates)
        question, answer = next(((q, a) for q, a in answers if a["conflicts"]), ("", {}))
    finally:
        store.close()
    assert question, f"no question about a sample conflict got one in its answer: {candidates}"
    html = client.get("/ask", params={"q": question}).text
    assert "Sources differ" in html
    shown = links(html.split("Sources differ", 1)[1].split("<h3>Sources</h3>", 1)[0])
    for conflict in answer["conflicts"]:
        for value in conflict["values"]:
            assert value_href(value["citation"]) in shown, (question, value)


def test_the_ask_page_says_plainly_when_the_articles_do_not_answer(client: TestClient) -> None:
    question = "What did Qwxzyplonk Vrembatuy say about the harbour?"
    response = client.get("/ask", params={"q": question})
    assert response.status_code == 200
    assert '<h2 id="h-answer">No answer</h2>' in response.text
    assert 'class="abstained" role="status"' in response.text
    assert "Qwxzyplonk Vrembatuy" in unescape(response.text.split("abstention", 1)[1])
    assert "Sources differ" not in response.text and "<h3>Sources</h3>" not in response.text
