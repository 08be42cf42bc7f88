"""Text clean-up and line shapes shared by the parsing steps."""

from __future__ import annotations

import re
import unicodedata

from .dates import date_line

# Invisible characters crawlers leave behind. ZWNJ/ZWJ are kept: they carry
# meaning in Kurdish and Persian spelling.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u00ad")
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")

URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
BULLET = re.compile(r"^[-–•·*]\s+\S")
SEPARATOR_LINE = re.compile(r"^[-–—•·|_*=]+$")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
# Sentence-final punctuation, optionally followed by closing quotes/brackets.
_SENTENCE_END = re.compile(r"[.!?…؟。](?:[\"'”’»)\]]+)?$")
_QUESTION_END = re.compile(r"[!?؟](?:[\"'”’»)\]]+)?$")
_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u0671-\u06d3\u06d5\u06fa-\u06fc\u0750-\u077f]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")


def normalise(text: str) -> str:
    """NFC text with \\n newlines, plain spaces and no invisible characters."""
    text = unicodedata.normalize("NFC", text)
    text = _NEWLINES.sub("\n", text).translate(_INVISIBLE)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def words(line: str) -> list[str]:
    return _WORD.findall(line)


def word_count(line: str) -> int:
    return len(_WORD.findall(line))


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


def is_paragraph(line: str) -> bool:
    """A line that reads as running text rather than a heading or menu item."""
    if len(line) >= 160:
        return True
    if _QUESTION_END.search(line):
        # Headlines may end in "?" or "!", paragraphs are longer.
        return word_count(line) >= 14
    return ends_sentence(line) and word_count(line) >= 6


def arabic_share(text: str) -> float:
    """Share of Arabic-script letters among Arabic and Latin letters."""
    arabic = len(_ARABIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
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
