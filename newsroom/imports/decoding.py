"""Turn the bytes of an uploaded page dump into text, or say clearly why not.

Dumps come from crawlers and from people saving pages by hand, so besides
UTF-8 we meet UTF-16 files with a byte-order mark and old Windows-1256
Arabic files. Anything else is refused with a message a person can act on.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

# Byte-order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters other than the ones ordinary text files contain
# (tab, newlines, form feed, vertical tab, escape).
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_MAX_CONTROL_RATIO = 0.05
_MIN_ARABIC_SHARE = 0.6


class PageDecodeError(ValueError):
    """The file cannot be read as a text page dump; the message says why."""


def decode_page(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Decode one page dump to NFC text with ``\\n`` newlines, or raise PageDecodeError."""
    if len(data) > max_bytes:
        raise PageDecodeError(
            _("file too large: %(size)s bytes (%(human)s), the limit is %(limit)s bytes (%(human_limit)s)")
            % {"size": f"{len(data):,}", "human": _human(len(data)), "limit": f"{max_bytes:,}",
               "human_limit": _human(max_bytes)}
        )
    text = _decode_with_bom(data)
    if text is None:
        text = _decode_without_bom(data)
    if not text.strip():
        raise PageDecodeError(_("empty file"))
    if _control_ratio(text) > _MAX_CONTROL_RATIO:
        raise PageDecodeError(_("binary file, not a text page dump"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _decode_with_bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return body.decode(encoding)
            except UnicodeDecodeError as exc:
                name = encoding.upper().replace("-LE", " LE").replace("-BE", " BE")
                offset = exc.start + len(bom)
                raise PageDecodeError(
                    _("not valid %(encoding)s: bad bytes at offset %(offset)s although the file "
                      "starts with a %(encoding)s byte-order mark") % {"encoding": name, "offset": offset}
                ) from None
    return None


def _decode_without_bom(data: bytes) -> str:
    if not data.strip():
        raise PageDecodeError(_("empty file"))
    # NUL never occurs in UTF-8 or Windows-1256 text; it does in images,
    # archives, office files and BOM-less UTF-16.
    if b"\x00" in data or _byte_control_ratio(data) > _MAX_CONTROL_RATIO:
        raise PageDecodeError(_("binary file, not a text page dump"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        legacy = _as_windows_arabic(data)
        if legacy is not None:
            return legacy
        raise PageDecodeError(
            _("not valid UTF-8: byte %(byte)s at offset %(offset)s cannot be decoded, and the file "
              "is not Windows-1256 Arabic either; save it as UTF-8 and upload it again")
            % {"byte": f"0x{data[exc.start]:02X}", "offset": exc.start}
        ) from None


def _as_windows_arabic(data: bytes) -> str | None:
    """The text if ``data`` reads as mostly-Arabic Windows-1256, else None."""
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 3:
        return None
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    return text if arabic / len(letters) >= _MIN_ARABIC_SHARE else None


def _control_ratio(text: str) -> float:
    return len(_CONTROL_CHARS.findall(text)) / len(text)


def _byte_control_ratio(data: bytes) -> float:
    return len(_CONTROL_BYTES.findall(data)) / len(data)


def _human(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size} bytes"
