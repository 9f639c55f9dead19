"""Bytes to text: UTF-8, legacy encodings, damaged UTF-8, binary data, empty files."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.errors import DecodeError, EmptyInputError, InputError
from storyline.ingest.decode import declared_charset, decode_bytes, looks_binary

RUSSIAN = "Бывший президент покинул страну вчера вечером, сообщили источники в правительстве."
FRENCH = "Le président a quitté le pays à minuit, selon des sources proches du gouvernement."


def test_utf8_is_read_as_is() -> None:
    assert decode_bytes(RUSSIAN.encode()) == (RUSSIAN, "utf-8", [])


def test_cp1251_is_detected() -> None:
    text, encoding, notes = decode_bytes(RUSSIAN.encode("cp1251"))
    assert text == RUSSIAN
    assert encoding == "cp1251"
    assert notes and "cp1251" in notes[0]


def test_latin1_is_detected_as_a_western_codepage() -> None:
    text, encoding, notes = decode_bytes(FRENCH.encode("latin-1"))
    assert text == FRENCH  # code pages that agree on these letters are equally right
    assert encoding in notes[0]


def test_declared_charset_is_used_for_html() -> None:
    page = f'<html><head><meta charset="windows-1251"></head><body>{RUSSIAN}</body></html>'
    data = page.encode("cp1251")
    assert declared_charset(data) == "windows-1251"
    assert decode_bytes(data, declared="windows-1251")[0] == page


def test_mostly_utf8_with_invalid_bytes_is_repaired_with_a_warning() -> None:
    data = ("The “summit” in Zürich ended. " * 40).encode() + b"\xff\xfe!"
    text, encoding, notes = decode_bytes(data)
    assert encoding == "utf-8"
    assert "\ufffd" in text
    assert "invalid UTF-8" in notes[0]


def test_binary_data_is_refused() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    assert looks_binary(png)
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(png)


@pytest.mark.parametrize("data", [b"", b"   \n\t  "])
def test_empty_input_is_refused(data: bytes) -> None:
    with pytest.raises(EmptyInputError):
        decode_bytes(data)


@given(st.binary(max_size=2048))
def test_any_bytes_decode_or_fail_with_an_input_error(data: bytes) -> None:
    try:
        text, encoding, _ = decode_bytes(data)
    except InputError:
        return
    assert isinstance(text, str) and encoding
