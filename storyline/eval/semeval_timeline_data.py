"""SemEval-2015 Task 4 data: articles from CAT XML, target entities, gold timelines.

An article's text is rebuilt from its CAT tokens (``storyline.eval.naf.layout``) one
sentence a line (``sentence_layout``), and every token keeps its offsets in it, so a span
the pipeline finds maps back to the task's ``docid-sentence-token`` id
(``Article.event_id``). The publication date is the document creation time, the TIMEX3
CAT marks ``CREATION_TIME``.

Targets are those listed in ``list_target_entities_corpus_N.txt`` (trial: the first line
of each gold timeline). A target's gold timeline is the file named after it
(``file_name``), as the official scorer pairs files: two gold files misspell the target
on their first line ("United States Air Froce", "NASDAQ composite"); corpus 3 holds the
S&P 500 timeline twice (``s&p_500.txt`` and ``s_and_p_500.txt``): it is scored once.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from pathlib import Path

from storyline.eval.naf import CatDoc, layout, read_cat
from storyline.eval.naf import Token as CatToken
from storyline.eval.temporal_awareness import Timeline, parse_timeline
from storyline.hashing import content_id
from storyline.model import DatedValue, Document, Metadata, Precision

# Where the corpora lie inside the dataset folder.
TRIAL = ("Corpus-trial-data_task4", "TimeLines_trial_data_task4_v1.2")  # articles, gold
TASK = "SemEval_Task4_data"
TEST = ("corpus_1", "corpus_2", "corpus_3")
TRACK_A = "corpus_trackA_CAT"  # raw texts (track B's hold gold events)
GOLD = "TimeLines_Gold_Standard"
# The CAT attribute value of the document creation time's TIMEX3.
CREATION_TIME = "CREATION_TIME"


@dataclasses.dataclass(frozen=True)
class Article:
    """One CAT document: the task's id for it, its text laid out, its tokens, its DCT."""

    doc_id: str
    name: str
    text: str
    tokens: tuple[CatToken, ...]  # with their offsets in ``text``
    dct: str | None  # YYYY-MM-DD

    def event_id(self, start: int, end: int) -> str | None:
        """``docid-sentence-token`` of the CAT tokens under ``[start, end)``."""
        first = bisect.bisect_right([t.end for t in self.tokens], start)
        covered = [t for t in self.tokens[first:] if t.start < end]
        if not covered:
            return None
        return f"{self.doc_id}-{covered[0].sentence}-{'_'.join(t.text for t in covered)}"


def sentence_layout(cat: CatDoc) -> tuple[str, tuple[CatToken, ...]]:
    """The text one sentence a line, as ``naf.layout`` writes each, and the tokens in it.

    CAT keeps no paragraphs: ``naf.layout`` runs the whole body into one, so an event
    would inherit the date of any earlier sentence of the article (``Clock``'s context
    rule). A line per sentence keeps that rule to the sentence, and scores better on
    the trial corpus.
    """
    lines: list[str] = []
    tokens: list[CatToken] = []
    offset = 0
    for _, group in itertools.groupby(cat.tokens, key=lambda t: t.sentence):
        text, laid = layout((t.t_id, t.sentence, t.text) for t in group)
        tokens += [dataclasses.replace(t, start=t.start + offset, end=t.end + offset) for t in laid]
        lines.append(text)
        offset += len(text) + 1
    return "\n".join(lines), tuple(tokens)


@dataclasses.dataclass(frozen=True)
class Corpus:
    """A corpus of the task: its articles, target entities and gold timelines."""

    name: str
    articles: tuple[Article, ...]
    targets: tuple[str, ...]
    gold: dict[str, Timeline]  # target → its gold timeline


def read_article(path: Path) -> Article:
    """One CAT file; its document id is the number its name starts with, as the task's."""
    cat = read_cat(path.read_bytes(), path.stem)
    dct = next(
        (
            m.get("value")
            for m in cat.markables
            if m.tag == "TIMEX3" and m.get("functionInDocument") == CREATION_TIME
        ),
        None,
    )
    doc_id = re.match(r"\d+", path.name)
    text, tokens = sentence_layout(cat)
    return Article(doc_id.group() if doc_id else path.stem, cat.name, text, tokens, dct)


def file_name(target: str) -> str:
    """The task's file for a target's timeline: its name lower-cased, words joined by "_"."""
    return "_".join(target.lower().split()) + ".txt"


def read_corpus(name: str, docs: Path, gold: Path, targets: Path | None = None) -> Corpus:
    """Articles under ``docs``; the targets listed in ``targets``, else the gold's first lines.

    A target's gold timeline is the file named after it (``file_name``), as the official
    scorer pairs files: two gold files misspell their first line ("Air Froce").
    """
    files = sorted(gold.glob("*.txt"))
    listed = targets.read_text("utf-8") if targets else "\n".join(_first_line(p) for p in files)
    wanted = tuple(dict.fromkeys(t.strip() for t in listed.splitlines() if t.strip()))
    timelines = {t: _gold_timeline(gold / file_name(t), t) for t in wanted}
    articles = tuple(read_article(p) for p in sorted(docs.glob("*.xml")))
    return Corpus(name, articles, wanted, timelines)


def _first_line(path: Path) -> str:
    return path.read_text("utf-8").partition("\n")[0]


def _gold_timeline(path: Path, target: str) -> Timeline:
    """The gold timeline in ``path`` (none there: an empty one), under the target's name."""
    lines = parse_timeline(path.read_text("utf-8")).lines if path.is_file() else ()
    return Timeline(target, lines)


def read_dataset(root: Path) -> tuple[Corpus, list[Corpus]]:
    """The trial corpus and the three test corpora."""
    trial = read_corpus("trial", root / TRIAL[0], root / TRIAL[1])
    tests = []
    for name in TEST:
        folder = root / TASK / name
        entities = folder / f"list_target_entities_{name}.txt"
        tests.append(read_corpus(name, folder / TRACK_A, folder / GOLD, entities))
    return trial, tests


def to_document(article: Article) -> Document:
    """The article's rebuilt text as a stored document published on its DCT."""
    text = article.text
    published = (
        DatedValue(article.dct, Precision.DAY, "document creation time")
        if article.dct
        else DatedValue(None, Precision.UNKNOWN, "no document creation time")
    )
    return Document(
        id=content_id("d", article.doc_id, text),
        key=article.doc_id,
        path=article.name,
        fmt="text",
        text=text,
        source_text=text,
        removed=(),
        meta=Metadata(published=published, language="en"),
        sha="0" * 64,
    )
