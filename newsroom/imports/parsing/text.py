"""Text clean-up and line shapes shared by the parsing steps."""

from __future__ import annotations

import re
import string
import unicodedata
from functools import lru_cache

from .dates import date_line

# Invisible characters crawlers leave behind. ZWNJ/ZWJ are kept: they carry
# meaning in Kurdish and Persian spelling.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u200e\u200f\u202a-\u202e\u00ad]")
# Runs of odd spaces (tab, no-break, thin...) or of several spaces; single
# plain spaces are left alone, which keeps the substitution cheap.
_ODD_SPACE = "\t\u00a0\u2000-\u200a\u202f\u205f\u3000"
_SPACES = re.compile(rf" *[{_ODD_SPACE}][ {_ODD_SPACE}]*| {{2,}}")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")

URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
BULLET = re.compile(r"^[-–•·*]\s+\S")
SEPARATOR_LINE = re.compile(r"^[-–—•·|_*=]+$")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
# Sentence-final punctuation, optionally followed by closing quotes/brackets.
_SENTENCE_END = re.compile(r"[.!?…؟。](?:[\"'”’»)\]]+)?$")
_QUESTION_END = re.compile(r"[!?؟](?:[\"'”’»)\]]+)?$")
_ARABIC_LEAD_BYTES = (b"\xd8", b"\xd9", b"\xda", b"\xdb")
_ASCII_LETTERS = string.ascii_letters.encode()


def normalise(text: str) -> str:
    """NFC text with \\n newlines, plain spaces and no invisible characters."""
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", _INVISIBLE.sub("", _NEWLINES.sub("\n", text)))
    return "\n".join(line.strip() for line in text.split("\n"))


def words(line: str) -> list[str]:
    return _WORD.findall(line)


@lru_cache(maxsize=8192)  # the same lines are measured by several steps
def word_count(line: str) -> int:
    return len(_WORD.findall(line))


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


@lru_cache(maxsize=8192)
def is_paragraph(line: str) -> bool:
    """A line that reads as running text rather than a heading or menu item."""
    if len(line) >= 160:
        return True
    if _QUESTION_END.search(line):
        # Headlines may end in "?" or "!", paragraphs are longer.
        return word_count(line) >= 14
    return ends_sentence(line) and word_count(line) >= 6


def arabic_share(text: str) -> float:
    """Share of Arabic-script letters among Arabic and basic Latin letters.

    Counted on the UTF-8 bytes, where both are cheap to count: every
    character of the Arabic block starts with a byte 0xD8-0xDB.
    """
    if text.isascii():
        return 0.0
    data = text.encode("utf-8")
    arabic = sum(data.count(lead) for lead in _ARABIC_LEAD_BYTES)
    latin = len(data) - len(data.translate(None, _ASCII_LETTERS))
    total = arabic + latin
    return arabic / total if total else 0.0


def is_arabic_script(text: str) -> bool:
    return arabic_share(text) > 0.5


def shorten(text: str, limit: int = 90) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, "…" when cut."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–—-") + "…"


# --- joining hard-wrapped lines -------------------------------------------

_MIN_WRAPPED = 40
_MAX_WRAP_WIDTH = 100


def logical_lines(text: str) -> list[str]:
    """Non-blank lines, with hard-wrapped paragraphs joined back into one line each."""
    raw = text.split("\n")
    width = _wrap_width(raw)
    lines: list[str] = []
    previous_blank = True
    for line in raw:
        if not line:
            previous_blank = True
            continue
        if width and not previous_blank and lines and _continues(lines[-1], line, width):
            lines[-1] = _join(lines[-1], line)
        else:
            lines.append(line)
        previous_blank = False
    return lines


def _wrap_width(raw: list[str]) -> int:
    """The column the dump was hard-wrapped at, or 0 when lines were not wrapped.

    Wrapped dumps have many lines just under one width and few longer lines;
    unwrapped dumps (one line per paragraph) have many long lines.
    """
    # Wrapped dumps separate their paragraphs with blank lines; without any,
    # each line is a paragraph (or menu item, or list entry) of its own.
    if not _has_inner_blank_line(raw):
        return 0
    lengths = [len(line) for line in raw if line]
    candidates = [n for n in lengths if _MIN_WRAPPED <= n <= _MAX_WRAP_WIDTH]
    if len(candidates) < 3:
        return 0
    width = max(candidates)
    near = sum(1 for n in candidates if n >= width - 15)
    longer = sum(1 for n in lengths if n > _MAX_WRAP_WIDTH)
    return width if near >= 3 and near > longer else 0


def _has_inner_blank_line(raw: list[str]) -> bool:
    seen_text = False
    for i, line in enumerate(raw):
        if line:
            seen_text = True
        elif seen_text and any(raw[i + 1 :]):
            return True
    return False


def _continues(previous: str, line: str, width: int) -> bool:
    if is_structural(line) or URL_LINE.match(previous) or date_line(line):
        return False
    first_word = line.split(" ", 1)[0]
    # A wrapping tool breaks a line only when the next word does not fit;
    # if it would have fit, the break was made on purpose.
    if len(previous) + 1 + len(first_word) > width:
        return True
    return line[0].islower() and len(previous) >= width // 2


def _join(previous: str, line: str) -> str:
    if previous.endswith("-") and len(previous) > 1 and previous[-2].isalpha():
        return previous + line  # "conflict-" + "affected"
    return previous + " " + line


# Lines that always start something new, even in a wrapped paragraph.
_STRUCTURAL = re.compile(
    r"""^(?:
        [-–•·*]\s | https?:// | www\. |
        (?:by|written\ by|date|published|posted)\s*: |
        for\ (?:more|further)\ information |
        related\ (?:documents|links) |
        (?:tel|phone|mobile|e-?mail)\b |
        بقلم | للمزيد | لمزيد
    )""",
    re.I | re.X,
)


def is_structural(line: str) -> bool:
    return bool(SEPARATOR_LINE.match(line) or _STRUCTURAL.match(line))
