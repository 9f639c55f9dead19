"""The Spark engine's tests share one fixture, a local[2] session per module or a skip,
and ``exported``, the knowledge base as the engines are compared on it."""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.engine.session import check_spark_ready, spark_session
from storyline.errors import ConfigError
from storyline.export import export
from storyline.settings import Settings
from storyline.store import SQLiteStore


def spark_missing() -> str:
    """Why Spark cannot run here ("" when it can): no PySpark, or no Java 17+."""
    try:
        check_spark_ready()
    except ConfigError as exc:
        return exc.message
    return ""


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """One local[2] session for the module, stopped at its end; a skip, with the reason,
    when PySpark or Java 17+ is missing."""
    if reason := spark_missing():
        pytest.skip(reason)
    with spark_session(Settings(spark_master="local[2]")) as session:
        yield session


def exported(db: Path) -> dict[str, Any]:
    store = SQLiteStore(db)
    try:
        out = io.StringIO()
        export(store, "json", out)
        sources = [dataclasses.asdict(row) for row in store.sources()]
    finally:
        store.close()
    data: dict[str, Any] = json.loads(out.getvalue())
    # `seen_at` is when the build wrote the outcome: the only run-specific field. The JSON
    # export itself holds no timestamp, run id or database path, so nothing is dropped.
    data["sources"] = [{k: v for k, v in row.items() if k != "seen_at"} for row in sources]
    return data
