"""The one error tree of storyline: every failure has a class, a short code and a hint."""

from __future__ import annotations


class StorylineError(Exception):
    """Base of every error storyline raises on purpose.

    ``code`` is short and stable (``E012``) so users can search for it; ``hint``
    says what to do about it.
    """

    code = "E000"
    status = 500  # HTTP status the API answers with

    def __init__(self, message: str, *, hint: str = "", code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def as_dict(self) -> dict[str, object]:
        """The one JSON error shape of the API and of ``--json`` outputs."""
        return {
            "ok": False,
            "error": self.message,
            "code": self.code,
            "hint": self.hint,
            "status": self.status,
        }


class ConfigError(StorylineError):
    """Settings, storyline.toml or a component name are wrong."""

    code = "E100"
    status = 400


class UnknownComponentError(ConfigError):
    """A versioned component name that is not registered."""

    code = "E101"


class InputError(StorylineError):
    """An input file or record cannot be used as an article."""

    code = "E200"
    status = 422


class UnsupportedFormatError(InputError):
    """A file whose format storyline does not read."""

    code = "E201"


class DecodeError(InputError):
    """Bytes that are not text in any encoding we trust (binary data, garbage)."""

    code = "E202"


class TooLargeError(InputError):
    """A file over the configured size limit."""

    code = "E203"
    status = 413


class EmptyInputError(InputError):
    """A file or record with no article text in it."""

    code = "E204"


class MalformedInputError(InputError):
    """A container (JSON, WARC, feed, PDF) that cannot be parsed."""

    code = "E205"


class MissingInputError(InputError):
    """A path that does not exist, or vanished while the build ran."""

    code = "E206"
    status = 404


class BadQueryError(InputError):
    """A search query or its filters that cannot be searched as given (empty, malformed)."""

    code = "E210"
    status = 400


class ExtractionError(StorylineError):
    """A stage could not extract what it should from a readable input."""

    code = "E300"
    status = 422


class StoreError(StorylineError):
    """The knowledge-base store cannot be opened, migrated or written."""

    code = "E400"


class StoreBusyError(StoreError):
    """Another build holds the knowledge base's build lock."""

    code = "E401"
    status = 409


class ConnectionLostError(StoreError):
    """The database server dropped the connection; the open transaction was rolled back."""

    code = "E402"


class NotFoundError(StoreError):
    """A document, entity or other record that is not in the store."""

    code = "E404"
    status = 404


class JudgementError(StorylineError):
    """A human judgement (merge or split) that cannot be recorded as given."""

    code = "E500"
    status = 409


class ContradictoryJudgementError(JudgementError):
    """A judgement that contradicts one already recorded: both are named."""

    code = "E501"


class AmbiguousReferenceError(JudgementError):
    """A name that matches several entities where one is needed."""

    code = "E502"
    status = 400
