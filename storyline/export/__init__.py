"""Exports of a knowledge base: ``export(store, fmt, out)`` writes one format to a stream."""

from __future__ import annotations

from storyline.export.formats import EXPORTERS, export

__all__ = ["EXPORTERS", "export"]
