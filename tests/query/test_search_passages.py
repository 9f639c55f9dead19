"""Passage windows: whole sentences packed by words, offsets exact into the document text."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.query.search_passages import (
    PASSAGERS,
    fallback_sentences,
    sentence_windows,
    split_long,
)

TEXT = (
    "  The governor fled on Tuesday.  Police searched his house.\n\n"
    "His brother was arrested in the capital. Nobody was hurt.  "
)


def _sentences(text: str) -> list[tuple[int, int]]:
    return fallback_sentences(text)


def test_fallback_sentences_are_trimmed_and_exact() -> None:
    spans = fallback_sentences(TEXT)
    assert [TEXT[a:b] for a, b in spans] == [
        "The governor fled on Tuesday.",
        "Police searched his house.",
        "His brother was arrested in the capital.",
        "Nobody was hurt.",
    ]


def test_windows_pack_whole_sentences_up_to_the_word_limit() -> None:
    windows = sentence_windows(TEXT, _sentences(TEXT), max_words=10)
    assert [TEXT[a:b] for a, b in windows] == [
        "The governor fled on Tuesday.  Police searched his house.",
        "His brother was arrested in the capital. Nobody was hurt.",
    ]


def test_a_sentence_longer_than_the_limit_is_cut_at_word_boundaries() -> None:
    text = "one two three four five six seven"
    assert [text[a:b] for a, b in split_long(text, (0, len(text)), 3)] == [
        "one two three",
        "four five six",
        "seven",
    ]
    windows = sentence_windows(text, [(0, len(text))], max_words=3)
    assert [text[a:b] for a, b in windows] == ["one two three", "four five six", "seven"]


def test_whitespace_only_text_has_no_passages() -> None:
    assert sentence_windows("  \n ", fallback_sentences("  \n "), max_words=5) == []


def test_registered_windows_are_versioned() -> None:
    assert "sentences-128w.v1" in PASSAGERS and "sentences-256w.v1" in PASSAGERS


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["word", "Mr.", "x", "\n", " ", "!", "é", "Бакиев", ". "]), max_size=80
    ),
    st.integers(min_value=1, max_value=12),
)
def test_windows_are_ordered_disjoint_trimmed_and_keep_every_word(
    parts: list[str], max_words: int
) -> None:
    text = "".join(parts)
    windows = sentence_windows(text, fallback_sentences(text), max_words=max_words)
    assert windows == sorted(windows)
    for (_, end), (start, _) in itertools.pairwise(windows):
        assert end <= start
    for start, end in windows:
        piece = text[start:end]
        assert piece and piece == piece.strip()
        assert len(piece.split()) <= max_words or len(piece.split()) == 1
    kept = " ".join(text[a:b] for a, b in windows).split()
    assert kept == text.split()
