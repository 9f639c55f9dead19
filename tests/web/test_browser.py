"""The web UI in a real Chromium against a real server: the reader's journey, on a desk
and on a phone, with a screenshot of every page left in test-artifacts/screenshots/."""

from __future__ import annotations

import re
from typing import Any

import pytest

# A question the sample story answers (its first article is about the recall).
QUESTION = "Why did Kostrava recall its ambassador?"
PAGES = {
    "overview": "/",
    "documents": "/documents",
    "entities": "/entities",
    "timeline": "/timeline",
    "timeline-month": "/timeline?zoom=month&period=2015",
    "conflicts": "/conflicts",
    "search": "/search?q=ambassador",
    "ask": "/ask?q=" + QUESTION.replace(" ", "+").replace("?", "%3F"),
    "upload": "/upload",
    "not-found": "/entities/no-such-entity",
}


def clean(guard: Any) -> None:
    """Nothing left the origin, nothing popped up, no script failed."""
    assert guard.dialogs == []
    assert guard.foreign == []
    assert guard.errors == []


def highlighted(page: Any) -> str:
    mark = page.locator("#hl")
    mark.wait_for()
    text: str = mark.text_content()
    return text


def in_view(page: Any, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    size = page.viewport_size
    return bool(box) and box["y"] >= 0 and box["y"] + box["height"] <= size["height"]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_every_page_renders_and_fits(
    live_server: Any, new_page: Any, shoot: Any, viewport: str
) -> None:
    page, guard = new_page(live_server.url, viewport)
    for name, path in PAGES.items():
        page.goto(live_server.url + path)
        page.locator("main h1").first.wait_for()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.viewport_size["width"], f"{name} scrolls sideways at {viewport}"
        shoot(page, f"{name}-{viewport}")
    clean(guard)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_journey_from_overview_to_the_cited_sentence(
    live_server: Any, new_page: Any, shoot: Any, viewport: str
) -> None:
    page, guard = new_page(live_server.url, viewport)
    page.goto(live_server.url + "/")
    person = page.locator("ol.ranked li", has=page.locator(".t-person")).first.locator("a.entity")
    name = person.text_content()
    person.click()
    page.wait_for_url(re.compile(r"/entities/e[0-9a-f]+$"))
    assert page.locator("h1").text_content() == name
    aliases = page.locator("td.alias").all_text_contents()
    assert aliases and all(aliases)
    shoot(page, f"journey-entity-{viewport}")

    page.locator("nav[aria-label=main] a", has_text="Timeline").click()
    page.wait_for_url(re.compile(r"/timeline$"))
    source = page.locator("li.event ul.sources a.cite").first
    cited = source.text_content()
    source.click()
    page.wait_for_url(re.compile(r"/documents/d[0-9a-f]+\?hl=\d+-\d+#hl$"))
    assert highlighted(page) == cited
    assert in_view(page, "#hl")
    shoot(page, f"journey-reader-{viewport}")
    clean(guard)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_ask_a_question_and_follow_a_citation(
    live_server: Any, new_page: Any, shoot: Any, viewport: str
) -> None:
    page, guard = new_page(live_server.url, viewport)
    page.goto(live_server.url + "/search")
    page.fill("#q", QUESTION)
    page.locator("button", has_text="Ask").click()
    page.wait_for_url(re.compile(r"/ask\?q="))
    assert page.locator(".answer-sentence").count() > 0
    shoot(page, f"journey-answer-{viewport}")
    citation = page.locator("ol.sources a.cite").first
    cited = citation.text_content()
    citation.click()
    page.wait_for_url(re.compile(r"/documents/d[0-9a-f]+\?hl="))
    assert highlighted(page) == cited
    clean(guard)


def test_a_span_in_the_address_fragment_is_highlighted(live_server: Any, new_page: Any) -> None:
    page, guard = new_page(live_server.url)
    page.goto(live_server.url + "/documents")
    href = page.locator("ul.docs a").first.get_attribute("href")
    page.goto(f"{live_server.url}{href}#5-25")
    page.wait_for_url(re.compile(r"\?hl=5-25#hl$"))
    text = page.locator("#text").text_content()
    assert highlighted(page) == text[5:25]
    clean(guard)


def test_removed_boilerplate_opens_on_demand(live_server: Any, new_page: Any) -> None:
    page, guard = new_page(live_server.url)
    page.goto(live_server.url + "/documents")
    page.locator("ul.docs a").first.click()
    details = page.locator("details.removed")
    assert details.get_attribute("open") is None
    details.locator("summary").click()
    assert details.get_attribute("open") is not None
    clean(guard)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_merge_two_entities_and_split_them_again(
    writable_server: Any, new_page: Any, shoot: Any, viewport: str
) -> None:
    page, guard = new_page(writable_server.url, viewport)
    page.goto(writable_server.url + "/entities?type=PERSON")
    links = page.locator("table.list a.entity")
    first_name, other_href = links.nth(0).text_content(), links.nth(1).get_attribute("href")
    other_id = other_href.rsplit("/", 1)[-1]
    other_aliases = set(_aliases(page, writable_server.url + other_href))
    page.goto(writable_server.url + "/entities?type=PERSON")
    links.nth(0).click()
    own_aliases = set(page.locator("td.alias").all_text_contents())

    page.fill("#merge-other", other_id)
    page.fill("#merge-note", "one person, two spellings")
    page.locator("form[action$='/merge'] button").click()
    page.locator("#flash").wait_for()
    assert "one person, two spellings" in page.locator("#flash").text_content()
    assert set(page.locator("td.alias").all_text_contents()) >= own_aliases | other_aliases
    assert page.locator("li.judgement .reason").first.text_content() == "one person, two spellings"
    shoot(page, f"journey-merged-{viewport}")

    page.locator("li.judgement button", has_text="Undo").click()
    page.wait_for_url(re.compile(r"undone=\d+"))
    assert "undone" in page.locator("#flash").text_content()
    assert page.locator("h1").text_content() == first_name
    assert set(page.locator("td.alias").all_text_contents()) == own_aliases
    shoot(page, f"journey-split-{viewport}")
    clean(guard)


def _aliases(page: Any, url: str) -> list[str]:
    page.goto(url)
    found: list[str] = page.locator("td.alias").all_text_contents()
    return found


def test_upload_a_file_and_watch_its_job(
    writable_server: Any, new_page: Any, shoot: Any, tmp_path: Any
) -> None:
    article = tmp_path / "uploaded-note.txt"
    article.write_text(
        "A short uploaded note\n\nThe council of the city met on 3 May 2019 and agreed "
        "to reopen the market, officials said on Friday.\n",
        encoding="utf-8",
    )
    page, guard = new_page(writable_server.url)
    page.goto(writable_server.url + "/upload")
    page.set_input_files("#files", str(article))
    page.locator("form#upload button[type=submit]").click()
    page.locator("#upload-status", has_text="Done").wait_for(timeout=120_000)
    assert page.locator("#progress").get_attribute("value") == "100"
    shoot(page, "upload-done-desktop")
    clean(guard)
