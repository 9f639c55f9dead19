"""From a raw article to a Document: clean the text, gather metadata, hash the id."""

from __future__ import annotations

from pathlib import PurePath
from typing import cast

from storyline.errors import EmptyInputError
from storyline.hashing import content_id
from storyline.ingest.clean import CLEANERS
from storyline.ingest.html import EXTRACTORS, HtmlExtract
from storyline.ingest.metadata import html_metadata
from storyline.ingest.textmeta import metadata_from_text
from storyline.model import Document, RawArticle
from storyline.settings import Settings


def make_document(raw: RawArticle, settings: Settings) -> Document:
    """Clean ``raw`` and describe it; raise an InputError when no article text is left."""
    if raw.is_html:
        extract = cast(
            HtmlExtract,
            EXTRACTORS.get(settings.html_extractor)(raw.content, settings.max_html_depth),
        )
        cleaned, source_text = extract.cleaned, extract.source_text
        meta = html_metadata(extract, raw.hints, raw.content)
        notes = raw.warnings + extract.warnings
    else:
        cleaned = CLEANERS.get(settings.dump_cleaner)(raw.content)
        source_text, notes = raw.content, raw.warnings
        meta = metadata_from_text(cleaned, hints=raw.hints)
    if not cleaned.text.strip():
        raise EmptyInputError(
            "no article text is left after cleaning",
            hint="the page may hold only navigation or a teaser",
        )
    identity = meta.url or _file_identity(raw.key)
    return Document(
        id=content_id("d", identity, cleaned.text),
        key=raw.key,
        path=raw.path,
        fmt=raw.fmt,
        text=cleaned.text,
        source_text=source_text,
        removed=cleaned.removed,
        meta=meta,
        sha=raw.sha,
        encoding=raw.encoding,
        warnings=notes,
    )


def _file_identity(key: str) -> str:
    """The file name (plus item) of a key: stable when a folder of articles is moved."""
    path, _, item = key.partition("#")
    name = PurePath(path).name
    return f"{name}#{item}" if item else name
