"""Readers: each input format gives raw articles, and bad items fail alone."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.errors import EmptyInputError, InputError, MalformedInputError
from storyline.ingest.readers import READERS, ReadFailure
from storyline.model import RawArticle

PARAGRAPH = (
    "The regional council voted on Tuesday to recall its envoy, a decision that "
    "officials said had been weeks in the making and that critics called rushed. "
)


def read(fmt: str, data: bytes, name: str = "input") -> list[RawArticle | ReadFailure]:
    return list(READERS.get(fmt)(Path(f"/corpus/{name}"), data))


def test_text_reader_keeps_the_text() -> None:
    (item,) = read("text", PARAGRAPH.encode())
    assert isinstance(item, RawArticle)
    assert item.content == PARAGRAPH and not item.is_html and item.key == "/corpus/input"


def test_jsonl_reads_objects_and_fails_bad_lines_alone() -> None:
    lines = [
        json.dumps(
            {
                "title": "One",
                "author": "A. Writer",
                "published": "2019-03-14",
                "url": "https://example.org/one",
                "body": PARAGRAPH,
            }
        ),
        "{not json",
        json.dumps({"title": "Two", "text": PARAGRAPH, "publisher": "The Ledger"}),
        json.dumps({"title": "Three"}),
        json.dumps({"title": ["not", 1], "body": PARAGRAPH}),
        json.dumps({"body": {"nested": True}}),
        json.dumps(["not", "an", "object"]),
    ]
    items = read("jsonl", "\n".join(lines).encode(), "a.jsonl")
    ok = [i for i in items if isinstance(i, RawArticle)]
    failed = [i for i in items if isinstance(i, ReadFailure)]
    assert [a.hints.title for a in ok] == ["One", "Two", None]
    assert ok[0].hints.url == "https://example.org/one" and ok[0].hints.author == "A. Writer"
    assert ok[1].hints.publisher == "The Ledger"
    assert any("ignored" in note for note in ok[2].warnings)
    reasons = [f.error.message for f in failed]
    assert len(failed) == 4
    assert "line 2: invalid JSON" in reasons[0]
    assert "no article text" in reasons[1]
    assert "must be a string" in reasons[2]
    assert "expected an object" in reasons[3]


def test_json_reads_a_list_or_an_articles_object() -> None:
    data = json.dumps(
        {
            "articles": [
                {"title": "A", "body": PARAGRAPH},
                {"title": "B", "html": f"<p>{PARAGRAPH}</p>"},
            ]
        }
    )
    items = read("json", data.encode())
    assert all(isinstance(i, RawArticle) for i in items)
    assert [i.is_html for i in items if isinstance(i, RawArticle)] == [False, True]


def test_invalid_json_file_is_malformed() -> None:
    with pytest.raises(MalformedInputError):
        read("json", b'{"title": "A", "body": ')


FEED = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>The Ledger</title>
<item><title>Full story</title><link>https://ledger.example/full</link>
<dc:creator>Jane Roe</dc:creator><pubDate>Tue, 14 Mar 2017 09:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>{p}</p><p>{p}</p>]]></content:encoded></item>
<item><title>Teaser only</title><link>https://ledger.example/teaser</link>
<description>Read the whole story on our site.</description></item>
</channel></rss>""".replace("{p}", PARAGRAPH)


def test_feed_entries_with_content_are_articles_and_teasers_fail() -> None:
    full, teaser = read("feed", FEED.encode(), "feed.xml")
    assert isinstance(full, RawArticle) and full.is_html
    assert full.hints.title == "Full story" and full.hints.author == "Jane Roe"
    assert full.hints.publisher == "The Ledger" and full.hints.url == "https://ledger.example/full"
    assert isinstance(teaser, ReadFailure)
    assert isinstance(teaser.error, EmptyInputError) and "no full content" in teaser.error.message


def test_feed_without_entries_is_malformed() -> None:
    with pytest.raises(MalformedInputError, match="no entries"):
        read("feed", b"<rss><channel><title>x</title></channel></rss>")


def warc_bytes(pages: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, html in pages.items():
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0"
        )
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(html.encode()), http_headers=headers
        )
        writer.write_record(record)
    return buffer.getvalue()


def test_warc_response_records_are_articles() -> None:
    data = warc_bytes(
        {"https://a.example/1": f"<p>{PARAGRAPH}</p>", "https://a.example/2": f"<p>{PARAGRAPH}</p>"}
    )
    items = read("warc", data, "crawl.warc.gz")
    assert [i.hints.url for i in items if isinstance(i, RawArticle)] == [
        "https://a.example/1",
        "https://a.example/2",
    ]


def test_truncated_warc_keeps_the_records_before_the_damage() -> None:
    pages = {f"https://a.example/{n}": f"<p>{PARAGRAPH * 20} {n}</p>" for n in range(4)}
    data = warc_bytes(pages)
    items = read("warc", data[: int(len(data) * 0.7)], "crawl.warc.gz")
    assert isinstance(items[-1], ReadFailure) and "damaged" in items[-1].error.message
    assert 1 <= sum(isinstance(i, RawArticle) for i in items) < 4


def test_garbage_warc_is_refused() -> None:
    with pytest.raises(InputError):
        read("warc", gzip.compress(b"this is not a warc file" * 10), "x.warc.gz")


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF with ``text`` in Helvetica, with a correct cross-reference table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_pdf_text_is_read() -> None:
    (item,) = read("pdf", minimal_pdf("The council recalled its envoy."), "a.pdf")
    assert isinstance(item, RawArticle)
    assert "recalled its envoy" in item.content


def test_broken_pdf_is_malformed() -> None:
    with pytest.raises(InputError):
        read("pdf", b"%PDF-1.4\nthis is not really a pdf", "a.pdf")
