"""The Spark engine's tests share one fixture: a local[2] session per module, or a skip."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from storyline.engine.session import check_spark_ready, spark_session
from storyline.errors import ConfigError
from storyline.settings import Settings


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
