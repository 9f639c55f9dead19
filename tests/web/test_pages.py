"""The pages without a browser: each answers on the sample corpus, inert and well linked."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.settings import Settings
from storyline.web import create_app

SAME_ORIGIN = {"origin": "http://testserver"}


class Inspector(HTMLParser):
    """Everything a page holds that a strict CSP would block or that could run."""

    def __init__(self) -> None:
        super().__init__()
        self.inline_scripts: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.handlers: list[str] = []
        self.links: list[str] = []
        self.ids: dict[str, int] = {}
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name, _ in attrs:
            if name.startswith("on"):
                self.handlers.append(f"{tag} {name}")
        if "style" in found:
            self.styles.append(tag)
        if tag == "style":
            self.styles.append("<style>")
        if tag == "script":
            self._in_script = True
            if found.get("src"):
                self.scripts.append(found["src"] or "")
        if tag == "a" and found.get("href") is not None:
            self.links.append(found["href"] or "")
        if found.get("id"):
            key = found["id"] or ""
            self.ids[key] = self.ids.get(key, 0) + 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts.append(data)


def inspect(html: str) -> Inspector:
    found = Inspector()
    found.feed(html)
    return found


@pytest.fixture(scope="module")
def client(examples_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=str(examples_db)))) as client:
        yield client


@pytest.fixture
def writer(writable_examples_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=str(writable_examples_db)))) as client:
        yield client


def first(client: TestClient, path: str, pattern: str) -> str:
    found = re.search(pattern, client.get(path).text)
    assert found, f"no {pattern} on {path}"
    return found.group(1)


def page_paths(client: TestClient) -> list[str]:
    doc = first(client, "/documents", r'href="/documents/(d[0-9a-f]+)"')
    entity = first(client, "/entities", r'href="/entities/(e[0-9a-f]+)"')
    return [
        "/",
        "/documents",
        f"/documents/{doc}",
        f"/documents/{doc}?hl=0-20",
        "/entities",
        "/entities?type=PERSON",
        f"/entities/{entity}",
        "/timeline",
        "/timeline?zoom=month",
        "/timeline?zoom=day",
        f"/timeline?entity={entity}",
        "/conflicts",
        "/conflicts?agree=1",
        "/conflicts/0",
        "/search",
        "/search?q=ambassador",
        "/ask?q=Who+granted+asylum+to+the+governor%3F",
        "/upload",
    ]


def test_every_page_answers_with_html_and_the_security_policy(client: TestClient) -> None:
    for path in page_paths(client):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html"), path
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_no_page_holds_inline_script_style_or_handlers(client: TestClient) -> None:
    for path in page_paths(client):
        found = inspect(client.get(path).text)
        assert found.inline_scripts == [], path
        assert found.styles == [], path
        assert found.handlers == [], path
        assert all(src.startswith("/static/") for src in found.scripts), path
        assert not [h for h in found.links if h.lower().lstrip().startswith("javascript:")], path
        assert all(count == 1 for count in found.ids.values()), (path, found.ids)


def test_unknown_ids_answer_an_html_page_with_the_message(client: TestClient) -> None:
    for path in ("/documents/dnosuchdocument", "/entities/no-such-entity-anywhere", "/nowhere"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("text/html"), path
        assert 'role="alert"' in response.text and "Overview" in response.text
    assert "no-such-entity-anywhere" in client.get("/entities/no-such-entity-anywhere").text
    assert client.get("/api/no-such-thing").json()["code"] == "H404"  # the API keeps JSON


def test_reader_highlights_exactly_the_requested_span(client: TestClient) -> None:
    doc = first(client, "/documents", r'href="/documents/(d[0-9a-f]+)"')
    text = client.get(f"/api/documents/{doc}").json()["text"]
    html = client.get(f"/documents/{doc}?hl=10-60").text
    found = re.search(r'<mark class="m m-hl" id="hl"[^>]*>(.*?)</mark>(?=\s*<|[^<]*)', html, re.S)
    assert found
    inner = highlighted(html)
    assert inner == text[10:60]


def highlighted(html: str) -> str:
    """The text inside the element with id="hl" (its nested marks dropped)."""
    start = html.index('id="hl"')
    start = html.index(">", start) + 1
    depth, pos, out = 0, start, []
    for match in re.finditer(r"<(/?)(mark|a)\b[^>]*>", html[start:]):
        out.append(html[pos : start + match.start()])
        pos = start + match.end()
        if match.group(1):
            if depth == 0:
                break
            depth -= 1
        else:
            depth += 1
    import html as html_lib

    return html_lib.unescape("".join(out))


def test_a_bad_span_shows_the_text_without_a_highlight(client: TestClient) -> None:
    doc = first(client, "/documents", r'href="/documents/(d[0-9a-f]+)"')
    html = client.get(f"/documents/{doc}?hl=99999999-999999999").text
    assert 'id="hl"' not in html and "not inside this text" in html


def test_reader_keeps_the_removed_boilerplate_behind_details(client: TestClient) -> None:
    for doc in re.findall(r'href="/documents/(d[0-9a-f]+)"', client.get("/documents").text):
        removed = client.get(f"/api/documents/{doc}").json()["removed"]
        if removed:
            html = client.get(f"/documents/{doc}").text
            assert '<details class="removed">' in html
            assert f"({len(removed)} cuts)" in html
            return
    pytest.fail("no sample document had cuts")


def test_citation_links_point_only_at_our_reader(client: TestClient) -> None:
    for path in ("/timeline", "/conflicts", "/entities?type=PERSON"):
        for href in inspect(client.get(path).text).links:
            assert href.startswith(("/", "#")), (path, href)
    links = inspect(client.get("/conflicts").text).links
    assert any(re.fullmatch(r"/documents/d[0-9a-f]+\?hl=\d+-\d+#hl", h) for h in links)


def test_timeline_zooms_from_years_to_months_to_days(client: TestClient) -> None:
    years = client.get("/timeline?zoom=year").text
    found = re.findall(r'href="/timeline\?zoom=month&amp;period=(\d{4})"', years)
    assert found
    zoomed = {}
    for year in found:
        months = client.get(f"/timeline?zoom=month&period={year}").text
        assert "all years" in months and f"<strong>{year}</strong>" in months
        zoomed.update(re.findall(rf'href="/timeline\?zoom=day&amp;period=(({year})-\d\d)"', months))
    assert zoomed, "some year with dated events has months to zoom into"
    month = next(iter(zoomed))
    days = client.get(f"/timeline?zoom=day&period={month}").text
    assert 'class="event' in days and f"zoom=month&amp;period={month[:4]}" in days
    for day in re.findall(r'<section class="period".*?</h2>', days, re.S):
        assert re.search(r"\d{1,2} [A-Z][a-z]+ \d{4}", day) or "day not known" in day


def test_timeline_filter_by_entity_and_outlet(client: TestClient) -> None:
    entity = first(client, "/entities?type=PERSON", r'href="/entities/(e[0-9a-f]+)"')
    everything = client.get("/timeline").text.count('<li class="event')
    filtered = client.get(f"/timeline?entity={entity}").text
    assert 0 < filtered.count('<li class="event') <= everything
    outlet = client.get("/api/outlets").json()[0]["name"]
    by_outlet = client.get("/timeline", params={"outlet": outlet}).text
    assert by_outlet.count('<li class="event') <= everything
    unknown = client.get("/timeline?entity=nobody-at-all-here")
    assert unknown.status_code == 404 and "nobody-at-all-here" in unknown.text


def test_entity_page_shows_aliases_with_counts(client: TestClient) -> None:
    entity = first(client, "/entities?type=PERSON", r'href="/entities/(e[0-9a-f]+)"')
    profile = client.get(f"/api/entities/{entity}").json()
    html = client.get(f"/entities/{entity}").text
    for alias in profile["aliases"]:
        assert f'<td class="alias">{alias["text"]}</td><td>{alias["count"]}</td>' in html


def test_entity_names_redirect_to_the_id(client: TestClient) -> None:
    entity = client.get("/api/entities", params={"type": "PERSON"}).json()["items"][0]
    response = client.get(f"/entities/{entity['name']}", follow_redirects=False)
    assert (
        response.status_code == 303 and response.headers["location"] == f"/entities/{entity['id']}"
    )


def test_merge_then_undo_through_the_forms(writer: TestClient) -> None:
    people = writer.get("/api/entities", params={"type": "PERSON"}).json()["items"]
    a, b = people[0], people[1]
    before = writer.get("/api/entities").json()["total"]
    merged = writer.post(
        f"/entities/{a['id']}/merge",
        data={"other": b["id"], "note": "same person <b>really</b>"},
        headers=SAME_ORIGIN,
    )
    assert merged.status_code == 200 and "Recorded judgement" in merged.text
    assert "same person &lt;b&gt;really&lt;/b&gt;" in merged.text
    assert writer.get("/api/entities").json()["total"] == before - 1
    aliases = {x["text"] for x in a["aliases"]} | {x["text"] for x in b["aliases"]}
    assert all(
        f'<td class="alias">{alias}</td>' in merged.text for alias in aliases if "'" not in alias
    )
    judgement = re.search(r'action="/judgements/(\d+)/undo"', merged.text)
    assert judgement
    undone = writer.post(f"/judgements/{judgement.group(1)}/undo", data={}, headers=SAME_ORIGIN)
    assert undone.status_code == 200 and "was undone" in undone.text
    assert writer.get("/api/entities").json()["total"] == before


def test_split_by_spelling_through_the_form(writer: TestClient) -> None:
    people = writer.get("/api/entities", params={"type": "PERSON", "limit": 200}).json()["items"]
    for entity in (e for e in people if len(e["aliases"]) > 1):
        a = entity["aliases"][0]["text"]
        for b in (x["text"] for x in entity["aliases"][1:]):
            form = {"a": a, "b": b, "note": "two people"}
            url = f"/entities/{entity['id']}/split"
            response = writer.post(url, data=form, headers=SAME_ORIGIN)
            if response.status_code == 200:
                assert "Recorded judgement" in response.text and "two people" in response.text
                now = response.url.path.rsplit("/", 1)[-1]
                after = writer.get(f"/api/entities/{now}").json()
                assert after["mentions"] < entity["mentions"]  # one side left the entity
                assert any(j["kind"] == "split" for j in after["judgements"])
                return
            assert response.status_code == 409 and "cannot be told apart" in response.text
    pytest.fail("no two spellings of one sample entity could be split")


def test_a_refused_judgement_is_an_html_page_with_the_reason(writer: TestClient) -> None:
    entity = writer.get("/api/entities").json()["items"][0]
    response = writer.post(
        f"/entities/{entity['id']}/merge", data={"other": entity["id"]}, headers=SAME_ORIGIN
    )
    assert response.status_code == 409
    assert "already one entity" in response.text and 'role="alert"' in response.text


def test_cross_site_form_posts_are_refused(writer: TestClient) -> None:
    people = writer.get("/api/entities", params={"type": "PERSON"}).json()["items"]
    url = f"/entities/{people[0]['id']}/merge"
    form = {"other": people[1]["id"]}
    for headers in ({}, {"origin": "https://evil.example"}, {"sec-fetch-site": "cross-site"}):
        response = writer.post(url, data=form, headers=headers)
        assert response.status_code == 403, headers
        assert response.headers["content-type"].startswith("text/html")
    assert writer.get("/api/judgements").json()["total"] == 0
