"""Long texts cut into pieces the parser can take, at paragraph or space boundaries."""

from __future__ import annotations

# Characters per piece: well under spaCy's max_length and its memory appetite.
CHUNK_CHARS = 100_000


def chunk_spans(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` pieces covering ``text``, each at most ``limit`` characters.

    Cuts go after the last paragraph break in the piece, else after the last
    space, else hard at the limit; so a 2 MB text with no sentence breaks is
    still parsed piece by piece with exact offsets.
    """
    spans = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = window.rfind("\n\n") + 2  # just after the paragraph break
        if cut < limit // 2:
            cut = window.rfind(" ") + 1  # just after the last space
        end = start + (cut if cut > 0 else limit)
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans
