"""Find where the site's navigation chrome ends.

Crawled dumps start with the site menu flattened into lines. Whatever the
site variant or language, the menu has the same shape: lone dashes, short
items repeated twice (link text + its tooltip), "- item" bullets, and section
blurbs glued to their heading ("Our WorkAs the leading..."). The chrome ends
after the last such line before the first real paragraph; everything in
between is the article head (header words, title, byline, date).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import text

_MAX_MENU_WORDS = 6
_MAX_BULLET_WORDS = 6
# "WHO WE AREThe ...": an upper-case heading glued to the blurb's first word.
_CAPS_GLUED = re.compile(r"^[A-Z][A-Z&'’ -]{3,}[A-Z](?=[A-Z][a-z])")


def chrome_end(lines: list[str], is_meta: Callable[[str], bool] | None = None) -> int:
    """Index of the first line after the navigation chrome (0 when there is none).

    ``is_meta`` (a predicate) marks byline/date lines, which are never menu items
    even when they look like bullets ("• Name | Role").
    """
    last_menu = -1
    for i, line in enumerate(lines):
        if is_meta is not None and is_meta(line):
            continue
        if is_glued_blurb(lines, i):
            last_menu = i
            continue
        if text.is_paragraph(line) and not _followed_by_menu(lines, i):
            break
        if _is_menu_line(lines, i):
            last_menu = i
    return last_menu + 1


def is_glued_blurb(lines: list[str], i: int) -> bool:
    line = lines[i]
    if _CAPS_GLUED.match(line):
        return True
    if i == 0:
        return False
    heading = lines[i - 1]
    if not heading or text.word_count(heading) > _MAX_MENU_WORDS or len(line) <= len(heading) + 10:
        return False
    # The blurb repeats its heading with no space after it: "عملنا" + "عملنابصفتها".
    return line[: len(heading)].lower() == heading.lower() and not line[len(heading)].isspace()


def _is_menu_line(lines: list[str], i: int) -> bool:
    line = lines[i]
    if text.SEPARATOR_LINE.match(line):
        return True
    if text.BULLET.match(line):
        return text.word_count(line) <= _MAX_BULLET_WORDS and not text.ends_sentence(line)
    if text.word_count(line) > _MAX_MENU_WORDS or text.ends_sentence(line):
        return False
    return _same(line, lines, i - 1) or _same(line, lines, i + 1) or _heads_blurb(lines, i)


def _heads_blurb(lines: list[str], i: int) -> bool:
    return i + 1 < len(lines) and is_glued_blurb(lines, i + 1)


def _same(line: str, lines: list[str], j: int) -> bool:
    return 0 <= j < len(lines) and lines[j].lower() == line.lower()


def _followed_by_menu(lines: list[str], i: int) -> bool:
    """A long line followed by a lone dash or a repeated item is a blurb inside the menu."""
    if i + 1 >= len(lines):
        return False
    nxt = lines[i + 1]
    if text.SEPARATOR_LINE.match(nxt):
        return True
    return text.word_count(nxt) <= _MAX_MENU_WORDS and _same(nxt, lines, i + 2)
