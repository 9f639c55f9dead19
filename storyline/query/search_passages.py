"""Passages for search: windows of whole sentences with exact offsets, and the index stage.

A passage is a run of consecutive sentences of one document, packed up to a number of
words, so ``doc.text[start:end]`` is always the passage and a hit cites real characters.
Sentences come from the analysis stage (``sentence`` statements); a document that was
not analysed is cut at sentence-ending punctuation and line breaks instead.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable

from storyline.model import Document
from storyline.registry import Registry
from storyline.store.base import Store
from storyline.store.retry import write_batch

Span = tuple[int, int]
# text, its sentence spans → passage spans
Passager = Callable[[str, list[Span]], list[Span]]
PASSAGERS: Registry[Passager] = Registry("passage windows")

# The default windows: about a paragraph, short enough to cite, long enough to rank.
DEFAULT_PASSAGES = "sentences-128w.v1"
# One word, for counting: a run of non-space characters.
WORD = re.compile(r"\S+")
# Fallback sentence ends when there is no analysis: end punctuation then space, or a break.
_FALLBACK_BREAK = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+|\n\s*")


def trimmed(text: str, start: int, end: int) -> Span | None:
    """The span without surrounding whitespace, or None when nothing is left."""
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    tail = len(piece.rstrip())
    if tail <= lead:
        return None
    return start + lead, start + tail


def fallback_sentences(text: str) -> list[Span]:
    """Sentence spans by punctuation and line breaks: for documents never analysed."""
    spans: list[Span] = []
    begin = 0
    for found in _FALLBACK_BREAK.finditer(text):
        span = trimmed(text, begin, found.start())
        if span:
            spans.append(span)
        begin = found.end()
    last = trimmed(text, begin, len(text))
    return [*spans, last] if last else spans


def split_long(text: str, span: Span, max_words: int) -> list[Span]:
    """A sentence longer than ``max_words`` cut at word boundaries into pieces that fit."""
    words = [(m.start(), m.end()) for m in WORD.finditer(text, span[0], span[1])]
    if len(words) <= max_words:
        return [span]
    return [
        (words[i][0], words[min(i + max_words, len(words)) - 1][1])
        for i in range(0, len(words), max_words)
    ]


def sentence_windows(text: str, sentences: list[Span], *, max_words: int) -> list[Span]:
    """Consecutive sentences packed into windows of at most ``max_words`` words.

    Windows never overlap and never split a sentence unless it alone is too long, so
    each hit is a readable piece of the article and one sentence is in one passage.
    """
    pieces = [
        piece
        for sentence in sorted(sentences)
        if (span := trimmed(text, *sentence))
        for piece in split_long(text, span, max_words)
    ]
    windows: list[Span] = []
    start = end = words = 0
    for piece_start, piece_end in pieces:
        if piece_end <= end:  # inside the window already (overlapping sentence spans)
            continue
        count = len(WORD.findall(text, max(piece_start, end), piece_end))
        if words and piece_start >= end and words + count > max_words:
            windows.append((start, end))
            words = 0
        if not words:
            start = max(piece_start, end)
        end, words = piece_end, words + count
    if words:
        windows.append((start, end))
    return windows


def _register(max_words: int) -> None:
    def windows(text: str, sentences: list[Span]) -> list[Span]:
        return sentence_windows(text, sentences, max_words=max_words)

    PASSAGERS.register(f"sentences-{max_words}w.v1")(windows)


# 128 words: the default. 256 words: the chunk size of the MultiHop-RAG paper's tables.
for _size in (128, 256):
    _register(_size)


def document_passages(store: Store, doc: Document, passages: str = DEFAULT_PASSAGES) -> list[Span]:
    """The passage spans of one stored document, from its stored sentences."""
    sentences = [(s.start, s.end) for s in store.statements(doc.id, prop="sentence")]
    return PASSAGERS.get(passages)(doc.text, sentences or fallback_sentences(doc.text))


def index_pending(store: Store, passages: str = DEFAULT_PASSAGES, *, batch_size: int = 64) -> int:
    """Cut and index every current document not yet indexed this way; return how many.

    Superseded versions leave the index first. Each batch of documents is one
    transaction, so a killed build leaves every document indexed whole or not at all.
    """
    PASSAGERS.get(passages)  # fail on a bad name before any work
    write_batch(store, store.drop_stale_passages)
    pending = store.pending_passages(passages)
    for batch in _batches(pending, max(1, batch_size)):
        write_batch(store, functools.partial(_index_batch, store, batch, passages))
    return len(pending)


def _index_batch(store: Store, batch: list[str], passages: str) -> None:
    cut = [(d, document_passages(store, store.get_document(d), passages)) for d in batch]
    store.put_passages_batch(passages, cut)


def _batches(items: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
