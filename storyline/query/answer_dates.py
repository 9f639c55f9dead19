"""For "when" questions: the calendar dates behind the relative words the answer quotes.

An answer quotes its sentences verbatim, so "A court sentenced him last year" answers
"When was he sentenced?" only for a reader who knows when the article appeared. Each
event of a quoted sentence that its own words date ("last year", "in February") gets
its resolved date, as the timeline has it: `"last year" is 2016 (article of
2017-05-10)`. The date is the event's (``extract/events_time.py``), so a past event
never lands after its article; words that already write the year ("in March 2015") are
not repeated.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from storyline.query.answer_evidence import Sentence
from storyline.query.question import Kind, Question
from storyline.store.base import Store

# A written year: the text already says it.
YEAR = re.compile(r"\b\d{4}\b")
# Notes added to one answer, at most.
MAX_NOTES = 3


def date_notes(store: Store, question: Question, chosen: Sequence[Sentence]) -> list[str]:
    """`"last year" is 2016 (article of 2017-05-10)` for each relative date the quoted
    sentences give an event, for "when" questions only."""
    if question.kind is not Kind.WHEN:
        return []
    notes: list[str] = []
    seen: set[tuple[str, int]] = set()
    for sentence in chosen:
        published = store.get_document(sentence.doc).meta.published.value
        for stmt in store.statements(sentence.doc, prop="event"):
            time = json.loads(stmt.value).get("time") or {}
            at = time.get("start")
            if not isinstance(at, int) or not sentence.start <= at < sentence.end:
                continue
            if time.get("source") != "sentence" or (sentence.doc, at) in seen:
                continue
            seen.add((sentence.doc, at))
            text, value = str(time.get("text", "")), time.get("value")
            if value and text and not YEAR.search(text):
                article = f" (article of {published})" if published else ""
                notes.append(f'"{text}" is {value}{article}')
    return notes[:MAX_NOTES]


def notes_sentence(notes: Sequence[str]) -> str:
    """The notes as one sentence of the answer ("" when there are none)."""
    return f"Dates: {'; '.join(notes)}." if notes else ""
