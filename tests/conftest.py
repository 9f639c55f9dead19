"""Shared fixtures: paths to the sample corpus and to ../shared (skipped when absent)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from storyline.hashing import content_id
from storyline.model import DatedValue, Document, Metadata, Precision, Removed
from storyline.store.base import Store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def shared_root() -> Path:
    """../shared beside the clone, or wherever STORYLINE_SHARED points."""
    return Path(os.environ.get("STORYLINE_SHARED", ROOT.parent / "shared")).resolve()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    root = shared_root()
    if not root.is_dir():
        pytest.skip("../shared is not beside this clone")
    return root


@pytest.fixture(scope="session")
def bakiyev_dir(shared_dir: Path) -> Path:
    path = shared_dir / "corpus" / "bakiyev"
    if not path.is_dir():
        pytest.skip("reference corpus not available")
    return path


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


def _make_doc(key: str, text: str, **meta: object) -> Document:
    """A small stored-shape document with one cut and a dated publication."""
    published = DatedValue("2019-03-14", Precision.DAY, "meta tag article:published_time")
    return Document(
        id=content_id("d", key, text),
        key=key,
        path=key,
        fmt="text",
        text=text,
        source_text="MENU\n\n" + text,
        removed=(Removed("MENU", "navigation", 0, 4),),
        meta=Metadata(
            title="A title", published=published, evidence={"title": "title line"}, **meta
        ),  # type: ignore[arg-type]
        sha="0" * 64,
    )


@pytest.fixture
def make_doc() -> Callable[..., Document]:
    return _make_doc


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus built once per test session; read it, never write to it."""
    from storyline.build import build
    from storyline.settings import Settings
    from storyline.store import SQLiteStore

    db = tmp_path_factory.mktemp("examples-kb") / "kb.db"
    store = SQLiteStore(db)
    try:
        build([str(EXAMPLES / "story")], store, Settings(db=str(db)))
    finally:
        store.close()
    return db


@pytest.fixture
def writable_examples_db(examples_db: Path, tmp_path: Path) -> Path:
    """A private copy of the built sample corpus, for tests that write (judgements, uploads)."""
    import sqlite3

    copy = tmp_path / "kb.db"
    with sqlite3.connect(examples_db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return copy


# -- PostgreSQL: one throwaway server per session, one fresh database per test ------------


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a PostgreSQL server for the tests (its ``postgres`` database).

    STORYLINE_TEST_POSTGRES names a server to use; otherwise one is started in a temp
    folder (``storyline.store.pg_server``) and stopped after the session. Without
    psycopg or Debian's postgresql package the PostgreSQL tests skip, saying why.
    """
    given = os.environ.get("STORYLINE_TEST_POSTGRES")
    if given:
        yield given
        return
    pytest.importorskip("psycopg", reason="the postgres extra is not installed")
    from storyline.store import pg_server

    if not pg_server.available():
        pytest.skip("PostgreSQL server programs are not installed (make test installs them)")
    with pg_server.throwaway_server() as server:
        yield server.url()


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty database on the test server, dropped after the test."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield pg_server.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty knowledge base on each backend: a SQLite file, a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "kb.db")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def any_store(store_url: str) -> Iterator[Store]:
    """An open store on each backend (the store tests run against both)."""
    from storyline.store import open_store

    store = open_store(store_url)
    yield store
    store.close()


@pytest.fixture(scope="session")
def examples_pg(pg_server: str) -> str:
    """The sample corpus built once into a PostgreSQL database; read it, never write to it."""
    import psycopg

    from storyline.build import build
    from storyline.settings import Settings
    from storyline.store import open_store

    name = f"examples_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    url = pg_server.rsplit("/", 1)[0] + "/" + name
    store = open_store(url)
    try:
        build([str(EXAMPLES / "story")], store, Settings(db=url))
    finally:
        store.close()
    return url
