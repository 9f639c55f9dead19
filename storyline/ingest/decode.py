"""Bytes to text: encoding detection that refuses binary data and reports what it guessed."""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

from storyline.errors import DecodeError, EmptyInputError

# Control characters that never occur in text files (tab, newline, CR, FF are allowed).
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
# Share of such bytes in the sample above which we call a file binary.
_BINARY_SHARE = 0.01
_SAMPLE = 65536
# <meta charset="..."> or content="text/html; charset=..." in the first kilobytes of HTML.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# Legacy encodings we consider, most common on news sites first: ties go to the earlier one.
_LEGACY = (
    "cp1252",
    "cp1251",
    "cp1250",
    "koi8_r",
    "iso8859_15",
    "iso8859_2",
    "cp1253",
    "cp1254",
    "cp1256",
    "cp1257",
    "iso8859_7",
    "shift_jis",
    "gb18030",
    "euc_kr",
    "big5",
)


def looks_binary(data: bytes) -> bool:
    """True for data with NUL or many control bytes (images, archives, executables)."""
    sample = data[:_SAMPLE]
    if not sample or any(sample.startswith(bom) for bom, _ in _BOMS[1:]):
        return False
    if b"\x00" in sample:
        return True
    return len(_BINARY_BYTES.findall(sample)) / len(sample) > _BINARY_SHARE


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares about itself, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace").lower() if match else None


def decode_bytes(data: bytes, *, declared: str | None = None) -> tuple[str, str, list[str]]:
    """Decode ``data`` and return ``(text, encoding, warnings)``.

    Order: byte-order mark, strict UTF-8, the declared charset, then
    charset-normalizer's best guess. Mostly-UTF-8 bytes with a few invalid
    sequences are decoded with replacement characters and a warning.
    """
    if not data.strip():
        raise EmptyInputError("the file is empty", hint="nothing to ingest")
    if looks_binary(data):
        raise DecodeError(
            "the file holds binary data, not text", hint="check that the file is what its name says"
        )
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec, []
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if declared and (text := _try_codec(data, declared)) is not None:
        return text, declared, []
    return _guess(data, utf8_error)


def _try_codec(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (LookupError, UnicodeDecodeError):
        return None


def _guess(data: bytes, utf8_error: UnicodeDecodeError) -> tuple[str, str, list[str]]:
    """Mostly UTF-8 → repaired UTF-8; otherwise the detector's single-byte guess.

    "Mostly" means real multi-byte characters outnumber the broken sequences:
    ASCII with a few stray high bytes is more likely a legacy code page.
    """
    repaired = data.decode("utf-8", errors="replace")
    bad = repaired.count("\ufffd")
    valid_multibyte = sum(1 for char in repaired if char > "\x7f") - bad
    if valid_multibyte > bad and bad / max(len(repaired), 1) < 0.01:
        note = f"invalid UTF-8 at byte {utf8_error.start}; {bad} character(s) replaced"
        return repaired, "utf-8", [note]
    codec = _detect_legacy(data)
    return data.decode(codec, errors="replace"), codec, [f"not UTF-8; decoded as {codec}"]


def _detect_legacy(data: bytes) -> str:
    """charset-normalizer's least chaotic, most coherent legacy encoding; ties by ``_LEGACY``."""
    matches = [m for m in from_bytes(data[: _SAMPLE * 4], cp_isolation=list(_LEGACY)) if m.encoding]
    if not matches:
        raise DecodeError(
            "the bytes are not text in any known encoding", hint="convert the file to UTF-8"
        )
    rank = {codec: i for i, codec in enumerate(_LEGACY)}
    best = min(
        matches,
        key=lambda m: (
            round(m.chaos, 2),
            -round(m.coherence, 2),
            rank.get(str(m.encoding), len(rank)),
        ),
    )
    return str(best.encoding)
