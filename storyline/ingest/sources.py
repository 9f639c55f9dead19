"""Finding input files: folders (recursive), globs and single files, with their formats."""

from __future__ import annotations

import glob
from collections.abc import Iterable
from pathlib import Path

# File name endings → reader format. Longest endings are tried first.
EXTENSIONS: dict[str, str] = {
    ".warc.gz": "warc",
    ".warc": "warc",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".pdf": "pdf",
}
_BY_LENGTH = sorted(EXTENSIONS, key=len, reverse=True)
_GLOB_CHARS = frozenset("*?[")


def format_of(path: Path) -> str | None:
    """The reader format for ``path`` by its name, or None when we do not read it."""
    name = path.name.lower()
    return next((EXTENSIONS[ext] for ext in _BY_LENGTH if name.endswith(ext)), None)


def sniff_format(head: bytes, fallback: str) -> str:
    """Correct a format guessed from the name by the first bytes of the file.

    A feed saved as ``.html`` or an HTML page saved as ``.txt`` is read by the
    right reader; ``fallback`` is the format the name suggested.
    """
    start = head.lstrip()[:512].lower()
    if start.startswith(b"%pdf-"):
        return "pdf"
    if start.startswith(b"warc/"):
        return "warc"
    if b"<rss" in start or b"<feed" in start or b"<rdf:rdf" in start:
        return "feed"
    if fallback in {"text", "feed"} and (b"<!doctype html" in start or b"<html" in start):
        return "html"
    return fallback


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _walk(folder: Path) -> list[Path]:
    """Readable files under ``folder``, skipping hidden files and folders."""
    return [
        p
        for p in folder.rglob("*")
        if p.is_file() and not _is_hidden(p, folder) and format_of(p) is not None
    ]


def expand(paths: Iterable[str]) -> tuple[list[Path], list[str]]:
    """Files to read for the given arguments, and the arguments that matched nothing.

    Folders are walked recursively, globs are expanded (``**`` included), and
    a file named explicitly is kept even when its ending is unknown, so that
    the build can say why it was not read. Order is stable: sorted, no repeats.
    """
    found: dict[Path, None] = {}
    missing: list[str] = []
    for arg in paths:
        matches = _matches(arg)
        if not matches:
            missing.append(arg)
        for path in matches:
            found.setdefault(path.resolve(), None)
    return sorted(found), missing


def _matches(arg: str) -> list[Path]:
    if _GLOB_CHARS & set(arg):
        hits = [Path(p) for p in glob.glob(arg, recursive=True)]
        return sorted(f for hit in hits for f in (_walk(hit) if hit.is_dir() else [hit]))
    path = Path(arg)
    if path.is_dir():
        return sorted(_walk(path))
    return [path] if path.is_file() else []
