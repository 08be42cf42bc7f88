"""Uploaded page dumps are decoded, or refused with a reason a person can act on."""

from __future__ import annotations

import codecs

import pytest

from newsroom.imports.decoding import PageDecodeError, decode_page

ARABIC = "افتتاح مركز صحي جديد في سنجار لخدمة الأسر العائدة"


def test_plain_utf8_is_decoded():
    assert decode_page(b"Clinic opens in Kirkuk\n") == "Clinic opens in Kirkuk\n"


def test_utf8_with_a_byte_order_mark_is_decoded_without_it():
    assert decode_page(codecs.BOM_UTF8 + b"Title\nBody") == "Title\nBody"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_decoded(encoding):
    text = f"Title\r\n{ARABIC}\r\n"
    data = text.encode(encoding)
    if encoding == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    elif encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert decode_page(data) == f"Title\n{ARABIC}\n"


def test_windows_1256_arabic_is_decoded():
    assert decode_page(f"{ARABIC}\n{ARABIC}".encode("cp1256")) == f"{ARABIC}\n{ARABIC}"


def test_newlines_are_normalised_and_text_is_nfc():
    decomposed = "Cafe\u0301\r\nline two\rline three"
    assert decode_page(decomposed.encode()) == "Caf\u00e9\nline two\nline three"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", codecs.BOM_UTF8 + b"  \n"])
def test_an_empty_file_is_refused(data):
    with pytest.raises(PageDecodeError, match="^empty file$"):
        decode_page(data)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        b"PK\x03\x04" + bytes(range(32)) * 4,
        bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 20 + b"some text",
    ],
)
def test_a_binary_file_is_refused(data):
    with pytest.raises(PageDecodeError, match="^binary file, not a text page dump$"):
        decode_page(data)


def test_invalid_utf8_is_refused_with_the_byte_offset():
    data = b"Title line\nBody with a bad byte here: \xff\xfe and more latin text"
    with pytest.raises(PageDecodeError) as error:
        decode_page(data)
    message = str(error.value)
    assert "not valid UTF-8" in message
    offset = data.index(b"\xff")
    assert f"offset {offset}" in message
    assert "0xFF" in message


def test_an_oversized_file_is_refused_before_decoding():
    data = b"\x00" * 2048  # binary too: the size is what gets reported
    with pytest.raises(PageDecodeError) as error:
        decode_page(data, max_bytes=1024)
    message = str(error.value)
    assert "too large" in message
    assert "2,048 bytes" in message and "1,024 bytes" in message


def test_the_default_cap_is_five_megabytes():
    with pytest.raises(PageDecodeError, match="5.0 MB"):
        decode_page(b"a" * (5 * 1024 * 1024 + 1))
    assert decode_page(b"a" * 1000)


def test_decode_errors_are_value_errors():
    assert issubclass(PageDecodeError, ValueError)
