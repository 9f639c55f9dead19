"""Metadata of HTML articles: container hints, then declared tags, then bylines and heuristics."""

from __future__ import annotations

import re
import warnings

from htmldate import find_date

from storyline.ingest.html import HtmlExtract
from storyline.ingest.html_meta import Found
from storyline.ingest.language import detect_language
from storyline.ingest.pubdate import infer_from_content, parse_date, parse_stamp
from storyline.model import DatedValue, Hints, Metadata, Precision

# Separators between a headline and the site name in <title> and og:title.
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")
# "By Jane Roe | 14 March 2019", "Words by Jane Roe, Staff Writer".
_BYLINE = re.compile(
    r"^(?:by|words by|written by|reporting by)\s+(?P<name>[^|·•,;\n]+?)"
    r"(?:\s*(?:[|·•,;]|\s[-–—]\s).*)?$",
    re.I,
)
_PARTS = re.compile(r"\s*(?:[|·•;]|\s[-–—]\s)\s*")
_MAX_NAME_WORDS = 5
_HINTED = "given by the source record"
# Words that make a byline a desk or an agency, not a person ("Meridian Wire staff").
DESK_WORDS = frozenset(
    [
        "staff",
        "desk",
        "newsroom",
        "editors",
        "editorial",
        "wire",
        "agency",
        "agencies",
        "reporters",
        "team",
        "bureau",
    ]
)
# "© 2017 Steppe Courier. All rights reserved." → the outlet's name.
_COPYRIGHT = re.compile(
    r"(?:©|&copy;|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?:by\s+)?"
    r"(?P<name>[A-Z][^.|,;©]{1,60}?)\s*(?:[.|,;]|all rights|$)",
    re.I,
)


def html_metadata(extract: HtmlExtract, hints: Hints, html: str) -> Metadata:
    """Every field with evidence; ``html`` is the page, for htmldate as a last resort."""
    declared = extract.declared
    evidence: dict[str, str] = {}
    values = {
        field: _declared(field, hints, declared, evidence)
        for field in ("author", "publisher", "url", "language")
    }
    if values["author"] and not is_person_byline(values["author"]):
        evidence["author"] = f"{values['author']!r} names a desk, not a person"
        values["author"] = None
    elif values["author"] is None and (author := _byline_author(extract.bylines)):
        values["author"], evidence["author"] = author, f"byline: {author!r}"
    if values["publisher"] is None:
        values["publisher"] = _page_publisher(extract, evidence)
    values["title"] = _title(hints, declared, values["publisher"], evidence)
    values["language"] = _language(values["language"], extract.cleaned.text, evidence)
    published = _published(hints, declared, extract, html)
    evidence["published"] = published.evidence
    updated = None
    if "updated" in declared:
        value, evidence["updated"] = declared["updated"]
        updated = _iso(value)
    return Metadata(
        title=values["title"],
        author=values["author"],
        publisher=values["publisher"],
        url=values["url"],
        language=values["language"],
        published=published,
        updated=updated,
        evidence=evidence,
    )


def _declared(field: str, hints: Hints, declared: Found, evidence: dict[str, str]) -> str | None:
    if value := getattr(hints, field):
        evidence[field] = _HINTED
        return str(value)
    if field in declared:
        value, evidence[field] = declared[field]
        return str(value)
    return None


def is_person_byline(name: str) -> bool:
    """False for desk and agency bylines ("Meridian Wire staff", "Reuters newsroom")."""
    return not any(word.strip(".,").lower() in DESK_WORDS for word in name.split())


def _page_publisher(extract: HtmlExtract, evidence: dict[str, str]) -> str | None:
    """The outlet from the <title> suffix after the headline, or from a copyright line."""
    declared = extract.declared
    if "html_title" in declared and "h1" in declared:
        head, tail = _split_title(declared["html_title"][0])
        if tail and head.lower() == declared["h1"][0].lower():
            evidence["publisher"] = f"<title> after the headline: {tail!r}"
            return tail
    for cut in extract.cleaned.removed:
        if (match := _COPYRIGHT.search(cut.text)) and len(match["name"].split()) <= 6:
            name = match["name"].strip()
            evidence["publisher"] = f"copyright line: {cut.text[:80]!r}"
            return name
    return None


def _split_title(title: str) -> tuple[str, str | None]:
    for sep in _TITLE_SEPARATORS:
        head, _, tail = title.rpartition(sep)
        if head.strip() and tail.strip():
            return head.strip(), tail.strip()
    return title, None


def _byline_author(bylines: tuple[str, ...]) -> str | None:
    for line in bylines:
        match = _BYLINE.match(line)
        name = match.group("name").strip() if match else ""
        if name and len(name.split()) <= _MAX_NAME_WORDS and is_person_byline(name):
            return name
    return None


def _title(
    hints: Hints, declared: Found, publisher: str | None, evidence: dict[str, str]
) -> str | None:
    """The headline: given > first <h1> > og:title > <title> without the site name."""
    if hints.title:
        evidence["title"] = _HINTED
        return hints.title
    for key in ("h1", "title", "html_title"):
        if key in declared:
            value, evidence["title"] = declared[key]
            return _strip_site(value, publisher)
    return None


def _strip_site(title: str, publisher: str | None) -> str:
    for sep in _TITLE_SEPARATORS:
        head, _, tail = title.rpartition(sep)
        if head and publisher and tail.strip().lower() == publisher.lower():
            return head.strip()
    return title


def _language(declared: str | None, text: str, evidence: dict[str, str]) -> str | None:
    if declared:
        return declared.replace("_", "-").split("-")[0].lower() or None
    if lang := detect_language(text):
        evidence["language"] = "detected from the text"
    return lang


def _published(hints: Hints, declared: Found, extract: HtmlExtract, html: str) -> DatedValue:
    """The strongest dated evidence that parses; else htmldate; else inferred from content."""
    candidates: list[tuple[str | None, str]] = [
        (hints.published, f"{_HINTED}: {hints.published!r}")
    ]
    if "published" in declared:
        tag_value, where = declared["published"]
        candidates.append((tag_value, f"{where}: {tag_value!r}"))
    candidates += [
        (part, f"byline: {line!r}") for line in extract.bylines for part in _PARTS.split(line)
    ]
    for value, evidence in candidates:
        if value and (parsed := parse_date(value)):
            return DatedValue(parsed[0], parsed[1], evidence)
    if found := _htmldate(html):
        iso, precision = found
        return DatedValue(iso, precision, "htmldate heuristics (page text or URL)")
    return infer_from_content(extract.cleaned.text)


def _htmldate(html: str) -> tuple[str, Precision] | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = find_date(html, extensive_search=False, original_date=True)
        except (ValueError, TypeError):
            return None
    return parse_date(found) if isinstance(found, str) else None


def _iso(value: str) -> str | None:
    if stamp := parse_stamp(value):
        return stamp
    parsed = parse_date(value)
    return parsed[0] if parsed else value
