"""The versioned component registry: names are unique and unknown names list the choices."""

from __future__ import annotations

import pytest

from storyline.errors import UnknownComponentError
from storyline.registry import Registry


def test_register_and_get() -> None:
    registry: Registry[int] = Registry("number")
    registry.register("one.v1")(1)
    assert registry.get("one.v1") == 1
    assert "one.v1" in registry and registry.names() == ["one.v1"]


def test_unknown_name_lists_choices() -> None:
    registry: Registry[int] = Registry("number")
    registry.register("one.v1")(1)
    registry.register("two.v1")(2)
    with pytest.raises(UnknownComponentError) as info:
        registry.get("three.v1")
    assert "one.v1, two.v1" in str(info.value)
    assert info.value.code == "E101"


def test_a_name_is_registered_once() -> None:
    registry: Registry[int] = Registry("number")
    registry.register("one.v1")(1)
    with pytest.raises(ValueError, match="twice"):
        registry.register("one.v1")(2)
