"""Shared fixtures: paths to the sample corpus and to ../shared (skipped when absent)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from storyline.hashing import content_id
from storyline.model import DatedValue, Document, Metadata, Precision, Removed

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
