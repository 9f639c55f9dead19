"""Content hashes: the ids of documents and statements, and the fingerprints of sources."""

from __future__ import annotations

import hashlib


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of raw bytes: the fingerprint of what was read."""
    return hashlib.sha256(data).hexdigest()


def content_id(prefix: str, *parts: str, length: int = 16) -> str:
    """A short stable id from text parts, e.g. ``content_id("d", url, text)`` → ``d3f2…``.

    Parts are joined with a separator that cannot occur in them, so
    ``("ab", "c")`` and ``("a", "bc")`` never collide.
    """
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return prefix + digest[:length]
