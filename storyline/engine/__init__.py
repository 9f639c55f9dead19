"""Build engines: what runs the per-document stages of ``storyline build``.

``local`` is ``build.build`` in this process; ``spark`` runs them as a PySpark job
(``engine/spark.py``, the optional ``spark`` extra, imported only when chosen).
``run_build`` picks one by ``settings.engine``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

from storyline.build import BuildReport, build
from storyline.registry import Registry
from storyline.settings import Settings
from storyline.store import Store


class Engine(Protocol):
    """The signature every engine shares with ``build.build``."""

    def __call__(
        self,
        paths: Iterable[str],
        store: Store,
        settings: Settings,
        *,
        on_start: Callable[[int], None] | None = None,
        on_file: Callable[[Path], None] | None = None,
        on_analysis: Callable[[int], None] | None = None,
        on_analysed: Callable[[], None] | None = None,
    ) -> BuildReport: ...


ENGINES: Registry[Engine] = Registry("build engine")
ENGINES.register("local")(build)


@ENGINES.register("spark")
def build_with_spark(
    paths: Iterable[str], store: Store, settings: Settings, **hooks: Any
) -> BuildReport:
    """The Spark engine; a clear ConfigError when PySpark or Java 17+ is missing."""
    from storyline.engine.spark import build_spark  # PySpark itself loads only once checked

    return build_spark(paths, store, settings, **hooks)


def run_build(paths: Iterable[str], store: Store, settings: Settings, **hooks: Any) -> BuildReport:
    """Build with the engine ``settings.engine`` names (``local`` or ``spark``).

    ``hooks`` are the progress callbacks of ``Engine`` (on_start, on_file, ...).
    """
    return ENGINES.get(settings.engine)(paths, store, settings, **hooks)
