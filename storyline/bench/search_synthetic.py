"""A synthetic passage index for search benchmarks: Zipf-distributed words, any size.

Real news at a million passages is not at hand, so words are drawn from a made-up
vocabulary with Zipf's law (the shape of word frequencies in text), passages of fixed
length are grouped into documents, and the documents go through the store's real
write path (``put_document``, ``put_passages``). Queries draw their words from the same
distribution, so they hold common words as real queries do.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator

import numpy as np

from storyline.hashing import content_id
from storyline.model import DatedValue, Document, Metadata, Precision
from storyline.store.base import Store

# Distinct words of the vocabulary, and the Zipf exponent of their frequencies.
VOCABULARY = 50_000
ZIPF = 1.07
# Words per passage and passages per document.
PASSAGE_WORDS = 50
PASSAGES_PER_DOC = 20
# Words per query: between these bounds, inclusive.
QUERY_WORDS = (2, 6)
SEED = 20_240_601
SYLLABLES = ("ka", "lo", "mi", "ne", "su", "ra", "to", "vi", "ze", "bo", "du", "fa", "gi",
             "ho", "ju", "pe", "qa", "ri", "sa", "tu", "we", "xo", "ya", "zu")  # fmt: skip
PIPELINE = "synthetic.v1"


def vocabulary(size: int = VOCABULARY) -> list[str]:
    """Distinct pronounceable words: syllables spelled out in base ``len(SYLLABLES)``."""
    words = []
    for number in range(size):
        parts = []
        number += len(SYLLABLES)  # every word has two syllables or more
        while number:
            number, digit = divmod(number, len(SYLLABLES))
            parts.append(SYLLABLES[digit])
        words.append("".join(parts))
    return words


def zipf_weights(size: int = VOCABULARY, exponent: float = ZIPF) -> np.ndarray:
    weights = 1.0 / np.arange(1, size + 1, dtype=np.float64) ** exponent
    result: np.ndarray = weights / weights.sum()
    return result


def documents(
    passages: int, rng: np.random.Generator
) -> Iterator[tuple[Document, list[tuple[int, int]]]]:
    """Documents of ``PASSAGES_PER_DOC`` passages each (the last may be shorter), with spans."""
    words = vocabulary()
    weights = zipf_weights()
    made = 0
    while made < passages:
        count = min(PASSAGES_PER_DOC, passages - made)
        drawn = rng.choice(len(words), size=(count, PASSAGE_WORDS), p=weights)
        texts = [" ".join(words[i] for i in row).capitalize() + "." for row in drawn]
        spans, offset = [], 0
        for text in texts:
            spans.append((offset, offset + len(text)))
            offset += len(text) + 1
        yield _document(made // PASSAGES_PER_DOC, " ".join(texts)), spans
        made += count


def _document(number: int, text: str) -> Document:
    published = DatedValue(f"20{10 + number % 15}-0{1 + number % 9}-1{number % 10}", Precision.DAY,
                           "synthetic")  # fmt: skip
    key = f"synthetic/{number}"
    return Document(
        id=content_id("d", key, text),
        key=key,
        path=key,
        fmt="text",
        text=text,
        source_text=text,
        removed=(),
        meta=Metadata(title=None, publisher=f"Outlet {number % 40}", published=published),
        sha="0" * 64,
    )


def queries(count: int, rng: np.random.Generator) -> list[str]:
    """Queries of 2–6 words drawn with the passages' word frequencies."""
    words = vocabulary()
    weights = zipf_weights()
    low, high = QUERY_WORDS
    sizes = rng.integers(low, high + 1, size=count)
    return [
        " ".join(words[i] for i in rng.choice(len(words), size=int(n), p=weights)) for n in sizes
    ]


@dataclasses.dataclass(frozen=True)
class Indexed:
    passages: int
    words: int
    seconds: float


def fill(store: Store, passages: int, *, batch: int = 500) -> Indexed:
    """Write ``passages`` synthetic passages through the store; time the writes alone."""
    rng = np.random.default_rng(SEED)
    seconds = 0.0
    pending: list[tuple[Document, list[tuple[int, int]]]] = []
    for item in documents(passages, rng):
        pending.append(item)
        if len(pending) >= batch:
            seconds += _write(store, pending)
    seconds += _write(store, pending)
    return Indexed(passages, passages * PASSAGE_WORDS, seconds)


def _write(store: Store, pending: list[tuple[Document, list[tuple[int, int]]]]) -> float:
    """Store and index a batch of documents in one transaction; return the seconds taken."""
    started = time.perf_counter()
    with store.transaction():
        for doc, spans in pending:
            store.put_document(doc)
            store.put_passages(doc.id, PIPELINE, spans)
    pending.clear()
    return time.perf_counter() - started
