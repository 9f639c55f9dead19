"""Highlighted text as tokens: the text kept whole, marks well nested, the highlight whole."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.web.pages_marks import KINDS, Mark, Token, parse_span, tokens


def text_of(found: list[Token]) -> str:
    return "".join(t.text for t in found if t.mark is None)


def render(found: list[Token]) -> str:
    out = []
    for t in found:
        if t.mark is None:
            out.append(t.text)
        else:
            out.append(f"<{t.mark.kind}>" if t.opening else f"</{t.mark.kind}>")
    return "".join(out)


def test_nested_marks_open_and_close_in_order() -> None:
    text = "Kubat said 2015 was hard"
    found = tokens(
        text, [Mark(0, 24, "quote"), Mark(0, 5, "entity", "/entities/e1"), Mark(11, 15, "date")]
    )
    assert render(found) == "<quote><entity>Kubat</entity> said <date>2015</date> was hard</quote>"


def test_a_crossing_mark_is_cut_at_its_parents_end() -> None:
    found = tokens("abcdefgh", [Mark(0, 4, "quote"), Mark(2, 6, "claim")])
    assert render(found) == "<quote>ab<claim>cd</claim></quote><claim>ef</claim>gh"


def test_the_highlight_is_never_cut_and_holds_exactly_its_span() -> None:
    text = "one two three four five"
    marks = [Mark(0, 9, "quote"), Mark(8, 18, "hl", anchor="hl"), Mark(4, 13, "entity", "/e")]
    found = tokens(text, marks)
    opened = [i for i, t in enumerate(found) if t.opening and t.mark and t.mark.kind == "hl"]
    assert len(opened) == 1
    depth, inside = 0, []
    for t in found[opened[0] + 1 :]:
        if t.opening:
            depth += 1
        elif t.closing:
            if depth == 0:
                break
            depth -= 1
        else:
            inside.append(t.text)
    assert "".join(inside) == text[8:18]


def test_no_link_inside_a_link() -> None:
    found = tokens("Tesh Police", [Mark(0, 11, "entity", "/a"), Mark(0, 4, "entity", "/b")])
    assert [t.mark.href for t in found if t.opening and t.mark] == ["/a", None]


def test_marks_outside_the_text_or_empty_are_ignored() -> None:
    found = tokens("abc", [Mark(2, 9, "date"), Mark(1, 1, "date"), Mark(-1, 2, "date")])
    assert render(found) == "abc"


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="ab <>&\"'\n", max_size=40),
    st.lists(
        st.tuples(st.integers(0, 40), st.integers(0, 40), st.sampled_from(KINDS)), max_size=12
    ),
)
def test_any_marks_keep_the_text_and_nest_well(
    text: str, spans: list[tuple[int, int, str]]
) -> None:
    marks = [Mark(a, b, kind) for a, b, kind in spans]
    found = tokens(text, marks)
    assert text_of(found) == text
    stack: list[Mark] = []
    for t in found:
        if t.opening and t.mark:
            stack.append(t.mark)
        elif t.closing:
            assert stack.pop() is t.mark
    assert stack == []


def test_span_parameter_is_checked_against_the_text() -> None:
    assert parse_span("3-7", 10) == (3, 7)
    for bad in ("", "7-3", "3-11", "a-b", "3", "-1-4", "3-3"):
        assert parse_span(bad, 10) is None
