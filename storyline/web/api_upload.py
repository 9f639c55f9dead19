"""Receiving uploaded files: streamed to disk under a size limit, names made safe, types checked.

The body is parsed as it arrives (``python_multipart``), so an upload over
``settings.max_upload_mb`` is refused (413) at the first byte past the limit, not after
it has filled memory or the disk. Each file's name is reduced to a plain basename of
letters, digits, ``.``, ``_`` and ``-`` (no folders, no ``..``, no NUL, no hidden
files), and the file must be one ``storyline.ingest`` reads, by its ending and by its
first bytes (a ``.pdf`` starts ``%PDF-``, a ``.json`` with ``{`` or ``[``, text has no
NUL bytes and no binary signature).
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import unicodedata
from pathlib import Path
from typing import IO

from fastapi import Request
from python_multipart import MultipartParser
from python_multipart.multipart import parse_options_header
from starlette.exceptions import HTTPException

from storyline.ingest.sources import EXTENSIONS, format_of, sniff_format

# Files one upload may hold: more is refused rather than filling the folder.
MAX_FILES = 200
# Longest name kept (the ending is kept whole).
MAX_NAME = 120
# Bytes of each file kept to check its type.
HEAD = 4096
_UNSAFE = re.compile(r"[^\w.-]+")
# Signatures of binary files that are never articles, whatever their name says.
_BINARY = (b"\x7fELF", b"MZ", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def safe_name(raw: str) -> str:
    """A plain file name from a client's: the last path part, odd characters replaced.

    ``../../etc/passwd`` → ``passwd``; ``C:\\x\\a.txt`` → ``a.txt``; ``.env`` → ``env``.
    """
    name = unicodedata.normalize("NFKC", raw.replace("\x00", ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip("._-")
    ending = _ending(name)
    if len(name) > MAX_NAME:
        name = name[: MAX_NAME - len(ending)] + ending
    return name or "upload"


def _ending(name: str) -> str:
    lower = name.lower()
    return next((e for e in sorted(EXTENSIONS, key=len, reverse=True) if lower.endswith(e)), "")


def type_problem(name: str, head: bytes) -> str | None:
    """Why a file cannot be ingested (by name and first bytes), or None when it can."""
    fmt = format_of(Path(name))
    if fmt is None:
        return f"{name}: storyline reads {', '.join(sorted(EXTENSIONS))} files only"
    sniffed = sniff_format(head, fmt)
    if fmt == "pdf" or sniffed == "pdf":
        return None if head.startswith(b"%PDF-") else f"{name}: not a PDF file"
    if fmt == "warc":
        magic = b"\x1f\x8b" if name.lower().endswith(".gz") else b"WARC/"
        return None if head.startswith(magic) else f"{name}: not a WARC file"
    return _text_problem(name, fmt, head)


def _text_problem(name: str, fmt: str, head: bytes) -> str | None:
    if head.startswith(_UTF16_BOMS):
        return None
    if b"\x00" in head or head.startswith(_BINARY):
        return f"{name}: binary content in a {fmt} file"
    if fmt in {"json", "jsonl"} and not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(
        (b"{", b"[")
    ):
        return f"{name}: a {fmt} file starts with {{ or ["
    return None


@dataclasses.dataclass
class _Part:
    name: str = ""
    path: Path | None = None
    out: IO[bytes] | None = None
    head: bytes = b""


class UploadReader:
    """Parses one multipart body into files under ``folder`` (which it creates)."""

    def __init__(self, folder: Path, limit: int) -> None:
        self.folder = folder
        self.limit = limit
        self.received = 0
        self.saved: list[Path] = []
        self.problems: list[str] = []
        self._part = _Part()
        self._headers: dict[str, str] = {}
        self._field = b""
        self._value = b""

    async def read(self, request: Request) -> list[Path]:
        """Every file of the request, saved; 413 past the limit, 415 for a wrong type."""
        boundary = _boundary(request.headers.get("content-type", ""))
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.limit:
            raise _too_large(self.limit)
        self.folder.mkdir(parents=True, exist_ok=True)
        parser = MultipartParser(boundary, self._callbacks())  # type: ignore[arg-type]
        try:
            async for chunk in request.stream():
                self.received += len(chunk)
                if self.received > self.limit:
                    raise _too_large(self.limit)
                parser.write(chunk)
            parser.finalize()
            return self._checked()
        except BaseException:
            self._close_part()
            shutil.rmtree(self.folder, ignore_errors=True)
            raise

    def _checked(self) -> list[Path]:
        if self.problems:
            raise HTTPException(415, "; ".join(self.problems))
        if not self.saved:
            raise HTTPException(400, "no file in the upload (multipart field 'files')")
        return self.saved

    def _callbacks(self) -> dict[str, object]:
        return {
            "on_part_begin": self._begin,
            "on_header_field": lambda d, s, e: self._add("_field", d[s:e]),
            "on_header_value": lambda d, s, e: self._add("_value", d[s:e]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._open_part,
            "on_part_data": lambda d, s, e: self._write(d[s:e]),
            "on_part_end": self._end,
        }

    def _add(self, attribute: str, data: bytes) -> None:
        setattr(self, attribute, getattr(self, attribute) + data)

    def _begin(self) -> None:
        self._part, self._headers = _Part(), {}

    def _header_end(self) -> None:
        self._headers[self._field.decode("latin-1").lower()] = self._value.decode(
            "utf-8", "replace"
        )
        self._field = self._value = b""

    def _open_part(self) -> None:
        _, options = parse_options_header(self._headers.get("content-disposition", ""))
        raw = options.get(b"filename")
        if raw is None:
            return  # a plain form field: ignored
        if len(self.saved) >= MAX_FILES:
            raise HTTPException(413, f"at most {MAX_FILES} files per upload")
        name = self._unique(safe_name(raw.decode("utf-8", "replace")))
        path = self.folder / name
        self._part = _Part(name, path, path.open("xb"))
        self.saved.append(path)

    def _unique(self, name: str) -> str:
        taken = {p.name for p in self.saved}
        if name not in taken:
            return name
        ending = _ending(name) or Path(name).suffix
        stem = name[: len(name) - len(ending)] if ending else name
        return next(
            f"{stem}-{n}{ending}"
            for n in range(2, MAX_FILES + 2)
            if f"{stem}-{n}{ending}" not in taken
        )

    def _write(self, data: bytes) -> None:
        part = self._part
        if part.out is None:
            return
        if len(part.head) < HEAD:
            part.head += data[: HEAD - len(part.head)]
        part.out.write(data)

    def _end(self) -> None:
        part = self._part
        if part.out is None:
            return
        self._close_part()
        problem = type_problem(part.name, part.head)
        if problem:
            self.problems.append(problem)

    def _close_part(self) -> None:
        if self._part.out is not None:
            self._part.out.close()
            self._part.out = None


def _boundary(content_type: str) -> bytes:
    kind, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise HTTPException(415, "send the files as multipart/form-data")
    return boundary


def _too_large(limit: int) -> HTTPException:
    return HTTPException(413, f"the upload is larger than {limit / 1e6:g} MB")
