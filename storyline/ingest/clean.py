"""Cleaner for crawled text dumps: cuts page furniture, marks metadata lines, mends crawl damage.

``clean_dump`` reads a dump line by line. Lines that are junk wherever they
stand (spam, counters, widgets, promos...) are cut by the tables of
``clean_patterns``; the rest is decided by place: the headline is the first
title-like line followed by prose, furniture before it and after the last
prose line is navigation, bylines and dates around it are metadata, a bio
closes the page. Inside kept lines only markdown syntax and escape
backslashes are cut, and paragraphs the crawl broke mid-sentence are rejoined.
Every cut is a ``Removed`` span into the source; ``apply_cuts`` rebuilds the
clean text from the source and the cuts, and ``clean_dump``'s text is exactly
that.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections.abc import Callable, Iterator, Sequence

from storyline.ingest import clean_patterns as pat
from storyline.ingest.cuts import METADATA_CUTS, Cleaned, Cut
from storyline.model import Removed
from storyline.registry import Registry

CLEANERS: Registry[Callable[[str], Cleaned]] = Registry("cleaner")

_Span = tuple[int, int, Cut]  # start, end (source offsets), reason
_WRAPPED = METADATA_CUTS | {Cut.DUPLICATE_TITLE}  # cut apart from their markdown wrapper
_BLANK_RUN_RE = re.compile(r"\n{3,}")
_MARKUP, _ESCAPE = Cut.MARKUP, Cut.ESCAPE  # looked up once: enum access is slow in hot loops
_BROKEN = Cut.BROKEN_PARAGRAPH.value
_VALUES = {cut: cut.value for cut in Cut}  # the reason strings of Removed, looked up once
TEASER_MIN_CHARS = 40  # a shorter paragraph repeated later is a heading, not a teaser
TEASER_KEY_CHARS = 24  # teasers are looked up by their first characters
TEASER_MAX_TRIES = 16  # later paragraphs compared per teaser: keeps the pass linear
JOIN_MIN_WORDS = 6  # a paragraph continued after a break is prose, not a heading
JOIN_MIN_LOWER = 0.5


@dataclasses.dataclass
class _Line:
    """One non-blank line of the source and what the cleaner decided about it."""

    num: int  # line number in the source, blank lines counted
    block: int  # paragraph number: lines with no blank line between them share one
    start: int  # source offset of the first non-space character
    end: int  # source offset after the last non-space character
    raw: str  # source[start:end]
    plain: str  # markup removed, whitespace collapsed: what the rules read
    marks: list[_Span]  # inline markup and escape cuts
    prose: bool  # a sentence of article text by its shape (pat.is_prose)
    reason: Cut | None = None  # why the whole line is cut; None keeps it
    meta: bool = False  # a date or byline line that only its place can confirm


# --- the clean text -------------------------------------------------------------------


def apply_cuts(source: str, removed: Sequence[Removed]) -> str:
    """The clean text: ``source`` without ``removed``, whitespace normalised.

    A broken-paragraph cut becomes one space; every other cut is deleted.
    Then trailing spaces go, runs of blank lines shrink to one, and the ends
    are stripped.
    """
    pieces: list[str] = []
    pos = 0
    for cut in sorted(removed, key=lambda r: (r.start, r.end)):
        start, end = min(max(cut.start, pos), len(source)), min(max(cut.end, pos), len(source))
        pieces.append(source[pos:start])
        if cut.reason == _BROKEN:
            pieces.append(" ")
        pos = end
    pieces.append(source[pos:])
    return _normalise("".join(pieces))


def _normalise(text: str) -> str:
    lines = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_RUN_RE.sub("\n\n", lines).strip()


@CLEANERS.register("clean-dump.v1")
def clean_dump(source: str) -> Cleaned:
    """Clean one crawled page dump: the article body, and every cut with its reason."""
    lines = _split_lines(source)
    _mark_page(lines)
    spans = _line_spans(lines)
    _join_within_blocks(lines, spans)
    _join_broken_paragraphs(lines, spans)
    removed = _to_removed(source, (span for line_spans in spans for span in line_spans))
    return Cleaned(apply_cuts(source, removed), removed)


def _mark_page(lines: list[_Line]) -> None:
    """Decide the reason of every line: by pattern first, then by place on the page."""
    for line in lines:
        line.reason = _strong_reason(line)
    for i, line in enumerate(lines):
        line.meta = line.reason is None and _is_meta_candidate(lines, i)
    _mark_promo_blocks(lines)
    title = _mark_title(lines)
    first = _first_prose(lines, title)
    _mark_metadata(lines, title, first)
    _mark_header(lines, title if title is not None else first)
    _mark_lists(lines)
    _mark_comments(lines, first)
    _mark_author_bio(lines)
    _mark_footer(lines)
    _mark_teasers(lines)


# --- lines and inline markup ----------------------------------------------------------


def _split_lines(source: str) -> list[_Line]:
    lines: list[_Line] = []
    offset, block, blank = 0, 0, True
    for num, text in enumerate(source.split("\n")):
        content = text.strip()
        if content:
            block += blank
            start = offset + len(text) - len(text.lstrip())
            lines.append(_make_line(num, block, start, content))
        blank = not content
        offset += len(text) + 1
    return lines


def _make_line(num: int, block: int, start: int, raw: str) -> _Line:
    marks = [(start + s, start + e, cut) for s, e, cut in _markup_cuts(raw)]
    kept, pos = [], start
    for s, e, _ in marks:
        kept.append(raw[pos - start : s - start])
        pos = e
    kept.append(raw[pos - start :])
    plain = " ".join("".join(kept).split())
    return _Line(num, block, start, start + len(raw), raw, plain, marks, pat.is_prose(plain))


def _markup_cuts(text: str) -> list[_Span]:
    """Markdown syntax and escape backslashes in one line, non-overlapping, in order."""
    found: list[_Span] = []
    head = pat.LINE_MARK_RE.match(text)
    if head:
        found.append((0, head.end(), _MARKUP))
    if "![" in text:
        found += [(m.start(), m.end(), _MARKUP) for m in pat.IMAGE_RE.finditer(text)]
    if "](" in text:
        for m in pat.LINK_RE.finditer(text):
            found += [(m.start(), m.start() + 1, _MARKUP), (m.end(1), m.end(), _MARKUP)]
    for mark, regex in pat.EMPHASIS_RES:
        for m in regex.finditer(text) if mark in text else ():
            found += [(m.start(1), m.end(1), _MARKUP), (m.end(2), m.end(), _MARKUP)]
    if "\\" in text:
        found += [(m.start(), m.start() + 1, _ESCAPE) for m in pat.ESCAPE_RE.finditer(text)]
    return _disjoint(found)


def _disjoint(spans: list[_Span]) -> list[_Span]:
    """``spans`` in order, dropping any that overlaps one kept before it."""
    kept: list[_Span] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if span[0] < span[1] and (not kept or span[0] >= kept[-1][1]):
            kept.append(span)
    return kept


def _strong_reason(line: _Line) -> Cut | None:
    """A reason that holds wherever the line stands (pattern tables only)."""
    if not line.plain or pat.RULE_RE.fullmatch(line.raw):
        return Cut.MARKUP
    return pat.line_reason(line.plain)


def _blocks(lines: list[_Line]) -> Iterator[list[_Line]]:
    """The lines grouped by paragraph, in order."""
    group: list[_Line] = []
    for line in lines:
        if group and line.block != group[0].block:
            yield group
            group = []
        group.append(line)
    if group:
        yield group


def _mark_promo_blocks(lines: list[_Line]) -> None:
    """A promo spread over several short lines ("To contact us ... visit: <link>")."""
    for group in _blocks(lines):
        if len(group) < 2 or any(line.prose for line in group):
            continue
        if pat.is_promo(" ".join(line.plain for line in group)):
            for line in group:
                line.reason = line.reason or Cut.PROMO


# --- the headline and the metadata around it ------------------------------------------


def _norm(text: str) -> str:
    return text.casefold().strip(" :|")


def _is_meta_candidate(lines: list[_Line], i: int) -> bool:
    """A date line or a bare byline that only its place can confirm."""
    line = lines[i]
    if pat.is_date_text(line.plain) or pat.bold_name(line.raw):
        return True
    return _beside_date(lines, i) and pat.is_name(line.plain, 2, 4)


def _neighbours(lines: list[_Line], i: int) -> list[_Line]:
    """The lines directly above and below line ``i`` in its paragraph."""
    near = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
    return [other for other in near if abs(other.num - lines[i].num) == 1]


def _mark_title(lines: list[_Line]) -> int | None:
    """Find the headline: the first title-like line whose next content line is prose.

    Its first occurrence is cut as TITLE and every repeat as DUPLICATE_TITLE.
    Returns the index of the line that was found (the search stops at the first
    prose line, so subheadings inside the body are never taken).
    """
    scanned: dict[str, int] = {}  # headline text -> where its last look-ahead stopped
    for i, line in enumerate(lines):
        if line.reason is not None or (line.meta and not pat.bold_name(line.raw)):
            continue  # a bold line may be the headline itself, so it is tried
        key = _norm(line.plain)
        if i >= scanned.get(key, 0):  # copies before that point would see the same line
            found, scanned[key] = _title_scan(lines, i, key)
            if found:
                _mark_title_lines(lines, key)
                return i
        if line.prose:
            return None
    return None


def _title_scan(lines: list[_Line], i: int, key: str) -> tuple[bool, int]:
    """Whether line ``i`` is followed by prose, and the index where the look-ahead stopped."""
    text = lines[i].plain
    if not pat.is_heading_like(text) or pat.is_menu_like(text):
        return False, i + 1
    for j in range(i + 1, len(lines)):
        nxt = lines[j]
        if nxt.reason is None and not nxt.meta and _norm(nxt.plain) != key:
            return nxt.prose, j
    return False, len(lines)


def _mark_title_lines(lines: list[_Line], key: str) -> None:
    """TITLE for the first line reading ``key``, DUPLICATE_TITLE for the other copies."""
    reason = Cut.TITLE
    for line in lines:
        if line.reason not in (None, Cut.NAVIGATION):
            continue
        norm = _norm(line.plain)
        if norm == key:
            line.reason, reason = reason, Cut.DUPLICATE_TITLE
        elif _is_title_with_site(norm, key):
            line.reason = Cut.DUPLICATE_TITLE


def _is_title_with_site(norm: str, key: str) -> bool:
    """ "Headline | Site name": the headline as the page's <title> repeats it."""
    return norm.startswith(key) and norm[len(key) : len(key) + 3] in (" | ", " - ", " – ", " — ")


def _first_prose(lines: list[_Line], after: int | None) -> int | None:
    for i in range(after or 0, len(lines)):
        if lines[i].reason is None and lines[i].prose:
            return i
    return None


def _mark_metadata(lines: list[_Line], title: int | None, first: int | None) -> None:
    """Confirm the candidates above the body: a date anywhere there (or beside a metadata
    line further down); a bare byline under the headline, or beside a date above it."""
    stop = first if first is not None else len(lines)
    below = title if title is not None else -1
    for i, line in enumerate(lines):
        if line.reason is not None or not line.meta:
            continue
        if pat.is_date_text(line.plain):
            if i < stop or _beside_metadata(lines, i):
                line.reason = Cut.DATE_LINE
        elif below < i < stop or (i < stop and _beside_date(lines, i)):
            line.reason = Cut.BYLINE


def _beside_date(lines: list[_Line], i: int) -> bool:
    return any(pat.is_date_text(other.plain) for other in _neighbours(lines, i))


def _beside_metadata(lines: list[_Line], i: int) -> bool:
    return any(other.reason in _WRAPPED for other in _neighbours(lines, i))


# --- furniture by place ---------------------------------------------------------------


def _is_furniture(line: _Line, following: _Line | None) -> bool:
    """Not article text when it stands outside the body: no sentence, no full stop, and
    no sentence that the next kept line carries on."""
    if line.prose or pat.ends_with(line.plain, pat.SENTENCE_END):
        return False
    if pat.ends_mid_sentence(line.plain):
        return False
    return following is None or not _is_broken(line.plain, following.plain)


def _next_kept(lines: list[_Line]) -> list[_Line | None]:
    """For each line, the next line that no rule has cut yet (None at the end)."""
    found: list[_Line | None] = [None] * len(lines)
    following = None
    for i in range(len(lines) - 1, -1, -1):
        found[i] = following
        following = lines[i] if lines[i].reason is None else following
    return found


def _mark_header(lines: list[_Line], stop: int | None) -> None:
    """Menus, tag clouds and section labels above the headline."""
    following = _next_kept(lines)
    for i in range(stop or 0):
        if lines[i].reason is None and _is_furniture(lines[i], following[i]):
            lines[i].reason = Cut.NAVIGATION


def _mark_footer(lines: list[_Line]) -> None:
    """Menus and labels below the last prose line (a lowercase start may continue a sentence)."""
    kept_prose = (i for i, ln in enumerate(lines) if ln.reason is None and ln.prose)
    last = max(kept_prose, default=None)
    if last is None:
        return
    following = _next_kept(lines)
    for i in range(last + 1, len(lines)):
        line = lines[i]
        lowercase = line.plain[:1].islower()
        if line.reason is None and not lowercase and _is_furniture(line, following[i]):
            line.reason = Cut.NAVIGATION


def _mark_lists(lines: list[_Line]) -> None:
    """The items under a bare list label ("Related articles", "Topics") take its reason.

    Items are the short lines of the label's paragraph, or of the next one when
    the label stands alone; a sentence ends the list.
    """
    for i, line in enumerate(lines):
        reason = _list_reason(line)
        if reason is None:
            continue
        bare = _ends_block(lines, i) and _is_bare_label(line.plain)
        blocks = {line.block, line.block + 1} if bare else {line.block}
        for j in range(i + 1, len(lines)):
            item = lines[j]
            if item.block not in blocks or item.reason is not None or item.prose:
                break
            item.reason = reason


def _list_reason(line: _Line) -> Cut | None:
    """The reason of a list label line ("Read more:", "Tags"), else None."""
    for reason, label in pat.LIST_LABELS:
        if line.reason is reason and label.match(line.plain):
            return reason
    return None


def _is_bare_label(text: str) -> bool:
    return any(label.fullmatch(text) for _, label in pat.LIST_LABELS)


def _mark_comments(lines: list[_Line], first: int | None) -> None:
    """A comment section: every line after a comment header that follows the body.

    Only when a thread follows (a "Reply" or "Report" widget further down) and
    the prose after the header is shorter than the prose before it: a lone
    "12 comments" link inside the article never swallows the article.
    """
    start = next((i for i in range(first or 0, len(lines)) if _opens_comments(lines[i])), None)
    if first is None or start is None:
        return
    before = sum(len(ln.plain) for ln in lines[:start] if ln.reason is None and ln.prose)
    after = sum(len(ln.plain) for ln in lines[start:] if ln.reason is None and ln.prose)
    thread = any(_is_thread_widget(line) for line in lines[start + 1 :])
    if thread and after < before:
        for line in lines[start + 1 :]:
            line.reason = line.reason or Cut.COMMENT_WIDGET


def _is_thread_widget(line: _Line) -> bool:
    return line.reason is Cut.COMMENT_WIDGET and not pat.is_comment_header(line.plain)


def _opens_comments(line: _Line) -> bool:
    return line.reason is Cut.COMMENT_WIDGET and pat.is_comment_header(line.plain)


def _ends_block(lines: list[_Line], i: int) -> bool:
    return i + 1 == len(lines) or lines[i + 1].block != lines[i].block


def _mark_author_bio(lines: list[_Line]) -> None:
    """The closing "Name is a reporter at X." and the bare name lines just above it."""
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if line.reason is not None:
            continue
        name = pat.bio_name(line.plain)
        if name is not None:
            _mark_bio(lines, i, name)
            return
        if line.prose:
            return


def _mark_bio(lines: list[_Line], i: int, name: str) -> None:
    """Cut the bio at ``i`` with its name lines, unless the body is about that person."""
    heading = _bio_heading(lines, i, _norm(name))
    surname = name.split()[-1]
    if not heading and any(surname in ln.plain for ln in lines[:i] if ln.reason is None):
        return  # "X is a journalist at Y" closing a story about X: article text
    for line in [*heading, lines[i]]:
        line.reason = Cut.AUTHOR_BIO


def _bio_heading(lines: list[_Line], i: int, name: str) -> list[_Line]:
    """The bare name lines (or "About the author") right above the bio at ``i``."""
    found: list[_Line] = []
    for line in reversed(lines[:i]):
        if line.reason is not None:
            continue
        if _norm(line.plain) != name and not pat.ABOUT_AUTHOR_RE.fullmatch(line.plain):
            break
        found.append(line)
    return found


# --- teasers --------------------------------------------------------------------------


def _mark_teasers(lines: list[_Line]) -> None:
    """Paragraphs whose text (less a final "...") starts some later stretch of the body."""
    blocks = [group for group in _blocks(lines) if all(ln.reason is None for ln in group)]
    texts = [" ".join(line.plain for line in group) for group in blocks]
    stream, starts = " ".join(texts), _offsets(texts)
    index: dict[str, list[int]] = {}
    for k, text in enumerate(texts):
        index.setdefault(text[:TEASER_KEY_CHARS], []).append(k)
    for k, text in enumerate(texts):
        if _repeated_later(text, k, stream, starts, index):
            for line in blocks[k]:
                line.reason = Cut.TEASER


def _offsets(texts: list[str]) -> list[int]:
    starts, pos = [], 0
    for text in texts:
        starts.append(pos)
        pos += len(text) + 1
    return starts


def _repeated_later(
    text: str, k: int, stream: str, starts: list[int], index: dict[str, list[int]]
) -> bool:
    cut = pat.strip_ellipsis(text)
    probe = text if cut is None else cut
    if len(probe) < TEASER_MIN_CHARS:
        return False
    later = index.get(probe[:TEASER_KEY_CHARS], [])
    first = bisect.bisect_right(later, k)
    for j in later[first : first + TEASER_MAX_TRIES]:
        end = starts[j] + len(probe)
        whole_word = end >= len(stream) or not stream[end].isalnum()
        if stream.startswith(probe, starts[j]) and (cut is not None or whole_word):
            return True
    return False


# --- spans: what each line gives up ----------------------------------------------------


def _line_spans(lines: list[_Line]) -> list[list[_Span]]:
    """Per line, its cuts in order: the whole line, its wrapper and text, or its markup."""
    return [_spans_of(line) for line in lines]


def _spans_of(line: _Line) -> list[_Span]:
    if line.reason is None:
        return list(line.marks)
    if line.reason not in _WRAPPED:
        return [(line.start, line.end, line.reason)]
    head, tail, start, end = _unwrap(line)
    while start < end and line.raw[start - line.start].isspace():
        start += 1
    while end > start and line.raw[end - 1 - line.start].isspace():
        end -= 1
    if start >= end:
        return [(line.start, line.end, line.reason)]
    return [*head, (start, end, line.reason), *tail]


def _unwrap(line: _Line) -> tuple[list[_Span], list[_Span], int, int]:
    """The markup opening and closing a metadata line ("## ", "**"), and what is between."""
    head: list[_Span] = []
    start, end = line.start, line.end
    for mark in line.marks:
        if mark[0] != start:
            break
        head.append(mark)
        start = mark[1]
    tail: list[_Span] = []
    for mark in reversed(line.marks[len(head) :]):
        if mark[1] != end:
            break
        tail.append(mark)
        end = mark[0]
    return head, tail[::-1], start, end


def _kept(line: _Line) -> bool:
    return line.reason is None


def _swallow(spans: list[_Span], until: int) -> None:
    """Stretch a cut line's last span over the whitespace up to ``until``."""
    start, _, reason = spans[-1]
    spans[-1] = (start, until, reason)


def _join_within_blocks(lines: list[_Line], spans: list[list[_Span]]) -> None:
    """A cut line between two kept lines of one paragraph takes its line break with it."""
    i = 0
    for group in _blocks(lines):
        kept = [k for k, line in enumerate(group) if _kept(line)]
        for k in range(kept[0] + 1, kept[-1]) if kept else ():
            if not _kept(group[k]):
                _swallow(spans[i + k], group[k + 1].start)
        i += len(group)


def _join_broken_paragraphs(lines: list[_Line], spans: list[list[_Span]]) -> None:
    """Rejoin paragraphs the crawl broke mid-sentence: their break becomes one space."""
    kept = [i for i, line in enumerate(lines) if _kept(line)]
    for a, b in itertools.pairwise(kept):
        if lines[a].block != lines[b].block and _is_broken(lines[a].plain, lines[b].plain):
            gap = range(a + 1, b)
            first = lines[gap[0]].start if gap else lines[b].start
            spans[a].append((lines[a].end, first, Cut.BROKEN_PARAGRAPH))
            for k in gap:
                _swallow(spans[k], lines[k + 1].start)


def _is_broken(before: str, after: str) -> bool:
    """Whether ``before`` stops mid-sentence and ``after`` carries the sentence on."""
    words = before.split()
    if len(words) < JOIN_MIN_WORDS or pat.lower_ratio(words) <= JOIN_MIN_LOWER:
        return False
    if pat.ends_with(before, pat.FINAL_PUNCT) or before[-1:] in pat.FINAL_PUNCT:
        return False
    first = after.lstrip(pat.OPENERS)[:1]
    last = words[-1].casefold().rstrip(pat.CLOSERS)
    return first.islower() or (last in pat.CONTINUATION_WORDS and first.isalnum())


def _to_removed(source: str, spans: Iterator[_Span]) -> tuple[Removed, ...]:
    """The cuts as ``Removed`` records, in source order, never overlapping."""
    removed: list[Removed] = []
    pos = 0
    for start, end, reason in sorted(spans, key=lambda s: (s[0], s[1])):
        if start < pos or start >= end:
            continue  # defensive: the passes above never produce these
        removed.append(Removed(source[start:end], _VALUES[reason], start, end))
        pos = end
    return tuple(removed)
