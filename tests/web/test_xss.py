"""Hostile articles: script, markup, template and direction payloads in the text and in
the title, author and publisher are shown as text on every page and never run.

One article carries the payloads twice, as an HTML page (escaped into its text and
metadata, plus raw markup that must vanish) and as a plain-text dump. Every page is
checked as HTML (nothing inline could run under any policy) and in Chromium (no dialog,
no request beyond the server, no script error, the payload text visible as text).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storyline.settings import Settings
from storyline.web import create_app

from .test_pages import inspect

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<svg onload=alert(3)>",
    '"><script>alert(4)</script>',
    "'><script>alert(5)</script>",
    "</textarea><script>alert(6)</script>",
    "</style><script>alert(7)</script>",
    "</title><script>alert(8)</script>",
    '<a href="javascript:alert(9)">click</a>',
    "javascript:alert(10)",
    '<iframe src="javascript:alert(11)"></iframe>',
    "<body onload=alert(12)>",
    "<input autofocus onfocus=alert(13)>",
    "<details open ontoggle=alert(14)>",
    "<video><source onerror=alert(15)></video>",
    "<audio src=x onerror=alert(16)>",
    "<marquee onstart=alert(17)>",
    '<object data="javascript:alert(18)">',
    '<embed src="javascript:alert(19)">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(20)>",
    '<img src="http://evil.example/21.png">',
    '<link rel=stylesheet href="http://evil.example/22.css">',
    "<style>@import 'http://evil.example/23.css';</style>",
    '<div style="background:url(http://evil.example/24.png)">',
    "x:expression(alert(25))",
    "{{7*7}}",
    "${7*7}",
    "{{ config.items() }}",
    "{{ ''.__class__.__mro__ }}",
    "<%= 7*7 %>",
    "#{7*7}",
    "\u202etxt.exe",
    "\u200b<script>alert(33)</script>",
    "<scr<script>ipt>alert(34)</scr</script>ipt>",
    "<SCRIPT SRC=http://evil.example/35.js></SCRIPT>",
    "<img src=x:alert(36) onerror=eval(src)>",
    "<svg><script>alert&#40;37&#41;</script></svg>",
    "&lt;script&gt;alert(38)&lt;/script&gt;",
    '<base href="http://evil.example/39/">',
    '<meta http-equiv="refresh" content="0;url=http://evil.example/40">',
    '<form action="http://evil.example/41"><button>go</button></form>',
    "<isindex action=javascript:alert(42)>",
    '<img srcset="http://evil.example/43.png 1x">',
    '<noscript><p title="</noscript><img src=x onerror=alert(44)>">',
    '<!--<img src="--><img src=x onerror=alert(45)//">',
    "]]><script>alert(46)</script>",
    "<xmp><script>alert(47)</script></xmp>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCg0OCk8L3NjcmlwdD4=",
    "vbscript:msgbox(49)",
    '<a href="//evil.example/50">x</a>',
    '" onmouseover="alert(51)',
    "' onfocus='alert(52)' autofocus='",
    "`-alert(53)-`",
    "</script><script>alert(54)</script>",
    "<template><script>alert(55)</script></template>",
    "<svg><animate onbegin=alert(57) attributeName=x dur=1s>",
    "<img src=x onerror=window.__xss=58>",
    "}</style><style>body{display:none}</style>",
    "\u202egnp.exe\u202c",
]
TITLE = "Governor <script>alert('title')</script> \"><img src=x onerror=alert('t')> {{7*7}}"
AUTHOR = "Mara <img src=x onerror=alert('author')> Pell"
PUBLISHER = "The <svg onload=alert('pub')> Herald {{7*7}}"
# A template engine that evaluated "{{7*7}}" in the sentences below would write this.
EVALUATED = "wrote 49 on"


# Names with markup characters that the recogniser keeps as names (lower-case payloads
# alone are no names), so that entity names are escaped too.
NAMED = "Officials of Johnson & Johnson and of Velt <Holdings> visited Ardan on 6 March 2019."


def sentences() -> list[str]:
    return [
        f"Witness number {i} in Ardan wrote {p} on a wall near the market on 5 March 2019, "
        "the police said."
        for i, p in enumerate(PAYLOADS, 1)
    ] + [NAMED]


def write_corpus(folder: Path) -> None:
    """The payload article as a plain-text dump and as an HTML page."""
    text = f"{TITLE}\nBy {AUTHOR} | 6 March 2019\n\n" + "\n\n".join(sentences()) + "\n"
    (folder / "payload.txt").write_text(text, encoding="utf-8")
    e = html.escape
    body = "".join(f"<p>{e(s)}</p>\n" for s in sentences())
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{e(TITLE)}</title>
<meta name="author" content="{e(AUTHOR)}">
<meta property="og:site_name" content="{e(PUBLISHER)}">
<meta property="og:title" content="{e(TITLE)}">
<meta property="og:url" content="javascript:alert('url')">
<meta property="article:published_time" content="2019-03-06T10:00:00Z">
<script>alert('raw')</script></head><body><article><h1>{e(TITLE)}</h1>
<p class="byline">By {e(AUTHOR)}</p>
{body}<p onclick="alert('onclick')">Raw markup <img src=x onerror=alert('raw')> ends here.</p>
</article></body></html>"""
    (folder / "payload.html").write_text(page, encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from storyline.build import build
    from storyline.store import SQLiteStore

    folder = tmp_path_factory.mktemp("hostile-corpus")
    write_corpus(folder)
    db = tmp_path_factory.mktemp("hostile-kb") / "kb.db"
    store = SQLiteStore(db)
    try:
        build([str(folder)], store, Settings(db=str(db)))
    finally:
        store.close()
    return db


@pytest.fixture(scope="module")
def client(hostile_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=str(hostile_db)))) as client:
        yield client


@pytest.fixture(scope="module")
def hostile_server(hostile_db: Path) -> Iterator[Any]:
    from .conftest import serve

    yield from serve(hostile_db)


def documents(client: TestClient) -> list[dict[str, Any]]:
    items = client.get("/api/documents").json()["items"]
    return [client.get(f"/api/documents/{d['id']}").json() for d in items]


def page_paths(client: TestClient) -> list[str]:
    docs = [d["id"] for d in client.get("/api/documents").json()["items"]]
    entities = [e["id"] for e in client.get("/api/entities", params={"limit": 200}).json()["items"]]
    return [
        "/",
        "/documents",
        *(f"/documents/{d}" for d in docs),
        *(f"/documents/{d}?hl=0-40" for d in docs),
        "/entities",
        *(f"/entities/{e}" for e in entities),
        "/timeline",
        "/timeline?zoom=month&period=2019",
        "/timeline?zoom=day&period=2019-03",
        "/conflicts",
        "/search?q=script+alert",
        "/search?q=%3Cscript%3E",
        "/ask?q=What+did+witness+number+1+write+on+the+wall%3F",
        "/upload",
    ]


def test_the_payloads_reach_the_knowledge_base(client: TestClient) -> None:
    found = documents(client)
    assert len(found) == 2
    for doc in found:
        kept = [p for p in PAYLOADS if p in doc["text"]]
        assert len(kept) >= 50, f"{doc['path']} kept only {len(kept)} payloads"
    page = next(d for d in found if d["path"].endswith(".html"))
    assert (page["title"], page["author"]) == (TITLE, AUTHOR) and page["publisher"] == PUBLISHER
    names = [e["name"] for e in client.get("/api/entities").json()["items"]]
    assert any("<" in n or '"' in n or "&" in n for n in names), "entity names carry markup too"


def test_every_page_holds_nothing_that_could_run(client: TestClient) -> None:
    for path in page_paths(client):
        response = client.get(path)
        assert response.status_code == 200, path
        found = inspect(response.text)
        assert found.inline_scripts == [] and found.handlers == [] and found.styles == [], path
        assert all(src.startswith("/static/") for src in found.scripts), path
        for href in found.links:
            assert href.startswith(("/", "#")), (path, href)  # never an article's link
        assert EVALUATED not in response.text, path


def test_reader_shows_the_payloads_escaped(client: TestClient) -> None:
    for doc in documents(client):
        body = client.get(f"/documents/{doc['id']}").text
        assert "{{7*7}}" in body and EVALUATED not in body
        assert "&lt;script&gt;" in body and "&lt;img src=x onerror=" in body
        assert "<script>alert" not in body
        assert "javascript:alert('url')" not in re.findall(r'href="([^"]*)"', body)


def visible_text(page: Any, selector: str) -> str:
    text: str = page.locator(selector).first.text_content()
    return text


def test_no_page_runs_a_payload_in_the_browser(
    client: TestClient, hostile_server: Any, new_page: Any
) -> None:
    page, guard = new_page(hostile_server.url)
    for path in page_paths(client):
        page.goto(hostile_server.url + path)
        page.locator("main h1").first.wait_for()
        assert page.evaluate("typeof window.__xss") == "undefined", path
        assert EVALUATED not in page.content(), path
    assert guard.dialogs == [], guard.dialogs
    assert guard.foreign == [], guard.foreign
    assert guard.errors == [], guard.errors
    assert len(guard.requests) >= len(page_paths(client))


def test_payload_text_is_visible_as_text(
    client: TestClient, hostile_server: Any, new_page: Any
) -> None:
    page, guard = new_page(hostile_server.url)
    for doc in documents(client):
        page.goto(f"{hostile_server.url}/documents/{doc['id']}")
        assert visible_text(page, "#text") == doc["text"]  # every character, as text
        assert visible_text(page, "main h1") == (doc["title"] or "(untitled)")
        assert page.locator("#text script, #text img, #text svg, #text iframe").count() == 0
    for entity in client.get("/api/entities").json()["items"]:
        page.goto(f"{hostile_server.url}/entities/{entity['id']}")
        assert visible_text(page, "main h1") == entity["name"]
    page.goto(f"{hostile_server.url}/")
    assert PUBLISHER in page.locator("main").inner_text()
    page.goto(f"{hostile_server.url}/search?q=script")
    snippets = " ".join(page.locator(".snippet").all_text_contents())
    assert "<script>" in snippets
    assert guard.dialogs == [] and guard.foreign == [] and guard.errors == []
