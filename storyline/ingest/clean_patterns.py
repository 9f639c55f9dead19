"""Pattern tables of the dump cleaner: what furniture, metadata and markup lines look like.

Keyword lists and regexes live here as data, with the small predicates that read
them; ``clean.py`` decides where on the page a line sits. Predicates read one
line's *plain* text (markup removed, whitespace collapsed to single spaces).
Every regex is anchored, bounded or free of nested ambiguous repeats, and the
line patterns only run on short lines, so cleaning stays linear in the input.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from storyline.ingest.cuts import Cut

_I = re.IGNORECASE


def _words(text: str) -> frozenset[str]:
    """A keyword table written as one space-separated string."""
    return frozenset(text.split())


SHORT_LINE = 300  # characters: a longer line is never a label, widget, credit or byline
SHORT_WORDS = 40  # words: the most a promo, cookie, boilerplate or related line may have

# --- inline markdown ------------------------------------------------------------------

# A backslash before ASCII punctuation: "\$50" (the backslash alone is cut).
ESCAPE_RE = re.compile(r"\\[!-/:-@\[-`{-~]")
# Heading hashes or a blockquote marker opening a line, with the spaces after them.
LINE_MARK_RE = re.compile(r"(?:#{1,6}|>)(?:[ \t]+|$)")
# A horizontal rule or setext underline (whole line): "---", "* * *", "====".
RULE_RE = re.compile(r"(?:[-*_=][ \t]*){3,}")
# A markdown image: all of it is markup, its alt text is not article text.
IMAGE_RE = re.compile(r"!\[[^\[\]\n]*\]\([^()\s]*(?:\s+\"[^\"\n]*\")?\)")
# A markdown link; group 1, the link text, is kept.
LINK_RE = re.compile(r"(?<![\\!])\[([^\[\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)")
# Emphasis around a word or phrase, never intraword or escaped; group 2 is kept. Each
# regex runs only on lines holding its marker character.
EMPHASIS_RES = (
    ("*", re.compile(r"(?<![\w\\/*])(\*{1,3})([^*\s](?:[^*]*[^*\s\\])?)\1(?![\w*])")),
    ("_", re.compile(r"(?<![\w\\/])(_{1,3})([^_\s](?:[^_]*[^_\s\\])?)\1(?!\w)")),
)
# A line that is only bold text: "**Andrea Peters**" (group 2 is the text).
BOLD_LINE_RE = re.compile(r"(\*\*|__)([^*_]{1,120})\1")

# --- sentence shape -------------------------------------------------------------------

SENTENCE_END = ".…"  # a line of 4+ words ending in these is a sentence
EXCLAIM_END = "!?"  # sentence ends that headlines share, so they need more evidence
CLOSERS = "\"'”’»)]*_ "  # read past these to find a line's last real character
OPENERS = "\"'“‘«([*_ "  # read past these to find a line's first real character
# A paragraph ending in one of these was not broken mid-sentence by the crawl.
FINAL_PUNCT = ".!?:…\"”’'»)]"
# Words that never end a sentence: a paragraph ending in one was broken by the crawl.
CONTINUATION_WORDS = _words(
    "a an the and or but nor of in on at to for from with by as than that which who whose "
    "whom into onto upon between among about against during after before under over "
    "through its their his her our your my this these those is are was were be been has "
    "have had will would could should may might must can"
)
ELLIPSES = ("[...]", "[…]", "(...)", "...", "…")  # how a teaser marks its cut
# "fled. He" inside a line: the line holds more than one sentence, so it is no heading.
SENTENCE_BREAK_RE = re.compile(r"[a-z]{2}[.!?] [A-Z]")
HEADING_MAX_WORDS = 20  # the longest line that can be a headline or subheading
PROSE_MIN_WORDS = 4  # the shortest line ending in "." that counts as a sentence
LONG_PROSE_WORDS = 15  # a line this long, mostly lowercase, is prose even unpunctuated
EXCLAIM_PROSE_WORDS = 6  # a "?" or "!" line this long, mostly lowercase, is a sentence
PROSE_MIN_LOWER = 0.5  # share of lowercase-initial words in prose (headlines have fewer)
# Separators of menus and breadcrumbs: "Home | World | Asia", "News › Europe".
MENU_SEP_RE = re.compile(r" [|•·»›>/] ")
MENU_MIN_SEPARATORS = 2
MENU_ITEM_WORDS = 5  # a menu item longer than this is a sentence, not a link label

_TOKEN_RE = re.compile(r"[^\W_]+")  # runs of letters and digits: tokens for keyword tables


def tokens(text: str) -> list[str]:
    """Casefolded letter-and-digit runs of ``text``."""
    return _TOKEN_RE.findall(text.casefold())


def ends_with(text: str, marks: str) -> bool:
    """Whether the last real character of ``text`` (past quotes and brackets) is in ``marks``."""
    core = text.rstrip(CLOSERS)
    return bool(core) and core[-1] in marks


def lower_ratio(words: list[str]) -> float:
    """The share of ``words`` that start with a lowercase letter."""
    if not words:
        return 0.0
    return sum(word.lstrip(OPENERS)[:1].islower() for word in words) / len(words)


def is_prose(text: str) -> bool:
    """A line of article prose: a sentence, or a long mostly-lowercase run cut mid-sentence."""
    words = text.split()
    if len(words) >= PROSE_MIN_WORDS and ends_with(text, SENTENCE_END):
        return True
    lower = lower_ratio(words) >= PROSE_MIN_LOWER
    if lower and len(words) >= EXCLAIM_PROSE_WORDS and ends_with(text, EXCLAIM_END):
        return True
    return lower and len(words) >= LONG_PROSE_WORDS


def ends_mid_sentence(text: str) -> bool:
    """Whether the last word of ``text`` is one no sentence or headline ends on ("the")."""
    words = text.rsplit(None, 1)
    return bool(words) and words[-1].casefold() in CONTINUATION_WORDS


def is_heading_like(text: str) -> bool:
    """A short capitalised line with no final full stop: a headline or a subheading."""
    words = text.split()
    if not 1 <= len(words) <= HEADING_MAX_WORDS or ends_with(text, ".,;…"):
        return False
    if ends_mid_sentence(text):
        return False
    first = text.lstrip(OPENERS)[:1]
    return (first.isupper() or first.isdigit()) and not SENTENCE_BREAK_RE.search(text)


def is_menu_like(text: str) -> bool:
    """Items joined by menu separators ("Home | World | Asia"), none of them a sentence."""
    if len(text) > SHORT_LINE or len(MENU_SEP_RE.findall(text)) < MENU_MIN_SEPARATORS:
        return False
    items = MENU_SEP_RE.split(text)
    return not is_prose(text) and all(len(item.split()) <= MENU_ITEM_WORDS for item in items)


def strip_ellipsis(text: str) -> str | None:
    """``text`` without a trailing ellipsis, or None when it has none."""
    core = text.rstrip()
    for mark in ELLIPSES:
        if core.endswith(mark):
            return core[: -len(mark)].rstrip()
    return None


# --- dates ----------------------------------------------------------------------------

MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
WEEKDAYS = _words(
    "monday tuesday wednesday thursday friday saturday sunday "
    "mon tue tues wed thu thur thurs fri sat sun"
)
# Words a date or time line may hold besides numbers, months and weekdays.
DATE_FILLERS = _words(
    "am pm a m p utc gmt est edt cet cest eet eest msk bst pst pdt cst cdt ist jst at on of the"
)
# Words a labelled stamp may add: "Updated 3 hours ago", "Published ... | Updated ...".
STAMP_FILLERS = _words(
    "ago hour hours min mins minute minutes day days week weeks h hrs "
    "updated published posted modified last first"
)
_LABELLED_FILLERS = DATE_FILLERS | STAMP_FILLERS
# One number of a date or time: 17, 17th, 2018, "17T10" of an ISO stamp.
DATE_NUMBER_RE = re.compile(r"\d{1,4}(?:st|nd|rd|th|t\d{1,2}|z)?")
_DIGIT_RE = re.compile(r"\d")
NUMERIC_DATE_RE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")  # 23-05-2018, 2010/04/17
DATE_MAX_CHARS = 80
DATE_MAX_TOKENS = 12
# "Updated at 22:06,23-05-2018", "Last modified: ...": when the page changed (group 1: date).
STAMP_RE = re.compile(
    r"(?:last |page )?(?:last )?(?:updated|modified|edited|revised|changed)(?: at| on)?:? ?(.*)",
    _I,
)
# "Published: 17 April 2010", "Posted on ...": the publication date (group 1: date).
PUBLISHED_RE = re.compile(
    r"(?:first )?(?:published|posted|dated?|released)(?: at| on)?:? ?(.*)", _I
)


def _is_date_token(token: str, fillers: frozenset[str]) -> bool:
    return (
        token in MONTHS
        or token in WEEKDAYS
        or token in fillers
        or DATE_NUMBER_RE.fullmatch(token) is not None
    )


def is_date_text(text: str, *, labelled: bool = False) -> bool:
    """A date or time and nothing else ("17 April 2010", "22:06,23-05-2018").

    ``labelled`` text follows a label such as "Updated": it may be relative
    ("3 hours ago") and need not name a month.
    """
    if len(text) > DATE_MAX_CHARS or not _DIGIT_RE.search(text):
        return False
    words = tokens(text)
    fillers = _LABELLED_FILLERS if labelled else DATE_FILLERS
    if not 1 <= len(words) <= DATE_MAX_TOKENS:
        return False
    if not all(_is_date_token(word, fillers) for word in words):
        return False
    if not any(word[:1].isdigit() for word in words):
        return False
    return labelled or any(w in MONTHS for w in words) or bool(NUMERIC_DATE_RE.search(text))


def is_page_stamp(text: str) -> bool:
    """ "Updated at 22:06,23-05-2018": when the page changed, not when it was published."""
    match = STAMP_RE.match(text) if len(text) <= DATE_MAX_CHARS else None
    return match is not None and is_date_text(match[1], labelled=True)


def is_labelled_date(text: str) -> bool:
    """ "Published: 17 April 2010": a date line with its label."""
    match = PUBLISHED_RE.match(text) if len(text) <= DATE_MAX_CHARS else None
    return match is not None and is_date_text(match[1], labelled=True)


# --- names, bylines, author bios ------------------------------------------------------

NAME_PARTICLES = _words("de da di del der den du van von al el bin ibn la le y dos das")
NAME_JOINERS = frozenset({"and", "&"})  # between the names of co-authors
NAME_CHARS = "'’.-"
NAME_MAX_CHARS = 120
_NAME_CHARS_GONE = str.maketrans("", "", NAME_CHARS)
CALENDAR_WORDS = MONTHS | WEEKDAYS  # a name never holds one: "By Tuesday" is no byline
# "By Erica Marat", "Written by ...", "Author: ..." (group 1: the names and what follows).
BYLINE_RE = re.compile(
    r"(?:(?:(?:additional )?reporting|written|words|text|story|reported|editing|compiled|"
    r"produced) by|by|authors?:)[: ]+(.+)",
    _I,
)
BYLINE_SPLIT_RE = re.compile(r" ?[,;|·•–—] ?| - ")  # "By X, Reuters | 17 April 2010"
BYLINE_MAX_CHARS = 150
# Lowercase words a byline may add after the names: "Jane Roe, Europe correspondent in Paris".
BYLINE_TAIL_WORDS = _words(
    "and & of the for in at based staff writer writers reporter reporters correspondent "
    "correspondents editor editors contributor contributors columnist senior chief special "
    "political foreign diplomatic bureau desk news"
)
BYLINE_TAIL_MAX_WORDS = 6
BIO_VERBS = _words("is was has writes covers reports teaches works serves")
# Job words of an author bio: "X is an associate analyst at Y".
BIO_ROLES = _words(
    "analyst journalist correspondent reporter editor writer columnist author fellow "
    "researcher professor lecturer contributor freelance freelancer scholar blogger "
    "commentator photographer photojournalist producer economist historian student"
)
BIO_MAX_WORDS = 60
ABOUT_AUTHOR_RE = re.compile(r"about (?:the )?authors?:?", _I)  # fullmatch: a bio heading


def is_name_word(word: str) -> bool:
    """A capitalised word of letters (and name punctuation), or a particle ("van", "al-")."""
    letters = word.translate(_NAME_CHARS_GONE)
    if word[:1].isupper() and (letters.isalpha() or not letters):
        return True
    folded = word.casefold()
    return folded in NAME_PARTICLES or folded.split("-", 1)[0] in NAME_PARTICLES


def is_name(text: str, least: int, most: int, joiners: frozenset[str] = NAME_JOINERS) -> bool:
    """A person's or outlet's name of ``least`` to ``most`` words, joined by ``joiners``."""
    if len(text) > NAME_MAX_CHARS:
        return False
    words = [w for w in text.split() if w.casefold() not in joiners]
    if not least <= len(words) <= most or not any(w[:1].isupper() for w in words):
        return False
    if any(w.casefold().rstrip(".") in CALENDAR_WORDS for w in words):
        return False
    return all(is_name_word(word) for word in words)


def is_byline(text: str) -> bool:
    """ "By Name", "By Name and Name, Outlet | date": the author line."""
    match = BYLINE_RE.fullmatch(text) if len(text) <= BYLINE_MAX_CHARS else None
    if match is None:
        return False
    first, *rest = BYLINE_SPLIT_RE.split(match[1])
    if not is_name(first, 1, 12):
        return False
    return all(_is_byline_tail(part) for part in rest)


def _is_byline_tail(part: str) -> bool:
    """What may follow the names: a date, an outlet, a role ("Europe correspondent")."""
    if is_date_text(part) or is_name(part, 1, BYLINE_TAIL_MAX_WORDS, BYLINE_TAIL_WORDS):
        return True
    if is_byline(part):  # "Reporting by X; Editing by Y"
        return True
    words = part.casefold().split()
    return 0 < len(words) <= BYLINE_TAIL_MAX_WORDS and BYLINE_TAIL_WORDS.issuperset(words)


def bold_name(raw: str) -> bool:
    """A markdown bold name alone on its line: "**Andrea Peters**"."""
    match = BOLD_LINE_RE.fullmatch(raw)
    return match is not None and (is_name(match[2], 2, 5) or is_byline(match[2]))


def bio_name(text: str) -> str | None:
    """The name opening an author bio ("Jane Doe is a reporter at X."), else None."""
    words = text.split()
    if len(words) > BIO_MAX_WORDS:
        return None
    for k in range(2, min(6, len(words))):
        if words[k].casefold() in BIO_VERBS:
            name = " ".join(words[:k])
            roles = BIO_ROLES.intersection(tokens(" ".join(words[k:])))
            return name if roles and is_name(name, 2, 5) else None
    return None


# --- junk lines -----------------------------------------------------------------------

# Injected link spam: these words, dense and repeated ("ankara escort ... escort").
SPAM_WORDS = _words(
    "escort escorts bahis casino casinos viagra cialis levitra porn porno xxx togel gacor "
    "slot slots betting poker hacklink replica"
)
SPAM_FIND_RE = re.compile("|".join(sorted(SPAM_WORDS)))  # substrings, on casefolded text
SPAM_MIN_HITS = 3
SPAM_MIN_SHARE = 0.2  # of the line's words, in a keyword soup with no sentence in it
SPAM_SURE_SHARE = 0.4  # of the line's words, whatever its punctuation

COOKIE_RES = (
    re.compile(
        r"\b(?:we|this (?:web)?site|our (?:web)?site|this page) (?:uses?|is using) cookies\b", _I
    ),
    re.compile(
        r"\bby (?:continuing|using|browsing)\b[^.]{0,80}?\b(?:site|website|cookies)\b"
        r"[^.]{0,80}?\b(?:agree|accept|consent)",
        _I,
    ),
    re.compile(r"^(?:accept|allow|reject|decline|manage|customi[sz]e)(?: all)? cookies$", _I),
    re.compile(r"^cookie (?:policy|settings|preferences|consent|notice)$", _I),
)
# The buttons of a cookie banner, alone on their line.
COOKIE_BUTTON_RES = (
    re.compile(r"(?:accept all|reject all|got it|i agree|i accept|manage preferences)$", _I),
)
_NUMBER = r"\d[\d,.]*(?: ?[km])?"
COUNTER_ITEMS = (
    rf"{_NUMBER} (?:reads?|views?|visits?|hits?|readers?|plays?|listens?|shares?|likes?)",
    rf"(?:reads?|views?|visits?|hits?|viewed|likes?|shares?):? {_NUMBER}",
    r"read \d[\d,.]* times?",
    r"\d+ ?(?:min|mins|minutes?) read",
    r"reading time:? \d+ ?(?:min|mins|minutes?)",
)
_COUNTER = "(?:" + "|".join(COUNTER_ITEMS) + ")"
# One counter or several joined: "252 reads · 3 min read".
COUNTER_RE = re.compile(rf"{_COUNTER}(?: ?[|·•] ?{_COUNTER})*", _I)
COMMENT_RES = (
    re.compile(r"(?:\d+ )?comments?(?: ?\(\d+\)|: ?\d+)?$", _I),
    re.compile(r"(?:leave|post|add|write|submit) (?:a|your|the first|new) (?:comment|reply)", _I),
    re.compile(
        r"(?:show|view|load|hide|read|see)(?: all| more)?(?: \d+)? (?:comments?|replies)", _I
    ),
    re.compile(r"comments? (?:are|is) (?:closed|disabled|off)", _I),
    re.compile(r"join the (?:discussion|conversation|debate)", _I),
    re.compile(r"(?:you must be|please) (?:logged|signed) in to (?:comment|post|reply)", _I),
    re.compile(r"(?:log|sign) in to (?:comment|reply)", _I),
    re.compile(r"be the first to comment", _I),
    re.compile(r"\d+ (?:responses?|replies) to\b", _I),
    re.compile(r"(?:reply|cancel reply|report(?: abuse| comment)?)$", _I),
)
COMMENT_MAX_WORDS = 20
# The lines that open a comment section ("3 comments", "Join the discussion").
COMMENT_HEADER_RE = re.compile(
    r"(?:\d+ )?comments?(?: ?\(\d+\)|: ?\d+)?$|(?:leave|post|add|write) (?:a|your) "
    r"(?:comment|reply)|join the (?:discussion|conversation|debate)|\d+ (?:responses?|replies) to\b"
    r"|(?:show|view|load|read) (?:all )?(?:\d+ )?comments",
    _I,
)
# Share widgets are lines made only of these words, with at least one of the first set.
SHARE_CORE = _words(
    "share tweet facebook twitter linkedin whatsapp telegram reddit email print pinterest "
    "flipboard messenger vk"
)
SHARE_FILL = _words(
    "this the article story post page on via to a friend by with link copy pin it x e mail "
    "send and or your social"
)
SHARE_FIND_RE = re.compile("|".join(sorted(SHARE_CORE)))  # a cheap first look, casefolded
SHARE_MAX_WORDS = 16
IMAGE_CREDIT_RES = (
    re.compile(
        r"(?:photo|photograph|image|picture|pic|illustration|graphic|foto|"
        r"(?:main|top|header|featured|cover) (?:image|photo))s?(?: credits?)? ?(?::|by\b|©|\||/)",
        _I,
    ),
    re.compile(r"(?:image |photo )?credits?:", _I),
    re.compile(r"\(?(?:photo|image|picture)s? (?:courtesy|via)\b", _I),
    re.compile(r"© ?(?!(?:19|20)\d\d)\S", _I),  # "© Reuters"; with a year it is a copyright line
    re.compile(r"\(?(?:getty images|shutterstock|ap photo|afp photo|epa|reuters)(?:/| via )", _I),
)
IMAGE_CREDIT_MAX_WORDS = 25
# "Read more:", "Related:", "You may also like": a list of other articles starts here.
RELATED_RE = re.compile(
    r"(?:read more|read also|also read|see also|related(?: articles?| stories| content| coverage"
    r"| posts| news| reading| links)?|more (?:from|on|about|in) [^:.!?]{1,60}?(?= ?[:»›>|])"
    r"|you (?:may|might) also (?:like|enjoy|be interested in)"
    r"|recommended(?: for you| reading| stories| articles)?"
    r"|most (?:read|popular|viewed|shared|commented)|trending(?: now| stories)?"
    r"|read next|up next|what to read next|more stories|more news|further reading)"
    r"(?: ?[:»›>|]|$)",
    _I,
)
PROMO_RES = (
    re.compile(r"why (?:support|subscribe to|donate to|become a member of)\b[^.!?]{0,80}\?$", _I),
    re.compile(
        r"(?:please )?(?:support|donate to|help fund) (?:us\b|our (?:work|journalism|reporting|"
        r"newsroom)|independent (?:journalism|media)|this (?:site|website|newsletter|project))",
        _I,
    ),
    re.compile(r"(?:donate|subscribe|support us)(?: now| today| here)?[.!]?$", _I),
    re.compile(
        r"(?:sign up|subscribe|register)(?: now| today)? (?:for|to) (?:our|the|my|a)\b"
        r"[^.!?]{0,60}?\b(?:newsletters?|updates|emails?|briefings?|digest|alerts|bulletin)\b",
        _I,
    ),
    re.compile(r"(?:get|receive) (?:our|the)\b[^.!?]{0,40}?\bnewsletters?\b", _I),
    re.compile(r"(?:follow|like) us on\b", _I),
    re.compile(r"(?:download|get) (?:our|the) (?:free )?(?:\w+ )?app\b", _I),
    re.compile(
        r"(?:advertisement|advertising|sponsored(?: content| post)?|promoted(?: content)?)$", _I
    ),
    re.compile(r"(?:story|article) continues (?:below|after)\b", _I),
    re.compile(r"(?:continue reading|scroll to continue)\b", _I),
    re.compile(r"become a (?:member|subscriber|patron|supporter)\b", _I),
    re.compile(r"(?:already a subscriber|subscribe to (?:continue|read)|subscribers only)", _I),
    re.compile(r"(?:to )?contact\b[^.!?]{0,150}?\b(?:visit|email|e-mail|write to|call) ?:", _I),
    re.compile(r"(?:send us|got) a (?:news )?tip\b", _I),
    # "<Outlet> is independent and reader-funded. Support our work: donate today."
    re.compile(
        r"[^.!?]{0,80}\b(?:is|are) (?:an? )?(?:independent|reader[- ]funded|reader[- ]supported|"
        r"non-?profit)\b[^.!?]{0,80}[.!?]\s*(?:please )?(?:support|donate|subscribe)\b",
        _I,
    ),
)
BOILERPLATE_RES = (
    re.compile(r"^(?:©|copyright ?(?:©|\(c\)|(?:19|20)\d\d))", _I),
    re.compile(r"\ball rights reserved\b", _I),
    re.compile(
        r"^this (?:article|story|post|piece) (?:was |first |originally )*"
        r"(?:published|appeared|posted)\b",
        _I,
    ),
)
# Whole lines that are site navigation (compared casefolded, without a trailing ":").
NAV_LABELS = frozenset(
    {
        *("skip to content", "skip to main content", "skip to navigation", "jump to navigation"),
        *("menu", "main menu", "toggle navigation", "navigation", "open menu", "close menu"),
        *("search", "home", "homepage", "log in", "login", "sign in", "sign up", "register"),
        *("my account", "sections", "all sections", "back to top", "close", "more", "rss"),
        *("next article", "previous article", "next post", "previous post", "next story"),
        *("previous story", "next", "previous", "older posts", "newer posts", "load more"),
        *("show more", "print edition", "e-paper", "epaper"),
    }
)
# A bare label over a list of tags or sections; the list under it is navigation too.
TAG_LABEL_RE = re.compile(
    r"(?:tags?|topics?|related topics|filed under|categories|keywords|sections|explore)(?: ?:)?$",
    _I,
)
NAV_RES = (
    TAG_LABEL_RE,
    re.compile(
        r"(?:tags?|topics?|filed under|categories|category|keywords|sections?|posted in) ?:", _I
    ),
    re.compile(
        r"(?:recent|latest|featured|popular|top|breaking)(?: \w+)? "
        r"(?:features|posts|articles|stories|news|headlines|videos)$",
        _I,
    ),
)


def _one_of(patterns: Iterable[re.Pattern[str]]) -> re.Pattern[str]:
    """One regex that matches where any of ``patterns`` does (one pass instead of many)."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), _I)


def _word_count(text: str) -> int:
    return text.count(" ") + 1  # plain text: words are separated by exactly one space


def _matcher(patterns: Iterable[re.Pattern[str]], max_words: int) -> Callable[[str], bool]:
    """A predicate: some pattern matches at the start of a line of at most ``max_words``."""
    regex = _one_of(patterns)

    def matches(text: str) -> bool:
        if len(text) > SHORT_LINE or _word_count(text) > max_words:
            return False
        return regex.match(text) is not None

    return matches


def _searcher(
    patterns: Iterable[re.Pattern[str]], max_words: int, needles: tuple[str, ...]
) -> Callable[[str], bool]:
    """A predicate: some pattern occurs in a line of at most ``max_words``.

    The regex only runs on lines holding one of ``needles`` (casefolded): a
    substring test is far cheaper than a case-blind search over every line.
    """
    regex = _one_of(patterns)

    def finds(text: str) -> bool:
        if _word_count(text) > max_words:
            return False
        folded = text.casefold()
        return any(n in folded for n in needles) and regex.search(text) is not None

    return finds


def is_spam(text: str) -> bool:
    """Injected link spam: spam keywords, repeated and dense."""
    if len(SPAM_FIND_RE.findall(text.casefold())) < SPAM_MIN_HITS:
        return False  # a cheap first look: substring hits bound the word hits
    words = tokens(text)
    hits = sum(word in SPAM_WORDS for word in words)
    if hits < SPAM_MIN_HITS or hits < SPAM_MIN_SHARE * len(words):
        return False
    soup = not ends_with(text, SENTENCE_END + EXCLAIM_END) and not SENTENCE_BREAK_RE.search(text)
    return soup or hits >= SPAM_SURE_SHARE * len(words)


def is_counter(text: str) -> bool:
    """ "252 reads", "Views: 1,447", "3 min read", or several of them joined."""
    return len(text) <= SHORT_LINE and COUNTER_RE.fullmatch(text) is not None


def is_share_widget(text: str) -> bool:
    """ "Share this article: Facebook Twitter Email": only share words."""
    if len(text) > SHORT_LINE or not SHARE_FIND_RE.search(text.casefold()):
        return False
    words = [word for word in tokens(text) if not word.isdigit()]
    if not 1 <= len(words) <= SHARE_MAX_WORDS or not SHARE_CORE.intersection(words):
        return False
    return all(word in SHARE_CORE or word in SHARE_FILL for word in words)


# Labels whose list of items (the short lines under them) shares their reason.
LIST_LABELS = ((Cut.RELATED, RELATED_RE), (Cut.NAVIGATION, TAG_LABEL_RE))


def is_comment_header(text: str) -> bool:
    """ "3 comments", "Leave a comment": where a page's comment section starts."""
    return len(text) <= SHORT_LINE and COMMENT_HEADER_RE.match(text) is not None


def is_related_label(text: str) -> bool:
    """ "Read more: ...", "Related articles": the start of a list of other articles."""
    return len(text) <= SHORT_LINE and RELATED_RE.match(text) is not None


def is_navigation(text: str) -> bool:
    """A navigation label, a tag list, or a menu / breadcrumb line."""
    if len(text) > SHORT_LINE:
        return False
    if text.casefold().rstrip(" :»›>|") in NAV_LABELS:
        return True
    return NAV_RE.match(text) is not None or is_menu_like(text)


NAV_RE = _one_of(NAV_RES)
is_cookie_notice = _searcher(COOKIE_RES, SHORT_WORDS * 2, ("cookie",))
is_cookie_button = _matcher(COOKIE_BUTTON_RES, SHORT_WORDS)
is_comment_widget = _matcher(COMMENT_RES, COMMENT_MAX_WORDS)
is_image_credit = _matcher(IMAGE_CREDIT_RES, IMAGE_CREDIT_MAX_WORDS)
is_promo = _matcher(PROMO_RES, SHORT_WORDS)
is_boilerplate = _searcher(
    BOILERPLATE_RES, SHORT_WORDS, ("©", "copyright", "rights reserved", "this ")
)

# The reason of a line that is junk or metadata wherever it stands; the first match wins.
LINE_RULES: tuple[tuple[Cut, Callable[[str], bool]], ...] = (
    (Cut.SPAM, is_spam),
    (Cut.COOKIE_NOTICE, is_cookie_notice),
    (Cut.COOKIE_NOTICE, is_cookie_button),
    (Cut.COUNTER, is_counter),
    (Cut.COMMENT_WIDGET, is_comment_widget),
    (Cut.SHARE_WIDGET, is_share_widget),
    (Cut.IMAGE_CREDIT, is_image_credit),
    (Cut.PAGE_STAMP, is_page_stamp),
    (Cut.DATE_LINE, is_labelled_date),
    (Cut.BYLINE, is_byline),
    (Cut.RELATED, is_related_label),
    (Cut.PROMO, is_promo),
    (Cut.BOILERPLATE, is_boilerplate),
    (Cut.NAVIGATION, is_navigation),
)


def line_reason(text: str) -> Cut | None:
    """The reason to cut a line wherever it stands, or None when only its place can tell."""
    for reason, test in LINE_RULES:
        if test(text):
            return reason
    return None
