"""Long texts are cut into parser-sized pieces that cover the text exactly."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from storyline.nlp.chunks import chunk_spans


def test_short_text_is_one_piece() -> None:
    assert chunk_spans("One sentence.") == [(0, 13)]


def test_cuts_prefer_paragraph_breaks_then_spaces() -> None:
    text = "a" * 60 + "\n\n" + "b" * 30 + " " + "c" * 30
    spans = chunk_spans(text, limit=80)
    assert spans[0] == (0, 62)  # just after the paragraph break
    assert all(end - start <= 80 for start, end in spans)


@given(st.text(alphabet="ab \n", max_size=500), st.integers(min_value=5, max_value=50))
def test_pieces_cover_the_text_without_gaps(text: str, limit: int) -> None:
    spans = chunk_spans(text, limit=limit)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    assert all(0 < end - start <= limit for start, end in spans if text)
