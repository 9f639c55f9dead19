"""Dataset articles as Documents, made by the same ``make_document`` as ``storyline build``."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator

from storyline.bench.pages import Article
from storyline.errors import InputError
from storyline.hashing import sha256_bytes
from storyline.ingest.document import make_document
from storyline.model import Document, Hints, RawArticle
from storyline.settings import Settings

# The file the articles come from, as it appears in document keys.
CORPUS_FILE = "corpus_train.json"
# The dataset is English news: declared, so language detection plays no part in the bench.
LANGUAGE = "en"


def article_raw(article: Article, number: int) -> RawArticle:
    """One article as the JSON reader hands it to the build: body as text, fields as hints."""
    hints = Hints(
        title=article.title,
        author=article.author,
        publisher=article.source,
        published=article.published,
        url=article.url,
        language=LANGUAGE,
    )
    record = json.dumps(dataclasses.asdict(article), sort_keys=True, ensure_ascii=False)
    return RawArticle(
        key=f"{CORPUS_FILE}#{number}",
        path=CORPUS_FILE,
        fmt="json",
        content=article.body,
        is_html=False,
        sha=sha256_bytes(record.encode()),
        hints=hints,
    )


def article_documents(articles: Iterable[Article], settings: Settings) -> Iterator[Document]:
    """Documents for ``articles``, lazily and in order.

    An article the build would refuse (no text left after cleaning) yields nothing;
    callers compare counts to report how many were left out.
    """
    for number, article in enumerate(articles, start=1):
        try:
            yield make_document(article_raw(article, number), settings)
        except InputError:
            continue
