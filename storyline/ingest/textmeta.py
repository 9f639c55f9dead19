"""Metadata of a cleaned text dump: title, author, publisher, URL, dates, language, with evidence.

A text dump declares nothing, so every field is read from the lines the
cleaner cut as metadata (TITLE, BYLINE, DATE_LINE, PAGE_STAMP, AUTHOR_BIO),
from page furniture that names the outlet (donation asks, contact footers,
copyright lines), or from hints a container gave. The rule is conservative:
a field nobody can vouch for stays None. Every field that is set gets a
line in ``Metadata.evidence`` saying where it came from.

An author bio's employer ("X is an analyst at the Y Centre") is not taken
as the publisher: writers publish outside their employer's site.
"""

from __future__ import annotations

import re

from storyline.ingest.cuts import Cleaned, Cut
from storyline.ingest.language import detect_language
from storyline.ingest.pubdate import (
    Candidate,
    Source,
    choose_published,
    date_from_url,
    infer_from_content,
    parse_date,
    parse_date_line,
    parse_stamp,
)
from storyline.model import DatedValue, Hints, Metadata, Precision, Removed

Found = tuple[str, str]  # (value, evidence)
NO_HINTS = Hints()

# Cuts whose text is page furniture that may name the outlet.
FURNITURE = frozenset(
    {Cut.NAVIGATION, Cut.PROMO, Cut.BOILERPLATE, Cut.RELATED, Cut.SHARE_WIDGET,
     Cut.COMMENT_WIDGET, Cut.COOKIE_NOTICE, Cut.COUNTER}
)  # fmt: skip
FOOTER_LINES = 3  # last body lines searched for outlet clues the cleaner left in

# A label before the names of a byline ("By", "Von", "Par", "Written by", "Author:").
_BYLINE_LABEL = re.compile(
    r"^(?:(?:written|reported|words|text|story|posted)\s+)?(?:by|von|par|por|di|door|av|przez"
    r"|автор|авторы)\s*:?\s+|^(?:authors?|autor|auteur|автор)\s*:\s*",
    re.IGNORECASE,
)
# What may follow a name in an author bio: "Siarhei Bohdan is an associate analyst at ...".
_BIO_VERB = re.compile(
    r"^\s*(?:,[^,]{1,80},\s*)?(?:is|was|has\s+been|writes|teaches|works|covers|reports|serves"
    r"|leads|heads|ist|est|es|è)\b",
    re.IGNORECASE,
)
_BIO_LABEL = re.compile(r"^(?:about\s+the\s+author|the\s+author)\s*:?\s*", re.IGNORECASE)
# Lower-case words allowed inside a person's name.
NAME_PARTICLES = frozenset(
    {"de", "da", "del", "della", "der", "den", "van", "von", "bin", "ibn", "al", "el", "la",
     "le", "di", "du", "dos", "das", "ter", "ten", "zu"}
)  # fmt: skip
# Words joining two names in one byline.
NAME_JOINERS = frozenset({"and", "&", "und", "et", "y", "e", "i", "и", "og", "en"})
# Words that make a capitalised run an organisation or a role, not a person.
NOT_PERSON = frozenset(
    {"news", "agency", "press", "times", "post", "daily", "monitor", "service", "staff",
     "reporter", "correspondent", "editor", "editors", "desk", "bureau", "team", "online",
     "media", "digest", "group", "institute", "centre", "center", "university", "analyst",
     "contributor", "writer", "journal", "magazine", "radio", "television", "tv", "network",
     "foundation", "council", "ministry", "government", "office", "party", "committee"}
)  # fmt: skip

_OUTLET = r"(?P<name>(?:The\s+)?[A-Z][\w.&'’-]*(?:\s+(?:of|for|the|on|&|[A-Z][\w.&'’-]*)){0,5})"
# Furniture lines that name the outlet: (pattern, what the line is). Strongest first.
PUBLISHER_CLUES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"(?i:why\s+(?:support|donate\s+to|subscribe\s+to|join))\s+{_OUTLET}\s*\?"),
     "donation ask"),
    (re.compile(rf"(?i:support|donate\s+to)\s+{_OUTLET}(?:['’]s)?\s+(?i:journalism|reporting)"),
     "donation ask"),
    (re.compile(rf"(?i:subscribe\s+to|sign\s+up\s+for)\s+{_OUTLET}(?:['’]s)?\s+(?i:newsletter)"),
     "newsletter box"),
    (re.compile(rf"(?i:to\s+contact)\s+(?i:the\s+)?{_OUTLET}(?=\s+(?i:and|or|visit|at|via)\b"
                r"|\s*[,.:;]|\s*$)"),
     "contact footer"),
    (re.compile(rf"(?:©|\((?i:c)\)|(?i:copyright))\s*(?:©\s*)?(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?"
                rf"\s*,?\s*)?{_OUTLET}"),
     "copyright line"),
)  # fmt: skip
# Capitalised words that such lines name but that are no outlet.
NOT_OUTLET = frozenset(
    {"us", "our", "me", "here", "this", "all", "rights", "reserved", "newsletter", "the",
     "facebook", "twitter", "instagram", "youtube", "telegram", "whatsapp", "email"}
)  # fmt: skip
_DOMAIN = re.compile(
    r"(?P<scheme>https?://)?(?P<host>(?:www\.)?(?:[a-z0-9-]+\.)+[a-z]{2,24})(?=[/\s)\]>]|$)",
    re.IGNORECASE,
)
# ISO 639-2 codes containers use, mapped to ISO 639-1.
LANGUAGE_CODES = {
    "eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es", "ita": "it",
    "por": "pt", "nld": "nl", "dut": "nl", "pol": "pl", "tur": "tr", "rus": "ru", "ukr": "uk",
    "bel": "be",
}  # fmt: skip


def metadata_from_text(cleaned: Cleaned, *, hints: Hints = NO_HINTS) -> Metadata:
    """Everything a text dump says about itself, each field with its evidence."""
    evidence: dict[str, str] = {}
    title = _first(evidence, "title", title_from_cuts(cleaned), _hint(hints.title))
    author = _first(evidence, "author", author_from_byline(cleaned), author_from_bio(cleaned),
                    _hint(hints.author))  # fmt: skip
    publisher = _first(evidence, "publisher", _hint(hints.publisher), publisher_from_clues(cleaned))
    url = _first(evidence, "url", _hint(hints.url))
    if url is None and (site := site_from_footer(cleaned, publisher)):
        # The outlet's home page is evidence for the publisher, not the article's address.
        evidence["site"] = f"{site[0]} ({site[1]})"
    language = _first(evidence, "language", _hint_language(hints.language),
                      _detected_language(cleaned.text))  # fmt: skip
    dating = choose_published(date_candidates(cleaned, hints))
    if dating.published.value:
        evidence["published"] = dating.published.evidence
    if dating.updated and dating.updated_evidence:
        evidence["updated"] = dating.updated_evidence
    return Metadata(title, author, publisher, url, language, dating.published, dating.updated,
                    evidence)  # fmt: skip


def _first(evidence: dict[str, str], field: str, *options: Found | None) -> str | None:
    """The first option found, its evidence recorded under ``field``."""
    for option in options:
        if option is not None:
            evidence[field] = option[1]
            return option[0]
    return None


def _hint(value: str | None) -> Found | None:
    value = " ".join((value or "").split())
    return (value, f"container field: {_quote(value)}") if value else None


def _quote(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return f"'{text[: limit - 1]}…'" if len(text) > limit else f"'{text}'"


def plain(text: str) -> str:
    """A line without markdown: heading hashes, emphasis, link syntax, escapes."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*#+\s*|\s*#+\s*$", "", text)
    text = re.sub(r"(?<!\w)[*_`]+|[*_`]+(?!\w)", "", text)
    return " ".join(re.sub(r"\\(.)", r"\1", text).split())


# ---------------------------------------------------------------- title and author


def title_from_cuts(cleaned: Cleaned) -> Found | None:
    """The headline the cleaner cut as TITLE."""
    for span in cleaned.cut(Cut.TITLE):
        if title := plain(span.text):
            return title, f"title line: {_quote(span.text)}"
    return None


def author_from_byline(cleaned: Cleaned) -> Found | None:
    """The names in a BYLINE cut: "By Erica Marat", "**Andrea Peters**"."""
    for span in cleaned.cut(Cut.BYLINE):
        for line in span.text.splitlines():
            text = _BYLINE_LABEL.sub("", plain(line))
            names, _ = person_names(text)
            if names:
                return ", ".join(names), f"byline: {_quote(line)}"
    return None


def author_from_bio(cleaned: Cleaned) -> Found | None:
    """The person an AUTHOR_BIO cut is about: "Siarhei Bohdan is an associate analyst ...".

    A bio sentence is better evidence than a bare name line beside it, so it is
    looked for first.
    """
    lines = [line for span in cleaned.cut(Cut.AUTHOR_BIO) for line in span.text.splitlines()]
    for needs_verb in (True, False):
        for line in lines:
            text = _BIO_LABEL.sub("", plain(line))
            names, end = person_names(text)
            rest = text[end:]
            if len(names) == 1 and (_BIO_VERB.match(rest) if needs_verb else not rest.strip()):
                return names[0], f"author bio: {_quote(line)}"
    return None


def person_names(text: str) -> tuple[list[str], int]:
    """The person names ``text`` opens with, and where they end.

    A name is a run of two to five capitalised words (particles such as "van"
    allowed inside); names are joined by "and", "&" or commas. Runs that look
    like an organisation or a role ("Eurasia Daily Monitor") are skipped.
    """
    names: list[str] = []
    end = 0
    tokens = list(re.finditer(r"[^\s,;|/]+|[,;|/]", text))
    index = 0
    while index < len(tokens):
        run, index = _run(tokens, index)
        if not run:
            break
        if _is_person(run):
            names.append(_name_case(" ".join(t.group() for t in run)))
            end = run[-1].end()
        if index < len(tokens) and tokens[index].group().lower() in NAME_JOINERS | {","}:
            index += 1
            continue
        break
    return names, end


def _run(tokens: list[re.Match[str]], index: int) -> tuple[list[re.Match[str]], int]:
    run: list[re.Match[str]] = []
    while index < len(tokens):
        word = tokens[index].group()
        capital = word[0].isupper() and word[0].isalpha()
        if not (capital or (run and word.lower() in NAME_PARTICLES)):
            break
        run.append(tokens[index])
        index += 1
    while run and run[-1].group().lower() in NAME_PARTICLES:
        run.pop()
        index -= 1
    return run, index


def _is_person(run: list[re.Match[str]]) -> bool:
    words = [t.group().strip(".") for t in run]
    capitals = [w for w in words if w[0].isupper()]
    if not 2 <= len(capitals) <= 5 or any(w.lower() in NOT_PERSON for w in words):
        return False
    return all(re.fullmatch(r"[^\W\d_]+(?:['’.-][^\W\d_]*)*\.?", w) for w in words)


def _name_case(name: str) -> str:
    return name.title() if name.isupper() else name


# ---------------------------------------------------------------- publisher and URL


def _furniture(cleaned: Cleaned) -> list[str]:
    """Furniture cuts (adjacent ones joined) and the last few body lines, as written."""
    blocks: list[list[Removed]] = []
    for cut in sorted((r for r in cleaned.removed if r.reason in FURNITURE), key=lambda r: r.start):
        if blocks and cut.reason == blocks[-1][-1].reason and cut.start - blocks[-1][-1].end <= 4:
            blocks[-1].append(cut)
        else:
            blocks.append([cut])
    body = [line for line in cleaned.text.splitlines() if line.strip()][-FOOTER_LINES:]
    return [" ".join(r.text for r in block) for block in blocks] + [b for b in body if len(b) < 200]


def publisher_from_clues(cleaned: Cleaned) -> Found | None:
    """The outlet a furniture line names ("Why Support X?", "To contact the X", "© 2019 X")."""
    lines = [plain(text) for text in _furniture(cleaned)]
    for pattern, kind in PUBLISHER_CLUES:
        for line in lines:
            for match in pattern.finditer(line):
                if name := _outlet(match.group("name")):
                    return name, f"{kind}: {_quote(line)}"
    return None


def _outlet(name: str) -> str | None:
    words: list[str] = []
    for word in name.split():
        words.append(word)
        if word.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+|\w{1,3}\.", word):
            break  # "Example Weekly. All rights reserved": the sentence ends the name
    while words and words[-1].islower():
        words.pop()  # a trailing "of", "the"
    text = re.sub(r"['’]s$", "", " ".join(words).strip(" .,'’-"))
    if not text or all(w.lower().strip(".") in NOT_OUTLET for w in text.split()):
        return None
    return text


def site_from_footer(cleaned: Cleaned, publisher: str | None) -> Found | None:
    """The site's address, when a footer link's domain spells the publisher's name.

    This is the outlet's home, not the article's own address (which a text
    dump does not carry); the evidence says so.
    """
    if not publisher:
        return None
    keys = {_compact(publisher), _acronym(publisher)} - {""}
    for line in _furniture(cleaned):
        hosts = [m for m in _DOMAIN.finditer(line) if keys.intersection(_labels(m["host"]))]
        if hosts:
            best = max(hosts, key=lambda m: bool(m["scheme"]))  # a written scheme beats a guess
            url = f"{(best['scheme'] or 'https://').lower()}{best['host'].lower()}/"
            return url, (f"site address in a footer: {_quote(plain(line))} (names {publisher}; "
                         "the article's own address is unknown)")  # fmt: skip
    return None


def _labels(host: str) -> list[str]:
    """The labels of a host name that can spell a site's name (not the top-level domain)."""
    return [_compact(label) for label in host.lower().split(".")[:-1]]


def _compact(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.lower().removeprefix("the "))


def _acronym(name: str) -> str:
    words = [w for w in re.findall(r"[^\W\d_]+", name) if w[0].isupper()]
    return "".join(w[0] for w in words).lower() if len(words) > 1 else ""


# ---------------------------------------------------------------- dates and language


def date_candidates(cleaned: Cleaned, hints: Hints = NO_HINTS) -> list[Candidate]:
    """Every piece of date evidence: container field, date lines, URL, stamps, content."""
    found: list[Candidate] = []
    if hints.published and (date := parse_date(hints.published) or
                            parse_date_line(hints.published)):  # fmt: skip
        found.append(_candidate(Source.FIELD, date, f"container field: {_quote(hints.published)}"))
    for span in cleaned.cut(Cut.DATE_LINE) + cleaned.cut(Cut.BYLINE):
        for line in span.text.splitlines():
            if date := parse_date_line(line):
                label = "date line" if span.reason == Cut.DATE_LINE.value else "byline"
                found.append(_candidate(Source.DATE_LINE, date, f"{label}: {_quote(line)}"))
    if hints.url and (date := date_from_url(hints.url)):
        found.append(_candidate(Source.URL, date, f"URL path: {_quote(hints.url)}"))
    for span in cleaned.cut(Cut.PAGE_STAMP):
        if stamp := parse_stamp(span.text):
            found.append(_candidate(Source.STAMP, (stamp, _precision(stamp)),
                                    f"page stamp: {_quote(span.text)}"))  # fmt: skip
    found.append(Candidate(Source.CONTENT, infer_from_content(cleaned.text)))
    return found


def _candidate(source: Source, date: tuple[str, Precision], evidence: str) -> Candidate:
    return Candidate(source, DatedValue(date[0], date[1], evidence))


def _precision(iso: str) -> Precision:
    return {4: Precision.YEAR, 7: Precision.MONTH}.get(len(iso), Precision.DAY)


def _hint_language(tag: str | None) -> Found | None:
    code = re.split(r"[-_]", (tag or "").strip().lower())[0]
    code = LANGUAGE_CODES.get(code, code)
    if not re.fullmatch(r"[a-z]{2}", code):
        return None
    return code, f"container field: {_quote(tag or '')}"


def _detected_language(text: str) -> Found | None:
    code = detect_language(text)
    return (code, "detected from the text (script and function words)") if code else None
