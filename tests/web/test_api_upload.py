"""Uploads: safe names, type checks, the size limit while streaming, and the ingest job."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storyline.settings import Settings
from storyline.web import create_app
from storyline.web.api_upload import safe_name, type_problem
from storyline.web.jobs import upload_folder

WRITE = {"X-Storyline": "1"}
ARTICLE = (
    "Harbour Authority Opens New Pier\n\n"
    "The Harbour Authority of Port Elvane opened a new pier on 3 March 2019, its director "
    'Mara Quillon said. "The pier doubles our capacity," Quillon told reporters.\n'
)


def client_for(db: Path, **settings: Any) -> TestClient:
    return TestClient(create_app(Settings(db=str(db), **settings)), base_url="http://127.0.0.1")


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("../../etc/passwd", "passwd"),
        ("/etc/passwd", "passwd"),
        ("..\\..\\windows\\system32\\a.txt", "a.txt"),
        ("C:\\Users\\me\\story.html", "story.html"),
        ("evil\x00.txt", "evil.txt"),
        ("..", "upload"),
        (".env", "env"),
        ("", "upload"),
        ("a b;rm -rf *.txt", "a_b_rm_-rf_.txt"),
        ("ＡＢ／..／x.txt", "x.txt"),  # full-width letters and slashes fold first
        ("Блен.html", "Блен.html"),
    ],
)
def test_file_names_are_reduced_to_a_safe_basename(raw: str, safe: str) -> None:
    assert safe_name(raw) == safe
    assert "/" not in safe_name(raw) and "\\" not in safe_name(raw)


def test_long_names_keep_their_ending() -> None:
    name = safe_name("x" * 500 + ".warc.gz")
    assert len(name) <= 120 and name.endswith(".warc.gz")


@pytest.mark.parametrize(
    ("name", "head", "ok"),
    [
        ("a.txt", b"Plain words.", True),
        ("a.html", b"<!doctype html><p>x</p>", True),
        ("a.json", b' {"text": "x"}', True),
        ("a.jsonl", b'{"text": "x"}\n', True),
        ("a.pdf", b"%PDF-1.7\n", True),
        ("a.warc", b"WARC/1.0\r\n", True),
        ("a.warc.gz", b"\x1f\x8b\x08\x00", True),
        ("a.txt", "UTF-16 text".encode("utf-16"), True),
        ("a.exe", b"MZ\x90\x00", False),
        ("a.docx", b"PK\x03\x04", False),
        ("a.pdf", b"<html>not a pdf</html>", False),
        ("a.txt", b"\x7fELF\x02\x01", False),
        ("a.txt", b"abc\x00def", False),
        ("a.json", b"not json", False),
        ("a.warc.gz", b"WARC/1.0", False),
        ("a.html", b"\x89PNG\r\n", False),
    ],
)
def test_file_types_are_checked_by_name_and_content(name: str, head: bytes, ok: bool) -> None:
    assert (type_problem(name, head) is None) is ok


def test_traversal_names_are_saved_inside_the_upload_folder(writable_examples_db: Path) -> None:
    client = client_for(writable_examples_db, analyse=False)
    files = [
        ("files", ("../../outside.txt", ARTICLE.encode(), "text/plain")),
        ("files", ("/tmp/abs.txt", ARTICLE.replace("new", "second").encode(), "text/plain")),
    ]
    response = client.post("/api/ingest", files=files, headers=WRITE)
    assert response.status_code == 202, response.text
    assert response.json()["files"] == ["outside.txt", "abs.txt"]
    client.app.state.jobs.wait(120)  # type: ignore[attr-defined]
    folder = upload_folder(client.app.state.kb)  # type: ignore[attr-defined]
    assert (folder / "outside.txt").is_file() and (folder / "abs.txt").is_file()
    assert not (writable_examples_db.parent.parent / "outside.txt").exists()
    assert not list((folder / ".incoming").iterdir())  # staging cleaned up


@pytest.mark.parametrize(
    ("name", "content"),
    [("virus.exe", b"MZ\x90\x00"), ("fake.pdf", b"<html></html>"), ("bin.txt", b"\x00\x01")],
)
def test_wrong_file_types_are_refused_with_415(
    writable_examples_db: Path, name: str, content: bytes
) -> None:
    client = client_for(writable_examples_db)
    response = client.post("/api/ingest", files={"files": (name, content)}, headers=WRITE)
    assert response.status_code == 415 and response.json()["code"] == "H415"
    assert name.split(".")[0] in response.json()["error"]
    assert not list(upload_folder(client.app.state.kb).rglob(name))  # type: ignore[attr-defined]


def test_the_size_limit_holds_while_streaming_without_a_length(writable_examples_db: Path) -> None:
    client = client_for(writable_examples_db, max_upload_mb=0.01)
    boundary = "storylineboundary"

    def body() -> Iterator[bytes]:
        yield (
            f"--{boundary}\r\nContent-Disposition: form-data; name=files; "
            'filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n'
        ).encode()
        for _ in range(100):
            yield b"word " * 200
        yield f"\r\n--{boundary}--\r\n".encode()

    headers = {**WRITE, "Content-Type": f"multipart/form-data; boundary={boundary}"}
    response = client.post("/api/ingest", content=body(), headers=headers)
    assert response.status_code == 413 and response.json()["code"] == "H413"
    assert not list(upload_folder(client.app.state.kb).rglob("big.txt"))  # type: ignore[attr-defined]


def test_an_upload_needs_files_as_multipart(writable_examples_db: Path) -> None:
    client = client_for(writable_examples_db)
    assert client.post("/api/ingest", json={"files": []}, headers=WRITE).status_code == 415
    empty = client.post("/api/ingest", files={"note": (None, "x")}, headers=WRITE)
    assert empty.status_code == 400


def test_an_upload_needs_the_same_site_header(writable_examples_db: Path) -> None:
    client = client_for(writable_examples_db)
    response = client.post("/api/ingest", files={"files": ("a.txt", ARTICLE.encode())})
    assert response.status_code == 403


def test_the_ingest_job_builds_the_upload_into_the_knowledge_base(
    writable_examples_db: Path,
) -> None:
    client = client_for(writable_examples_db)
    before = client.get("/api/documents").json()["total"]
    response = client.post(
        "/api/ingest", files={"files": ("pier.txt", ARTICLE.encode(), "text/plain")}, headers=WRITE
    )
    assert response.status_code == 202, response.text
    job = response.json()
    assert job["state"] in {"queued", "running"} and job["files"] == ["pier.txt"]
    client.app.state.jobs.wait(300)  # type: ignore[attr-defined]
    done = client.get(f"/api/jobs/{job['id']}").json()
    assert done["state"] == "done", done
    assert done["report"]["counts"]["ingested"] == 1 and not done["report"]["failures"]
    assert done["done"] == done["total"]
    (doc_id,) = done["report"]["documents"]
    assert client.get("/api/documents").json()["total"] == before + 1
    doc = client.get(f"/api/documents/{doc_id}").json()
    assert "Port Elvane" in doc["text"]
    names = {
        e["name"] for e in client.get("/api/entities", params={"q": "Quillon"}).json()["items"]
    }
    assert any("Quillon" in name for name in names)
