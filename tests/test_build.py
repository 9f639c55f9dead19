"""storyline build: incremental, versioned, and never stopped or corrupted by bad input."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.build import BuildReport, build
from storyline.model import Status
from storyline.settings import Settings
from storyline.store import SQLiteStore

BODY = (
    "The regional council voted on Tuesday to recall its envoy from the capital, a decision "
    "that officials said had been weeks in the making. Critics called the move rushed and "
    "warned that it would harm trade between the two provinces for years to come. "
)


def page(title: str, paragraphs: int = 4) -> str:
    paras = "".join(f"<p>{BODY} Paragraph {n} of {title}.</p>" for n in range(paragraphs))
    return (
        f"<html><head><title>{title}</title></head><body><nav>Home News Sport</nav>"
        f"<article><h1>{title}</h1>{paras}</article><footer>© The Ledger</footer>"
        "</body></html>"
    )


def dump(title: str) -> str:
    return f"{title}\n\n{BODY}\n\n{BODY.replace('council', 'assembly')}\n"


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    return SQLiteStore(tmp_path / "kb.db")


def run(store: SQLiteStore, *paths: Path | str, **settings: object) -> BuildReport:
    return build([str(p) for p in paths], store, Settings(**settings))  # type: ignore[arg-type]


def by_status(report: BuildReport, status: Status) -> list[str]:
    return sorted(Path(o.path).name for o in report.outcomes if o.status is status)


def test_same_files_again_change_nothing(tmp_path: Path, store: SQLiteStore) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.html").write_text(page("Alpha"))
    (tmp_path / "in" / "b.txt").write_text(dump("Beta"))
    first = run(store, tmp_path / "in")
    assert first.counts()["ingested"] == 2 and first.exit_code() == 0
    ids = {d.id for d in store.documents()}
    again = run(store, tmp_path / "in")
    assert again.counts() == {"ingested": 0, "updated": 0, "unchanged": 2, "failed": 0}
    assert {d.id for d in store.documents()} == ids


def test_changed_text_is_a_new_version(tmp_path: Path, store: SQLiteStore) -> None:
    path = tmp_path / "a.txt"
    path.write_text(dump("Alpha"))
    run(store, path)
    path.write_text(dump("Alpha") + "\nA correction was appended to this article later on.\n")
    report = run(store, path)
    assert report.counts()["updated"] == 1
    versions = sorted(d.version for d in store.documents(include_superseded=True))
    assert versions == [1, 2]
    assert [d.version for d in store.documents()] == [2]


def test_document_ids_do_not_depend_on_the_folder(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(dump("Alpha"))
    ids = []
    for folder in ("one", "two"):
        kb = SQLiteStore(tmp_path / f"{folder}.db")
        run(kb, tmp_path / folder)
        ids.append([d.id for d in kb.documents()])
    assert ids[0] == ids[1]


def test_globs_and_missing_paths(tmp_path: Path, store: SQLiteStore) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "a.txt").write_text(dump("Alpha"))
    (tmp_path / "x" / "b.html").write_text(page("Beta"))
    report = run(store, str(tmp_path / "x" / "*.txt"), tmp_path / "nowhere")
    assert by_status(report, Status.INGESTED) == ["a.txt"]
    (failure,) = report.failures()
    assert "no such file" in failure.reason and report.exit_code() == 1


def test_nothing_usable_exits_2(tmp_path: Path, store: SQLiteStore) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert run(store, tmp_path / "empty.txt").exit_code() == 2


def warc_gz(pages: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, html in pages.items():
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=io.BytesIO(html.encode()), http_headers=headers
            )
        )
    return buffer.getvalue()


def bad_inputs(folder: Path) -> dict[str, str]:
    """Write one file per kind of bad input; return name → a word its failure reason holds."""
    folder.mkdir()
    (folder / "empty.html").write_bytes(b"")
    (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "broken.warc.gz").write_bytes(
        warc_gz({f"https://x.example/{n}": page(f"W{n}") for n in range(3)})[:900]
    )
    (folder / "teaser.xml").write_text(
        "<rss version='2.0'><channel><title>T</title><item><title>Only a teaser</title>"
        "<description>Read more on our site.</description></item></channel></rss>"
    )
    (folder / "bad.jsonl").write_text(
        json.dumps({"title": "No body here"}) + "\n" + json.dumps({"body": 42}) + "\n{oops\n"
    )
    (folder / "menu-only.html").write_text(
        "<html><body><nav><a>Home</a><a>News</a></nav></body></html>"
    )
    return {
        "empty.html": "empty",
        "image.html": "binary",
        "broken.warc.gz": "archive",
        "teaser.xml": "no full content",
        "bad.jsonl": "line",
        "menu-only.html": "text",
    }


def test_issue_3_bad_input_gets_a_status_and_the_batch_goes_on(
    tmp_path: Path, store: SQLiteStore
) -> None:
    good = tmp_path / "good"
    good.mkdir()
    (good / "a.html").write_text(page("Alpha"))
    run(store, good)
    kept = {d.id for d in store.documents()}
    expected = bad_inputs(tmp_path / "bad")
    (tmp_path / "bad" / "z-good.txt").write_text(dump("Zeta"))
    report = run(store, tmp_path / "bad", good)
    failed = {Path(o.path).name: o for o in report.failures()}
    assert set(failed) == set(expected)
    for name, word in expected.items():
        assert word in failed[name].reason.lower(), (name, failed[name].reason)
        assert failed[name].code.startswith("E")
    # the archive's records before the damage are kept; the damaged tail failed above
    assert by_status(report, Status.INGESTED) == ["broken.warc.gz", "z-good.txt"]
    assert kept <= {d.id for d in store.documents()}
    recorded = {(Path(r.path).name, r.status) for r in store.sources()}
    assert all((name, "failed") in recorded for name in expected)
    assert report.exit_code() == 1


@pytest.mark.parametrize(
    ("codec", "text"),
    [
        ("cp1251", "Бывший губернатор бежал из страны вчера вечером, сообщили чиновники. " * 5),
        ("latin-1", "Le gouverneur a quitté le pays à minuit, selon des sources officielles. " * 5),
    ],
)
def test_legacy_encodings_are_decoded_with_a_warning(
    tmp_path: Path, store: SQLiteStore, codec: str, text: str
) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(codec))
    report = run(store, path)
    assert report.counts()["ingested"] == 1
    (doc,) = store.documents()
    assert text.split(",")[0] in doc.text
    assert any("not UTF-8" in w for w in doc.warnings)


def test_invalid_utf8_is_repaired_and_noted(tmp_path: Path, store: SQLiteStore) -> None:
    path = tmp_path / "damaged.txt"
    path.write_bytes((dump("Alpha") + "The “envoy” left Zürich. " * 30).encode() + b"\xff\xfe.")
    run(store, path)
    (doc,) = store.documents()
    assert any("invalid UTF-8" in w for w in doc.warnings)


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path, store: SQLiteStore) -> None:
    path = tmp_path / "huge.html"
    paragraph = f"<p>{BODY}</p>".encode()
    with path.open("wb") as handle:
        handle.write(b"<html><body>")
        for _ in range(50 * 1024 * 1024 // len(paragraph) + 1):
            handle.write(paragraph)
        handle.write(b"</body></html>")
    assert path.stat().st_size > 50 * 1024 * 1024
    report = run(store, path)
    (failure,) = report.failures()
    assert failure.code == "E203" and "MB limit" in failure.reason


def test_html_nested_ten_thousand_levels_keeps_its_text(tmp_path: Path, store: SQLiteStore) -> None:
    path = tmp_path / "deep.html"
    inner = "".join(f"<p>{BODY} Paragraph {n}.</p>" for n in range(4))
    path.write_text(
        "<html><body>" + "<div>" * 10_000 + inner + "</div>" * 10_000 + "</body></html>"
    )
    report = run(store, path)
    assert report.counts()["ingested"] == 1, report.failures()
    (doc,) = store.documents()
    assert "recall its envoy" in doc.text
    assert any("flattened" in w for w in doc.warnings)


def test_a_file_that_vanishes_mid_run_is_recorded(tmp_path: Path, store: SQLiteStore) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(dump(name.upper()))

    def vanish(path: Path) -> None:
        if path.name == "a.txt":
            (tmp_path / "b.txt").unlink()

    report = build([str(tmp_path)], store, Settings(), on_file=vanish)
    (failure,) = report.failures()
    assert Path(failure.path).name == "b.txt" and "vanished" in failure.reason
    assert by_status(report, Status.INGESTED) == ["a.txt", "c.txt"]


def test_unsupported_file_named_explicitly_is_refused(tmp_path: Path, store: SQLiteStore) -> None:
    path = tmp_path / "table.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    (failure,) = run(store, path).failures()
    assert failure.code == "E201"


def test_gzip_that_is_not_a_warc_is_refused(tmp_path: Path, store: SQLiteStore) -> None:
    path = tmp_path / "x.warc.gz"
    path.write_bytes(gzip.compress(b"plain text, not an archive " * 50))
    (failure,) = run(store, path).failures()
    assert failure.code.startswith("E2")


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_issue_9_two_builds_at_once_never_corrupt_the_store(
    tmp_path: Path, backend: str, request: pytest.FixtureRequest
) -> None:
    """SQLite queues the second build's batches behind the first's write lock; PostgreSQL
    refuses the second build at once with E401. Either way every document of the build
    that ran is whole, and a rerun afterwards completes the other."""
    import threading

    from storyline.errors import StoreBusyError
    from storyline.store import open_store

    db = str(tmp_path / "kb.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    folders = []
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        for n in range(12):
            (folder / f"{name}{n}.html").write_text(page(f"{name.upper()} story {n}"))
        folders.append(folder)
    settings = Settings(db=db, analyse=False, batch_size=2)
    errors: list[BaseException] = []

    def one(folder: Path) -> None:
        try:
            store = open_store(db)  # both may create the store: neither must fail
            try:
                build([str(folder)], store, settings)
            finally:
                store.close()
        except BaseException as exc:  # collected for the assertions below
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(f,)) for f in folders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(isinstance(e, StoreBusyError) for e in errors), errors
    if backend == "sqlite":
        assert errors == []
    for folder in folders:
        one(folder)  # the refused build, run again (a no-op for the one that ran)
    store = open_store(db)
    try:
        docs = list(store.documents())
        assert len(docs) == 24 and all(d.text for d in docs)
        assert store.passage_count() >= 24
        assert {s.status for s in store.sources()} <= {"ingested", "unchanged"}
    finally:
        store.close()
