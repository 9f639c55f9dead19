"""Resolution's input helpers for bare mentions: titles cut, document context."""

from __future__ import annotations

import pytest

from storyline.resolve.items import cut_title, with_context
from storyline.resolve.model import DocCluster, NameMention


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Dr. Sanjay Gupta", ("Sanjay Gupta", "Dr.")),
        ("Mr . LaRue", ("LaRue", "Mr .")),
        ("former President Bakiyev", ("Bakiyev", "former President")),
        ("President", ("President", "")),  # nothing would be left
        ("Kurmanbek Bakiyev", ("Kurmanbek Bakiyev", "")),
        ("former Bakiyev", ("former Bakiyev", "")),  # a modifier alone is no title
    ],
)
def test_cut_title(name: str, expected: tuple[str, str]) -> None:
    assert cut_title(name) == expected


def _item(doc: str, name: str, mentions: int) -> DocCluster:
    found = tuple(
        NameMention(f"{doc}{name}{i}", doc, i, i + 1, name, name, "ORG") for i in range(mentions)
    )
    return DocCluster(f"{doc}|ORG|{name}", doc, "ORG", name, found)


def test_context_is_the_other_names_of_the_document_most_mentioned_first() -> None:
    items = [
        _item("d1", "Acme", 1),
        _item("d1", "Zalesia", 3),
        _item("d2", "Acme", 1),
        _item("d1", "Bolt", 2),
    ]
    found = with_context(items)
    assert [i.key for i in found] == [i.key for i in items]
    assert found[0].context == ("Zalesia", "Bolt")
    assert found[1].context == ("Bolt", "Acme")
    assert found[2].context == ()
