"""Metadata of text dumps: title, author, publisher, URL, dates and language, each with evidence."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.ingest.cuts import Cleaned, Cut
from storyline.ingest.pubdate import parse_date, parse_stamp
from storyline.ingest.textmeta import metadata_from_text, person_names, plain
from storyline.model import Hints, Metadata, Precision, Removed

BODY = (
    "The former minister left the capital on Wednesday after a week of protests. "
    "Officials said the interim government would ask for his return, and that talks "
    "with the neighbouring states had begun."
)


def _cleaned(*cuts: tuple[Cut, str], body: str = BODY) -> Cleaned:
    """A Cleaned with ``body`` as text and one removed span per (reason, text)."""
    removed, pos = [], 0
    for reason, text in cuts:
        removed.append(Removed(text, reason.value, pos, pos + len(text)))
        pos += len(text) + 1
    return Cleaned(body, tuple(removed))


NO_HINTS = Hints()


def _meta(*cuts: tuple[Cut, str], body: str = BODY, hints: Hints = NO_HINTS) -> Metadata:
    return metadata_from_text(_cleaned(*cuts, body=body), hints=hints)


# ---------------------------------------------------------------- title


@pytest.mark.parametrize(
    "line",
    ["## Minister flees capital", "**Minister flees capital**", "# Minister flees capital #",
     "Minister   flees\\ capital", "[Minister flees capital](https://example.org/a)"],
)  # fmt: skip
def test_title_comes_from_the_title_cut_without_markdown(line: str) -> None:
    meta = _meta((Cut.TITLE, line))
    assert meta.title == "Minister flees capital"
    assert meta.evidence["title"].startswith("title line:")


def test_title_falls_back_to_hints() -> None:
    meta = _meta(hints=Hints(title="Minister flees capital"))
    assert meta.title == "Minister flees capital"
    assert "container field" in meta.evidence["title"]


def test_plain_keeps_underscores_inside_words() -> None:
    assert plain("**snake_case** and _emphasis_") == "snake_case and emphasis"


# ---------------------------------------------------------------- author


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Jane Roe", "Jane Roe"),
        ("**Jane Roe**", "Jane Roe"),
        ("by Jane Roe", "Jane Roe"),
        ("BY JANE ROE", "Jane Roe"),
        ("Written by Jane van der Roe", "Jane van der Roe"),
        ("By Jane Roe and John Doe", "Jane Roe, John Doe"),
        ("By Jane Roe, Example Daily Monitor", "Jane Roe"),
        ("By Jane Roe | 17 April 2010", "Jane Roe"),
        ("Author: Jane Roe", "Jane Roe"),
        ("Von Hanna Müller", "Hanna Müller"),
        ("Posted by admin", None),
        ("By Reuters", None),
        ("By Staff Reporter", None),
    ],
)
def test_author_comes_from_the_byline(line: str, author: str | None) -> None:
    meta = _meta((Cut.BYLINE, line))
    assert meta.author == author
    assert ("author" in meta.evidence) == (author is not None)


def test_author_falls_back_to_the_bio_sentence_not_its_employer() -> None:
    meta = _meta(
        (Cut.AUTHOR_BIO, "Jane Roe"),
        (Cut.AUTHOR_BIO, "Jane Roe is a senior fellow at the Example Institute."),
    )
    assert meta.author == "Jane Roe"
    assert "is a senior fellow" in meta.evidence["author"]
    assert meta.publisher is None  # the employer is not the publisher


def test_a_bio_that_is_not_about_a_person_gives_no_author() -> None:
    assert _meta((Cut.AUTHOR_BIO, "The Example Institute is a think tank.")).author is None


def test_the_byline_beats_the_bio_and_hints_come_last() -> None:
    cuts = ((Cut.BYLINE, "By Jane Roe"), (Cut.AUTHOR_BIO, "John Doe is an editor."))
    assert _meta(*cuts, hints=Hints(author="Desk")).author == "Jane Roe"
    assert _meta(hints=Hints(author="Jane Roe")).author == "Jane Roe"


def test_person_names_stop_at_the_first_word_that_is_no_name() -> None:
    text = "Jane Roe is an analyst"
    names, end = person_names(text)
    assert names == ["Jane Roe"]
    assert text[end:] == " is an analyst"


# ---------------------------------------------------------------- publisher and URL


@pytest.mark.parametrize(
    ("cut", "line", "publisher"),
    [
        (Cut.PROMO, "Why Support Example Weekly?", "Example Weekly"),
        (Cut.PROMO, "Support Example Weekly's journalism today", "Example Weekly"),
        (Cut.PROMO, "Subscribe to The Example Times newsletter", "The Example Times"),
        (Cut.PROMO, "To contact the EW and the Example Party visit:", "EW"),
        (Cut.BOILERPLATE, "© 2019 Example Weekly. All rights reserved.", "Example Weekly"),
        (Cut.NAVIGATION, "Copyright 2001-2019 Example Weekly", "Example Weekly"),
        (Cut.PROMO, "Subscribe to our newsletter", None),
        (Cut.PROMO, "© 2019 All rights reserved.", None),
        (Cut.PROMO, "Contact Jane Roe at jane@example.org", None),
        (Cut.IMAGE_CREDIT, "Photo: © Example Agency", None),  # credits name the photographer
        (Cut.NAVIGATION, "World Politics Economy Example Weekly", None),  # no clue, no guess
    ],
)
def test_publisher_comes_only_from_lines_that_name_the_outlet(
    cut: Cut, line: str, publisher: str | None
) -> None:
    meta = _meta((cut, line))
    assert meta.publisher == publisher
    assert ("publisher" in meta.evidence) == (publisher is not None)


def test_a_clue_split_over_adjacent_cuts_is_read_whole() -> None:
    cleaned = Cleaned(
        BODY,
        (
            Removed("To contact the", Cut.PROMO.value, 0, 14),
            Removed("Example Weekly visit:", Cut.PROMO.value, 15, 36),
        ),
    )
    assert metadata_from_text(cleaned).publisher == "Example Weekly"


def test_hinted_publisher_beats_clues() -> None:
    meta = _meta((Cut.PROMO, "Why Support Example Weekly?"), hints=Hints(publisher="EW Media"))
    assert meta.publisher == "EW Media"


def test_a_footer_clue_left_in_the_body_is_found() -> None:
    meta = _meta(body=BODY + "\n\n© 2019 Example Weekly")
    assert meta.publisher == "Example Weekly"


def test_site_url_comes_from_a_footer_domain_that_spells_the_publisher() -> None:
    meta = _meta(
        (Cut.PROMO, "Why Support Example Weekly?"),
        (Cut.BOILERPLATE, "Follow us: other.org"),
        (Cut.NAVIGATION, "Home | example-weekly.com | Contact"),
    )
    assert meta.publisher == "Example Weekly"
    assert meta.url is None  # the outlet's home page is not the article's address
    assert meta.evidence["site"].startswith("https://example-weekly.com/")
    assert "article's own address is unknown" in meta.evidence["site"]


def test_an_acronym_publisher_matches_its_domain() -> None:
    meta = _meta((Cut.PROMO, "© 2019 World Example Service"), (Cut.COUNTER, "See wes.org"))
    assert meta.evidence["site"].startswith("https://wes.org/")


def test_a_written_scheme_is_kept_and_unrelated_domains_are_ignored() -> None:
    meta = _meta((Cut.PROMO, "To contact the EW visit: [ew.org/contact](http://ew.org/contact)"))
    assert meta.evidence["site"].startswith("http://ew.org/")
    assert "site" not in _meta((Cut.PROMO, "Why Support Example Weekly? See other.org")).evidence
    no_publisher = _meta((Cut.PROMO, "Visit example-weekly.com"))
    assert "site" not in no_publisher.evidence  # no publisher to match


def test_hinted_url_wins() -> None:
    meta = _meta(hints=Hints(url="https://example.org/2010/04/17/story"))
    assert meta.url == "https://example.org/2010/04/17/story"
    assert meta.published.value == "2010-04-17"
    assert meta.evidence["published"].startswith("URL path")


# ---------------------------------------------------------------- dates


def test_date_line_gives_the_publication_day() -> None:
    meta = _meta((Cut.DATE_LINE, "17 April 2010"))
    assert (meta.published.value, meta.published.precision) == ("2010-04-17", Precision.DAY)
    assert meta.evidence["published"] == "date line: '17 April 2010'"


def test_a_byline_with_a_date_dates_the_article() -> None:
    meta = _meta((Cut.BYLINE, "By Jane Roe | March 3, 2012"))
    assert meta.author == "Jane Roe"
    assert meta.published.value == "2012-03-03"


def test_hinted_date_beats_the_date_line() -> None:
    meta = _meta((Cut.DATE_LINE, "17 April 2010"), hints=Hints(published="2010-04-16T08:00:00Z"))
    assert meta.published.value == "2010-04-16"
    assert "container field" in meta.evidence["published"]


def test_a_page_stamp_is_the_update_and_content_dates_the_article() -> None:
    body = "The summit of April 2010 was discussed in Moscow on May 8. " + BODY
    meta = _meta((Cut.PAGE_STAMP, "Updated at 22:06,23-05-2018"), body=body)
    assert meta.updated == "2018-05-23T22:06"
    assert meta.published.value == "2010"
    assert meta.published.range is not None and meta.published.range[1].startswith("2010")
    assert meta.evidence["updated"].startswith("page stamp:")


def test_without_any_date_published_is_unknown_and_has_no_evidence_entry() -> None:
    meta = _meta((Cut.TITLE, "Minister flees capital"))
    assert meta.published.precision is Precision.UNKNOWN
    assert "published" not in meta.evidence


# ---------------------------------------------------------------- language and evidence


def test_language_from_hints_is_normalised() -> None:
    assert _meta(hints=Hints(language="en-GB")).language == "en"
    assert _meta(hints=Hints(language="deu")).language == "de"


def test_language_is_detected_from_the_text() -> None:
    meta = _meta()
    assert meta.language == "en"
    assert "detected" in meta.evidence["language"]


def test_every_field_that_is_set_has_evidence() -> None:
    meta = _meta(
        (Cut.TITLE, "## Minister flees capital"),
        (Cut.BYLINE, "By Jane Roe"),
        (Cut.DATE_LINE, "17 April 2010"),
        (Cut.PROMO, "Why Support Example Weekly?"),
        (Cut.PAGE_STAMP, "Updated 18 April 2010"),
    )
    for field in ("title", "author", "publisher", "url", "language", "updated"):
        assert (getattr(meta, field) is not None) == (field in meta.evidence), field
    assert "published" in meta.evidence


@given(st.lists(st.tuples(st.sampled_from(list(Cut)), st.text(max_size=80)), max_size=6), st.text())
def test_never_raises_on_any_cut_text(cuts: list[tuple[Cut, str]], body: str) -> None:
    meta = _meta(*cuts, body=body)
    for field in ("title", "author", "publisher", "url", "language", "updated"):
        assert (getattr(meta, field) is not None) == (field in meta.evidence), field


# ---------------------------------------------------------------- the reference corpus

Marks = dict[Cut, Callable[[int, str], bool]]  # reason → (line number, stripped line) → cut?


def _hand_cleaned(path: Path, marks: Marks) -> Cleaned:
    """The cleaning a careful reader would do: lines picked by shape, not by copied text."""
    source = path.read_text(encoding="utf-8")
    removed, kept, pos = [], [], 0
    for number, line in enumerate(source.split("\n")):
        stripped = line.strip()
        reason = next((cut for cut, test in marks.items() if stripped and test(number, stripped)),
                      None)  # fmt: skip
        if reason is None:
            kept.append(line)
        else:
            removed.append(Removed(line, reason.value, pos, pos + len(line)))
        pos += len(line) + 1
    return Cleaned("\n".join(kept).strip(), tuple(removed))


def _first_nonblank(path: Path) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines) if line.strip())


def _article(bakiyev_dir: Path, prefix: str) -> Path:
    return next(bakiyev_dir.glob(f"{prefix}_*.txt"))


def _corpus_by_hand(bakiyev_dir: Path) -> dict[str, Metadata]:
    def short(line: str) -> bool:
        return len(line) < 100 and not line.endswith((".", "?", "!", "”", '"'))

    paths = {p: _article(bakiyev_dir, p) for p in ("000", "001", "002", "003", "004")}
    first = {p: _first_nonblank(path) for p, path in paths.items()}
    marks: dict[str, Marks] = {
        "000": {
            Cut.PROMO: lambda _, s: s.startswith("Why Support"),
            Cut.COUNTER: lambda _, s: bool(re.fullmatch(r"\d+ reads", s)),
            Cut.AUTHOR_BIO: lambda _, s: " is an " in s and len(s) < 100,
            Cut.NAVIGATION: lambda n, _: n == first["000"],
            Cut.TITLE: lambda n, _: n == first["000"] + 3,
        },
        "001": {
            Cut.TITLE: lambda n, _: n == first["001"],
            Cut.BYLINE: lambda _, s: s.startswith("By "),
        },
        "002": {
            Cut.TITLE: lambda n, _: n == first["002"] + 2,
            Cut.NAVIGATION: lambda n, s: n < 10 and short(s),
        },
        "003": {
            Cut.PAGE_STAMP: lambda _, s: parse_stamp(s) is not None and s.startswith("Updated"),
            Cut.TITLE: lambda n, s: n == first["003"] + 2,
        },
        "004": {
            Cut.TITLE: lambda _, s: s.startswith("## "),
            Cut.BYLINE: lambda _, s: bool(re.fullmatch(r"\*\*[^*\[]+\*\*", s)),
            Cut.DATE_LINE: lambda _, s: parse_date(s) is not None,
            Cut.PROMO: lambda n, s: n > 60 and short(s),
        },
    }
    return {p: metadata_from_text(_hand_cleaned(paths[p], marks[p])) for p in paths}


def _check_corpus(meta: dict[str, Metadata]) -> None:
    """What a careful reader says about the five articles (behaviour, not whole answers)."""
    assert meta["004"].author == "Andrea Peters"
    assert (meta["004"].published.value, meta["004"].published.precision) == (
        "2010-04-17",
        Precision.DAY,
    )
    assert meta["004"].publisher is not None and "wsws" in meta["004"].evidence["site"]
    published_003 = meta["003"].published
    assert published_003.range is not None
    assert all(bound.startswith("2010") for bound in published_003.range)
    assert meta["003"].updated is not None and meta["003"].updated.startswith("2018")
    assert meta["002"].published.range is not None
    assert meta["002"].published.range[0] >= "2015-02"
    assert meta["002"].published.value == "2015"
    assert meta["002"].publisher is None  # nothing names the outlet: no guess
    assert meta["001"].author == "Erica Marat"
    assert meta["001"].published.precision in {Precision.UNKNOWN, Precision.RANGE}
    assert meta["000"].author == "Siarhei Bohdan"
    assert meta["000"].published.range is not None
    assert meta["000"].published.range[0] >= "2011-10"
    assert meta["000"].published.value == "2012"
    assert meta["000"].publisher is not None and "Centre" not in meta["000"].publisher
    for one in meta.values():
        assert one.title and one.language == "en"
        assert all(field in one.evidence for field in ("title", "language"))


def test_corpus_with_hand_made_cuts(bakiyev_dir: Path) -> None:
    _check_corpus(_corpus_by_hand(bakiyev_dir))


def test_corpus_through_the_dump_cleaner(bakiyev_dir: Path) -> None:
    clean = pytest.importorskip("storyline.ingest.clean")
    clean_dump = getattr(clean, "clean_dump", None)
    if clean_dump is None:
        pytest.skip("storyline.ingest.clean has no clean_dump yet")
    meta = {
        prefix: metadata_from_text(clean_dump(_article(bakiyev_dir, prefix).read_text("utf-8")))
        for prefix in ("000", "001", "002", "003", "004")
    }
    _check_corpus(meta)
