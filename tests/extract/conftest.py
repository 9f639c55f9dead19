"""Contexts for extractor tests: a text analysed for real, dated as a publication."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from storyline.extract.context import DocContext, load_context
from storyline.hashing import content_id
from storyline.model import DatedValue, Document, Metadata, Precision
from storyline.nlp.analyse import analyse_documents
from storyline.nlp.spacy_model import load_model
from storyline.settings import Settings


def analysed(text: str, published: str | None = "2010-05-20", key: str = "test") -> DocContext:
    """``text`` as a stored document, analysed by the real pipeline, as an extraction context."""
    date = (
        DatedValue(published, Precision.DAY, "test")
        if published
        else DatedValue(None, Precision.UNKNOWN, "no date found")
    )
    doc = Document(
        id=content_id("d", key, text),
        key=key,
        path=key,
        fmt="text",
        text=text,
        source_text=text,
        removed=(),
        meta=Metadata(published=date, language="en"),
        sha="0" * 64,
    )
    settings = Settings()
    (analysis,) = analyse_documents([doc], settings)
    return load_context(
        doc, analysis.statements, analysis.parse, load_model(settings.spacy_model).vocab
    )


@pytest.fixture
def context_of() -> Callable[..., DocContext]:
    return analysed
