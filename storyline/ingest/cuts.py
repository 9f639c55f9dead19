"""Why a piece of source text was cut: the vocabulary of the cleaning audit trail."""

from __future__ import annotations

import dataclasses
from enum import StrEnum

from storyline.model import Removed


class Cut(StrEnum):
    """The reason recorded with every removed span (the export shows ``reason``)."""

    # Metadata lines: cut from the body, read by the metadata stage as evidence.
    TITLE = "title"  # the headline
    DUPLICATE_TITLE = "duplicate title"  # the headline repeated by the page template
    BYLINE = "byline"  # "By Erica Marat", a bold author name
    DATE_LINE = "date line"  # "17 April 2010" under the byline
    PAGE_STAMP = "page stamp"  # "Updated at 22:06,23-05-2018": when the page changed
    AUTHOR_BIO = "author bio"  # "X is an associate analyst at ..."
    # Page furniture.
    NAVIGATION = "navigation"  # menus, section labels, tag clouds
    TEASER = "teaser"  # the lead repeated as an excerpt ("... committing a number of...")
    IMAGE_CREDIT = "image credit"  # "Credit: ..." / "Photo: ..."
    SHARE_WIDGET = "share widget"  # "Share on Facebook", "Tweet"
    COMMENT_WIDGET = "comment widget"  # "Leave a comment", "12 comments"
    COUNTER = "counter"  # "252 reads", "1,024 views"
    COOKIE_NOTICE = "cookie notice"
    SPAM = "spam"  # injected link spam ("ankara escort ...")
    RELATED = "related articles"  # "Read more", "Related:" lists
    PROMO = "promo"  # donation asks, newsletter boxes, contact footers
    # Markup and crawl damage; the text itself is kept.
    MARKUP = "markup"  # markdown emphasis and link syntax
    ESCAPE = "escape"  # the backslash of an escaped character ("\\$")
    BROKEN_PARAGRAPH = "broken paragraph"  # a paragraph break the crawl put mid-sentence
    BOILERPLATE = "boilerplate"  # page text the HTML main-text extractor left out


# Cuts whose text is metadata evidence rather than junk.
METADATA_CUTS = frozenset({Cut.TITLE, Cut.BYLINE, Cut.DATE_LINE, Cut.PAGE_STAMP, Cut.AUTHOR_BIO})


@dataclasses.dataclass(frozen=True)
class Cleaned:
    """The result of cleaning one source text.

    ``text`` is the article body; every character of the source is either in
    ``text`` or in one of ``removed`` (whose offsets index the source text).
    """

    text: str
    removed: tuple[Removed, ...]

    def cut(self, reason: Cut) -> list[Removed]:
        """The removed spans recorded with ``reason``, in source order."""
        return [r for r in self.removed if r.reason == reason.value]
