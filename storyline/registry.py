"""Versioned component registry: swappable parts are found by names like ``"clean-dump.v1"``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from storyline.errors import UnknownComponentError

T = TypeVar("T")


class Registry(Generic[T]):
    """A named table of components of one kind (readers, cleaners, stores...).

    A behaviour change is registered under a new version (``.v2``) so that a
    knowledge base records exactly which component produced each fact.
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, T] = {}

    def register(self, name: str) -> Callable[[T], T]:
        """Decorator that files ``obj`` under ``name``; a name is taken once."""

        def add(obj: T) -> T:
            if name in self._items:
                raise ValueError(f"{self.kind} {name!r} is registered twice")
            self._items[name] = obj
            return obj

        return add

    def get(self, name: str) -> T:
        """The component called ``name``; the error lists every choice."""
        try:
            return self._items[name]
        except KeyError:
            choices = ", ".join(sorted(self._items)) or "none"
            raise UnknownComponentError(
                f"no {self.kind} called {name!r}", hint=f"choose one of: {choices}"
            ) from None

    def names(self) -> list[str]:
        return sorted(self._items)

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __contains__(self, name: object) -> bool:
        return name in self._items
